"""`manage.py benchmark` end to end on a tiny installation and a PATH without wrk: one line says
how to get wrk, every other figure is still printed, and --json writes each under its key."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage

from maintenance import bombs, loadtest

PAGES = (
    "live_report",
    "live_report_changed",
    "meetings_list",
    "meeting_figures",
    "goal_json",
    "police_area",
)
ROW_KEYS = {
    "build",
    *PAGES,
    "survey_week",
    "survey_answer",
    "weight_first_visit",
    "weight_repeat_visit",
    "import",
    "import_floor",
    "import_refusal",
    "bomb_deep_json",
    "load",
}
PAGE_KEYS = {"available", "url", "median_ms", "p95_ms", "queries", "queries_small", "met"}


@pytest.mark.django_db(transaction=True)
def test_without_wrk_every_other_figure_is_printed_and_written(tmp_path, monkeypatch):
    (tmp_path / "bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setattr(bombs, "BENCHMARK_BOMBS", {"deep json": bombs.deep_json})
    # The weights count gzip; brotli's copies of every static file were 20 s of collectstatic.
    monkeypatch.setattr(
        CompressedManifestStaticFilesStorage,
        "create_compressor",
        lambda storage, **options: Compressor(use_brotli=False, **options),
    )
    out, err, path = StringIO(), StringIO(), tmp_path / "bench.json"
    options = ["--scale", "0.02", "--requests", "1", "--import-rows", "200", "--no-pdf"]
    call_command("benchmark", *options, "--load", "--json", str(path), stdout=out, stderr=err)

    assert loadtest.WRK_MISSING == (
        "wrk is not on PATH, so the load test was skipped: apt-get install -y wrk"
    )
    assert err.getvalue().count(loadtest.WRK_MISSING) == 1
    table = out.getvalue()
    assert f"| Load test (gunicorn and wrk) | not run: {loadtest.WRK_MISSING} |" in table
    assert "| Refuse an upload bomb: deep json |" in table
    assert "Traceback" not in table + err.getvalue()

    figures = json.loads(path.read_text(encoding="utf-8"))
    assert set(figures["machine"]) == {
        "database",
        "driver",
        "scale",
        "requests",
        "python",
        "architecture",
        "cores",
    }
    assert figures["machine"]["scale"] == 0.02
    rows = figures["rows"]
    assert set(rows) == ROW_KEYS
    assert rows["load"] == {"available": False, "reason": loadtest.WRK_MISSING, "met": None}
    assert rows["build"]["survey_answers"] > 0
    for key in (*PAGES, "survey_week", "survey_answer"):
        assert set(rows[key]) == PAGE_KEYS, key
        assert rows[key]["queries"] == rows[key]["queries_small"], key
    assert rows["survey_week"]["url"] == "/enkat/2022/vecka/51/"
    assert rows["survey_answer"]["url"].startswith("/enkat/svar/")
    assert rows["import"]["rows"] == 200 and rows["import"]["rows_per_second"] > 0
    assert rows["bomb_deep_json"]["refused"] is True
