"""The benchmark's builder and measurements on a tiny installation (no timing asserted)."""

import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from agreements.models import Agreement
from indicators.models import Value
from maintenance import benchmark, synthetic
from meetings.models import Meeting, SituationEntry


def build(scale):
    call_command("flush", interactive=False, verbosity=0)
    agreement = synthetic.build(scale)[0]
    return agreement, benchmark.bench_client()


@pytest.mark.django_db(transaction=True)
def test_page_queries_do_not_grow_with_the_data():
    agreement, client = build(0.01)
    small = benchmark.query_counts(client, benchmark.page_urls(agreement))
    agreement, client = build(0.05)
    assert Meeting.objects.count() == 3 * 4 * 2  # two a year in each agreement
    assert SituationEntry.objects.count() == 24 * 12 * 12
    rows = benchmark.page_rows(client, benchmark.page_urls(agreement), 2, small)
    table = benchmark.markdown_table(rows)
    for name in ("Live annual report", "Meetings list", "Meeting figures", "Goal JSON"):
        assert name in table
    assert benchmark.query_counts(client, benchmark.page_urls(agreement)) == small


@pytest.mark.django_db(transaction=True)
def test_import_refuses_the_bad_file_and_writes_the_good_one():
    build(0.01)
    rows = benchmark.import_rows(800)
    assert "rows/s" in rows[0][1]
    assert "nothing written" in rows[1][1]
    assert Value.objects.filter(indicator__code__startswith="syntetisk-import").count() == 800


def test_the_benchmark_refuses_a_database_with_real_data(seed_agreement):
    assert not synthetic.is_throwaway()
    with pytest.raises(CommandError, match="throwaway"):
        call_command("benchmark", "--no-pdf", "--import-rows", "0")
    assert Agreement.objects.filter(pk=seed_agreement.pk).exists()


def test_a_bomb_row_measures_the_refusal_in_a_process_of_its_own():
    [(what, result, budget, _verdict)] = benchmark.bomb_rows(["million-separator csv header"])
    assert what == "Refuse an upload bomb: million-separator csv header"
    assert re.fullmatch(r"\d+\.\d\d s, \d+ MB", result), result
    assert budget == "refused, ≤ 2 s, ≤ 200 MB"
