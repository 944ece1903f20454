"""Charts drawn on the server as SVG (no browser, no JavaScript, no CDN).

The SLA board's chart is plain shapes drawn here: matplotlib took 110–180 ms for its 60 bars on
every view, more than the board's queries, on a page that must stay under 300 ms. (The public
statistics page, whose charts are cached, still draws with matplotlib.)
"""

import itertools
import math

from django.utils.html import format_html, format_html_join

# matplotlib's first colours, which this chart had when matplotlib drew it.
COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"]
WIDTH, HEIGHT = 900, 300
LEFT, RIGHT, TOP, BOTTOM = 60, 10, 50, 30  # room for the scale, the title and legend, the days
LEGEND_ITEM = 170


def daily_bars(days, series: dict[str, list[int]], *, title: str) -> str:
    """An SVG of one bar group a day: {label: [count a day]}."""
    largest = max((max(counts, default=0) for counts in series.values()), default=0)
    step = _scale_step(largest)
    top = step * max(1, math.ceil(largest / step))
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    bottom = TOP + plot_height
    slot = plot_width / max(1, len(days))
    bar = slot * 0.8 / max(1, len(series))

    def y(value) -> str:
        return f"{bottom - plot_height * value / top:.1f}"

    grid = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#ddd"/>'
        '<text x="{}" y="{}" text-anchor="end" dominant-baseline="middle">{}</text>',
        (
            (LEFT, y(v), WIDTH - RIGHT, y(v), LEFT - 6, y(v), f"{v:,}")
            for v in range(0, top + 1, step)
        ),
    )
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
        (
            (
                f"{LEFT + n * slot + slot * 0.1 + offset * bar:.1f}",
                y(count),
                f"{bar:.1f}",
                f"{plot_height * count / top:.1f}",
                COLOURS[offset % len(COLOURS)],
            )
            for offset, counts in enumerate(series.values())
            for n, count in enumerate(counts)
        ),
    )
    day_labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle">{}</text>',
        (
            (f"{LEFT + (n + 0.5) * slot:.1f}", bottom + 18, day.strftime("%d.%m"))
            for n, day in enumerate(days)
            if n % 3 == 0
        ),
    )
    legend = format_html_join(
        "",
        '<rect x="{}" y="32" width="12" height="12" fill="{}"/><text x="{}" y="42">{}</text>',
        (
            (x, COLOURS[n % len(COLOURS)], x + 18, label)
            for n, label in enumerate(series)
            for x in [WIDTH - RIGHT - LEGEND_ITEM * (len(series) - n)]
        ),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        'aria-label="{title}" font-family="sans-serif" font-size="12" fill="#333" '
        'style="width: 100%; max-width: {width}px">'
        '<text x="{middle}" y="20" text-anchor="middle" font-size="14">{title}</text>'
        "{grid}{bars}{day_labels}{legend}"
        '<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#333"/></svg>',
        width=WIDTH,
        height=HEIGHT,
        title=title,
        middle=WIDTH // 2,
        grid=grid,
        bars=bars,
        day_labels=day_labels,
        legend=legend,
        left=LEFT,
        right=WIDTH - RIGHT,
        bottom=bottom,
    )


def _scale_step(largest: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50 … that divides 0…largest into at most 5 steps."""
    step, factors = 1, itertools.cycle((2, 2.5, 2))
    while step * 5 < largest:
        step = round(step * next(factors))
    return step
