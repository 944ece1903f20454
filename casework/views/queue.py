"""The caseworkers' queue: the flagged cases, the oldest deadline first, filtered by what flagged
them, the registry, the district and the days left; Supervisors see every case."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView

from forms_app.listing import LargeTableListingMixin

from .. import selectors
from ..calendar import WorkingCalendar, add_working_days, working_days_between
from ..models import Case, CaseFlag
from ..services.desk import can_supervise, days_left
from .permissions import queued_cases, visible_cases

DAYS_LEFT = [
    ("overdue", _("Overdue")),
    ("3", _("3 working days or fewer")),
    ("7", _("7 working days or fewer")),
    ("later", _("More than 7 working days")),
]
HOLDERS = [("mine", _("Mine")), ("unclaimed", _("Unclaimed")), ("others", _("Someone else's"))]


def _registries():
    from ..models import RegistrySource

    return list(RegistrySource.objects.values_list("code", "name_en"))


def _districts():
    return [(d, d) for d in selectors.districts()]


class CaseFilterSet(WagtailFilterSet):
    flag = ChoiceFilter(label=_("Flagged for"), choices=CaseFlag.Kind.choices, method="filter_flag")
    registry = ChoiceFilter(label=_("Registry"), choices=_registries, method="filter_registry")
    district = ChoiceFilter(label=_("District"), choices=_districts)
    days_left = ChoiceFilter(label=_("Days left"), choices=DAYS_LEFT, method="filter_days_left")
    holder = ChoiceFilter(label=_("Caseworker"), choices=HOLDERS, method="filter_holder")

    class Meta:
        model = Case
        fields = ["status", "flag", "registry", "district", "days_left", "holder"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_supervise(self.request.user):
            # A caseworker's queue holds flagged cases only: no status to choose.
            self.filters.pop("status")

    def filter_flag(self, queryset, name, value):
        flags = CaseFlag.objects.filter(case=OuterRef("pk"), kind=value)
        return queryset.filter(Exists(flags))

    def filter_registry(self, queryset, name, value):
        return queryset.filter(Exists(CaseFlag.objects.filter(case=OuterRef("pk"), registry=value)))

    def filter_days_left(self, queryset, name, value):
        # Open cases only: a decided case has no days left (and millions of them are past due).
        queryset = queryset.exclude(status__in=Case.FINAL_STATUSES)
        today = timezone.localdate()
        if value == "overdue":
            return queryset.filter(due_date__lt=today)
        if value == "later":
            return queryset.filter(due_date__gt=add_working_days(today, 7))
        return queryset.filter(
            due_date__gte=today, due_date__lte=add_working_days(today, int(value))
        )

    def filter_holder(self, queryset, name, value):
        user = self.request.user
        if value == "mine":
            return queryset.filter(holder=user)
        if value == "unclaimed":
            return queryset.filter(holder__isnull=True)
        return queryset.exclude(holder=user).exclude(holder__isnull=True)


class DaysLeftColumn(Column):
    cell_template_name = "casework/admin/cells/days_left.html"

    def get_value(self, instance):
        if instance.status in Case.FINAL_STATUSES:
            return None
        left = getattr(instance, "days_left", None)
        if left is None:
            left = days_left(instance)
        return None if left is None else {"days": abs(left), "overdue": left < 0}


class FlagsColumn(Column):
    def get_value(self, instance):
        return ", ".join(str(CaseFlag.Kind(f.kind).label) for f in instance.flags.all())


class CaseQueueView(LargeTableListingMixin, IndexView):
    """For a caseworker, the flagged cases (a search also finds those they decided); for a
    Supervisor, all. Found by reference or by a declared person's FİN; millions of cases are
    never counted in full."""

    default_ordering = "due_date"

    def get_base_queryset(self):
        user = self.request.user
        cases = visible_cases(user) if self.is_searching else queued_cases(user)
        return cases.select_related("holder").prefetch_related("flags")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return selectors.search_cases(queryset, self.search_query)

    @cached_property
    def overdue(self) -> int:
        cases = visible_cases(self.request.user).exclude(status__in=Case.FINAL_STATUSES)
        return cases.filter(due_date__lt=timezone.localdate()).count()

    def get_edit_url(self, instance):
        # A case is never edited: its row opens the case's page.
        return reverse("casework_case", args=[instance.pk])

    def get_list_more_buttons(self, instance):
        # The row's one button ("Edit") opened what its reference opens, and said it wrongly;
        # rendering a dropdown in each of 50 rows was also about a quarter of the page's time.
        return []

    def get_page_subtitle(self):
        if can_supervise(self.request.user):
            return _("All cases")
        return _("Flagged cases")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["overdue"] = self.overdue
        _count_days_left(context["object_list"])
        return context


def _count_days_left(cases):
    """Each open case's working days left, with one calendar query for the whole page."""
    cases = [c for c in cases if c.due_date and c.status not in Case.FINAL_STATUSES]
    if not cases:
        return
    today = timezone.localdate()
    days = [today, *(c.due_date for c in cases)]
    calendar = WorkingCalendar(min(days), max(days))
    for case in cases:
        case.days_left = working_days_between(today, case.due_date, calendar)
