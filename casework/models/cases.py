"""A case: one declaration on its way to a decision."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forms_app.models import Submission


class Case(models.Model):
    """One declaration on its way to a decision. Its status changes only through services."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        # A required registry did not answer: asked again by itself (casework.pipeline).
        WAITING = "waiting", _("Waiting for a registry")
        ENRICHED = "enriched", _("Registry data collected")
        FLAGGED = "flagged", _("Waiting for a caseworker")
        DECIDED = "decided", _("Decided")
        CLOSED = "closed", _("Closed")

    # Which status may follow which; anything else is refused by services.transition().
    TRANSITIONS = {
        Status.RECEIVED: {Status.ENRICHED, Status.FLAGGED, Status.WAITING},
        Status.WAITING: {Status.ENRICHED, Status.FLAGGED},
        Status.ENRICHED: {Status.DECIDED, Status.FLAGGED},
        Status.FLAGGED: {Status.DECIDED},
        # Closed once the letter is issued and the applicant told.
        Status.DECIDED: {Status.CLOSED},
        Status.CLOSED: set(),
    }
    FINAL_STATUSES = {Status.DECIDED, Status.CLOSED}

    submission = models.OneToOneField(
        Submission, on_delete=models.PROTECT, related_name="case", verbose_name=_("submission")
    )
    reference = models.CharField(_("reference number"), max_length=32, unique=True)
    # Indexed with the due date (Meta.indexes), which serves a look-up by status alone too.
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed at"), auto_now_add=True)
    # When the task that takes the case on from its status reached the queue; empty while none
    # did (the broker failed just after the commit): the sweeper enqueues those within a minute,
    # and leaves alone a case whose task is merely waiting in the queue.
    enqueued_at = models.DateTimeField(_("task queued at"), null=True, blank=True)
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
    due_date = models.DateField(
        _("decision due"),
        null=True,
        db_index=True,
        help_text=_("15 working days after the day of submission."),
    )
    district = models.CharField(
        _("district"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("Where the applicant is registered (address registry)."),
    )
    waiting_for = models.JSONField(
        _("waiting for"),
        default=list,
        blank=True,
        help_text=_("The required registries that did not answer, while the case waits."),
    )
    registry_retry_at = models.DateTimeField(
        _("registries asked again at"), null=True, blank=True, db_index=True
    )
    registry_attempts = models.PositiveSmallIntegerField(_("registry attempts"), default=0)
    # Batch mode: a worker that took this received case into its batch, until then, so that
    # workers running at once take different cases.
    taken_until = models.DateTimeField(null=True, blank=True, editable=False)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="held_cases",
        verbose_name=_("caseworker"),
        help_text=_("Who has claimed the case; one at a time."),
    )
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)

    # Not in Wagtail's reference index ("usage"): a row per case, written in every submit, for
    # references (its caseworker) nobody looks up there.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-received_at"]
        permissions = [
            ("work_on_cases", "Can claim flagged cases and resolve them"),
            ("supervise_cases", "Can see every case, reassign, and approve reversals"),
        ]
        indexes = [
            # The open cases by deadline (the queue, the overdue, the SLA board): a few thousand
            # among millions of closed ones. The condition is FINAL_STATUSES, spelled out.
            models.Index(
                fields=["due_date"],
                condition=~models.Q(status__in=["closed", "decided"]),
                name="case_open_by_due_date",
            ),
            # Arrivals a day (the SLA board's last 30 days).
            models.Index(fields=["received_at"], name="case_received_at"),
            # The cases of one status by deadline: the caseworker's queue (the flagged ones) and
            # the status filter. Without it PostgreSQL walks the due-date index from the oldest
            # closed case, filtering millions of rows to find a page of the few open ones. It
            # replaces the status's own index (a look-up by status alone uses its first column).
            models.Index(fields=["status", "due_date"], name="case_status_due_date"),
            # Who holds the flagged cases (the SLA board's load): those few, where the holder's
            # own index also holds every case each caseworker ever decided.
            models.Index(
                fields=["holder"],
                condition=models.Q(status="flagged"),
                name="case_flagged_by_holder",
            ),
        ]

    def __str__(self):
        return self.reference


class CaseMember(models.Model):
    """A person declared in a case's family, by FİN: how a family's other applications and
    earlier decisions are found."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="members")
    pin = models.CharField(_("FİN"), max_length=7, db_index=True)
    is_applicant = models.BooleanField(_("applicant"), default=False)

    class Meta:
        verbose_name = _("case member")
        verbose_name_plural = _("case members")

    def __str__(self):
        return f"{self.case_id}: {self.pin}"


class CaseFlag(models.Model):
    """Why a case waits for a person: one row per reason, so the queue filters by kind and
    registry."""

    class Kind(models.TextChoices):
        REGISTRY_UNREACHABLE = "registry_unreachable", _("A required registry did not answer")
        MEMBER_DECEASED = "member_deceased", _("A declared member has died")
        MEMBER_UNKNOWN = "member_unknown", _("A member unknown to the civil registry")
        MEMBER_REGISTERED_ELSEWHERE = (
            "member_registered_elsewhere",
            _("A member registered at another address"),
        )
        SECOND_OPEN_APPLICATION = "second_open_application", _("Another open application")
        RULES = "rules", _("A rule needs judgement")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="flags")
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, db_index=True)
    registry = models.CharField(_("registry"), max_length=32, blank=True, db_index=True)
    pin = models.CharField(_("FİN"), max_length=7, blank=True)
    detail = models.TextField(_("detail"), blank=True)
    raised_at = models.DateTimeField(_("raised at"), auto_now_add=True)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")

    def __str__(self):
        return f"{self.case_id}: {self.kind}"
