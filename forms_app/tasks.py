"""django-q2 entry points of forms_app: thin, and safe to run twice."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from . import services
from .sms import send_sms


def enqueue_resume_link(language, resume_url, email=None, mobile=None):
    async_task(
        "forms_app.tasks.send_resume_link", language, resume_url, email, mobile, group="forms_app"
    )


def send_resume_link(language, resume_url, email=None, mobile=None):
    with translation.override(language):
        text = _("Continue your application: %(url)s") % {"url": resume_url}
        if email:
            send_mail(_("Your saved application"), text, settings.DEFAULT_FROM_EMAIL, [email])
        if mobile:
            send_sms(mobile, text)


def purge_expired_drafts() -> int:
    return services.purge_expired_drafts()
