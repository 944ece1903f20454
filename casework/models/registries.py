"""The registry catalogue and the stored look-ups."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import fields
from .cases import Case


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
    """One registry's answer about a case's family, stored whole so a decision can be replayed
    later without calling again: the call as it was sent (a batch call's URL and size, never the
    other families' PINs in it) and each person's part of the answer. One row per registry and
    case, however many people and calls it covers (rows from before 2026-12 cover one person)."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="lookups", null=True, blank=True
    )
    registry = models.CharField(_("registry"), max_length=32)
    request = fields.JSONField(_("request"), default=dict)
    pins = fields.JSONField(_("FİNs"), default=list)
    # {pin: {"outcome", "status", "body"}, and "request" for a person asked in a call of their
    # own, when it differs from the row's}: "status" is the person's own in a batch answer.
    answers = fields.JSONField(_("answers"), default=dict)
    # The look-up as a whole: found when every person's answer came (found or not known),
    # else how the first that did not come failed. Registry health counts these.
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
        return f"{self.registry} {', '.join(self.pins)}: {self.outcome}"

    def request_for(self, pin: str) -> dict:
        """The call that asked about this person."""
        return self.answers[pin].get("request", self.request)

    def outcome_for(self, pin: str) -> str:
        return self.answers[pin]["outcome"]
