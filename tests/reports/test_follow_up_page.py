"""The year's follow-up page: what the report still lacks, each linked to where it is filled in."""

import pytest

from measures.models import Measure
from reports.completeness import missing_for_report
from tests.conftest import REFUSED, heading

URL = "/rapporter/trelleborg-2019-2022/2021/uppfoljning/"


def test_the_seed_agreement_alone_lacks_figures_promises_picture_and_texts(seed_agreement):
    items = missing_for_report(seed_agreement, 2021)
    assert {item.kind for item in items} == {"value", "promises", "problem_picture", "text"}
    burglary = next(item for item in items if item.label.startswith("Bostadsinbrott 2021"))
    assert burglary.url == "/indikatorer/brott-bostadsinbrott/"


@pytest.mark.parametrize(
    ("client_name", "status"),
    [("security_client", 200), ("police_client", 200), ("reader_client", 403)],
)
def test_who_may_see_what_the_report_lacks(request, seed_agreement, client_name, status):
    response = request.getfixturevalue(client_name).get(URL)
    assert response.status_code == status
    title = "Uppföljning 2021: det som saknas i rapporten" if status == 200 else REFUSED
    assert heading(response) == title


def test_each_missing_thing_links_to_its_page(security_client, seed_agreement):
    page = security_client.get(URL).text
    for text, link in [
        ("Bostadsinbrott 2021: inget värde för alla", "/indikatorer/brott-bostadsinbrott/"),
        (
            "Inga medborgarlöften för 2021",
            "/overenskommelser/trelleborg-2019-2022/2021/medborgarloften/",
        ),
        (
            "Ingen gemensam problembild för 2021",
            "/overenskommelser/trelleborg-2019-2022/2021/problembild/",
        ),
        (
            "Rapportens text ”Sammanfattning” är tom",
            "/rapporter/trelleborg-2019-2022/2021/redigera/#id_summary",
        ),
    ]:
        assert f'<a href="{link}">{text}</a>' in page


def test_the_police_are_not_sent_to_the_problem_picture_they_may_not_edit(
    police_client, seed_agreement
):
    page = police_client.get(URL).text
    assert "Ingen gemensam problembild för 2021 (säkerhetsenheten skriver den)" in page
    assert "/2021/problembild/" not in page


def test_the_report_and_its_edit_page_link_here(security_client, seed_agreement):
    for page in (
        "/rapporter/trelleborg-2019-2022/2021/",
        "/rapporter/trelleborg-2019-2022/2021/redigera/",
    ):
        assert f'href="{URL}"' in security_client.get(page).text


def test_a_year_outside_the_agreement_is_not_found(security_client, seed_agreement):
    assert security_client.get(URL.replace("2021", "2024")).status_code == 404


def test_the_page_has_a_fixed_query_count(
    security_client, demo_agreement, django_assert_max_num_queries
):
    for number in range(20):
        Measure.objects.create(
            agreement=demo_agreement, title=f"Extra {number}", responsible="polis"
        )
    with django_assert_max_num_queries(16):
        page = security_client.get(URL).text
    assert "Extra 19: ingen uppföljning för 2021" in page
