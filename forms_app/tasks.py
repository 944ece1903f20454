"""django-q2 entry points of forms_app: thin, and safe to run twice."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from . import selectors, services
from .presenters import submission_rows
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


def send_submission_copy(submission_id: int):
    """Email the answers, labelled as in the submitted form version, to the form's addresses."""
    submission = selectors.get_submission_with_form(submission_id)
    recipients = [
        a.strip() for a in submission.form_version.form.copy_to_emails.split(",") if a.strip()
    ]
    with translation.override(submission.language):
        lines = [f"{label}: {value}" for label, value in submission_rows(submission)]
    send_mail(
        subject=f"{submission.reference}: {submission.service.title}",
        message="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
    )
