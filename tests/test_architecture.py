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
    for package in ("forms_app", "casework", "themes", "site"):
        assert not [m for _, m in imported_modules(package) if m.startswith("registry_mocks")]
