import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import ServiceInfoBlock


class EServicePage(RoutablePageMixin, Page):
    """An e-service citizens apply for: its guidance, its declaration form and its submissions."""

    intro = RichTextField(_("introduction"), blank=True)
    body = StreamField(ServiceInfoBlock(), blank=True, verbose_name=_("who may apply and how"))
    reference_prefix = models.CharField(
        _("reference prefix"),
        max_length=8,
        validators=[RegexValidator(r"^[A-Z]{2,8}$", _("2–8 capital Latin letters."))],
        help_text=_("Starts every reference number of this service, e.g. UDSY-2026-000123."),
    )
    accepting_applications = models.BooleanField(_("accepting applications"), default=True)
    closed_message = RichTextField(
        _("message while closed"), blank=True, help_text=_("Shown instead of the form.")
    )
    next_steps = RichTextField(
        _("what happens next"),
        blank=True,
        help_text=_("Shown on the confirmation page and printed on the receipt."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("reference_prefix"),
                FieldPanel("accepting_applications"),
                FieldPanel("closed_message"),
                FieldPanel("next_steps"),
            ],
            heading=_("Applications"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["pages.ServiceIndexPage", "pages.HomePage"]
    subpage_types = []
    template = "forms_app/eservice_page.html"

    class Meta:
        verbose_name = _("e-service page")

    # Routes stay thin: the views live in views.py (imported late, as they use this model).
    @path("")
    def declaration(self, request):
        from .views import declaration

        return declaration(request, self)

    @path("confirmation/<uuid:public_id>/")
    def confirmation(self, request, public_id):
        from .views import confirmation

        return confirmation(request, self, public_id)

    @path("receipt/<uuid:public_id>/")
    def receipt(self, request, public_id):
        from .views import receipt

        return receipt(request, self, public_id)

    @path("verify/<str:reference>/<str:digest>/")
    def verify(self, request, reference, digest):
        from .views import verify

        return verify(request, self, reference, digest)


class ReferenceSequence(models.Model):
    """The last reference number given per prefix and year, incremented by each submit."""

    prefix = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="unique_reference_sequence")
        ]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last_number}"


class Submission(models.Model):
    """A submitted declaration: the answers as given, never edited afterwards."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        POST_OFFICE = "post_office", _("At a post office")
        API = "api", _("Mobile app or e-government portal")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(
        EServicePage,
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("service"),
    )
    reference = models.CharField(_("reference number"), max_length=32, unique=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    answers = models.JSONField(_("answers"))
    digest = models.CharField(
        _("digest"), max_length=64, help_text=_("SHA-256 of the answers, printed on the receipt.")
    )
    idempotency_key = models.CharField(max_length=128, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("submission")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="unique_submission_idempotency_key",
            )
        ]

    def __str__(self):
        return self.reference

    @property
    def applicant_name(self) -> str:
        a = self.answers
        return " ".join(p for p in (a.get("last_name"), a.get("first_name")) if p)
