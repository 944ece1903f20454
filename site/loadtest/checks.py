"""What must hold after a load run, whatever its faults, checked once every process but
PostgreSQL has stopped: every accepted declaration has exactly one case, every case is final and
every decided one closed, no case was decided twice, no notice went out twice or is left to
send, no answer but 201, 4xx and 503, and the audit chain holds."""

from dataclasses import dataclass, field

from . import processes
from .figures import cases_of, outbox_files
from .processes import ProcessFailed

# Statuses a case reaches by itself (flagged: and leaves only by a person).
FINAL = ("decided", "closed", "flagged")
# Where a case's path ends by itself: closed (letter and notices out), or flagged for a person.
DONE = ("closed", "flagged")
PENDING_NOTICES = "SELECT key, status FROM casework_notice WHERE status IN ('queued', 'sending')"
LISTED = 200  # references listed at most per kind


@dataclass
class Result:
    options: dict
    figures: dict
    checks: dict
    not_final: list = field(default_factory=list)
    not_closed: list = field(default_factory=list)
    notices_pending: list = field(default_factory=list)
    events: list = field(default_factory=list)
    out: str = ""

    @property
    def holds(self) -> bool:
        c = self.checks
        return (
            c["lost"] == 0
            and c["duplicated"] == 0
            and c["not_final"] == 0
            and c["not_closed"] == 0
            and c["decided_twice"] == 0
            and c["notices_twice"] == 0
            and c["notices_pending"] == 0
            and c["audit_holds"]
        )


def check(run, declarations, submissions) -> dict:
    """The checks, and the cases and notices that were not done at the end (the Result's
    `checks`, `not_final`, `not_closed` and `notices_pending`)."""
    cases = cases_of(submissions)
    accepted = {d.reference for d in declarations if d.reference}
    not_final = sorted((r, c.status) for r, c in cases.items() if c.status not in FINAL)
    not_closed = sorted((r, c.status) for r, c in cases.items() if c.status == "decided")
    pending = sorted(run.query(PENDING_NOTICES))
    audit_holds, audit_message = verify_audit(run)
    checks = {
        "accepted": len(accepted),
        "lost": len(accepted - set(cases)),
        "one_case_each": all(len(submissions.get(r, [])) == 1 for r in accepted),
        # Submissions nobody was told about: a retry that made a second one.
        "duplicated": len(submissions) - len(accepted),
        "not_final": len(not_final),
        "not_closed": len(not_closed),
        "decided_twice": sum(1 for c in cases.values() if c.times_decided > 1),
        "notices_twice": sms_sent_twice(run.out / "outbox"),
        "notices_pending": len(pending),
        "server_errors": sum(
            v for k, v in run.responses.items() if k.startswith("5") and k != "503"
        ),
        "flagged_by_fault": flagged_by_fault(run),
        "audit_holds": audit_holds,
        "audit": audit_message,
        "web_requests_by_server": requests_by_server(run.webs),
        "tasks_by_cluster": tasks_by_cluster(run.clusters),
    }
    return {
        "checks": checks,
        "not_final": [list(x) for x in not_final][:LISTED],
        "not_closed": [list(x) for x in not_closed][:LISTED],
        "notices_pending": [list(x) for x in pending][:LISTED],
    }


def sms_sent_twice(outbox) -> int:
    """SMS in the outbox per notice (its key names the file): more than one is a notice sent
    twice."""
    sent = {}
    for path in outbox_files(outbox, "sms"):
        key = path.stem.split("-", 2)[-1]
        sent[key] = sent.get(key, 0) + 1
    return sum(1 for count in sent.values() if count > 1)


def flagged_by_fault(run) -> int:
    """Cases sent to a person because a registry the run broke did not answer."""
    codes = [c for c in (run.o.flaky_registry, run.o.down_registry) if c]
    if not codes:
        return 0
    return run.query(
        "SELECT count(DISTINCT case_id) FROM casework_caseflag"
        " WHERE kind = 'registry_unreachable' AND registry = ANY(%s)",
        [codes],
    )[0][0]


def verify_audit(run) -> tuple[bool, str]:
    try:
        out = processes.manage("verify_audit", env=run.run_env, log=run.logs / "audit.log")
        return True, out.strip()
    except ProcessFailed as failure:
        return False, str(failure).strip()[-500:]


def requests_by_server(webs) -> dict[str, int]:
    counts = {}
    for web in webs:
        log = web.log.with_suffix(".access.log")
        text = log.read_text(errors="replace") if log.exists() else ""
        counts[web.name] = text.count('"POST ')
    return counts


def tasks_by_cluster(clusters) -> dict[str, int]:
    """Tasks each cluster ran: django-q2 logs each one it processed (at INFO, which the
    clusters of a run log at)."""
    counts = {}
    for cluster in clusters:
        text = cluster.log.read_text(errors="replace") if cluster.log.exists() else ""
        counts[cluster.name] = text.count("Processed '")
    return counts
