"""The problem picture and the citizen promises of a year, entered and followed up in the app:
who may, the version check, the personal-number guard, nothing half-saved, history kept."""

import pytest

from agreements.models import CitizenPromise, FollowUpStatus, ProblemPicture, PromisePoint
from tests.conftest import REFUSED, data_as_shown, heading

BASE = "/overenskommelser/trelleborg-2019-2022/2021/"
PICTURE, PROMISES = BASE + "problembild/", BASE + "medborgarloften/"
FOLLOW_UP = "/rapporter/trelleborg-2019-2022/2021/uppfoljning/"
PERSONNUMMER = "121212-1212"


@pytest.fixture
def promises(seed_agreement):
    promise = CitizenPromise.objects.create(
        agreement=seed_agreement, year=2021, title="Medborgarlöfte 2021"
    )
    for order, text in enumerate(["Fler trafikkontroller", "Närvaro vid hamnen"], 1):
        PromisePoint.objects.create(promise=promise, text=text, order=order)
    return promise


@pytest.mark.parametrize(
    ("client_name", "picture", "promises_page"),
    [("security_client", 200, 200), ("police_client", 403, 200), ("reader_client", 403, 403)],
)
def test_who_may_open_the_pages(request, seed_agreement, client_name, picture, promises_page):
    client = request.getfixturevalue(client_name)
    shown = {200: "{}", 403: REFUSED}
    for url, status, title in (
        (PICTURE, picture, "Gemensam problembild 2021"),
        (PROMISES, promises_page, "Medborgarlöften 2021"),
    ):
        response = client.get(url)
        assert response.status_code == status, url
        assert heading(response) == shown[status].format(title), url
    assert client.post(PICTURE, {}).status_code == picture
    assert not ProblemPicture.objects.exists()


def test_a_year_outside_the_agreement_is_not_found(security_client, seed_agreement):
    assert security_client.get(BASE.replace("2021", "2023") + "problembild/").status_code == 404


def test_the_security_unit_writes_the_problem_picture_with_history(
    security_client, security_user, seed_agreement
):
    data = data_as_shown(security_client.get(PICTURE), "form")
    data |= {"summary": "Trafiken vid hamnen oroar.", "sources": "Trygghetsmätningen 2021"}
    response = security_client.post(PICTURE, data)
    assert response.status_code == 302 and response.url == FOLLOW_UP
    picture = ProblemPicture.objects.get(agreement=seed_agreement, year=2021)
    assert picture.summary == "Trafiken vid hamnen oroar."
    assert picture.history.get().history_user == security_user
    page = security_client.get(PICTURE)
    assert "Trafiken vid hamnen oroar." in page.text and "av Sara Säker" in page.text


def test_a_problem_picture_opened_before_another_save_is_refused(
    security_client, make_user, seed_agreement
):
    ProblemPicture.objects.create(agreement=seed_agreement, year=2021, summary="Först")
    stale = data_as_shown(security_client.get(PICTURE), "form")
    other = data_as_shown(security_client.get(PICTURE), "form")
    security_client.post(PICTURE, other | {"summary": "Den andras bild"})
    response = security_client.post(PICTURE, stale | {"summary": "Min bild"})
    assert response.status_code == 200
    assert "Någon annan sparade detta medan du redigerade" in response.text
    assert "Min bild" in response.text  # kept in the form
    assert ProblemPicture.objects.get(year=2021).summary == "Den andras bild"
    again = security_client.post(PICTURE, data_as_shown(response, "form"))
    assert again.status_code == 302
    assert ProblemPicture.objects.get(year=2021).summary == "Min bild"


def test_a_personal_number_in_the_problem_picture_is_refused_naming_the_field(
    security_client, seed_agreement
):
    data = data_as_shown(security_client.get(PICTURE), "form")
    response = security_client.post(PICTURE, data | {"summary": "Ok", "sources": PERSONNUMMER})
    assert response.status_code == 200
    assert "Källor: Ta bort person- eller samordningsnumret" in response.text
    assert PERSONNUMMER not in response.text.split("Ta bort", 1)[1].split("</li>")[0]
    assert not ProblemPicture.objects.exists()


def test_the_security_unit_enters_promises_with_their_points_at_once(
    security_client, security_user, seed_agreement
):
    data = data_as_shown(security_client.get(PROMISES), "form", "points")
    data |= {
        "title": "Medborgarlöfte 2021",
        "points-0-text": "Fler trafikkontroller",
        "points-0-responsible": "polis",
        "points-0-status": "ongoing",
        "points-1-text": "Närvaro vid hamnen",
        "points-1-responsible": "gemensam",
        "points-1-status": "not_started",
    }
    assert security_client.post(PROMISES, data).status_code == 302
    promise = CitizenPromise.objects.get(agreement=seed_agreement, year=2021)
    assert [p.text for p in promise.points.all()] == ["Fler trafikkontroller", "Närvaro vid hamnen"]
    assert promise.history.get().history_user == security_user


def test_one_bad_point_saves_nothing(security_client, seed_agreement):
    data = data_as_shown(security_client.get(PROMISES), "form", "points")
    data |= {
        "title": "Medborgarlöfte 2021",
        "points-0-text": "Fler trafikkontroller",
        "points-0-responsible": "polis",
        "points-0-status": "ongoing",
        "points-1-text": f"Samtal med {PERSONNUMMER}",
        "points-1-responsible": "polis",
        "points-1-status": "ongoing",
    }
    response = security_client.post(PROMISES, data)
    assert response.status_code == 200
    assert "Löfte 2 – Löfte: Ta bort person- eller samordningsnumret" in response.text
    assert not CitizenPromise.objects.exists() and not PromisePoint.objects.exists()


def test_the_police_follow_up_the_points_but_not_their_words(police_client, police_user, promises):
    data = data_as_shown(police_client.get(PROMISES), "form", "points")
    data |= {
        "title": "Ändrad titel",
        "points-0-text": "Ändrat löfte",
        "points-0-status": FollowUpStatus.FULFILLED,
        "points-0-comment": "Tolv kontroller genomförda.",
    }
    assert police_client.post(PROMISES, data).status_code == 302
    point = promises.points.first()
    assert (point.text, point.status) == ("Fler trafikkontroller", FollowUpStatus.FULFILLED)
    assert point.comment == "Tolv kontroller genomförda."
    assert CitizenPromise.objects.get().title == "Medborgarlöfte 2021"
    assert point.history.latest().history_user == police_user


def test_the_police_cannot_start_a_years_promises(police_client, seed_agreement):
    response = police_client.get(PROMISES)
    assert "säkerhetsenheten lägger in dem" in response.text
    assert police_client.post(PROMISES, {"title": "Nya löften"}).status_code == 200
    assert not CitizenPromise.objects.exists()


def test_a_stale_point_refuses_the_whole_page(security_client, police_client, promises):
    stale = data_as_shown(police_client.get(PROMISES), "form", "points")
    fresh = data_as_shown(security_client.get(PROMISES), "form", "points")
    security_client.post(PROMISES, fresh | {"points-1-comment": "Säkerhetsenhetens text"})
    stale |= {"points-0-status": "fulfilled", "points-1-comment": "Polisens text"}
    response = police_client.post(PROMISES, stale)
    assert response.status_code == 200
    assert "Någon annan sparade detta medan du redigerade" in response.text
    first, second = promises.points.all()
    assert first.status == FollowUpStatus.NOT_STARTED  # nothing of the page was saved
    assert second.comment == "Säkerhetsenhetens text"


def test_police_hold_the_permission_to_follow_up_promises_only(police_user):
    assert police_user.has_perm("agreements.change_promisepoint")
    assert not police_user.has_perm("agreements.change_citizenpromise")
    assert not police_user.has_perm("agreements.add_promisepoint")
    assert not police_user.has_perm("agreements.change_problempicture")
