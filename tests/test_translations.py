"""Swedish is the interface language: every catalogue is complete and compiled."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUES = sorted(
    path
    for path in Path(settings.BASE_DIR).glob("**/locale/sv/LC_MESSAGES/django.po")
    if ".venv" not in path.parts
)


def test_every_app_has_a_swedish_catalogue():
    apps = {path.parts[-5] for path in CATALOGUES if len(path.parts) >= 5}
    for app in ("accounts", "agreements", "measures", "reports", "maintenance"):
        assert app in apps


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
