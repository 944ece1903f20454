import json
import uuid
from functools import cached_property

from django import forms
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import RegexValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Page,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from .actions import action_choices
from .blocks import ServiceInfoBlock
from .presenters import preview_context
from .schema.blocks import DeclarationSchemaBlock
from .schema.definition import FormDefinition


class ActionCheckboxes(forms.CheckboxSelectMultiple):
    """Ticked boxes for the `actions` JSONField: the form field reads and renders JSON text,
    the boxes a list. (A plain CheckboxSelectMultiple showed every box unticked, so publishing
    an edit dropped the form's actions, and an invalid form crashed the editor.)"""

    def value_from_datadict(self, data, files, name):
        return json.dumps(super().value_from_datadict(data, files, name))

    def format_value(self, value):
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                value = []
        return super().format_value(value)


class DeclarationForm(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, models.Model
):
    """An application-declaration form as editors define it. Publishing freezes a
    DeclarationFormVersion; citizens always fill in a frozen version."""

    title = models.CharField(_("title"), max_length=255, help_text=_("For editors only."))
    schema = StreamField(DeclarationSchemaBlock, verbose_name=_("steps"))
    actions = models.JSONField(
        _("on submission"),
        default=list,
        blank=True,
        help_text=_("What happens to each submission, besides being stored."),
    )
    copy_to_emails = models.CharField(
        _("email a copy to"),
        max_length=500,
        blank=True,
        help_text=_("Comma-separated addresses, used by the “Email a copy” action."),
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="declaration_form")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="declaration_form",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("schema"),
        MultiFieldPanel(
            [
                FieldPanel(
                    "actions",
                    widget=ActionCheckboxes(choices=action_choices),
                ),
                FieldPanel("copy_to_emails"),
            ],
            heading=_("Submission actions"),
        ),
    ]

    class Meta:
        verbose_name = _("declaration form")
        verbose_name_plural = _("declaration forms")
        permissions = [("submit_on_behalf", "Can submit declarations on a citizen's behalf")]

    def __str__(self):
        return self.title

    @property
    def revisions(self):
        return self._revisions

    @cached_property
    def definition(self) -> FormDefinition:
        return FormDefinition.from_stream(self.schema.get_prep_value())

    def get_preview_template(self, request, mode_name):
        return "forms_app/preview.html"

    def get_preview_context(self, request, mode_name):
        language = request.GET.get("lang") or translation.get_language()
        return {
            **super().get_preview_context(request, mode_name),
            **preview_context(self, language),
        }


class DeclarationFormVersion(models.Model):
    """A published form, frozen: submissions answer exactly this schema forever."""

    form = models.ForeignKey(DeclarationForm, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    schema = models.JSONField(_("schema"))
    content_hash = models.CharField(_("content hash"), max_length=64)
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    # Wagtail's publish signal names the revision, not who approved it: the moderator is in the
    # form's history (log entries); this is who wrote the published content.
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author of the published revision"),
    )

    class Meta:
        verbose_name = _("declaration form version")
        verbose_name_plural = _("declaration form versions")
        ordering = ["form", "-number"]
        get_latest_by = "number"
        constraints = [
            models.UniqueConstraint(fields=["form", "number"], name="unique_form_version_number")
        ]

    def __str__(self):
        return f"{self.form.title} v{self.number}"

    @cached_property
    def definition(self) -> FormDefinition:
        return frozen_definition(self)


# A version never changes once frozen, so its parsed definition is kept for the life of the
# process (parsing a schema took a good part of every submission). Keyed by the content hash
# too: a test database reuses ids after a rollback.
_definitions: dict[tuple[int, str], FormDefinition] = {}
MAX_CACHED_DEFINITIONS = 64


def frozen_definition(version: DeclarationFormVersion) -> FormDefinition:
    key = (version.pk, version.content_hash)
    definition = _definitions.get(key) if version.pk else None
    if definition is None:
        definition = FormDefinition.from_stream(version.schema)
        if version.pk:
            if len(_definitions) >= MAX_CACHED_DEFINITIONS:
                _definitions.clear()
            _definitions[key] = definition
    return definition


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
    declaration_form = models.ForeignKey(
        DeclarationForm,
        verbose_name=_("declaration form"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Citizens fill in its latest published version."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("declaration_form"),
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

    # Routes stay thin: the views live in views.py.
    @path("")
    def service(self, request):
        return views.service(request, self)

    @path("start/")
    def start(self, request):
        return views.start(request, self)

    @path("step/<str:step_name>/")
    def step(self, request, step_name):
        return views.step(request, self, step_name)

    @path("check/")
    def check_answers(self, request):
        return views.check_answers(request, self)

    @path("keepalive/")
    def keepalive(self, request):
        return views.keepalive(request, self)

    @path("save/")
    def save_for_later(self, request):
        return views.save_for_later(request, self)

    @path("resume/<str:token>/")
    def resume(self, request, token):
        return views.resume(request, self, token)

    @path("status/")
    def status(self, request):
        return views.status(request, self)

    @path("confirmation/<uuid:public_id>/")
    def confirmation(self, request, public_id):
        return views.confirmation(request, self, public_id)

    @path("receipt/<uuid:public_id>/")
    def receipt(self, request, public_id):
        return views.receipt(request, self, public_id)

    @path("verify/<str:reference>/<str:digest>/")
    def verify(self, request, reference, digest):
        return views.verify(request, self, reference, digest)

    @path("document/<uuid:public_id>/<str:kind>/")
    def document(self, request, public_id, kind):
        return views.issued_document(request, self, public_id, kind)

    @path("tools/<str:name>/")
    def tool(self, request, name):
        return views.service_tool(request, self, name)

    def current_form_version(self):
        return selectors.current_form_version(self)


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


class SubmissionLock(models.Model):
    """A row per lock key of the submission guards (e.g. a service and an applicant's FİN),
    locked while a submission with that key is checked and written (see guards.py)."""

    key = models.CharField(max_length=200, unique=True)

    def __str__(self):
        return self.key


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
    form_version = models.ForeignKey(
        DeclarationFormVersion,
        on_delete=models.PROTECT,
        null=True,
        related_name="submissions",
        verbose_name=_("form version"),
    )
    answers = models.JSONField(_("answers"))
    branch = models.CharField(_("post-office branch"), max_length=100, blank=True)
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("post-office operator"),
    )
    digest = models.CharField(
        _("digest"), max_length=64, help_text=_("SHA-256 of the answers, printed on the receipt.")
    )
    idempotency_key = models.CharField(max_length=128, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True, db_index=True)

    # Wagtail's reference index ("usage") would get a row per submission, written in every
    # submit: a submission's references (its service page) are not what an editor looks up.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
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
        return " ".join(str(a[k]) for k in ("last_name", "first_name") if a.get(k))


class Draft(models.Model):
    """A declaration being filled in: saved after every step, resumable by a secret link until
    it expires. Only a hash of the secret is stored."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, unique=True)
    service = models.ForeignKey(EServicePage, on_delete=models.CASCADE, related_name="drafts")
    form_version = models.ForeignKey(DeclarationFormVersion, on_delete=models.PROTECT)
    channel = models.CharField(max_length=16, choices=Submission.Channel.choices)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    branch = models.CharField(max_length=100, blank=True)
    answers = models.JSONField(default=dict)
    completed_steps = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    expires_at = models.DateTimeField(db_index=True)
    submission = models.OneToOneField(
        Submission, on_delete=models.SET_NULL, null=True, blank=True, related_name="draft"
    )

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")

    def __str__(self):
        return f"{self.service.reference_prefix} draft {self.public_id}"


class UploadedDocument(models.Model):
    """A file attached to a declaration. Answers refer to it by public id; it follows the draft
    into the submission, and goes with the draft if the draft expires."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    draft = models.ForeignKey(
        Draft, on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    submission = models.ForeignKey(
        Submission, on_delete=models.PROTECT, null=True, blank=True, related_name="documents"
    )
    file = models.FileField(upload_to="declarations/%Y/%m/")
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("uploaded document")
        verbose_name_plural = _("uploaded documents")

    def __str__(self):
        return self.original_name

    def as_answer(self) -> dict:
        return {
            "id": str(self.public_id),
            "name": self.original_name,
            "size": self.size,
            "sha256": self.sha256,
        }


class ApiKey(models.Model):
    """An integrator's key to the JSON API (the mobile app, the e-government portal): named,
    with its own limit, revocable. Only a hash of the key is stored; the key itself is shown
    once, when it is issued."""

    name = models.CharField(_("name"), max_length=100, help_text=_("Who uses it, e.g. mobile app"))
    prefix = models.CharField(
        _("key starts with"), max_length=16, editable=False, help_text=_("To tell keys apart.")
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    submissions_per_minute = models.PositiveIntegerField(
        _("submissions per minute"),
        default=120,
        help_text=_("Accepted declarations a minute; refused requests don't count."),
    )
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick to revoke the key: it stops working at once."),
    )
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class OperatorProfile(models.Model):
    """The post-office branch an operator works at, recorded on every assisted submission."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="operator_profile"
    )
    branch = models.CharField(
        _("post-office branch"), max_length=100, help_text=_("e.g. AZ1000 Bakı, Nəsimi ŞPM")
    )

    class Meta:
        verbose_name = _("post-office operator")
        verbose_name_plural = _("post-office operators")

    def __str__(self):
        return f"{self.user} ({self.branch})"


def _documents_storage():
    from django.core.files.storage import storages

    return storages["documents"]


class IssuedDocument(models.Model):
    """A PDF issued once for a submission (its receipt; the decision letter casework issues),
    stored with its SHA-256 and a short code anyone holding it can check at /verify/."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("Receipt")
        LETTER = "letter", _("Decision letter")

    submission = models.ForeignKey(
        Submission, on_delete=models.PROTECT, related_name="issued_documents"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    file = models.FileField(storage=_documents_storage, upload_to="%Y/%m/")
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    code = models.CharField(_("verification code"), max_length=16, unique=True)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    regenerated_at = models.DateTimeField(_("regenerated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        constraints = [
            models.UniqueConstraint(fields=["submission", "kind"], name="one_document_of_a_kind")
        ]

    def __str__(self):
        return f"{self.submission.reference}: {self.get_kind_display()}"

    @property
    def filename(self) -> str:
        return f"{self.submission.reference}-{self.kind}.pdf"


# EServicePage's routes call the views, and its current_form_version the selectors; both use the
# models above, so they are imported here, once, after them.
from . import selectors, views  # noqa: E402
