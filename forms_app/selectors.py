from .models import DeclarationFormVersion, Submission


def current_form_version(service) -> DeclarationFormVersion | None:
    """The latest published version of the service's declaration form."""
    if not service.declaration_form_id:
        return None
    return (
        DeclarationFormVersion.objects.filter(form_id=service.declaration_form_id)
        .order_by("-number")
        .first()
    )


def submissions_of_service(service):
    """Submissions made through the service page in any of its languages."""
    return Submission.objects.filter(service__translation_key=service.translation_key)


def get_submission_for_service(service, public_id) -> Submission | None:
    return submissions_of_service(service).filter(public_id=public_id).first()


def get_submission_by_reference(service, reference: str) -> Submission | None:
    return submissions_of_service(service).filter(reference=reference).first()
