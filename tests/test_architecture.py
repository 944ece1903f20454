"""The dependency rules of DESIGN.md §2, checked on the import statements."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(package: str) -> set[tuple[str, str]]:
    found = set()
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {(str(path.relative_to(ROOT)), a.name) for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add((str(path.relative_to(ROOT)), node.module))
    return found


@pytest.mark.parametrize(
    "package,forbidden",
    [
        ("forms_app", {"casework", "registry_mocks", "pages"}),
        ("casework", {"registry_mocks"}),
        ("themes", {"casework", "forms_app", "registry_mocks"}),
        ("registry_mocks", {"casework", "forms_app"}),
    ],
)
def test_dependencies_point_one_way(package, forbidden):
    offending = [
        (path, module)
        for path, module in imported_modules(package)
        if module.split(".")[0] in forbidden
    ]
    assert offending == []


def test_nothing_imports_the_registry_mocks():
    """The mocks are reached over HTTP only, the load run (site/loadtest) included."""
    for package in ("forms_app", "casework", "themes", "site"):
        assert not [
            (path, m) for path, m in imported_modules(package) if m.startswith("registry_mocks")
        ]


def test_nothing_imports_the_load_run():
    """site/loadtest drives the site from outside, over HTTP and SQL; the site never needs it."""
    for package in ("forms_app", "casework", "themes", "site", "registry_mocks"):
        assert not [
            (path, m)
            for path, m in imported_modules(package)
            if m.startswith("loadtest") and not path.startswith("site/loadtest/")
        ]


def imports_of_views(package: str) -> set[str]:
    """The files of `package` that import forms_app.views, relative imports included."""
    found = set()
    for path in (ROOT / package).rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = parts[: len(parts) - node.level] if node.level else []
                module = ".".join([*base, *filter(None, [node.module])])
                modules = [module, *(f"{module}.{a.name}" for a in node.names)]
            else:
                continue
            if "forms_app.views" in modules:
                found.add(str(path.relative_to(ROOT)))
    return found


def test_forms_app_views_are_only_the_page_routes():
    """What other modules need of the views lives in presenters, selectors and services."""
    importers = set().union(*map(imports_of_views, ("forms_app", "casework", "site", "themes")))
    assert importers == {"forms_app/models.py"}
    models = ast.parse((ROOT / "forms_app/models.py").read_text(encoding="utf-8"))
    assert any(
        isinstance(node, ast.ImportFrom) and "views" in {a.name for a in node.names}
        for node in models.body  # once, at module level: no import inside the routes
    )
