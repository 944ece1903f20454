"""django-q2 entry points: thin, each calls the pipeline (pipeline.py), which is idempotent
because delivery is at least once."""

from . import pipeline


def process_case(case_id: int) -> str:
    return pipeline.process_case(case_id)


def process_received_cases() -> int:
    """Batch mode (settings.CASEWORK["ENRICH_IN_BATCHES"]), scheduled every minute."""
    return pipeline.process_received_cases()


def sweep_stuck_cases() -> int:
    """Scheduled by casework.schedules."""
    return pipeline.sweep_stuck_cases()
