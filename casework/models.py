from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forms_app.models import Submission


class Case(models.Model):
    """One declaration on its way to a decision. Its status changes only through services."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ENRICHED = "enriched", _("Registry data collected")
        FLAGGED = "flagged", _("Waiting for a caseworker")
        DECIDED = "decided", _("Decided")
        CLOSED = "closed", _("Closed")

    # Which status may follow which; anything else is refused by services.transition().
    TRANSITIONS = {
        Status.RECEIVED: {Status.ENRICHED, Status.FLAGGED},
        Status.ENRICHED: {Status.DECIDED, Status.FLAGGED},
        Status.FLAGGED: {Status.DECIDED},
        Status.DECIDED: {Status.CLOSED},
        Status.CLOSED: set(),
    }
    FINAL_STATUSES = {Status.DECIDED, Status.CLOSED}

    submission = models.OneToOneField(
        Submission, on_delete=models.PROTECT, related_name="case", verbose_name=_("submission")
    )
    reference = models.CharField(_("reference number"), max_length=32, unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed at"), auto_now_add=True)
    household = models.JSONField(
        _("household snapshot"),
        null=True,
        blank=True,
        help_text=_("What the registries say about the family, normalised."),
    )
    discrepancies = models.JSONField(
        _("discrepancies"),
        default=list,
        blank=True,
        help_text=_("Where the declaration and the registries disagree."),
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-received_at"]

    def __str__(self):
        return self.reference


class Decision(models.Model):
    """The outcome of a case, with the rule-set version and the trace that explain it."""

    class Outcome(models.TextChoices):
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")
        # Until the eligibility rules land, the walking skeleton records only that the case
        # went through the whole pipeline.
        PROVISIONAL = "provisional", _("Provisional (no eligibility rules yet)")

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    rule_set_version = models.CharField(_("rule-set version"), max_length=64)
    explanation = models.JSONField(_("explanation"), default=list)
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return f"{self.case.reference}: {self.get_outcome_display()}"


class AuditChainHead(models.Model):
    """One row holding the hash of the newest audit event; locked while an event is appended
    so the chain never forks under concurrent writers."""

    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self):
        return self.last_hash


class AuditEvent(models.Model):
    """An append-only, hash-chained record of everything that happened to a case."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="audit_events", null=True, blank=True
    )
    action = models.CharField(_("action"), max_length=64)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("actor"),
        help_text=_("Empty when the system acted."),
    )
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(_("data"), default=dict)
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["id"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.action}"


class RegistrySource(models.Model):
    """One agency registry as the gateway reaches it: editable in the admin, never in code."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name_az = models.CharField(_("name (az)"), max_length=200)
    name_ru = models.CharField(_("name (ru)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (en)"), max_length=200, blank=True)
    base_url = models.URLField(_("base URL"), help_text=_("e.g. https://gateway.gov.az/tax/v1"))
    api_key = models.CharField(_("API key"), max_length=200, blank=True)
    connect_timeout = models.FloatField(_("connect timeout (s)"), default=2.0)
    read_timeout = models.FloatField(_("read timeout (s)"), default=5.0)
    retries = models.PositiveSmallIntegerField(
        _("retries"), default=2, help_text=_("Extra attempts after a transient failure.")
    )
    backoff_seconds = models.FloatField(
        _("backoff (s)"), default=0.2, help_text=_("First wait before a retry; doubles each time.")
    )
    required = models.BooleanField(
        _("required for a decision"),
        default=True,
        help_text=_("When it stays unreachable, the case goes to a caseworker."),
    )
    enabled = models.BooleanField(_("enabled"), default=True)
    batch_size = models.PositiveSmallIntegerField(_("batch size"), default=100)
    # Circuit breaker: shared by every worker through the database.
    failure_threshold = models.PositiveSmallIntegerField(
        _("failures before the circuit opens"), default=5
    )
    open_seconds = models.PositiveIntegerField(_("seconds the circuit stays open"), default=30)
    consecutive_failures = models.PositiveIntegerField(default=0, editable=False)
    opened_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("registry")
        verbose_name_plural = _("registries")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code}: {self.name_az}"

    def name(self, language: str) -> str:
        return getattr(self, f"name_{language[:2]}", "") or self.name_az


class LookupOutcome(models.TextChoices):
    """How one call to a registry ended."""

    FOUND = "found", _("Found")
    NOT_FOUND = "not_found", _("Not known to the registry")
    ERROR = "error", _("Error")
    TIMEOUT = "timeout", _("Timed out")
    MALFORMED = "malformed", _("Malformed response")
    CIRCUIT_OPEN = "circuit_open", _("Not called: circuit open")


class RegistryLookup(models.Model):
    """One call to a registry for a case, stored whole so a decision can be replayed later
    without calling again."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="lookups", null=True, blank=True
    )
    registry = models.CharField(_("registry"), max_length=32, db_index=True)
    pin = models.CharField(_("FİN"), max_length=7, db_index=True)
    request = models.JSONField(_("request"), default=dict)
    response_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True)
    response = models.JSONField(_("response"), null=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=LookupOutcome.choices)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)
    latency_ms = models.PositiveIntegerField(_("latency (ms)"), default=0)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("registry lookup")
        verbose_name_plural = _("registry lookups")
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["registry", "requested_at"])]

    def __str__(self):
        return f"{self.registry} {self.pin}: {self.outcome}"
