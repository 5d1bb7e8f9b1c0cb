"""A user of one municipality reaches nothing of another's: pages, downloads, JSON, the admin
and its history; a user of two switches between them."""

import pytest
from django.utils import timezone

from agreements.models import Agreement
from meetings.models import Meeting
from reports.models import AnnualReport
from surveys.models import Round
from tests.conftest import present_to_the_board

TRELLEBORG = "/overenskommelser/trelleborg-2019-2022/"
REPORT = "/rapporter/trelleborg-2019-2022/2021/"
# Every page addressed by Trelleborg's agreement: refused to Svedala's säkerhetsenhet.
TRELLEBORG_PAGES = [
    TRELLEBORG,
    TRELLEBORG + "atgarder/",
    TRELLEBORG + "atgarder/2021/uppfoljning/",
    TRELLEBORG + "2021/medborgarloften/",
    TRELLEBORG + "2021/problembild/",
    REPORT,
    REPORT + "v1/",
    REPORT + "rapport.pdf",
    REPORT + "v1/rapport.pdf",
    REPORT + "siffror.csv",
    REPORT + "v1/siffror.xlsx",
    REPORT + "mal.json",
    REPORT + "redigera/",
    REPORT + "bedomningar/",
    REPORT + "uppfoljning/",
    REPORT + "presentera/",
]


@pytest.fixture
def trelleborg_report(installation, security_user):
    report = AnnualReport.objects.create(agreement=installation, year=2021, summary="Utkast")
    present_to_the_board(report, security_user)
    return report


def test_another_municipalitys_pages_and_files_are_refused(
    svedala_security, trelleborg_report, installation
):
    meeting = Meeting.objects.filter(agreement=installation).first()
    meeting_pages = [
        f"/moten/mote/{meeting.pk}/{tail}" for tail in ("", "andra/", "sammanfattning/")
    ]
    reached = [
        (url, status)
        for url in TRELLEBORG_PAGES + meeting_pages
        if (status := svedala_security.get(url).status_code) not in (403, 404)
    ]
    assert not reached
    posts = [TRELLEBORG + "satt-i-kraft/", REPORT + "ny-version/", meeting_pages[2] + "skicka/"]
    assert [svedala_security.post(url).status_code for url in posts] == [403, 403, 404]


def test_pages_without_an_agreement_in_the_address_show_ones_own(
    svedala_security, installation, svedala_agreement
):
    meetings = svedala_security.get("/moten/2021/").text
    assert "Svedalas överenskommelse" in meetings and installation.title not in meetings
    theirs = Meeting.objects.filter(agreement=installation, year=2021).first()
    ours = Meeting.objects.get(agreement__slug="svedala-2019-2022")
    assert ours.get_absolute_url() in meetings and theirs.get_absolute_url() not in meetings
    listed = svedala_security.get("/overenskommelser/").text
    assert "Svedalas överenskommelse" in listed and installation.title not in listed
    reports = svedala_security.get("/rapporter/").text
    assert "svedala-2019-2022" in reports and "trelleborg-2019-2022" not in reports
    home = svedala_security.get("/").text
    assert "Svedalas överenskommelse" in home and installation.title not in home
    assert "Svedala kommun och polisen" in home  # the menu's tagline


def test_the_admin_lists_and_opens_only_ones_own(svedala_security, installation, svedala_agreement):
    agreements = svedala_security.get("/admin/agreements/agreement/").text
    assert "Svedalas överenskommelse" in agreements and installation.title not in agreements
    meeting = Meeting.objects.filter(agreement=installation).first()
    for url in (
        f"/admin/agreements/agreement/{installation.pk}/change/",
        f"/admin/agreements/agreement/{installation.pk}/history/",
        f"/admin/meetings/meeting/{meeting.pk}/change/",
        f"/admin/meetings/meeting/{meeting.pk}/history/",
    ):
        response = svedala_security.get(url)
        # Django's admin sends an object it cannot find back to the list, with a message.
        assert response.status_code in (302, 403, 404), url
    choices = svedala_security.get("/admin/meetings/meeting/add/").text
    assert "Svedalas överenskommelse" in choices and installation.title not in choices


def test_a_form_pointing_at_another_municipality_is_refused(svedala_security, installation):
    before = Meeting.objects.count()
    response = svedala_security.post(
        "/admin/meetings/meeting/add/",
        {"agreement": installation.pk, "year": 2021, "week": 20, "date": "2021-05-18"},
    )
    assert response.status_code == 200  # shown again with the choice refused
    assert "Välj ett giltigt alternativ" in response.text
    assert Meeting.objects.count() == before


def test_the_shared_catalogue_needs_a_role_in_every_municipality(svedala_security):
    assert svedala_security.get("/admin/indicators/indicator/add/").status_code == 403
    assert svedala_security.get("/admin/meetings/area/add/").status_code == 403  # EST areas
    assert svedala_security.get("/admin/surveys/delivery/").status_code == 403  # the outbox


def test_a_kommunpolis_of_two_switches_between_them(
    police_of_both, installation, svedala_agreement
):
    page = police_of_both.get("/moten/2021/").text  # the first entered, chosen at login
    assert 'id="municipality-select"' in page
    assert "Trelleborgs kommun och polisen" in page
    assert installation.title in page and svedala_agreement.title not in page
    response = police_of_both.post(
        "/kommun/", {"municipality": svedala_agreement.municipality_id, "next": "/moten/2021/"}
    )
    assert response.status_code == 302 and response.url == "/moten/2021/"
    page = police_of_both.get("/moten/2021/").text
    assert svedala_agreement.title in page and installation.title not in page
    assert "Svedala kommun och polisen" in page


def test_switching_to_a_municipality_without_a_role_is_refused(svedala_security, installation):
    response = svedala_security.post("/kommun/", {"municipality": installation.municipality_id})
    assert response.status_code == 403
    assert installation.title not in svedala_security.get("/moten/2021/").text


def test_switching_goes_back_only_to_a_page_of_this_site(police_of_both, svedala_agreement):
    data = {"municipality": svedala_agreement.municipality_id, "next": "https://evil.example/"}
    assert police_of_both.post("/kommun/", data).url == "/"


def test_opening_this_weeks_round_never_opens_another_municipalitys(
    svedala_security, installation, svedala_agreement
):
    year = timezone.localdate().year
    Agreement.objects.create(  # Trelleborg's in force this year, Svedala's not
        title="I kraft", slug="i-kraft", municipality=installation.municipality,
        start_year=year, end_year=year + 3,
    )  # fmt: skip
    response = svedala_security.post("/admin/surveys/round/open/", follow=True)
    assert "Ingen överenskommelse gäller i år." in response.text
    assert not Round.objects.exists()


@pytest.mark.parametrize("choice", ["", "abc", "²", "１", "9" * 40, "1 OR 1=1"])
def test_a_disguised_or_oversized_choice_is_not_found(police_of_both, choice):
    assert police_of_both.post("/kommun/", {"municipality": choice}).status_code == 404
