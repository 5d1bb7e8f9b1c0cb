"""Who may open which page: the role matrix, page by page and for the admin."""

import pytest

from indicators.models import Value

S, P, R = "security_client", "police_client", "reader_client"
OK, FORBIDDEN = 200, 403
REPORT = "/rapporter/trelleborg-2019-2022/2021/"
YEAR = "/overenskommelser/trelleborg-2019-2022/2021/"
SET_IN_FORCE = "/overenskommelser/trelleborg-2019-2022/satt-i-kraft/"
MEASURES_FOLLOW_UP = "/overenskommelser/trelleborg-2019-2022/atgarder/2021/uppfoljning/"

# (url, {client fixture: expected status})
PAGES = [
    ("/overenskommelser/", {S: OK, P: OK, R: FORBIDDEN}),
    ("/overenskommelser/ny/", {S: OK, P: FORBIDDEN, R: FORBIDDEN}),
    ("/overenskommelser/trelleborg-2019-2022/", {S: OK, P: OK, R: FORBIDDEN}),
    ("/overenskommelser/trelleborg-2019-2022/atgarder/", {S: OK, P: OK, R: FORBIDDEN}),
    (MEASURES_FOLLOW_UP, {S: OK, P: OK, R: FORBIDDEN}),
    (YEAR + "medborgarloften/", {S: OK, P: OK, R: FORBIDDEN}),
    (YEAR + "problembild/", {S: OK, P: FORBIDDEN, R: FORBIDDEN}),
    ("/indikatorer/", {S: OK, P: OK, R: FORBIDDEN}),
    ("/indikatorer/brott-bostadsinbrott/", {S: OK, P: OK, R: FORBIDDEN}),
    ("/indikatorer/import/", {S: OK, P: FORBIDDEN, R: FORBIDDEN}),
    ("/indikatorer/export.csv", {S: OK, P: OK, R: FORBIDDEN}),
    ("/moten/2021/", {S: OK, P: OK, R: FORBIDDEN}),
    ("/moten/2021/siffror/", {S: OK, P: OK, R: FORBIDDEN}),
    ("/moten/2021/vecka/30/inget-mote/", {S: OK, P: OK, R: FORBIDDEN}),
    ("/rapporter/", {S: OK, P: OK, R: OK}),
    # One municipality: nothing to compare (tests/municipalities/test_police_area.py has three).
    ("/kommun/jamforelse/", {S: FORBIDDEN, P: FORBIDDEN, R: FORBIDDEN}),
    (REPORT, {S: OK, P: OK, R: FORBIDDEN}),  # a draft
    (REPORT + "mal.json", {S: OK, P: OK, R: OK}),
    (REPORT + "redigera/", {S: OK, P: OK, R: FORBIDDEN}),
    (REPORT + "bedomningar/", {S: OK, P: OK, R: FORBIDDEN}),
    (REPORT + "uppfoljning/", {S: OK, P: OK, R: FORBIDDEN}),
    (REPORT + "presentera/", {S: OK, P: FORBIDDEN, R: FORBIDDEN}),
]


@pytest.mark.parametrize("role", [S, P, R])
def test_page_access_by_role(request, a_meeting, role):
    client = request.getfixturevalue(role)
    meeting_pages = [
        a_meeting.get_absolute_url(),
        f"/moten/mote/{a_meeting.pk}/andra/",
        f"/moten/mote/{a_meeting.pk}/sammanfattning/",
    ]
    staff_only = {S: OK, P: OK, R: FORBIDDEN}
    pages = PAGES + [(url, staff_only) for url in meeting_pages]
    wrong = [
        (url, status, expected[role])
        for url, expected in pages
        if (status := client.get(url).status_code) != expected[role]
    ]
    assert not wrong, f"(url, got, expected) for {role}: {wrong}"


ADMIN_CHANGES = [
    # (admin URL, may the police save it?); {value} and {agreement} are filled with real rows.
    ("/admin/indicators/value/add/", False),
    ("/admin/indicators/value/{value}/change/", False),
    ("/admin/agreements/agreement/{agreement}/change/", False),
    ("/admin/measures/measure/add/", False),
    ("/admin/reports/annualreport/add/", False),
    ("/admin/measures/measureupdate/add/", True),
    ("/admin/indicators/goalassessment/add/", True),  # the report's writers assess goals
    ("/admin/meetings/area/add/", True),
]


def test_admin_saves_by_role(security_client, police_client, reader_client, installation):
    """A refused save is a 403; an allowed one re-shows the (empty, so invalid) form."""
    rows = {"value": Value.objects.first().pk, "agreement": installation.pk}
    for pattern, police_may in ADMIN_CHANGES:
        url = pattern.format(**rows)
        assert security_client.post(url, {}).status_code == OK, url
        assert police_client.post(url, {}).status_code == (OK if police_may else FORBIDDEN), url
        response = reader_client.post(url, {})
        assert response.status_code == 302 and response.url.startswith("/admin/login/"), url


def test_police_cannot_present_import_write_the_problem_picture_or_set_in_force(
    police_client, installation
):
    presented = police_client.post(
        REPORT + "presentera/",
        {"presented_on": "2022-04-05", "presented_to": "KS", "case_number": "KS 1"},
    )
    assert presented.status_code == FORBIDDEN
    assert police_client.post("/indikatorer/import/").status_code == FORBIDDEN
    assert police_client.post(YEAR + "problembild/", {"summary": "x"}).status_code == FORBIDDEN
    assert police_client.post(SET_IN_FORCE).status_code == FORBIDDEN


def test_reader_changes_nothing_by_posting(reader_client, installation):
    for url in (
        REPORT + "redigera/",
        "/indikatorer/brott-bostadsinbrott/",
        "/moten/2021/vecka/30/inget-mote/",
        REPORT + "ny-version/",
        REPORT + "bedomningar/",
        YEAR + "problembild/",
        YEAR + "medborgarloften/",
        MEASURES_FOLLOW_UP,
        "/overenskommelser/ny/",
        SET_IN_FORCE,
    ):
        assert reader_client.post(url, {}).status_code == FORBIDDEN, url
