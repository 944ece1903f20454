from .models import Submission


def get_submission_for_service(service, public_id) -> Submission | None:
    return Submission.objects.filter(service=service, public_id=public_id).first()


def get_submission_by_reference(service, reference: str) -> Submission | None:
    return Submission.objects.filter(service=service, reference=reference).first()
