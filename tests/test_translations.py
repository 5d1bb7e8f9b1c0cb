"""Swedish is the interface language: every catalogue is complete and compiled."""

from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings

CATALOGUES = sorted(
    path
    for path in Path(settings.BASE_DIR).glob("**/locale/sv/LC_MESSAGES/django.po")
    if ".venv" not in path.parts
)


def project_apps():
    """The apps of this project, not of Django or a package: those that live in its folder."""
    base = Path(settings.BASE_DIR).resolve()
    return sorted(
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == base
    )


def test_the_project_apps_are_found():
    assert {"meetings", "indicators", "surveys", "reports"} <= set(project_apps())


# The project's own templates/ have theirs in locale/ at the top.
@pytest.mark.parametrize("folder", [*project_apps(), "."])
def test_every_app_has_a_swedish_catalogue(folder):
    catalogue = Path(settings.BASE_DIR) / folder / "locale/sv/LC_MESSAGES/django.po"
    assert catalogue.resolve() in {path.resolve() for path in CATALOGUES}, f"none in {folder}"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_catalogue_is_translated_and_compiled(path):
    po = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"untranslated in {path}: {untranslated}"
    assert not fuzzy, f"fuzzy in {path}: {fuzzy}"
    compiled = polib.mofile(str(path.with_suffix(".mo")))
    assert {e.msgid: e.msgstr for e in compiled} == {
        e.msgid: e.msgstr for e in po.translated_entries()
    }, f"{path.with_suffix('.mo')} is stale: run `make messages`"
