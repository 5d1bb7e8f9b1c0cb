"""The report's "Jämförelse": the agreement's municipality beside its neighbours, the county and
the country, counts per 1,000 inhabitants too, frozen with the report; goals stay its own."""

import io
from decimal import Decimal

import openpyxl
import pytest

from indicators.evaluation import load_goal_inputs
from indicators.models import Indicator, Value
from municipalities import demo as neighbours_demo
from municipalities import demo_comparison
from municipalities.models import Municipality, Population
from reports.comparison import comparison_section
from reports.content import build_content
from reports.models import AnnualReport
from tests.conftest import present_to_the_board

REPORT = "/rapporter/trelleborg-2019-2022/2021/"


@pytest.fixture
def compared(demo_agreement):
    neighbours_demo.create()
    demo_comparison.create()
    return demo_agreement


def burglaries(content):
    return next(c for c in content["comparisons"] if c["title"] == "Bostadsinbrott")


def test_the_agreements_municipality_comes_first_and_counts_are_per_1000(compared):
    comparison = burglaries(build_content(compared, 2021))
    assert comparison["periods"] == ["2019", "2020", "2021"]  # the agreement's years so far
    rows = {row["municipality"]: row for row in comparison["rows"]}
    assert [row["municipality"] for row in comparison["rows"]] == [
        "Trelleborgs kommun", "Svedala kommun", "Vellinge kommun", "Region Skåne", "Riket",
    ]  # fmt: skip
    assert rows["Trelleborgs kommun"]["own"] and not rows["Svedala kommun"]["own"]
    # 100 burglaries among 46,050 inhabitants; 44 among 22,550.
    assert rows["Trelleborgs kommun"]["figures"][-1] == {"value": 100, "per_1000": 2.17}
    assert rows["Svedala kommun"]["figures"][-1] == {"value": 44, "per_1000": 1.95}


def test_an_index_is_compared_as_it_is_and_a_missing_population_gives_no_rate(compared):
    Population.objects.filter(municipality__code="1263", year=2021).delete()
    rows = {r["municipality"]: r for r in burglaries(build_content(compared, 2021))["rows"]}
    assert rows["Svedala kommun"]["figures"][-1] == {"value": 44, "per_1000": None}
    speeding = Indicator.objects.get(code="tm-fortkorning")
    Value.objects.create(
        indicator=speeding,
        municipality=Municipality.objects.get(code="1263"),
        period=speeding.source.periods.get(label="2021"),
        group=speeding.groups.get(),
        value=Decimal("1.5"),
    )
    content = build_content(compared, 2021)
    [index] = [c for c in content["comparisons"] if c["title"] == speeding.short_name]
    assert index["per_1000"] is False
    assert index["rows"][1]["figures"][-1] == {"value": 1.5, "per_1000": None}


def test_a_later_year_is_not_shown_in_an_earlier_report(compared):
    assert "2022" not in burglaries(build_content(compared, 2021))["periods"]
    assert "2022" in burglaries(build_content(compared, 2022))["periods"]


def test_without_other_municipalities_figures_there_is_no_comparison(demo_agreement):
    assert build_content(demo_agreement, 2021)["comparisons"] == []


def test_the_report_page_shows_the_comparison_with_its_table(security_client, compared):
    page = security_client.get(REPORT).text
    assert 'id="comparison-heading">Jämförelse med andra kommuner</h2>' in page
    assert "Jämförelse: Bostadsinbrott" in page
    assert '<tr class="report-row-own"><th scope="row">Trelleborgs kommun</th>' in page
    assert "Svedala kommun, per 1\u00a0000 invånare</th>" in page


def test_a_presented_report_keeps_the_comparison_it_was_presented_with(
    security_client, security_user, compared
):
    report = AnnualReport.objects.create(agreement=compared, year=2021)
    present_to_the_board(report, security_user)
    Value.objects.filter(
        indicator__code="brott-bostadsinbrott", municipality__code="1263", period__label="2021"
    ).update(value=999)
    Population.objects.filter(municipality__code="1263", year=2021).update(inhabitants=1)
    frozen = burglaries(AnnualReport.objects.get(pk=report.pk).snapshot["content"])
    rows = {r["municipality"]: r for r in frozen["rows"]}
    assert rows["Svedala kommun"]["figures"][-1] == {"value": 44, "per_1000": 1.95}
    page = security_client.get(REPORT + "v1/").text
    svedala_row = page.split('<th scope="row">Svedala kommun</th>')[1].split("</tr>")[0]
    assert svedala_row.endswith("<td>44</td>")
    # The page says what the live data changed since, without changing the report.
    assert "Jämförelse · Bostadsinbrott: Svedala kommun · 2021: 44 → 999" in page


def test_the_comparison_costs_the_same_queries_with_more_municipalities(
    compared, django_assert_max_num_queries
):
    inputs = load_goal_inputs(compared, 2021)
    with django_assert_max_num_queries(2):
        comparison_section(compared, 2021, inputs)
    burglary = Indicator.objects.get(code="brott-bostadsinbrott")
    period = burglary.source.periods.get(label="2021")
    for n in range(20):
        more = Municipality.objects.create(code=f"{1100 + n}", name=f"Kommun {n}")
        Population.objects.create(municipality=more, year=2021, inhabitants=10_000)
        Value.objects.create(
            indicator=burglary, municipality=more, period=period, group=burglary.groups.get(),
            value=n,
        )  # fmt: skip
    with django_assert_max_num_queries(2):
        assert (
            len(burglaries({"comparisons": comparison_section(compared, 2021, inputs)})["rows"])
            == 25
        )


def test_the_figure_download_holds_the_comparison(security_client, compared):
    text = security_client.get(REPORT + "siffror.csv").content.decode("utf-8-sig")
    assert "Jämförelse;Bostadsinbrott: Svedala kommun;2021;;44;" in text
    assert "Jämförelse;Bostadsinbrott: Svedala kommun, per 1\u00a0000 invånare;2021;;1,95;" in text


def test_the_xlsx_download_has_a_comparison_sheet(security_client, compared):
    content = security_client.get(REPORT + "siffror.xlsx").content
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames[:2] == ["Effektmål", "Jämförelse"]
    first = [cell.value for cell in next(book["Jämförelse"].iter_rows(min_row=2, max_row=2))]
    assert first == ["Bostadsinbrott: Trelleborgs kommun", "2019", None, 112, None]
