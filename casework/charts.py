"""Charts drawn on the server as SVG (matplotlib, no browser, no JavaScript, no CDN)."""

import io

import matplotlib

matplotlib.use("Agg")  # no display: draw into memory

from matplotlib.figure import Figure  # noqa: E402


def daily_bars(days, series: dict[str, list[int]], *, title: str) -> str:
    """An SVG of one bar group a day: {label: [count a day]}."""
    figure = Figure(figsize=(9, 3), dpi=100)
    axes = figure.subplots()
    width = 0.8 / max(1, len(series))
    positions = range(len(days))
    for offset, (label, counts) in enumerate(series.items()):
        axes.bar([p + offset * width for p in positions], counts, width=width, label=label)
    axes.set_xticks(list(positions)[::3], [day.strftime("%d.%m") for day in days][::3])
    axes.set_title(title)
    axes.legend()
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    out = io.StringIO()
    figure.savefig(out, format="svg")
    svg = out.getvalue()
    return svg[svg.index("<svg") :]
