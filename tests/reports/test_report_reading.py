"""The report as a board member reads it: contents, the goals in brief, each note once, charts
that say what they count, and every download at hand."""

import json
import re

from django.utils import translation

from reports.charts import goal_chart, heatmap_chart
from reports.freezing import report_for
from tests.assessing import assess, worded_goal
from tests.conftest import present_to_the_board

URL = "/rapporter/trelleborg-2019-2022/2021/"
WAVE = "Våg 2021 (fältarbete 18 januari–21 februari 2021) står för 2020"
CHART_DATA = re.compile(r'<script id="(chart-[\w-]+)-data" type="application/json">(.*?)</script>')


def charts(html):
    return {chart: json.loads(data) for chart, data in CHART_DATA.findall(html)}


def between(text, start, end):
    text = text[text.index(start) :]
    return text[: text.index(end)]


def test_contents_link_every_section_and_the_goals_in_brief_come_first(
    security_client, demo_agreement
):
    text = security_client.get(URL).text
    contents = between(text, 'aria-labelledby="contents-heading"', "</nav>")
    targets = re.findall(r'<a href="#([\w-]+)">', contents)
    assert targets[0] == "in-brief-heading"
    assert [f"goal-{n}" for n in range(1, 8)] == [t for t in targets if t.startswith("goal-")]
    assert {"production-heading", "meetings-heading", "sources-heading"} <= set(targets)
    for target in targets:
        assert f'id="{target}"' in text
    # The first section after the contents: one line per goal, with its status.
    first = text[text.index("<section", text.index('aria-labelledby="contents-heading"')) :]
    assert first.startswith('<section aria-labelledby="in-brief-heading">')
    brief = between(first, "Måluppfyllelse i korthet</h2>", "</ul>")
    lines = re.findall(r"<li>(.*?)</li>", brief, re.S)
    assert len(lines) == 7
    assert lines[4].startswith('<a href="#goal-5">Bostadsinbrott</a>')
    assert "Ej uppnått" in lines[4]


def test_the_goals_in_brief_show_an_assessment_beside_the_computed_status(
    security_client, demo_agreement
):
    goal = worded_goal(demo_agreement)
    assess(goal)
    brief = between(security_client.get(URL).text, 'id="in-brief-heading"', "</ul>")
    line = next(li for li in re.findall(r"<li>(.*?)</li>", brief, re.S) if goal.short_title in li)
    assert "Bedömning: uppnått" in line
    assert "Kan inte mätas" not in line  # a goal without figures has no computed status


def test_the_wave_standing_in_for_the_year_is_said_once_per_goal(security_client, demo_agreement):
    text = security_client.get("/rapporter/trelleborg-2019-2022/2020/").text
    # Once in the footnote of each of the three goals it concerns, once among the data notes.
    assert text.count(WAVE) == 4
    notes = between(text, 'id="sources-heading"', "</section>")
    assert notes.count(WAVE) == 1
    assert "gäller: Tobaksbruk bland unga, Alkoholkonsumtion bland unga, Narkotika" in notes


def test_no_badge_repeats_the_words_beside_it(security_client, demo_agreement):
    header = between(security_client.get(URL).text, '<header class="report-header', "</header>")
    assert "badge" not in header
    assert "Utkast: siffrorna följer livedata tills rapporten presenteras." in header


def test_every_chart_titles_its_axes_with_their_units(security_client, demo_agreement):
    figures = charts(security_client.get(URL).text)
    for figure in figures.values():
        layout = figure["layout"]
        assert layout["xaxis"]["title"]["text"]
        assert layout["yaxis"]["title"]["text"]
    assert figures["chart-goal-1"]["layout"]["yaxis"]["title"]["text"] == "Index 0–6"
    assert figures["chart-goal-2"]["layout"]["yaxis"]["title"]["text"] == "Andel (%)"
    assert figures["chart-goal-5"]["layout"]["yaxis"]["title"]["text"] == "Antal"


def test_months_are_swedish_abbreviations_in_lower_case():
    meetings = {"heatmap": [{"area": "Centrum", "cells": [None] * 12}], "levels": ["Ingen"]}
    with translation.override("sv"):
        chart = heatmap_chart(meetings, 2021)
    months = ["jan", "feb", "mars", "apr", "maj", "juni"]
    months += ["juli", "aug", "sep", "okt", "nov", "dec"]
    assert chart["figure"]["data"][0]["x"] == months
    assert chart["columns"] == ["Område", *months]
    assert chart["figure"]["layout"]["xaxis"]["title"]["text"] == "Månad"


def download_links(page):
    return re.findall(r'href="([^"]+)"', between(page, 'class="report-actions', "</nav>"))


def test_every_download_is_linked_and_a_version_links_its_own(
    security_client, security_user, demo_agreement, fake_pdf
):
    links = download_links(security_client.get(URL).text)
    for name in ("rapport.pdf", "siffror.csv", "siffror.xlsx", "mal.json"):
        assert URL + name in links
    present_to_the_board(report_for(demo_agreement, 2021), security_user)
    links = download_links(security_client.get(URL).text)
    for name in ("rapport.pdf", "siffror.csv", "siffror.xlsx"):
        assert URL + "v1/" + name in links
        assert security_client.get(URL + "v1/" + name).status_code == 200
    assert security_client.get(URL + "mal.json").status_code == 200


def test_a_report_presented_before_units_were_kept_still_draws():
    goal = {"title": "Bostadsinbrott", "thresholds": [], "series": []}
    goal["series"].append({"name": "Bostadsinbrott", "points": [{"period": "2021", "value": 100}]})
    chart = goal_chart(1, goal)
    assert "title" not in chart["figure"]["layout"]["yaxis"]
    assert chart["rows"] == [["Bostadsinbrott", 100]]
