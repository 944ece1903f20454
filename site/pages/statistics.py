"""The public statistics: figures from casework's selectors, cached, and their charts drawn on
the server as SVG with matplotlib (no JavaScript, nothing from another site). A page view costs
one cache read; the queries run at most once per STATISTICS["CACHE_SECONDS"]."""

import datetime
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from casework import statistics as selectors
from forms_app.models import Submission

CACHE_KEY = "pages:statistics:figures"


@dataclass(frozen=True)
class Day:
    date: datetime.date
    per_channel: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.per_channel.values())


@dataclass(frozen=True)
class Figures:
    days: list[Day]  # the last STATISTICS["DAYS"] days, oldest first, empty days included
    per_channel: dict[str, int]
    received: int
    decided: int
    decided_in_time: int  # on or before the due date (15 working days)
    granted: int
    refused: int
    flagged: int
    since: datetime.date | None  # the day the first application arrived
    computed_at: datetime.datetime

    @property
    def in_time_percent(self) -> int | None:
        """The share of decisions made within the deadline, in whole per cent (rounded down, so
        99.6 % never shows as 100 %)."""
        if not self.decided:
            return None
        return self.decided_in_time * 100 // self.decided

    @property
    def days_since_first(self) -> int:
        if self.since is None:
            return 0
        return (timezone.localdate() - self.since).days + 1

    @property
    def channels(self) -> list[tuple[str, str, int]]:
        """(channel, its name in the current language, applications) for every channel."""
        return [
            (value, str(label), self.per_channel.get(value, 0))
            for value, label in Submission.Channel.choices
        ]

    @property
    def table(self) -> list[tuple[datetime.date, list[int], int]]:
        """(day, applications per channel in the order of `channels`, total), newest first."""
        channels = [value for value, _label in Submission.Channel.choices]
        return [
            (day.date, [day.per_channel.get(c, 0) for c in channels], day.total)
            for day in reversed(self.days)
        ]


def get_figures() -> Figures:
    figures = cache.get(CACHE_KEY)
    if figures is None:
        figures = compute_figures()
        cache.set(CACHE_KEY, figures, settings.STATISTICS["CACHE_SECONDS"])
    return figures


def compute_figures() -> Figures:
    today = timezone.localdate()
    first_day = today - datetime.timedelta(days=settings.STATISTICS["DAYS"] - 1)
    counted = selectors.applications_per_day(first_day)
    days = [
        Day(day, counted.get(day, {}))
        for day in (
            first_day + datetime.timedelta(days=n) for n in range((today - first_day).days + 1)
        )
    ]
    first = selectors.first_received_at()
    totals = selectors.outcome_totals()
    return Figures(
        days=days,
        per_channel=selectors.applications_per_channel(),
        received=totals["received"],
        decided=totals["decided"],
        decided_in_time=totals["decided_in_time"],
        granted=totals["granted"],
        refused=totals["refused"],
        flagged=totals["flagged"],
        since=timezone.localtime(first).date() if first else None,
        computed_at=timezone.now(),
    )


def statistics_context() -> dict:
    return {"figures": get_figures()}


# Charts ------------------------------------------------------------------------------------------

CHANNEL_COLOURS = {"online": "#00507a", "post_office": "#f47738", "api": "#4c2c92"}
CHARTS = ("applications-per-day", "outcomes")


def chart_svg(name: str) -> bytes:
    """A chart in the current language, cached as long as the figures."""
    key = f"pages:statistics:chart:{name}:{get_language()}"
    svg = cache.get(key)
    if svg is None:
        draw = {"applications-per-day": _per_day_chart, "outcomes": _outcomes_chart}[name]
        svg = draw(get_figures())
        cache.set(key, svg, settings.STATISTICS["CACHE_SECONDS"])
    return svg


def _figure(width=9.6, height=4.2):
    # Imported here: matplotlib takes a while to load and only the charts need it.
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    matplotlib.rcParams.update(
        {
            "font.family": "DejaVu Sans",  # covers Azerbaijani and Cyrillic
            "font.size": 11,
            "svg.fonttype": "none",  # text stays text: selectable, and read by screen readers
            "svg.hashsalt": "e-muraciet",  # the same figures give the same file
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    return Figure(figsize=(width, height), layout="constrained")


def _svg(figure) -> bytes:
    output = io.BytesIO()
    figure.savefig(output, format="svg", metadata={"Date": None})
    return output.getvalue()


def _per_day_chart(figures: Figures) -> bytes:
    figure = _figure()
    axes = figure.subplots()
    labels = [date_format(day.date, "d.m") for day in figures.days]
    bottom = [0] * len(figures.days)
    for channel, name, _total in figures.channels:
        values = [day.per_channel.get(channel, 0) for day in figures.days]
        if not any(values):
            continue
        axes.bar(labels, values, bottom=bottom, label=name, color=CHANNEL_COLOURS.get(channel))
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axes.set_ylabel(_("Applications"))
    axes.set_title(_("Applications per day and channel"))
    axes.tick_params(axis="x", labelrotation=90, labelsize=8)
    axes.yaxis.get_major_locator().set_params(integer=True)
    if any(bottom):
        axes.legend(frameon=False)
    return _svg(figure)


def _outcomes_chart(figures: Figures) -> bytes:
    figure = _figure(height=3.4)
    axes = figure.subplots()
    rows = [
        (_("Received"), figures.received, "#00507a"),
        (_("Decided"), figures.decided, "#505a5f"),
        (_("Granted"), figures.granted, "#00703c"),
        (_("Refused"), figures.refused, "#b3261e"),
        (_("Waiting for a caseworker"), figures.flagged, "#f47738"),
    ]
    names = [name for name, _value, _colour in rows][::-1]
    values = [value for _name, value, _colour in rows][::-1]
    bars = axes.barh(names, values, color=[colour for *_rest, colour in rows][::-1])
    axes.bar_label(bars, padding=4)
    axes.set_title(_("Applications and decisions"))
    axes.xaxis.get_major_locator().set_params(integer=True)
    return _svg(figure)
