"""A year's report shows that year and the years before it: no figure, chart point, table
column or comparison from a later year, on the page, in the PDF, the downloads, mal.json or the
snapshot of a presented report. The demo data has 2022 figures (burglaries 95, criminal damage
179); the youth survey's 2021 wave stands in for 2020, and says so."""

import csv
import io
import json
import re

import openpyxl

from reports.models import AnnualReport

REPORT_2021 = "/rapporter/trelleborg-2019-2022/2021/"
REPORT_2020 = "/rapporter/trelleborg-2019-2022/2020/"
PRESENT = {
    "presented_on": "2022-04-05",
    "presented_to": "Kommunstyrelsen",
    "case_number": "KS 2022/77",
}
CHART_DATA = re.compile(
    r'<script id="(chart-goal-\d+)-data" type="application/json">(.*?)</script>'
)


def goal_charts(html):
    """{chart id: plotly figure} for every goal chart the page embeds."""
    return {chart: json.loads(data) for chart, data in CHART_DATA.findall(html)}


def charted_periods(html):
    return {
        x for figure in goal_charts(html).values() for trace in figure["data"] for x in trace["x"]
    }


def table_columns(html):
    return set(re.findall(r'<th scope="col">(\d{4})</th>', html))


def test_the_2021_page_charts_and_tabulates_no_2022(security_client, demo_agreement):
    html = security_client.get(REPORT_2021).text
    assert "2021" in charted_periods(html)
    assert "2022" not in charted_periods(html)
    assert "2021" in table_columns(html)
    assert "2022" not in table_columns(html)


def test_charts_span_the_agreement_and_the_baselines_before_it(security_client, demo_agreement):
    charts = goal_charts(security_client.get(REPORT_2021).text)
    traces = {trace["name"]: trace["x"] for chart in charts.values() for trace in chart["data"]}
    # A threshold from 2019: the agreement's years only, though 2016–2018 are stored.
    assert traces["Bostadsinbrott"] == ["2019", "2020", "2021"]
    # A decrease against wave 2016: the baseline before the agreement is charted.
    assert traces["Tobaksbruk (åk 9)"] == ["2016", "2021"]
    # A decrease over the period: from the last figure before it.
    assert traces["Otrygga ute sent en kväll"] == ["2018", "2019", "2020", "2021"]


def test_the_2021_pdf_charts_no_2022(security_client, demo_agreement, fake_pdf):
    assert security_client.get(REPORT_2021 + "rapport.pdf").status_code == 200
    (html,) = fake_pdf
    assert "2021" in charted_periods(html)
    assert "2022" not in charted_periods(html) | table_columns(html)


def test_the_2021_downloads_hold_no_2022(security_client, demo_agreement):
    text = security_client.get(REPORT_2021 + "siffror.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert "2021" in {row[2] for row in rows}
    assert not [row for row in rows if "2022" in row[2]]
    content = security_client.get(REPORT_2021 + "siffror.xlsx").content
    book = openpyxl.load_workbook(io.BytesIO(content))
    periods = {str(row[1].value) for sheet in book for row in sheet.iter_rows()}
    assert "2021" in periods
    assert "2022" not in periods


def test_the_2021_goals_json_holds_no_2022(security_client, demo_agreement):
    goals = json.loads(security_client.get(REPORT_2021 + "mal.json").content)["goals"]
    targets = [target for goal in goals for target in goal["targets"]]
    assert {target["period"] for target in targets} <= {"2016", "2018", "2020", "2021"}
    assert {target["reference_period"] for target in targets} - {None} <= {"2016", "2018"}
    assert not [t for t in targets if "2022" in t["explanation"]]


def test_a_presented_2021_report_froze_no_2022(security_client, demo_agreement, fake_pdf):
    assert security_client.post(REPORT_2021 + "presentera/", PRESENT).status_code == 302
    report = AnnualReport.objects.get(agreement=demo_agreement, year=2021)
    content = report.snapshot["content"]
    periods = {
        p["period"] for goal in content["goals"] for line in goal["series"] for p in line["points"]
    }
    assert "2021" in periods
    assert "2022" not in periods
    assert '"2022"' not in report.snapshot["goals_json"]
    html = security_client.get(REPORT_2021).text
    assert "2022" not in charted_periods(html) | table_columns(html)


def test_a_wave_standing_in_for_the_year_is_shown_and_said(security_client, demo_agreement):
    html = security_client.get(REPORT_2020).text
    traces = {t["name"]: t["x"] for c in goal_charts(html).values() for t in c["data"]}
    assert traces["Tobaksbruk (åk 9)"] == ["2016", "2021"]
    # Only the wave a target names as standing in for 2020 is later than 2020.
    assert traces["Bostadsinbrott"] == ["2019", "2020"]
    assert traces["Känner sig otrygg (åk 9)"] == ["2016"]
    note = "Våg 2021 (fältarbete 18 januari–21 februari 2021) står för 2020"
    assert re.search(r'<li id="chart-goal-2-note-1">' + re.escape(note), html)
    mark = '<a href="#chart-goal-2-note-1" class="table-note-mark"><sup aria-hidden="true">1</sup>'
    assert html.count(mark) == 3  # the wave's figure for each grade
