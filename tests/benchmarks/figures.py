"""Printing the benchmarks' figures: one labelled line each, easy to grep and to paste."""

import statistics
import time


def percentile(values, q: int) -> float:
    """The q-th percentile (1–99), interpolated between the nearest measurements."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def timed(func, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return time.perf_counter() - start, result


def heading(text: str):
    print(f"\n== {text}")


def line(label: str, **figures):
    values = "  ".join(f"{name.replace('_', '-')}={_format(v)}" for name, v in figures.items())
    print(f"{label:<24}{values}")


def _format(value) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if value < 10 else f"{value:.1f}"
    return str(value)
