"""Logging a meeting: it starts from last week's picture, saves everything at once, and keeps
what the user typed when something is refused."""

import pytest

from meetings.models import (
    Action,
    ActionFollowUp,
    ActionStatus,
    Area,
    Factor,
    Level,
    Meeting,
    SituationEntry,
)
from tests.meetings.conftest import page_data
from tests.meetings.disguises import DISGUISED

PERSONNUMMER = "121212-1212"


def cell_name(area, factor, kind="level"):
    a, f = Area.objects.get(name=area), Factor.objects.get(name=factor)
    return f"picture-{kind}-{a.pk}-{f.pk}"


@pytest.fixture
def last_week(seed_agreement, make_meeting):
    meeting = make_meeting(
        seed_agreement,
        2021,
        10,
        levels={("Hamnen", "Skadegörelse"): Level.ELEVATED, ("Anderslöv", "Buskörning"): Level.LOW},
        units="Säkerhetsenheten, kommunpolis",
    )
    Action.objects.create(
        meeting=meeting, what="Laga belysningen i gångtunneln", responsible="kommun"
    )
    return meeting


def test_new_meeting_starts_from_last_weeks_picture(police_client, last_week):
    response = police_client.get("/moten/2021/vecka/11/nytt-mote/")
    assert response.status_code == 200
    assert "utgår från mötet den 11 mars 2021 (vecka 10)" in response.text
    data = page_data(response)
    assert data[cell_name("Hamnen", "Skadegörelse")] == Level.ELEVATED
    assert data[cell_name("Anderslöv", "Buskörning")] == Level.LOW
    assert data["units"] == "Säkerhetsenheten, kommunpolis"
    assert data["date"] == "2021-03-18"  # the week's Thursday
    assert "Laga belysningen i gångtunneln" in response.text  # to be followed up


def test_saving_stores_picture_follow_ups_and_actions_together(police_client, last_week):
    data = page_data(police_client.get("/moten/2021/vecka/11/nytt-mote/"))
    data[cell_name("Hamnen", "Skadegörelse")] = Level.HIGH
    data[cell_name("Hamnen", "Skadegörelse", "note")] = "Krossade rutor i terminalen"
    data["follow-0-outcome"] = "done"
    data["follow-0-comment"] = "Lagat"
    data |= {"actions-0-what": "Trygghetsvärdar kvällstid", "actions-0-responsible": "gemensam"}
    response = police_client.post("/moten/2021/vecka/11/nytt-mote/", data)
    meeting = Meeting.objects.get(year=2021, week=11)
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()
    assert not meeting.is_extra
    entry = SituationEntry.objects.get(
        meeting=meeting, area__name="Hamnen", factor__name="Skadegörelse"
    )
    assert (entry.level, entry.note) == (Level.HIGH, "Krossade rutor i terminalen")
    assert meeting.entries.count() == Area.objects.count() * Factor.objects.count()
    follow_up = ActionFollowUp.objects.get(meeting=meeting)
    assert follow_up.action.status == ActionStatus.DONE
    assert meeting.actions.get().what == "Trygghetsvärdar kvällstid"


def test_a_second_meeting_in_a_week_is_extra(police_client, last_week):
    data = page_data(police_client.get("/moten/2021/vecka/10/nytt-mote/"))
    assert "Extramöte" in police_client.get("/moten/2021/vecka/10/nytt-mote/").text
    data["date"] = "2021-03-12"
    assert police_client.post("/moten/2021/vecka/10/nytt-mote/", data).status_code == 302
    assert Meeting.objects.filter(year=2021, week=10, is_extra=True).count() == 1


def test_saving_the_same_new_meeting_twice_adds_nothing(police_client, last_week):
    data = page_data(police_client.get("/moten/2021/vecka/11/nytt-mote/"))
    assert police_client.post("/moten/2021/vecka/11/nytt-mote/", data).status_code == 302
    response = police_client.post("/moten/2021/vecka/11/nytt-mote/", data, follow=True)
    assert "Under tiden sparades ett möte för veckan; inget lades till." in response.text
    assert Meeting.objects.filter(week=11).count() == 1


def test_date_outside_the_week_is_refused(police_client, last_week):
    data = page_data(police_client.get("/moten/2021/vecka/11/nytt-mote/"))
    data["date"] = "2021-03-25"
    response = police_client.post("/moten/2021/vecka/11/nytt-mote/", data)
    assert response.status_code == 200
    assert "Datumet måste ligga i vecka 11 år 2021" in response.text
    assert not Meeting.objects.filter(week=11).exists()


FREE_TEXT_FIELDS = [
    "summary",
    "decisions",
    "notes",
    "units",
    "convened_by",
    "follow-0-comment",
    "actions-0-what",
    "actions-0-place",
    "actions-0-unit",
]


FIELDS_AND_GRID = [*FREE_TEXT_FIELDS, "grid-note"]


@pytest.mark.parametrize("field", FIELDS_AND_GRID)
def test_personal_number_anywhere_is_refused_and_the_rest_is_kept(police_client, last_week, field):
    data = page_data(police_client.get("/moten/2021/vecka/11/nytt-mote/"))
    data |= {"actions-0-what": "Trafikkontroll", "actions-0-responsible": "polis"}
    data["decisions"] = "Fler kontroller på Storgatan"
    data[cell_name("Skegrie", "Buskörning")] = Level.HIGH
    name = cell_name("Hamnen", "Klotter", "note") if field == "grid-note" else field
    data[name] = f"Gäller {PERSONNUMMER} vid torget"
    response = police_client.post("/moten/2021/vecka/11/nytt-mote/", data)
    assert response.status_code == 200
    assert "EST handlar om platser, inte personer" in response.text
    assert "121212-****" in response.text
    assert not Meeting.objects.filter(week=11).exists()
    assert not Action.objects.filter(what="Trafikkontroll").exists()
    kept = page_data(response)
    assert kept[name] == data[name]  # what was typed stays, to be corrected
    assert int(kept[cell_name("Skegrie", "Buskörning")]) == Level.HIGH
    if field != "actions-0-what":
        assert kept["actions-0-what"] == "Trafikkontroll"
    if field != "decisions":
        assert kept["decisions"] == "Fler kontroller på Storgatan"


# Every disguise through the form, each in another of its free-text fields.
DISGUISED_IN_FIELDS = [
    pytest.param(variant.values[0], FIELDS_AND_GRID[index % len(FIELDS_AND_GRID)], id=variant.id)
    for index, variant in enumerate(DISGUISED)
]


@pytest.mark.parametrize("variant, field", DISGUISED_IN_FIELDS)
def test_disguised_personal_number_is_refused(police_client, last_week, variant, field):
    data = page_data(police_client.get("/moten/2021/vecka/11/nytt-mote/"))
    data |= {"actions-0-what": "Trafikkontroll", "actions-0-responsible": "polis"}
    name = cell_name("Hamnen", "Klotter", "note") if field == "grid-note" else field
    data[name] = f"Gäller {variant} vid torget"
    response = police_client.post("/moten/2021/vecka/11/nytt-mote/", data)
    assert response.status_code == 200
    assert "EST handlar om platser, inte personer" in response.text
    assert not Meeting.objects.filter(week=11).exists()
    assert not Action.objects.filter(what="Trafikkontroll").exists()


def test_error_summary_names_the_row_and_field(police_client, last_week):
    data = page_data(police_client.get("/moten/2021/vecka/11/nytt-mote/"))
    data["actions-0-what"] = f"Samtal med {PERSONNUMMER}"
    data["actions-0-responsible"] = "polis"
    data[cell_name("Hamnen", "Klotter", "note")] = PERSONNUMMER
    response = police_client.post("/moten/2021/vecka/11/nytt-mote/", data)
    assert "Åtgärd 1 – Åtgärd: EST handlar om platser" in response.text
    assert "Hamnen: Klotter, anteckning: EST handlar om platser" in response.text


def test_editing_keeps_unchanged_cells_and_records_history(police_client, last_week):
    url = f"/moten/mote/{last_week.pk}/andra/"
    data = page_data(police_client.get(url))
    data[cell_name("Anderslöv", "Buskörning")] = Level.NONE
    assert police_client.post(url, data).status_code == 302
    entry = last_week.entries.get(area__name="Anderslöv", factor__name="Buskörning")
    assert entry.level == Level.NONE
    assert entry.history.count() == 2
    untouched = last_week.entries.get(area__name="Hamnen", factor__name="Skadegörelse")
    assert untouched.history.count() == 1
