"""Demo content and users for a laptop or a staging site. Safe to run again: it creates what is
missing and leaves what exists (and its edits) alone."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from casework.models import RuleParameters
from casework.registries.catalogue import follow_local_mocks
from forms_app.models import DeclarationForm, EServicePage, OperatorProfile
from pages.models import (
    FeedbackFormField,
    FeedbackFormPage,
    FooterSettings,
    HomePage,
    ServiceIndexPage,
    StandardPage,
    StatisticsPage,
)
from themes.models import ThemeSettings

from . import _demo_content as content
from ._demo_declaration import TARGETED_ASSISTANCE_DECLARATION
from ._demo_rules import RULE_PARAMETERS

DECLARATION_TITLE = "Ünvanlı dövlət sosial yardımı — ərizə-bəyannamə"

LANGUAGES = ("az", "ru", "en")
TRANSLATIONS = ("ru", "en")

# username → (group, is_superuser)
DEMO_USERS = {
    "admin": (None, True),
    "editor": ("Editors", False),
    "moderator": ("Moderators", False),
    "caseworker": ("Caseworkers", False),
    "supervisor": ("Supervisors", False),
    "operator": ("Post-office operators", False),
}


class Command(BaseCommand):
    help = "Create the demo ministry site (az, ru, en), its e-service, groups, workflow and users."

    @transaction.atomic
    def handle(self, *args, **options):
        locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
        home = self._home_page(locales["az"])
        services = self._child(home, ServiceIndexPage, content.SERVICE_INDEX, locales)
        declaration = self._declaration_form()
        texts = {
            code: {**fields, "declaration_form": declaration}
            for code, fields in content.TARGETED_ASSISTANCE.items()
        }
        self._child(services, EServicePage, texts, locales)
        self._child(home, StandardPage, content.HOW_TO_APPLY, locales)
        self._rule_parameters()
        footer = {
            "privacy_page": self._child(home, StandardPage, content.PRIVACY, locales),
            "accessibility_page": self._child(home, StandardPage, content.ACCESSIBILITY, locales),
            "feedback_page": self._child(home, FeedbackFormPage, self._feedback_texts(), locales),
            "statistics_page": self._child(home, StatisticsPage, content.STATISTICS, locales),
        }
        for site in Site.objects.all():
            ThemeSettings.for_site(site).save()
            links = FooterSettings.for_site(site)
            for name, page in footer.items():
                if getattr(links, f"{name}_id") is None:
                    setattr(links, name, page)
            links.save()
        groups = self._groups()
        self._page_permissions(groups, home)
        self._workflow(groups["Moderators"], home)
        self._users(groups)
        # The registry mocks this site serves are wherever the site runs now.
        follow_local_mocks()
        self.stdout.write(self.style.SUCCESS(f"Demo site ready: {settings.SITE_URL}/"))

    # Pages -------------------------------------------------------------------------------

    def _home_page(self, az):
        home = HomePage.objects.filter(locale=az).first()
        if home is None:
            # Wagtail's migrations create the tree's root; a flushed database has none.
            root = Page.get_first_root_node() or Page.add_root(
                instance=Page(title="Root", slug="root", locale=az)
            )
            # Wagtail's placeholder "Welcome" page holds the slug "home"; the demo replaces it.
            for welcome in root.get_children().filter(content_type__model="page"):
                welcome.delete()
            home = root.add_child(instance=HomePage(locale=az, **content.HOME["az"]))
            home.save_revision().publish()
            Site.objects.update_or_create(
                is_default_site=True,
                defaults={
                    "root_page": home,
                    "hostname": "localhost",
                    "port": 80,
                    "site_name": "e-Müraciət",
                },
            )
        for code in TRANSLATIONS:
            self._translate(home, content.HOME, code)
        return home

    def _child(self, parent, model, texts, locales):
        page = model.objects.child_of(parent).filter(slug=texts["az"]["slug"]).first()
        if page is None:
            page = parent.add_child(instance=model(locale=locales["az"], **texts["az"]))
            page.save_revision().publish()
        for code in TRANSLATIONS:
            self._translate(page, texts, code)
        return page

    def _feedback_texts(self):
        """The feedback page's fields, with one question each language asks."""
        texts = {}
        for code, fields in content.FEEDBACK.items():
            question = FeedbackFormField(
                label=fields["question"], field_type="multiline", required=True
            )
            texts[code] = {
                **{k: v for k, v in fields.items() if k != "question"},
                "form_fields": [question],
            }
        return texts

    def _translate(self, page, texts, code):
        locale = Locale.objects.get(language_code=code)
        if page.get_translation_or_none(locale) is not None:
            return
        parent = page.get_parent()
        if not parent.is_root():
            parent = parent.get_translation(locale)
        # Same translation_key: Wagtail links the pages as translations of each other.
        translation = type(page)(locale=locale, translation_key=page.translation_key, **texts[code])
        parent.add_child(instance=translation)
        translation.save_revision().publish()

    def _declaration_form(self):
        form = DeclarationForm.objects.filter(title=DECLARATION_TITLE).first()
        if form is None:
            form = DeclarationForm(
                title=DECLARATION_TITLE,
                schema=TARGETED_ASSISTANCE_DECLARATION,
                actions=["open_case"],
            )
            form.save()
            form.save_revision().publish()  # freezes version 1
        return form

    def _rule_parameters(self):
        if not RuleParameters.objects.filter(title=RULE_PARAMETERS["title"]).exists():
            parameters = RuleParameters(**RULE_PARAMETERS)
            parameters.save()
            parameters.save_revision().publish()  # freezes version 1

    # People and permissions --------------------------------------------------------------

    def _groups(self):
        groups = {}
        admin_access = Permission.objects.get(codename="access_admin")
        case_perms = Permission.objects.filter(
            content_type__app_label="casework",
            codename__in=["work_on_cases", "view_case", "view_decision"],
        )
        for name in (
            "Editors",
            "Moderators",
            "Caseworkers",
            "Supervisors",
            "Post-office operators",
        ):
            group, _ = Group.objects.get_or_create(name=name)
            groups[name] = group
        for name in ("Editors", "Moderators", "Caseworkers", "Supervisors"):
            groups[name].permissions.add(admin_access)
        for name in ("Caseworkers", "Supervisors"):
            groups[name].permissions.add(*case_perms)
        form_perms = {
            "Editors": ["add_declarationform", "change_declarationform"],
            "Moderators": [
                "add_declarationform",
                "change_declarationform",
                "publish_declarationform",
                "lock_declarationform",
                "unlock_declarationform",
            ],
            # Submissions hold personal data: only supervisors see them (docs/security.md).
            "Supervisors": ["view_submission"],
            "Post-office operators": ["submit_on_behalf"],
        }
        for name, codenames in form_perms.items():
            groups[name].permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="forms_app", codename__in=codenames
                )
            )
        # A site seeded before the role matrix gave moderators the submissions: taken back.
        personal_data = Permission.objects.filter(
            content_type__app_label__in=["forms_app", "casework"],
            codename__in=["view_submission", "view_case", "view_decision", "view_auditevent"],
        )
        for name in ("Editors", "Moderators", "Post-office operators"):
            groups[name].permissions.remove(*personal_data)
        # Supervisors also look after the registry catalogue and its health, and propose changes
        # to the rule parameters, which Moderators publish (the same moderation as content).
        casework_perms = {
            "Supervisors": [
                "supervise_cases",
                "add_calendarday",
                "change_calendarday",
                "delete_calendarday",
                "view_calendarday",
                "view_auditevent",
                "view_registrysource",
                "change_registrysource",
                "add_ruleparameters",
                "change_ruleparameters",
            ],
            "Moderators": [
                "change_ruleparameters",
                "publish_ruleparameters",
                "lock_ruleparameters",
                "unlock_ruleparameters",
            ],
        }
        for name, codenames in casework_perms.items():
            groups[name].permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="casework", codename__in=codenames
                )
            )
        collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
        for name in ("Editors", "Moderators"):
            for codename in ("add_image", "choose_image", "add_document", "choose_document"):
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[name],
                    collection=collection,
                    permission=Permission.objects.get(codename=codename),
                )
        return groups

    def _page_permissions(self, groups, home):
        # Editors draft and submit for moderation; only Moderators publish.
        grants = {
            "Editors": ("add_page", "change_page"),
            "Moderators": ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
        }
        roots = Page.objects.filter(depth=2)  # the home page in every language
        for group_name, codenames in grants.items():
            for codename in codenames:
                permission = Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                )
                for root in roots:
                    GroupPagePermission.objects.get_or_create(
                        group=groups[group_name], page=root, permission=permission
                    )

    def _workflow(self, moderators, home):
        workflow, _ = Workflow.objects.get_or_create(name="Nazirlik moderasiyası")
        task = GroupApprovalTask.objects.filter(name="Moderatorların təsdiqi").first()
        if task is None:
            task = GroupApprovalTask.objects.create(name="Moderatorların təsdiqi")
            task.groups.set([moderators])
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
        for root in Page.objects.filter(depth=2):
            WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
        # Declaration forms and the rule parameters go through the same moderation as pages.
        for model in (DeclarationForm, RuleParameters):
            WorkflowContentType.objects.update_or_create(
                content_type=ContentType.objects.get_for_model(model),
                defaults={"workflow": workflow},
            )

    def _users(self, groups):
        User = get_user_model()
        password = os.environ.get("DEMO_PASSWORD", "")
        missing = [name for name in DEMO_USERS if not User.objects.filter(username=name).exists()]
        if not password and not missing:
            self.stdout.write("Demo users exist; passwords unchanged (set DEMO_PASSWORD to reset).")
            return
        generated = not password
        password = password or secrets.token_urlsafe(12)
        for username, (group_name, is_superuser) in DEMO_USERS.items():
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "email": f"{username}@example.az",
                    "is_staff": is_superuser,
                    "is_superuser": is_superuser,
                },
            )
            if created or os.environ.get("DEMO_PASSWORD"):
                user.set_password(password)
                user.save()
            if group_name:
                user.groups.add(groups[group_name])
            if group_name == "Post-office operators":
                OperatorProfile.objects.get_or_create(
                    user=user, defaults={"branch": "AZ1000 Bakı, Nəsimi poçt şöbəsi"}
                )
        self.stdout.write(
            f"Demo users {', '.join(DEMO_USERS)} — password: {password}"
            + (" (generated; set DEMO_PASSWORD to choose one)" if generated else "")
        )
