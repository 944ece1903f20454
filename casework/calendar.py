"""Working days on the Azerbaijani calendar: Monday to Friday, less the public holidays of the
`holidays` package (country "AZ", with the days off it moves when a holiday falls on a weekend),
less the days off and plus the working days administrators enter (`CalendarDay`: the government
moves days every year).

A case's decision is due 15 working days (settings.CASEWORK["DECISION_WORKING_DAYS"]) after the
day of submission."""

import time
from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.conf import settings
from django.db import transaction

from .models import CalendarDay

SATURDAY = 5


@lru_cache(maxsize=16)
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("AZ", years=year))


def _entered(start: date, end: date) -> dict[date, str]:
    return dict(CalendarDay.objects.filter(day__range=(start, end)).values_list("day", "kind"))


class WorkingCalendar:
    """Answers for a stretch of days with one query for the days administrators entered."""

    def __init__(self, start: date, end: date):
        self.entered = _entered(start, end)

    def is_working_day(self, day: date) -> bool:
        kind = self.entered.get(day)
        if kind is not None:
            return kind == CalendarDay.Kind.WORKING_DAY
        return day.weekday() < SATURDAY and day not in _public_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The working day that is `days` working days after `start` (`start` itself not counted)."""
    # Generous bounds: even the longest holidays never take more than twice the days.
    calendar = WorkingCalendar(start, start + timedelta(days=days * 3 + 30))
    day, counted = start, 0
    while counted < days:
        day += timedelta(days=1)
        counted += calendar.is_working_day(day)
    return day


def working_days_between(start: date, end: date, calendar: WorkingCalendar | None = None) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is earlier.
    `calendar` (covering both days) saves its query when many are counted at once."""
    if end < start:
        return -working_days_between(end, start, calendar)
    calendar = calendar or WorkingCalendar(start, end)
    return sum(
        calendar.is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1)
    )


# Every submission needs its due date, and the days administrators enter change a few times a
# year: each process keeps the due date of each day of submission for
# CASEWORK["CALENDAR_CACHE_SECONDS"]. Entering, changing or removing a day forgets them in the
# process that did it (and once it commits); other processes see it within that time.
_due_dates: dict[tuple[date, int], tuple[float, date]] = {}
MAX_DUE_DATES = 1000


def decision_due(submitted: date) -> date:
    days = settings.CASEWORK["DECISION_WORKING_DAYS"]
    now = time.monotonic()
    kept = _due_dates.get((submitted, days))
    if kept is not None and kept[0] > now:
        return kept[1]
    due = add_working_days(submitted, days)
    if len(_due_dates) >= MAX_DUE_DATES:
        _due_dates.clear()
    _due_dates[submitted, days] = (now + settings.CASEWORK["CALENDAR_CACHE_SECONDS"], due)
    return due


def forget_due_dates():
    _due_dates.clear()


def calendar_changed(**kwargs):
    forget_due_dates()
    transaction.on_commit(forget_due_dates)
