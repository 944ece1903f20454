"""The stretch of time the registries are asked about: the 12 whole calendar months before the
month of the application (the law's "last 12 months"), and the application's day."""

import calendar
from dataclasses import dataclass
from datetime import date

MONTHS_COUNTED = 12


class UnexpectedAnswer(ValueError):
    """A registry answered, but not in the shape its contract promises."""


@dataclass(frozen=True)
class Window:
    """The 12 whole calendar months before the month of the application, and its day."""

    as_of: date
    months: tuple[tuple[int, int], ...]

    @classmethod
    def before(cls, as_of: date) -> "Window":
        months, year, month = [], as_of.year, as_of.month
        for _ in range(MONTHS_COUNTED):
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
            months.append((year, month))
        return cls(as_of, tuple(reversed(months)))

    @property
    def start(self) -> date:
        return date(*self.months[0], 1)

    @property
    def month_keys(self) -> list[str]:
        """The window's months as "YYYY-MM", oldest first."""
        return [f"{year:04d}-{month:02d}" for year, month in self.months]

    def has(self, month: str) -> bool:
        """Whether a "YYYY-MM" month is one of the window's."""
        try:
            year, number = (int(part) for part in month.split("-"))
        except (AttributeError, ValueError) as error:
            raise UnexpectedAnswer(f"not a month: {month!r}") from error
        return (year, number) in self.months

    def months_within(self, start: date, end: date | None) -> list[str]:
        """The window's months ("YYYY-MM") a period touches: a month with any day counts whole,
        as monthly pay does."""
        touched = []
        for key, (year, month) in zip(self.month_keys, self.months, strict=True):
            first = date(year, month, 1)
            last = date(year, month, calendar.monthrange(year, month)[1])
            if start <= last and (end is None or end >= first):
                touched.append(key)
        return touched

    def holds(self, event: date) -> bool:
        """Whether an event falls in the window or in the month of the application so far."""
        return self.start <= event <= self.as_of
