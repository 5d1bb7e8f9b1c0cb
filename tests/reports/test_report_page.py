"""The annual report page: what each role reads, and what the page is made of."""

import json
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from measures.models import Measure, MeasureUpdate
from meetings.models import NoMeetingReason, WeekWithoutMeeting
from reports.models import AnnualReport
from tests.assessing import assess, worded_goal
from tests.conftest import heading, present_to_the_board

URL = "/rapporter/trelleborg-2019-2022/2021/"


def test_draft_shows_measures_promises_and_problem_picture(security_client, demo_agreement):
    response = security_client.get(URL)
    assert response.status_code == 200
    text = response.text
    assert "Årlig uppföljningsrapport 2021" in text
    assert "Utkast" in text
    assert "Samtal om droger i skolan" in text
    assert "Medborgarlöfte 2021" in text
    assert "Narkotikaförsäljning uppmärksammas" in text


def test_chart_data_is_embedded_without_inline_code(security_client, demo_agreement):
    text = security_client.get(URL).text
    assert 'id="chart-production-goals-data" type="application/json"' in text
    for tag in re.findall(r"<script[^>]*>", text):
        assert 'type="application/json"' in tag or "src=" in tag, tag
    assert "onclick" not in text.lower()


def test_content_security_policy_allows_no_inline_script(security_client, demo_agreement):
    policy = security_client.get(URL)["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)
    assert script_src.split() == ["'self'"]
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


def test_reader_lands_on_the_report_list_and_reads_only_presented(reader_client, demo_agreement):
    AnnualReport.objects.create(agreement=demo_agreement, year=2021, summary="Utkasttext")
    response = reader_client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/rapporter/"
    assert "/rapporter/trelleborg-2019-2022/2021/" not in response.text
    assert reader_client.get(URL).status_code == 403


def test_reader_granted_drafts_reads_them(reader_client, reader_user, demo_agreement):
    from django.contrib.auth.models import Permission

    reader_user.user_permissions.add(Permission.objects.get(codename="view_draft_report"))
    AnnualReport.objects.create(agreement=demo_agreement, year=2021, summary="Utkasttext")
    response = reader_client.get(URL)
    assert response.status_code == 200
    assert heading(response) == "Årlig uppföljningsrapport 2021"
    assert "Utkast" in response.text and "Utkasttext" in response.text


def test_anonymous_visitor_is_sent_to_login(client, demo_agreement):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/logga-in/")


def test_presented_reports_can_be_public(client, settings, security_user, demo_agreement, fake_pdf):

    report = AnnualReport.objects.create(agreement=demo_agreement, year=2021)
    present_to_the_board(report, security_user)
    settings.REPORTS_PUBLIC = True
    response = client.get(URL)
    assert response.status_code == 200
    assert heading(response) == "Årlig uppföljningsrapport 2021"
    assert "Presenterad 5 april 2022 för Kommunstyrelsen, diarienummer KS 2022/77." in response.text
    draft = client.get("/rapporter/trelleborg-2019-2022/2020/")
    assert draft.url == "/logga-in/?next=/rapporter/trelleborg-2019-2022/2020/"


def test_year_outside_the_period_is_404(security_client, demo_agreement):
    assert security_client.get("/rapporter/trelleborg-2019-2022/2024/").status_code == 404


def test_query_count_does_not_grow_with_the_data(
    security_client, demo_agreement, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as few:
        security_client.get(URL)
    # docs/benchmarks.md's budget: 25 to build the report, one for the data version it is
    # cached under, one for the year's survey rounds, one for the menu's municipalities.
    assert len(few) <= 28
    for number in range(30):
        measure = Measure.objects.create(
            agreement=demo_agreement, title=f"Extra {number}", responsible="polis"
        )
        MeasureUpdate.objects.create(measure=measure, year=2021, status="done", achieved_count=1)
        assess(worded_goal(demo_agreement), justification=f"Bedömd {number}")
    with django_assert_max_num_queries(len(few)):
        response = security_client.get(URL)
    assert "Extra 29" in response.text
    assert "Bedömd 29" in response.text


def test_weekly_meetings_attendance_and_heat_map(security_client, demo_agreement):
    from meetings import demo as meetings_demo

    meetings_demo.create(demo_agreement)
    text = security_client.get(URL).text
    assert "Veckomöten (Tryggare Trelleborg)" in text
    assert "Närvaro per part" in text
    assert 'id="chart-situation-heatmap-data"' in text
    assert "Lägesbild 2021: högsta nivå per område och månad" in text
    assert "Semester" in text  # the summer break, with its reason


def test_content_is_plain_json(demo_agreement):
    import json

    from meetings import demo as meetings_demo
    from reports.content import build_content

    meetings_demo.create(demo_agreement)
    content = build_content(demo_agreement, 2021)
    assert json.loads(json.dumps(content)) == content  # what a presented report stores


def test_reader_sees_why_a_week_had_no_meeting_not_the_comment(
    security_client, reader_client, demo_agreement, fake_pdf
):
    WeekWithoutMeeting.objects.create(
        agreement=demo_agreement,
        year=2021,
        week=30,
        reason=NoMeetingReason.CANCELLED,
        comment="Ordföranden sjukskriven",
    )
    present = {"presented_on": "2022-04-05", "presented_to": "KS", "case_number": "KS 2022/77"}
    assert security_client.post(URL + "presentera/", present).status_code == 302

    page = reader_client.get(URL).text
    snapshot = AnnualReport.objects.get(year=2021).snapshot
    assert '<th scope="row">30</th><td>Inställt</td>' in page
    assert {"week": 30, "reason": "Inställt"} in snapshot["content"]["meetings"]["missed"]
    for shown in (page, json.dumps(snapshot, ensure_ascii=False), fake_pdf[0]):
        assert "Ordföranden sjukskriven" not in shown
