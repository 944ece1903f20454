"""The load run's report: `report.md` (a table), `report.json` (everything, for comparing runs)
and `chart.png` (submissions accepted, cases decided or flagged, and cases closed over time),
rendered without a browser."""

import json
from pathlib import Path

from .options import Options


def fault_row(result) -> str:
    c = result.checks
    faults = "; ".join(_faults(result.options)) or "none"
    audit = "holds" if c["audit_holds"] else "BROKEN"
    return (
        f"| {faults} | {c['accepted']} | {c['lost']} | {c['duplicated']} | {c['not_final']} "
        f"| {c['not_closed']} | {c['decided_twice']} | {c['notices_twice']} "
        f"| {c['notices_pending']} | {c['server_errors']} | {audit} |"
    )


FAULT_HEADER = (
    "| faults | 2xx | lost | duplicated | not final | not closed | decided twice | notices twice "
    "| notices left to send | 5xx other than 503 | audit |\n" + "|---" * 11 + "|"
)


def _faults(options: dict) -> list[str]:
    known = {k: v for k, v in options.items() if k in Options.__dataclass_fields__}
    known.pop("out", None)
    known["pg_dir"] = Path(known["pg_dir"])
    known["latency_ms"] = tuple(known["latency_ms"])
    return Options(**known).faults()


def markdown(result) -> str:
    f, o = result.figures, result.options
    cpu = f["cpu_seconds_per_case"]
    sent = f["notices_sent"]
    phases = ", ".join(f"{k} {v}" for k, v in f.get("phases_seconds", {}).items())
    mode = "batch" if o["batch"] else "per case"
    lines = [
        f"# Load run: {f['declarations']} declarations",
        "",
        f"{o['clients']} clients, {o['web_servers']} × gunicorn {o['web_workers']} workers, "
        f"{o['clusters']} × q2 cluster {o['q_workers']} workers ({mode}, {o['broker']} broker), "
        f"registry latency {o['latency_ms'][0]}–{o['latency_ms'][1]} ms; {f['cores']} cores, "
        f"load average at the end {' / '.join(map(str, f['load_average']))}.",
        "",
        "| figure | value |",
        "|---|---|",
        f"| declarations accepted (2xx) | {f['accepted']} of {f['declarations']} |",
        f"| submitting took | {f['submit_seconds']} s |",
        f"| submissions/s accepted | {f['submissions_per_s']} |",
        f"| one submission inside gunicorn p50 / p95 | {f['server_ms_p50']} / "
        f"{f['server_ms_p95']} ms |",
        f"| first submission → last case decided or flagged | {f['end_to_end_seconds']} s |",
        f"| cases decided or flagged per second | {f['cases_final_per_s']} |",
        f"| submission → decision p50 / p95 / max | {f['latency_p50_s']} / "
        f"{f['latency_p95_s']} / {f['latency_max_s']} s |",
        f"| first submission → last case closed, letter and notices out | "
        f"{f['closed_seconds']} s |",
        f"| cases closed per second | {f['cases_closed_per_s']} ({f['closed']} closed) |",
        f"| submission → closed p50 / p95 / max | {f['closed_latency_p50_s']} / "
        f"{f['closed_latency_p95_s']} / {f['closed_latency_max_s']} s |",
        f"| CPU s per case: web / worker / mocks / database | {cpu.get('web')} / "
        f"{cpu.get('worker')} / {cpu.get('mocks')} / {cpu.get('database')} |",
        f"| CPU s per case: the load run's clients | {cpu.get('clients')} |",
        f"| database bytes per case | {f['db_bytes_per_case']:,} |",
        f"| outcomes | {', '.join(f'{k} {v}' for k, v in f['outcomes'].items())} |",
        f"| API answers | {', '.join(f'{k}: {v}' for k, v in f['responses'].items())} |",
        f"| notices sent: email / SMS / status page only | {sent['email']} / {sent['sms']} / "
        f"{sent['status_page']} |",
        f"| notices that failed | {len(f['notices_failed'])} |",
        f"| outside the figures (s) | {phases} |",
        "",
        "## Checks",
        "",
        FAULT_HEADER,
        fault_row(result),
        "",
        f"Audit: {result.checks['audit']}",
        f"Web requests by server: {result.checks['web_requests_by_server']}; "
        f"tasks by cluster: {result.checks['tasks_by_cluster']}.",
    ]
    if result.events:
        lines += ["", "## Events", ""]
        lines += [f"- {e['at']} s: {e['what']}" for e in result.events]
    if result.not_final:
        lines += ["", "## Cases not final at the end", ""]
        lines += [f"- {reference}: {status}" for reference, status in result.not_final]
    if result.not_closed:
        lines += ["", "## Cases decided but not closed at the end", ""]
        lines += [f"- {reference}: {status}" for reference, status in result.not_closed]
    if result.notices_pending:
        lines += ["", "## Notices left to send at the end", ""]
        lines += [f"- {key}: {status}" for key, status in result.notices_pending]
    if f["notices_failed"]:
        lines += ["", "## Notices that failed", ""]
        lines += [f"- {line}" for line in f["notices_failed"]]
    if f["refused_by_api"]:
        lines += ["", "## Declarations the API refused", ""]
        lines += [f"- {line}" for line in f["refused_detail"]]
    return "\n".join(lines) + "\n"


def chart(result, path: Path):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    timeline = result.figures["timeline"]
    figure, axes = pyplot.subplots(figsize=(9, 4.5), dpi=100)
    for label, times in (
        ("submissions accepted", timeline["accepted"]),
        ("cases decided or flagged", timeline["final"]),
        ("cases closed, letter and notices out", timeline["closed"]),
    ):
        if times:
            axes.step(sorted(times), range(1, len(times) + 1), where="post", label=label)
    for event in result.events:
        axes.axvline(event["at"], color="grey", linewidth=0.6, linestyle=":")
    axes.set_xlabel("seconds from the first submission")
    axes.set_ylabel("count")
    axes.set_title(f"Load run: {result.figures['declarations']} declarations")
    axes.legend(loc="upper left")
    axes.grid(alpha=0.3)
    figure.tight_layout()
    figure.savefig(path)
    pyplot.close(figure)


def write_report(result, out: Path):
    out = Path(out)
    (out / "report.md").write_text(markdown(result), encoding="utf-8")
    data = {
        "options": result.options,
        "figures": result.figures,
        "checks": result.checks,
        "events": result.events,
        "not_final": result.not_final,
        "not_closed": result.not_closed,
        "notices_pending": result.notices_pending,
    }
    (out / "report.json").write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
    chart(result, out / "chart.png")
