"""Working days on the Azerbaijani calendar: weekends, public holidays with the days they move,
and the days administrators enter."""

from datetime import date

import pytest
from django.utils import timezone

from casework.calendar import add_working_days, decision_due, working_days_between
from casework.models import CalendarDay

pytestmark = pytest.mark.django_db


def test_an_ordinary_fortnight():
    # Monday 2 November 2026 + 15 working days, across two weekends (and no holiday until 8 Nov
    # ... which is a Sunday: Victory Day, moved to Tuesday 10 November; 9 Nov is Flag Day).
    assert decision_due(date(2026, 11, 2)) == date(2026, 11, 25)


def test_novruz_and_ramadan_2026():
    # Novruz (20–24 March) and Ramadan Bayramı (20–21 March) overlap in 2026; the days they
    # fall on at the weekend move to 25, 26, 27 and 30 March: nothing from 20 to 30 March counts.
    assert add_working_days(date(2026, 3, 19), 1) == date(2026, 3, 31)
    assert working_days_between(date(2026, 3, 19), date(2026, 3, 31)) == 1


def test_gurban_bayrami_2026():
    # Qurban Bayramı on 27–28 May (with Independence Day on the 28th) and the day moved to 29 May.
    assert add_working_days(date(2026, 5, 26), 1) == date(2026, 6, 1)


def test_days_the_government_moves():
    # A Saturday made a working day, and a Monday made a day off.
    CalendarDay.objects.create(day=date(2026, 12, 5), kind="working_day", note="order 123")
    CalendarDay.objects.create(day=date(2026, 12, 7), kind="day_off", note="order 123")
    assert add_working_days(date(2026, 12, 4), 1) == date(2026, 12, 5)
    assert add_working_days(date(2026, 12, 5), 1) == date(2026, 12, 8)


def test_a_case_is_due_15_working_days_after_submission(registries, submit_scenario):
    case = submit_scenario("eligible")
    submitted = timezone.localdate(case.submission.submitted_at)  # the day in Baku
    assert case.due_date == decision_due(submitted)
    assert working_days_between(submitted, case.due_date) == 15


def test_a_day_entered_counts_for_the_next_due_date_at_once():
    """Due dates are kept per process: entering or removing a day forgets them."""
    assert decision_due(date(2026, 11, 2)) == date(2026, 11, 25)
    extra = CalendarDay.objects.create(day=date(2026, 11, 12), kind="day_off", note="order 7")
    assert decision_due(date(2026, 11, 2)) == date(2026, 11, 26)
    extra.delete()
    assert decision_due(date(2026, 11, 2)) == date(2026, 11, 25)
