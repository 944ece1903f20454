"""Every interface string is translated: the project's own catalogues (what `make messages`
extracts) and the admin's, whose Wagtail strings the project completes in Azerbaijani."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]


def statistics(po_file) -> str:
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(po_file)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stderr


def test_makemessages_finds_nothing_untranslated_or_fuzzy(tmp_path, settings, monkeypatch):
    """What `make messages` would extract today, merged into copies of the catalogues."""
    for language in ("az", "ru"):
        target = tmp_path / language / "LC_MESSAGES"
        target.mkdir(parents=True)
        shutil.copy(ROOT / "locale" / language / "LC_MESSAGES" / "django.po", target)
    settings.LOCALE_PATHS = [tmp_path]
    monkeypatch.chdir(ROOT)
    call_command(
        "makemessages",
        locale=["az", "ru"],
        ignore_patterns=[".venv", "var", "tests", "node_modules", "locale_libraries"],
        no_location=True,
        verbosity=0,
    )
    for language in ("az", "ru"):
        report = statistics(tmp_path / language / "LC_MESSAGES" / "django.po")
        assert "fuzzy" not in report and "untranslated" not in report, (language, report)


ADMIN_SCREENS = [
    "/admin/",
    "/admin/pages/",
    "/admin/users/",
    "/admin/submissions/",
    "/admin/themes/",
]
# What the Azerbaijani admin used to show: English, and capitals without the dot.
NOT_AZERBAIJANI = [
    "Sign in to Wagtail",
    "Inspecting",
    " ago",
    "Reklam et",
    "Dashboard",
    "Site summary",
    "Search term",
    "Işlər",
    "Istifadəçi",
    "Mövzuyeniləndi",
]


@pytest.mark.django_db
def test_the_admin_speaks_azerbaijani_with_dotted_capitals(client):
    login = client.get("/admin/login/").content.decode()
    assert "İdarəetmə panelinə daxil olun" in login and "İstifadəçi adı" in login
    client.force_login(User.objects.get(username="admin"))
    for url in ADMIN_SCREENS:
        html = client.get(url).content.decode()
        text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S))
        found = [s for s in NOT_AZERBAIJANI if s in text]
        assert found == [], (url, found)
    edit = client.get("/admin/pages/").content.decode()
    assert "gravatar.com" not in edit  # staff avatars never load from a third party
