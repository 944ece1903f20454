"""The admin's side of declaration forms: submissions listed, filtered, inspected and exported;
published versions listed and compared; links to both from the form. Wagtail's generic views do
the work; the viewsets that wire them up are in wagtail_hooks.py."""

import datetime

from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django_filters import DateFromToRangeFilter, ModelChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.generic import CreateView, IndexView, InspectView
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views import snippets

from . import selectors, services
from .exports import SubmissionExport, csv_safe
from .listing import LargeTableListingMixin
from .models import DeclarationForm, DeclarationFormVersion, Submission
from .personal_data import accessed
from .presenters import answer_rows
from .schema.definition import localised
from .schema.diff import diff_definitions
from .schema.engine import visible_steps

# Permissions -----------------------------------------------------------------------------------


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Records the admin shows but never adds, changes or deletes, not even for a superuser:
    a submission is evidence, a form version is what citizens answered. Viewing takes any of
    `view_actions` on `auth_model` (by default the model's own `view` permission)."""

    def __init__(self, model, auth_model=None, view_actions=("view",)):
        super().__init__(model, auth_model=auth_model)
        self.view_actions = view_actions

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return any(user.has_perm(self._get_permission_name(a)) for a in self.view_actions)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(self.view_actions)


class PermissionFirstMixin:
    """Checks the permission before looking the record up. Wagtail's generic views look it up
    first, so a missing record answered 404 and an existing one "no permission": anyone with
    an admin log-in could learn which submissions (or keys) exist."""

    def setup(self, request, *args, **kwargs):
        self.request = request
        required, any_required = self.permission_required, self.any_permission_required
        if (required is not None and not self.user_has_permission(required)) or (
            any_required is not None and not self.user_has_any_permission(any_required)
        ):
            raise PermissionDenied
        super().setup(request, *args, **kwargs)


def permission_first(view_class):
    return type(view_class.__name__, (PermissionFirstMixin, view_class), {})


def can_view(user, model) -> bool:
    return policy_registry.get_by_type(model).user_has_permission(user, "view")


# Listings --------------------------------------------------------------------------------------


class StrictFiltersMixin:
    """Wagtail ignores the filters when one of them is invalid (a version that doesn't exist, a
    date like 2026-13-40) and lists everything. Here the listing says what is wrong and shows
    nothing, and an export goes back to the listing to say so."""

    @cached_property
    def invalid_filters(self) -> list[str]:
        if not self.filters or self.filters.is_valid():
            return []
        form = self.filters.form
        return [
            f"{form[name].label}: {' '.join(errors)}" if name in form.fields else " ".join(errors)
            for name, errors in form.errors.items()
        ]

    def get(self, request, *args, **kwargs):
        if self.invalid_filters:
            if self.is_export:
                query = request.GET.copy()
                del query["export"]
                return redirect(f"{request.path}?{query.urlencode()}")
            if not self.results_only:
                messages.error(
                    request,
                    _("Nothing is listed: some filters are not valid. %(errors)s")
                    % {"errors": " ".join(self.invalid_filters)},
                )
        return super().get(request, *args, **kwargs)

    def filter_queryset(self, queryset):
        if self.invalid_filters:
            return queryset.none()
        return super().filter_queryset(queryset)


def _field_label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


class SubmissionFilterSet(WagtailFilterSet):
    # The choices are named by title and number: their definitions stay in the database.
    form = ModelChoiceFilter(
        field_name="form_version__form",
        label=capfirst(DeclarationForm._meta.verbose_name),
        queryset=DeclarationForm.objects.defer("schema").order_by("title"),
    )
    form_version = ModelChoiceFilter(
        label=_field_label(Submission, "form_version"),
        queryset=DeclarationFormVersion.objects.select_related("form").defer(
            "schema", "form__schema"
        ),
    )
    submitted_at = DateFromToRangeFilter(
        label=_field_label(Submission, "submitted_at"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Submission
        fields = ["form", "form_version", "channel", "submitted_at"]


class SubmissionIndexView(StrictFiltersMixin, LargeTableListingMixin, IndexView):
    """Submissions, searchable by reference (a whole one or its beginning) and filtered by form,
    version, channel and date; downloadable as CSV or XLSX with a column per field (see
    exports.py). Millions of rows: no full count (listing.py), an indexed search."""

    # The export's columns depend on the versions exported, so they are found when exporting.
    show_export_buttons = True
    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        str: {IndexView.FORMAT_CSV: csv_safe},
    }

    def get_base_queryset(self):
        return selectors.submissions_for_admin()

    def get_list_more_buttons(self, instance):
        # The row's one button ("Inspect") opened what its reference opens; rendering a dropdown
        # in each of 50 rows was also about a quarter of the page's time.
        return []

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return selectors.search_by_reference(queryset, self.search_query)

    @cached_property
    def chosen_version(self) -> DeclarationFormVersion | None:
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get("form_version")
        return None

    def as_spreadsheet(self, queryset, spreadsheet_format):
        version = self.chosen_version
        versions = [version] if version else selectors.versions_answered(queryset)
        self.export = SubmissionExport(queryset, versions, translation.get_language())
        self.list_export = self.export.keys
        query = self.request.GET.copy()
        query.pop("export", None)
        accessed(
            Submission,
            user=self.request.user,
            action="exported",
            detail={
                "format": spreadsheet_format,
                "count": queryset.count(),
                "query": query.urlencode(),
            },
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def get_heading(self, queryset, field):
        return self.export.headings[field]

    def to_row_dict(self, item):
        return self.export.row(item)

    def stream_csv(self, queryset):
        yield "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with a byte-order mark
        yield from super().stream_csv(queryset)

    def get_filename(self):
        version = self.chosen_version
        scope = f"{slugify(version.form.title)}-v{version.number}-" if version else ""
        return f"submissions-{scope}{timezone.localdate():%Y-%m-%d}"


class FormVersionIndexView(StrictFiltersMixin, IndexView):
    def get_base_queryset(self):
        return selectors.form_versions_for_admin()

    def get_list_more_buttons(self, instance):
        # Versions are never edited, copied or deleted; inspecting one compares it.
        buttons = []
        if instance.number > 1:
            buttons.append(
                Button(
                    _("Compare with previous"),
                    url=self.get_inspect_url(instance),
                    icon_name="history",
                    priority=10,
                )
            )
        if can_view(self.request.user, Submission):
            buttons.append(
                Button(
                    _("Submissions"),
                    url=f"{reverse('submissions:index')}?form_version={instance.pk}",
                    icon_name="clipboard-list",
                    priority=20,
                )
            )
        return buttons


# Inspecting ------------------------------------------------------------------------------------


class InspectFieldsMixin:
    """Wagtail's inspect view prints a missing value as "None" and a time in UTC."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return "—"
        if isinstance(value, datetime.datetime):
            return date_format(timezone.localtime(value), "DATETIME_FORMAT")
        return value


class SubmissionInspectView(PermissionFirstMixin, InspectFieldsMixin, InspectView):
    """A submission as it was answered: labels, steps and choices of its own form version, in
    the admin user's language, whatever the form has become since."""

    template_name = "forms_app/admin/submission_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.submissions_for_inspection(), pk=unquote(str(self.pk)))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        accessed(
            Submission, user=self.request.user, action="viewed", references=[self.object.reference]
        )
        version = self.object.form_version
        context["sections"] = answer_sections(self.object, translation.get_language())
        context["latest_version"] = version and selectors.latest_version(version.form)
        if version and can_view(self.request.user, DeclarationFormVersion):
            context["version_url"] = reverse("form_versions:inspect", args=[version.pk])
        return context


def answer_sections(submission, language) -> list[dict]:
    """The answers step by step: {"title": …, "rows": [(label, answer), …]}."""
    version = submission.form_version
    if version is None:  # submitted before forms had versions: the answers as stored
        rows = [(key, str(value)) for key, value in submission.answers.items()]
        return [{"title": "", "rows": rows}]
    steps = visible_steps(version.definition, submission.answers, submission.channel)
    return [
        {
            "title": localised(s.title, language),
            "rows": answer_rows(s, submission.answers, language),
        }
        for s in steps
    ]


class FormVersionInspectView(PermissionFirstMixin, InspectFieldsMixin, InspectView):
    """A version and what changed in it: compared with the version before it, or with the one
    chosen in `?against=<id>`."""

    template_name = "forms_app/admin/version_compare.html"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.form_versions_for_admin(), pk=unquote(str(self.pk)))

    def get_page_title(self):
        return _("Compare versions")

    @cached_property
    def other_versions(self):
        return [v for v in selectors.versions_of(self.object.form) if v.pk != self.object.pk]

    def against(self) -> DeclarationFormVersion | None:
        chosen = self.request.GET.get("against", "")
        if chosen:
            match = next((v for v in self.other_versions if str(v.pk) == chosen), None)
            if match:
                return match
            messages.error(
                self.request,
                _("That version can't be compared with this one; showing the previous version."),
            )
        return selectors.previous_version(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        against = self.against()
        context["other_versions"] = self.other_versions
        context["against"] = against
        if against:
            old, new = sorted([against, self.object], key=lambda v: v.number)
            language = translation.get_language()
            diff = diff_definitions(old.definition, new.definition)
            context.update(old=old, new=new, differs=bool(diff))
            context["sections"] = [
                (_("Steps"), describe_section(diff.steps, language)),
                (_("Fields"), describe_section(diff.fields, language)),
            ]
        return context


# Comparison, as the page shows it ---------------------------------------------------------------


def describe_section(section, language) -> dict:
    def entry(e):
        return {"path": e.path, "kind": kind_label(e.kind), "label": localised(e.label, language)}

    return {
        "added": [entry(e) for e in section.added],
        "removed": [entry(e) for e in section.removed],
        "changed": [
            {
                **entry(c.new),
                "changes": [
                    (
                        attribute_label(c.new.kind, change.attribute),
                        describe(change.old, change.attribute, language),
                        describe(change.new, change.attribute, language),
                    )
                    for change in c.changes
                ],
            }
            for c in section.changed
        ],
    }


def _schema_blocks():
    """The editor's blocks for a step and for each kind of field (and group)."""
    step = DeclarationForm._meta.get_field("schema").stream_block.child_blocks["step"]
    return step, step.child_blocks["fields"].child_blocks


def kind_label(kind: str) -> str:
    step, items = _schema_blocks()
    block = step if kind == "step" else items.get(kind)
    return str(block.label) if block else kind


def attribute_label(kind: str, attribute: str) -> str:
    """An attribute as the editor names it, from the block that edits it."""
    if attribute == "type":
        return _("field type")
    if attribute == "step":
        return _("step")
    if attribute == "label" and kind == "step":
        attribute = "title"
    step, items = _schema_blocks()
    block = step if kind == "step" else items.get(kind)
    child = block.child_blocks.get(attribute) if block else None
    return str(child.label) if child else attribute


def describe(value, attribute: str, language: str) -> str:
    if attribute == "type":
        return kind_label(value) if value else "—"
    if value in (None, "", {}, []):
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return "; ".join(describe(v, "", language) for v in value)
    if isinstance(value, dict):
        if value.keys() >= {"field", "operator"}:  # a visibility condition
            return f"{value['field']} {value['operator']} {value.get('value', '')}"
        if value.keys() >= {"value", "label"}:  # a choice
            return f"{value['value']} ({describe(value['label'], '', language)})"
        # Texts by language: all of them, since any one may be what changed.
        return " · ".join(f"{code}: {text}" for code, text in value.items())
    return str(value)


# Links from a declaration form -------------------------------------------------------------------


def form_links(form, user) -> list[Button]:
    """A form's versions and submissions, for those who may see them."""
    buttons = []
    if can_view(user, DeclarationFormVersion):
        buttons.append(
            Button(
                _("Versions"),
                url=f"{reverse('form_versions:index')}?form={form.pk}",
                icon_name="history",
                priority=60,
            )
        )
    if can_view(user, Submission):
        buttons.append(
            Button(
                _("Submissions"),
                url=f"{reverse('submissions:index')}?form={form.pk}",
                icon_name="clipboard-list",
                priority=70,
            )
        )
    return buttons


class DeclarationFormIndexView(snippets.IndexView):
    def get_list_more_buttons(self, instance):
        return [*super().get_list_more_buttons(instance), *form_links(instance, self.request.user)]


class DeclarationFormEditView(snippets.EditView):
    @cached_property
    def header_more_buttons(self):
        return [*super().header_more_buttons, *form_links(self.object, self.request.user)]


# API keys --------------------------------------------------------------------------------------


class ApiKeyCreateView(CreateView):
    """Issues a key and shows it once, on a page no cache keeps; after that only its hash
    exists, so nobody (not even a superuser) can read it again."""

    def save_instance(self):
        data = self.form.cleaned_data
        api_key, self.secret = services.issue_api_key(
            name=data["name"],
            submissions_per_minute=data["submissions_per_minute"],
            user=self.request.user,
        )
        log(instance=api_key, action="wagtail.create", user=self.request.user)
        return api_key

    def save_action(self):
        response = TemplateResponse(
            self.request,
            "forms_app/admin/api_key_issued.html",
            {
                "api_key": self.object,
                "secret": self.secret,
                "index_url": self.get_success_url(),
                "page_title": _("API key issued"),
                "header_icon": "key",
            },
        )
        add_never_cache_headers(response)
        return response
