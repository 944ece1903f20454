from django.db.models import Count

from .models import DeclarationFormVersion, Draft, OperatorProfile, Submission


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


def get_open_draft(service, public_id) -> Draft | None:
    """The draft, not yet submitted, of any language version of the service: switching language
    keeps the application."""
    return (
        Draft.objects.filter(
            public_id=public_id,
            service__translation_key=service.translation_key,
            submission__isnull=True,
        )
        .select_related("form_version")
        .first()
    )


def get_operator_profile(user) -> OperatorProfile | None:
    return OperatorProfile.objects.filter(user=user).first()


def get_submission_with_form(submission_id) -> Submission:
    """A submission with its form version, form and service (what its email copy names)."""
    return Submission.objects.select_related("form_version__form", "service").get(pk=submission_id)


# The admin -------------------------------------------------------------------------------------


def submissions_for_admin():
    """Submissions with what the admin lists and exports about each."""
    return Submission.objects.select_related("service", "form_version__form", "operator")


def form_versions_for_admin():
    """Form versions with their form, publisher and number of submissions."""
    return DeclarationFormVersion.objects.select_related("form", "published_by").annotate(
        submission_count=Count("submissions")
    )


def versions_answered(submissions) -> list[DeclarationFormVersion]:
    """The form versions a queryset of submissions answered, newest first."""
    return list(
        DeclarationFormVersion.objects.filter(pk__in=submissions.values("form_version"))
        .select_related("form")
        .order_by("-published_at", "-number")
    )


def previous_version(version) -> DeclarationFormVersion | None:
    return version.form.versions.filter(number__lt=version.number).order_by("-number").first()


def largest_group_sizes(submissions, group_names) -> dict[str, int]:
    """The most items each repeating group has in any one of the submissions."""
    sizes = dict.fromkeys(group_names, 0)
    for answers in submissions.values_list("answers", flat=True).iterator():
        for name in sizes:
            items = answers.get(name)
            if isinstance(items, list):
                sizes[name] = max(sizes[name], len(items))
    return sizes


def versions_of(form) -> list[DeclarationFormVersion]:
    return list(form.versions.order_by("-number"))


def latest_version(form) -> DeclarationFormVersion | None:
    return form.versions.order_by("-number").first()


def service_in_language(page, language: str):
    """The service page's translation in `language`, if it is live, else the page itself."""
    from .models import EServicePage

    translated = EServicePage.objects.live().filter(
        translation_key=page.translation_key, locale__language_code=language
    )
    return translated.first() or page
