from django.db.models import CharField, Count, Exists, ExpressionWrapper, F, OuterRef, Q
from django.db.models.lookups import StartsWith

from .models import (
    DeclarationFormVersion,
    Draft,
    OperatorProfile,
    ReferenceSequence,
    Submission,
)


def current_form_version(service) -> DeclarationFormVersion | None:
    """The latest published version of the service's declaration form."""
    if not service.declaration_form_id:
        return None
    # The schemas are left in the database: the version's parsed definition is cached (a
    # frozen version never changes), and the form is here for its actions, read fresh.
    return (
        DeclarationFormVersion.objects.filter(form_id=service.declaration_form_id)
        .select_related("form")
        .defer("schema", "form__schema")
        .order_by("-number")
        .first()
    )


def public_service(slug: str, language_code: str):
    """The live e-service page with this slug in this locale, unless a view restriction covers
    it (its own or an ancestor's): one query, with its locale."""
    from wagtail.models import PageViewRestriction

    from .models import EServicePage

    # A restriction on the page or above it: the page's path starts with the restricted one's.
    page_path = ExpressionWrapper(OuterRef("path"), output_field=CharField())
    restricted = PageViewRestriction.objects.filter(StartsWith(page_path, F("page__path")))
    return (
        EServicePage.objects.live()
        .filter(slug=slug, locale__language_code=language_code)
        .exclude(Exists(restricted))
        .select_related("locale")
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
    """Submissions with what the admin lists and exports about each: the form version's number,
    its form's title, the operator. Not the definitions of the version and its form: tens of kB
    of JSON each, which every row of a page would repeat and decode."""
    return Submission.objects.select_related("form_version__form", "operator").defer(
        "form_version__schema", "form_version__form__schema"
    )


def submissions_for_inspection():
    """Submissions with their service, form version and form, whole (the inspect view)."""
    return Submission.objects.select_related("service", "form_version__form", "operator")


def search_by_reference(submissions, typed: str):
    """Submissions whose reference starts with what was typed, in capitals: a whole reference
    or its beginning (UDSY-2026-0001), by the reference's index whatever the table's size."""
    return submissions.filter(reference_matches(typed))


def reference_matches(typed: str, field: str = "reference") -> Q:
    """What a search for `typed` matches in a reference field, always by its index: a whole
    reference or its beginning; a number alone is that number of every prefix and year (the
    reference counters say which there are)."""
    typed = normalise_reference(typed)
    if typed.isdigit() and len(typed) <= MAX_NUMBER_DIGITS:
        references = [
            f"{prefix}-{year}-{int(typed):06d}"
            for prefix, year in ReferenceSequence.objects.values_list("prefix", "year")
        ]
        return Q(**{f"{field}__in": references})
    return Q(**{f"{field}__startswith": typed})


MAX_NUMBER_DIGITS = 9


def normalise_reference(typed: str) -> str:
    return "".join(typed.split()).upper()


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

    if page.locale.language_code == language:
        return page  # a live page is its own translation
    translated = EServicePage.objects.live().filter(
        translation_key=page.translation_key, locale__language_code=language
    )
    return translated.first() or page
