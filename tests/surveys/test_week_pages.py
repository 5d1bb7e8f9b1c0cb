"""The survey's staff pages: the list of rounds, Thursday's view of a week and who answered
what, as säkerhetsenheten and kommunpolisen see them, in a query count that does not grow."""

from datetime import timedelta

import pytest
from django.utils import timezone

from meetings.models import Area, Factor, Level
from tests.surveys.week_data import (  # noqa: F401
    area,
    current_agreement,
    est,
    factor,
    invite,
    make_respondents,
    make_round,
    respond,
    table_row,
    tables,
)

N, L, E, H = Level.NONE, Level.LOW, Level.ELEVATED, Level.HIGH
FIGURES = "Hamnen: svar per faktor"
pytestmark = pytest.mark.usefixtures("est")


@pytest.fixture
def week_ten(seed_agreement):
    """Week 10 of 2022: five invited, four answered Hamnen: Skadegörelse, one did not answer."""
    hamnen, skadegorelse = area("Hamnen"), factor("Skadegörelse")
    survey_round = make_round(seed_agreement, 2022, 10)
    people = make_respondents(5)
    klotter = factor("Klotter")
    for person, level in zip(people, [L, L, E, None], strict=False):
        respond(
            survey_round,
            person,
            {(hamnen, skadegorelse): level, (hamnen, klotter): L},
            {hamnen: f"Iakttagelse från {person.name.lower()}"},
        )
    invite(survey_round, people[4], [hamnen])
    return survey_round


def this_week_open(agreement):
    now = timezone.now()
    iso = timezone.localdate().isocalendar()
    return make_round(
        agreement,
        iso.year,
        iso.week,
        closed=False,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=1),
    )


def test_index_lists_the_rounds_newest_first(police_client, current_agreement):  # noqa: F811
    hamnen = area("Hamnen")
    open_round = this_week_open(current_agreement)
    year = current_agreement.start_year
    closed = make_round(current_agreement, year, 20)
    for person in make_respondents(3):
        respond(closed, person, {}, {hamnen: "Lugnt"})
    invite(closed, make_respondents(1, "Sen")[0])
    make_round(current_agreement, year, 21, closed=False, opened_at=None)

    page = police_client.get("/enkat/").text
    rows = tables(page)["Överenskommelsens enkätomgångar, senaste först"]
    assert [row[0] for row in rows[1:]] == [
        f"Vecka {open_round.week}, {open_round.year}",
        f"Vecka 21, {year}",
        f"Vecka 20, {year}",
    ]
    assert rows[1][1].startswith("Öppen till")
    assert rows[2][1].startswith("Öppnar")
    assert rows[3][1:] == ["Stängd", "75 % (3 av 4 svarade)"]
    assert f'href="/enkat/{year}/vecka/20/"' in page
    assert "Vem svarade vad" not in page  # kommunpolisen sees only the figures


def test_security_unit_gets_a_who_answered_what_link(security_client, current_agreement):  # noqa: F811
    make_round(current_agreement, current_agreement.start_year, 20)
    page = security_client.get("/enkat/").text
    assert f'href="/enkat/{current_agreement.start_year}/vecka/20/svar/"' in page


def test_index_without_an_agreement_in_force_says_so(police_client, seed_agreement):
    page = police_client.get("/enkat/").text
    assert "Ingen överenskommelse gäller i år" in page


def test_nav_links_the_survey_for_staff_only(client, police_user, reader_user, seed_agreement):
    client.force_login(police_user)
    assert 'href="/enkat/">Veckoenkät</a>' in client.get("/").text
    client.force_login(reader_user)
    assert 'href="/enkat/"' not in client.get("/").text


def test_week_shows_rate_spread_highest_and_typical(police_client, week_ten):
    page = police_client.get("/enkat/2022/vecka/10/").text
    assert "Svarsfrekvens: 80 % (4 av 5 svarade)." in page
    # Factor, answers, none/low/elevated/high, don't know, highest, typical, change, trend.
    assert table_row(page, FIGURES, "Skadegörelse") == [
        "Skadegörelse",
        "3",
        "0",
        "2",
        "1",
        "0",
        "1",
        "Förhöjd",
        "Låg",
        "– ingen jämförelse",
        "för lite underlag",
    ]
    assert table_row(page, FIGURES, "Klotter")[1:3] == ["4", "0"]


def test_a_cell_with_fewer_than_three_answers_shows_no_level(police_client, week_ten):
    brander = factor("Anlagda bränder")
    for invitation in week_ten.invitations.filter(answered_at__isnull=False)[:2]:
        invitation.answers.create(area=area("Hamnen"), factor=brander, level=Level.HIGH)
    page = police_client.get("/enkat/2022/vecka/10/").text
    assert table_row(page, FIGURES, "Anlagda bränder") == [
        "Anlagda bränder",
        "färre än 3 svar",
        "för lite underlag",
    ]
    assert "Hög" not in "".join(table_row(page, FIGURES, "Anlagda bränder"))


def test_change_and_four_round_trend(police_client, week_ten):
    hamnen, skadegorelse = area("Hamnen"), factor("Skadegörelse")
    for week, level in [(7, L), (8, E), (9, E)]:
        earlier = make_round(week_ten.agreement, 2022, week)
        for person in make_respondents(3, f"V{week}"):
            respond(earlier, person, {(hamnen, skadegorelse): level})
    page = police_client.get("/enkat/2022/vecka/10/").text
    row = table_row(page, FIGURES, "Skadegörelse")
    assert row[-2:] == ["↓ ned från Förhöjd", "→ oförändrad"]  # Low in week 7 and now
    trend = tables(page)["Hamnen: typisk nivå de senaste 4 omgångarna"]
    assert trend[0] == ["Faktor", *(f"Vecka {week}, 2022" for week in (7, 8, 9, 10))]
    assert table_row(page, "Hamnen: typisk nivå de senaste 4 omgångarna", "Skadegörelse") == [
        "Skadegörelse",
        "Låg",
        "Förhöjd",
        "Förhöjd",
        "Låg",
    ]
    assert 'href="/enkat/2022/vecka/9/"' in page


def test_observations_are_listed_per_area_without_names(police_client, week_ten):
    page = police_client.get("/enkat/2022/vecka/10/").text
    assert "<h3>Iakttagelser, Hamnen</h3>" in page
    assert "<li>Iakttagelse från person 1</li>" in page
    assert "Inga iakttagelser." in page  # the other areas


def test_an_open_round_shows_its_rate_so_far_and_its_close(police_client, current_agreement):  # noqa: F811
    survey_round = this_week_open(current_agreement)
    respond(survey_round, make_respondents(1)[0], {}, {area("Hamnen"): "Lugnt"})
    invite(survey_round, make_respondents(1, "Sen")[0])
    page = police_client.get(f"/enkat/{survey_round.year}/vecka/{survey_round.week}/").text
    assert "Svarsfrekvens hittills: 50 % (1 av 2 svarade)." in page
    closes = timezone.localtime(survey_round.closes_at)
    assert f"Enkäten stänger {closes:%H:%M}" not in page  # the date comes first
    assert f"{closes.day} " in page.split("Enkäten stänger", 1)[1][:60]
    assert f"{closes:%H:%M}." in page.split("Enkäten stänger", 1)[1][:60]


def test_a_week_without_a_round_is_not_found(security_client, week_ten):
    assert security_client.get("/enkat/2022/vecka/11/").status_code == 404
    assert security_client.get("/enkat/2022/vecka/11/svar/").status_code == 404
    assert security_client.get("/enkat/2031/vecka/10/").status_code == 404


def test_who_answered_what_lists_each_respondent(security_client, week_ten):
    page = security_client.get("/enkat/2022/vecka/10/svar/").text
    respondents = tables(page)["Inbjudna svarande"]
    assert [row[0] for row in respondents[1:]] == [f"Person {n}" for n in range(1, 6)]
    assert respondents[1][1:3] == ["Fritid", "Hamnen"]
    assert respondents[5][3] == "Har inte svarat"
    # Factors in their order: Hot och våld (not answered), Skadegörelse, Klotter...
    assert table_row(page, "Nivåer från Person 3", "Hamnen")[1:4] == ["–", "Förhöjd", "Låg"]
    assert table_row(page, "Nivåer från Person 4", "Hamnen")[2] == "Vet ej"
    assert "Iakttagelse från person 2" in page


def pages_of_a_year(seed_agreement, people, weeks):
    areas, factors = list(Area.objects.all()), list(Factor.objects.all())
    respondents = make_respondents(people)
    for week in range(1, weeks + 1):
        survey_round = make_round(seed_agreement, 2022, week)
        for person in respondents:
            levels = {(a, f): Level(week % 4) for a in areas[:4] for f in factors}
            respond(survey_round, person, levels, {a: f"Vecka {week}" for a in areas[:2]})
    return survey_round


@pytest.mark.parametrize(("people", "weeks"), [(3, 2), (10, 6)])
def test_pages_take_the_same_queries_whatever_the_data(
    security_client, seed_agreement, django_assert_max_num_queries, people, weeks
):
    last = pages_of_a_year(seed_agreement, people, weeks)
    with django_assert_max_num_queries(12):
        page = security_client.get(f"/enkat/2022/vecka/{last.week}/").text
    assert table_row(page, "Trelleborg centrum: svar per faktor", "Hot och våld")[1] == str(people)
    with django_assert_max_num_queries(12):
        page = security_client.get(f"/enkat/2022/vecka/{last.week}/svar/").text
    assert f"Nivåer från Person {people}" in page


@pytest.mark.parametrize(("people", "weeks"), [(2, 2), (8, 10)])
def test_the_list_of_rounds_takes_the_same_queries_whatever_the_data(
    police_client,
    current_agreement,  # noqa: F811
    django_assert_max_num_queries,
    people,
    weeks,
):
    respondents = make_respondents(people)
    for week in range(1, weeks + 1):
        survey_round = make_round(current_agreement, current_agreement.start_year, week)
        for person in respondents:
            invite(survey_round, person, answered_at=survey_round.opens_at)
    with django_assert_max_num_queries(5):
        page = police_client.get("/enkat/").text
    assert page.count(f"100 % ({people} av {people} svarade)") == weeks


def test_an_area_without_enough_answers_gets_a_sentence_not_a_table(police_client, week_ten):
    page = police_client.get("/enkat/2022/vecka/10/").text
    captions = tables(page)
    assert "Anderslöv: svar per faktor" not in captions
    assert "Anderslöv: typisk nivå de senaste 1 omgången" not in captions
    assert page.count("Färre än 3 svar på varje faktor den här veckan.") == 7
