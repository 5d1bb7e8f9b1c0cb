"""A series break (Brå's municipal counts are comparable only from 2015, as the fixture records)
keeps a chart's line from joining across it and is marked in the table with its note; a
presented report keeps the breaks as they were."""

import re
from decimal import Decimal

import pytest

from indicators.models import Indicator, Period, Rule, SeriesBreak, Target, Value
from reports.models import AnnualReport

from .test_year_cut_off import PRESENT, REPORT_2021, goal_charts

NOTE = "Serieavbrott från 2015: Brå:s statistik över anmälda brott per kommun är jämförbar"


@pytest.fixture
def burglaries_since_2014(demo_agreement):
    """Burglaries for 2014 and 2015 too, read against 2014 so that the chart reaches back."""
    burglaries = Indicator.objects.get(code="brott-bostadsinbrott")
    everyone = burglaries.groups.get()
    for year, figure in ((2014, 150), (2015, 140)):
        period = Period.objects.create(source=burglaries.source, label=str(year), year=year)
        Value.objects.create(
            indicator=burglaries,
            municipality=demo_agreement.municipality,
            period=period,
            group=everyone,
            value=figure,
        )
    Target.objects.filter(indicator=burglaries).update(
        rule=Rule.DECREASE_FROM_BASELINE,
        threshold=None,
        baseline_period=Period.objects.get(source=burglaries.source, label="2014"),
    )
    return demo_agreement


def burglary_trace(html):
    traces = [t for chart in goal_charts(html).values() for t in chart["data"]]
    return next(trace for trace in traces if trace["name"] == "Bostadsinbrott")


def test_the_chart_leaves_a_gap_at_the_break(security_client, burglaries_since_2014):
    trace = burglary_trace(security_client.get(REPORT_2021).text)
    points = list(zip(trace["x"], trace["y"], strict=True))
    assert points[:4] == [("2014", 150), ("2015", None), ("2015", 140), ("2016", 131)]
    assert None not in trace["y"][3:]
    assert trace["connectgaps"] is False


def test_the_table_marks_the_first_year_after_the_break(security_client, burglaries_since_2014):
    html = security_client.get(REPORT_2021).text
    chart = next(c for c, f in goal_charts(html).items() if burglary_trace_in(f))
    row = re.search(r'<tr><th scope="row">Bostadsinbrott</th>(.*?)</tr>', html).group(1)
    cells = re.findall(r"<td>(.*?)</td>", row)
    assert cells[0] == "150"
    assert cells[1].startswith(f'140<a href="#{chart}-note-1" class="table-note-mark">')
    assert '<span class="visually-hidden">(serieavbrott, not 1)</span>' in cells[1]
    assert not [cell for cell in cells[2:] if "table-note-mark" in cell]
    assert re.search(f'<li id="{chart}-note-1">' + re.escape(NOTE), html)


def burglary_trace_in(figure):
    return any(trace["name"] == "Bostadsinbrott" for trace in figure["data"])


def test_a_line_with_no_figure_before_the_break_has_no_gap(security_client, demo_agreement):
    trace = burglary_trace(security_client.get(REPORT_2021).text)
    assert trace["x"] == ["2019", "2020", "2021"]
    assert None not in trace["y"]
    assert "Serieavbrott" not in security_client.get(REPORT_2021).text


def test_a_presented_report_keeps_the_breaks_as_they_were(
    security_client, burglaries_since_2014, fake_pdf
):
    assert security_client.post(REPORT_2021 + "presentera/", PRESENT).status_code == 302
    SeriesBreak.objects.all().delete()
    Value.objects.filter(period__label="2015", indicator__code="brott-bostadsinbrott").update(
        value=Decimal(139)
    )
    html = security_client.get(REPORT_2021).text
    assert AnnualReport.objects.get(year=2021).is_presented
    assert burglary_trace(html)["y"][:3] == [150, None, 140]
    assert NOTE in html
