"""The layers of the project: arrows point down only. The ground (core, reference) knows no
domain; members stands on the ground; the transparency log stands on members and knows no
domain either; the domain apps stand on it and on members, the credentials beneath the two that
issue and read them (the talent platform reads a student's verified credentials, training issues
certificates and reads the skills postings demand); the site (consortium) stands on top. Tests and migrations are not counted."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# app -> the project's apps it may import
ALLOWED = {
    "core": set(),
    "reference": {"core"},
    "members": {"core", "reference"},
    "transparency": {"core", "reference", "members"},
    "talent_matching": {"core", "reference", "members", "transparency", "credentials"},
    "credentials": {"core", "reference", "members", "transparency"},
    "training": {"core", "reference", "members", "transparency", "credentials", "talent_matching"},
    "consortium": {"core", "reference", "members", "transparency", "talent_matching", "credentials", "training"},
}


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names & set(ALLOWED)


def sources(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        parts = path.relative_to(ROOT / app).parts
        if parts[0] not in ("tests", "migrations"):
            yield path


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_an_app_imports_only_the_layers_beneath_it(app):
    wrong = {
        f"{path.relative_to(ROOT)} imports {', '.join(sorted(found - ALLOWED[app] - {app}))}"
        for path in sources(app)
        if (found := imported_apps(path)) - ALLOWED[app] - {app}
    }
    assert not wrong, "\n".join(sorted(wrong))


def test_every_installed_project_app_has_its_layer_written_down():
    project_apps = {name.split(".")[0] for name in settings.INSTALLED_APPS if (ROOT / name.split(".")[0]).is_dir()}
    assert project_apps == set(ALLOWED)
