"""The benchmark's builder and measurements on a tiny installation (no timing asserted)."""

import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from agreements.models import Agreement
from indicators.models import Value
from maintenance import benchmark, synthetic
from meetings.models import Meeting, SituationEntry
from reports.content import build_content
from surveys.models import Answer, Round


def build(scale):
    call_command("flush", interactive=False, verbosity=0)
    return synthetic.build(scale)[0]


@pytest.mark.django_db(transaction=True)
def test_page_queries_do_not_grow_with_the_data():
    small = benchmark.query_counts(benchmark.report_pages(build(0.01)))
    agreement = build(0.05)
    assert Meeting.objects.count() == 3 * 4 * 2  # two a year in each agreement
    assert SituationEntry.objects.count() == 24 * 12 * 12
    rows = benchmark.page_rows(benchmark.report_pages(agreement), 2, small)
    table = benchmark.markdown_table(rows)
    for name in ("Live annual report", "Meetings list", "Meeting figures", "Goal JSON"):
        assert name in table
    assert "Police area: three municipalities compared" in table
    # The report compares the three municipalities' figures.
    [compared, *_] = build_content(agreement, benchmark.YEAR)["comparisons"]
    assert len(compared["rows"]) == 3
    assert "not available" not in table
    assert benchmark.query_counts(benchmark.report_pages(agreement)) == small


@pytest.mark.django_db(transaction=True)
def test_import_refuses_the_bad_file_and_writes_the_good_one():
    build(0.01)
    imported, floor, refused = benchmark.import_rows(800)
    assert "rows/s" in imported.result
    assert imported.figures["rows"] == 800
    if connection.vendor == "postgresql":  # psql wrote the same rows again, by COPY
        assert floor.figures["rows_per_second"] > 0 and floor.figures["import_share"] > 0
    else:
        assert floor.result == "not measured: PostgreSQL and psql only"
    assert "nothing written" in refused.result
    assert Value.objects.filter(indicator__code__startswith="syntetisk-import").count() == 800


def test_the_benchmark_refuses_a_database_with_real_data(seed_agreement):
    assert not synthetic.is_throwaway()
    with pytest.raises(CommandError, match="throwaway"):
        call_command("benchmark", "--no-pdf", "--import-rows", "0")
    assert Agreement.objects.filter(pk=seed_agreement.pk).exists()


def test_a_bomb_row_measures_the_refusal_in_a_process_of_its_own():
    [row] = benchmark.bomb_rows(["million-separator csv header"])
    assert row.key == "bomb_million_separator_csv_header"
    assert row.what == "Refuse an upload bomb: million-separator csv header"
    assert re.fullmatch(r"\d+\.\d\d s, \d+ MB", row.result), row.result
    assert row.budget == "refused, ≤ 2 s, ≤ 200 MB"
    assert row.figures["refused"] is True


@pytest.mark.django_db(transaction=True)
def test_the_survey_rounds_run_up_to_an_open_one_with_answers():
    build(0.05)
    rounds = list(Round.objects.order_by("year", "week"))
    assert len(rounds) == 10
    assert [r.closed_at is None for r in rounds] == [False] * 9 + [True]
    assert rounds[-1].is_open()
    assert all(r.agreement.slug == "syntetisk-3" and r.year == 2022 for r in rounds)
    assert (rounds[-1].year, rounds[-1].week) == (2022, 52)
    closed, invitation = synthetic.survey_pages()
    assert closed == rounds[-2]
    assert invitation.round == rounds[-1] and invitation.areas.count() == 8
    assert Answer.objects.filter(invitation=invitation).count() == 8 * 12
    assert 0 < Answer.objects.count() <= 3 * 8 * 12 * 10
    assert all(r.invited_count == 3 and 1 <= r.answered_count <= 3 for r in rounds)


@pytest.mark.django_db
def test_two_hundred_survey_weeks_back_reach_into_the_agreement_in_force_then():
    agreements = [synthetic.make_agreement(n, year) for n, year in enumerate((2015, 2019), 1)]
    weeks = synthetic.survey_weeks(agreements, 220)
    assert weeks[-1][1:] == (2022, 52)
    assert weeks[0][1:] == (2018, 42)  # 2019–2022 hold 209 ISO weeks (2020 has 53)
    assert {a.slug for a, year, _week in weeks if year == 2018} == {"syntetisk-1"}
    assert {a.slug for a, year, _week in weeks if year >= 2019} == {"syntetisk-2"}
