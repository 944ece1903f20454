"""System checks of casework's settings against the task queue's."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def stuck_cases_wait_for_q2s_own_retry(app_configs, **kwargs):
    """The sweeper must not take a case on while q2 may still redeliver its task: a worker that
    died mid-task has its task handed out again after `retry` seconds, and it runs for up to
    `timeout` more."""
    stuck = settings.CASEWORK["STUCK_CASE_AFTER_MINUTES"] * 60
    q2_takes = settings.Q_CLUSTER["retry"] + settings.Q_CLUSTER["timeout"]
    if stuck > q2_takes:
        return []
    return [
        Error(
            f"STUCK_CASE_AFTER_MINUTES ({stuck} s) is not longer than q2's own retry of a lost "
            f"task (Q_RETRY + Q_TIMEOUT = {q2_takes} s): the sweeper would enqueue cases whose "
            "task is only waiting or running.",
            hint="Raise STUCK_CASE_AFTER_MINUTES (default 30) or lower Q_RETRY.",
            id="casework.E001",
        )
    ]


@register()
def tasks_retry_blips_within_their_timeout(app_configs, **kwargs):
    seconds = settings.CASEWORK["TASK_DATABASE_RETRY"]["SECONDS"]
    if seconds < settings.Q_CLUSTER["timeout"]:
        return []
    return [
        Error(
            f"TASK_DATABASE_RETRY_SECONDS ({seconds}) is not shorter than Q_TIMEOUT "
            f"({settings.Q_CLUSTER['timeout']}): a task waiting for the database would be "
            "killed as timed out instead of failing with the database's error.",
            hint="Lower TASK_DATABASE_RETRY_SECONDS (default 30).",
            id="casework.E002",
        )
    ]


@register()
def a_long_task_is_not_a_wedge(app_configs, **kwargs):
    """A cluster whose workers all run tasks as long as Q_TIMEOUT finishes nothing meanwhile,
    and an idle one finishes only the heartbeat: neither may count as wedged."""
    casework = settings.CASEWORK
    stalled = casework["WORKER_STALLED_AFTER_SECONDS"]
    needed = settings.Q_CLUSTER["timeout"] + casework["WORKER_HEARTBEAT_SECONDS"]
    if stalled > needed and stalled > casework["WORKER_BEAT_SECONDS"]:
        return []
    return [
        Error(
            f"WORKER_STALLED_AFTER_SECONDS ({stalled}) is not longer than Q_TIMEOUT + "
            f"WORKER_HEARTBEAT_SECONDS ({needed}) (and WORKER_BEAT_SECONDS): busy or idle "
            "clusters would be taken for wedged and restarted.",
            hint="Raise WORKER_STALLED_AFTER_SECONDS (default Q_TIMEOUT + 60).",
            id="casework.E003",
        )
    ]
