"""What a load run measured, read once it is over from what the system left: the submissions,
cases and audit events in the database, the outbox's files and the web servers' access logs.

Two end points: a case is *final* at its first `status_changed` to decided or flagged (the
decision), and *closed* at its `status_changed` to closed, once its letter is issued and its
notices are out (`casework.services.close_case`). A flagged case waits for a person: final,
never closed by itself.
"""

import os
import statistics
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CaseTimes:
    """One case of a submission, times in seconds since the epoch."""

    submitted: float
    status: str
    final_at: float | None  # first decided or flagged
    closed_at: float | None
    times_decided: int
    outcome: str | None


def read_submissions(query) -> dict[str, list[CaseTimes | None]]:
    """Every submission by reference, with its cases (None: a submission without one)."""
    rows = query(
        """
        SELECT s.reference, extract(epoch FROM s.submitted_at), c.status,
               (SELECT min(extract(epoch FROM e.created_at)) FROM casework_auditevent e
                 WHERE e.case_id = c.id AND e.action = 'status_changed'
                   AND e.data->>'to' IN ('decided', 'flagged')),
               (SELECT min(extract(epoch FROM e.created_at)) FROM casework_auditevent e
                 WHERE e.case_id = c.id AND e.action = 'status_changed'
                   AND e.data->>'to' = 'closed'),
               (SELECT count(*) FROM casework_auditevent e
                 WHERE e.case_id = c.id AND e.action = 'status_changed'
                   AND e.data->>'to' = 'decided'),
               d.outcome
          FROM forms_app_submission s
          LEFT JOIN casework_case c ON c.submission_id = s.id
          LEFT JOIN casework_decision d ON d.case_id = c.id
        """
    )
    submissions = {}
    for reference, submitted, status, final_at, closed_at, decided, outcome in rows:
        case = None
        if status is not None:
            case = CaseTimes(
                float(submitted), status, _seconds(final_at), _seconds(closed_at), decided, outcome
            )
        submissions.setdefault(reference, []).append(case)
    return submissions


def cases_of(submissions: dict) -> dict[str, CaseTimes]:
    """The first case of each submission that has one."""
    return {r: cases[0] for r, cases in submissions.items() if cases[0] is not None}


def measure(
    run, declarations, submissions, *, cpu, wall0, submitted_seconds, done_seconds, size_delta
):
    accepted = [d for d in declarations if d.reference]
    refused = [d for d in declarations if not d.reference]
    cases = cases_of(submissions).values()
    first = min((c.submitted for c in cases), default=wall0)
    finals = [c.final_at for c in cases if c.final_at is not None]
    closes = [c.closed_at for c in cases if c.closed_at is not None]
    to_decision = max(max(finals, default=first) - first, 1e-9)
    to_closed = max(max(closes, default=first) - first, 1e-9)
    decision_latencies = sorted(c.final_at - c.submitted for c in cases if c.final_at is not None)
    closed_latencies = sorted(c.closed_at - c.submitted for c in cases if c.closed_at is not None)
    outcomes = {}
    for case in cases:
        key = case.outcome or case.status
        outcomes[key] = outcomes.get(key, 0) + 1
    n = max(len(cases), 1)
    server_times = server_ms(run.webs)
    return {
        "declarations": len(declarations),
        "accepted": len(accepted),
        "refused_by_api": len(refused),
        "refused_detail": [f"{d.label}: {d.status} {d.detail[:200]}" for d in refused][:10],
        "responses": dict(sorted(run.responses.items())),
        "attempts": sum(d.attempts for d in declarations),
        "submit_seconds": round(submitted_seconds, 1),
        "submissions_per_s": round(len(accepted) / max(submitted_seconds, 1e-9), 1),
        "server_ms_p50": percentile(server_times, 0.50),
        "server_ms_p95": percentile(server_times, 0.95),
        # The run's own clock: from its first POST until it saw everything done (or timed out).
        "done_seconds": round(done_seconds, 1),
        # First submission → last case decided or flagged.
        "end_to_end_seconds": round(to_decision, 1),
        "cases_final_per_s": round(len(finals) / to_decision, 2),
        "latency_p50_s": percentile(decision_latencies, 0.50),
        "latency_p95_s": percentile(decision_latencies, 0.95),
        "latency_max_s": _last(decision_latencies),
        # First submission → last case closed, its letter and notices out.
        "closed": len(closes),
        "closed_seconds": round(to_closed, 1),
        "cases_closed_per_s": round(len(closes) / to_closed, 2),
        "closed_latency_p50_s": percentile(closed_latencies, 0.50),
        "closed_latency_p95_s": percentile(closed_latencies, 0.95),
        "closed_latency_max_s": _last(closed_latencies),
        "outcomes": dict(sorted(outcomes.items())),
        "cpu_seconds": {k: round(v, 1) for k, v in cpu.items()},
        "cpu_seconds_per_case": {k: round(v / n, 4) for k, v in cpu.items()},
        "db_bytes_per_case": round(size_delta / n),
        "notices_sent": notices_sent(run),
        "notices_failed": failed_notices(run.query),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "cores": os.cpu_count(),
        "timeline": {
            "accepted": sorted(d.accepted_at - run.t0 for d in accepted),
            "final": sorted(f - wall0 for f in finals),
            "closed": sorted(c - wall0 for c in closes),
        },
    }


def outbox_files(outbox: Path, channel: str) -> list[Path]:
    """One file per message sent (forms_app.sms.FileBackend, Django's file-based email)."""
    folder, pattern = {"sms": ("sms", "*.json"), "email": ("email", "*.log")}[channel]
    return sorted((outbox / folder).glob(pattern))


def notices_sent(run) -> dict[str, int]:
    """By channel: the outbox's emails and SMS, and the notices shown on the status page only
    (nothing to send: the database's rows)."""
    outbox = run.out / "outbox"
    ((status_page,),) = run.query(
        "SELECT count(*) FROM casework_notice WHERE channel = 'status_page'"
    )
    return {
        "email": len(outbox_files(outbox, "email")),
        "sms": len(outbox_files(outbox, "sms")),
        "status_page": status_page,
    }


def failed_notices(query) -> list[str]:
    rows = query("SELECT key, last_error FROM casework_notice WHERE status = 'failed' ORDER BY key")
    return [f"{key}: {error[:200]}" for key, error in rows]


def server_ms(webs) -> list[float]:
    """Milliseconds each accepted submission took inside gunicorn (its access logs)."""
    times = []
    for web in webs:
        log = web.log.with_suffix(".access.log")
        for line in log.read_text(errors="replace").splitlines() if log.exists() else []:
            request, _, rest = line.rpartition('" ')
            status, _, ms = rest.partition(" ")
            if request.startswith('"POST ') and status == "201" and ms.isdigit():
                times.append(float(ms))
    return sorted(times)


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return round(values[0], 2)
    return round(statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1], 2)


def _last(values: list[float]) -> float | None:
    return round(values[-1], 1) if values else None


def _seconds(value) -> float | None:
    return None if value is None else float(value)
