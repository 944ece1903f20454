"""What the variables share: money in qəpiks, the 12 months before the application, and date
arithmetic on whole arrays of dates."""

import numpy
from openfisca_core.periods import DateUnit, Period
from openfisca_core.variables import Variable

# "The last 12 months" of the law: the whole calendar months before the month of applying.
MONTHS_COUNTED = 12


class MoneyVariable(Variable):
    """An amount in qəpiks (1 AZN = 100 qəpik), as a 64-bit integer: exact to the qəpik at any
    amount. (OpenFisca's own int is 32-bit and its float 32-bit, which loses qəpiks above about
    160,000 AZN.)"""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # OpenFisca reads a variable's attributes from its own class only, not from a base.
        cls.value_type = int
        cls.unit = "qəpik"

    def __init__(self, baseline_variable=None):
        super().__init__(baseline_variable)
        self.dtype = numpy.int64


def qepiks(azn) -> numpy.ndarray | int:
    """A parameter's amount in AZN as whole qəpiks."""
    return numpy.round(numpy.asarray(azn, dtype=numpy.float64) * 100).astype(numpy.int64)


def twelve_months_before(period):
    """The 12 whole months before the month of `period`, as one OpenFisca period."""
    start = period.first_month.start.offset(-MONTHS_COUNTED, DateUnit.MONTH)
    return Period((DateUnit.MONTH, start, MONTHS_COUNTED))


def _parts(days: numpy.ndarray):
    days = days.astype("datetime64[D]")
    years = days.astype("datetime64[Y]").astype(numpy.int64) + 1970
    months = days.astype("datetime64[M]").astype(numpy.int64) % 12 + 1
    day_of_month = (days - days.astype("datetime64[M]")).astype(numpy.int64) + 1
    return years, months, day_of_month


def full_years_between(start: numpy.ndarray, end: numpy.ndarray) -> numpy.ndarray:
    """Whole years from `start` to `end` (a person's age on a day), date by date."""
    y1, m1, d1 = _parts(start)
    y2, m2, d2 = _parts(end)
    return (y2 * 10000 + m2 * 100 + d2 - (y1 * 10000 + m1 * 100 + d1)) // 10000


def add_months(days: numpy.ndarray, months: int) -> numpy.ndarray:
    """The same day `months` later, or the month's last day where it is shorter (31 Jan + 1)."""
    days = days.astype("datetime64[D]")
    month = days.astype("datetime64[M]")
    target = month + months
    same_day = target.astype("datetime64[D]") + (days - month.astype("datetime64[D]"))
    last_day = (target + 1).astype("datetime64[D]") - numpy.timedelta64(1, "D")
    return numpy.minimum(same_day, last_day)
