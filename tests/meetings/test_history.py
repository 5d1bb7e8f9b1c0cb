"""A meeting's page says who changed what and when: each field from its old value to its new,
the situation picture's levels included, in local time."""

from datetime import UTC, datetime

import pytest

from agreements.history import changes
from meetings.models import Level

# 14:05 in Stockholm (summer time) is 12:05 UTC.
WHEN = datetime(2021, 6, 1, 12, 5, tzinfo=UTC)


def changed(obj, user, **fields):
    for name, value in fields.items():
        setattr(obj, name, value)
    obj._history_user = user
    obj._history_date = WHEN
    obj.save()


@pytest.fixture
def week_ten(seed_agreement, make_meeting):
    return make_meeting(
        seed_agreement,
        2021,
        10,
        levels={("Hamnen", "Skadegörelse"): Level.ELEVATED},
        summary="Lugnt i centrum.",
    )


def test_meeting_page_shows_each_changed_field_before_and_after(
    police_client, police_user, week_ten
):
    changed(week_ten, police_user, summary="Oro i hamnen.", police_present=False)
    entry = week_ten.entries.get(area__name="Hamnen", factor__name="Skadegörelse")
    changed(entry, police_user, level=Level.HIGH)
    text = police_client.get(week_ten.get_absolute_url()).text
    assert "Gemensam lägesbild: Lugnt i centrum. → Oro i hamnen." in text
    assert "Polisen närvarande: Ja → Nej" in text
    assert "Hamnen – Skadegörelse" in text
    assert "Nivå: Förhöjd → Hög" in text
    assert "1 juni 2021 14:05" in text
    assert police_user.get_full_name() in text


def test_long_texts_fold_their_full_before_and_after_away(police_client, police_user, week_ten):
    old, new = week_ten.summary, "Ny lägesbild.\n" + "Mycket text. " * 20
    changed(week_ten, police_user, summary=new)
    text = police_client.get(week_ten.get_absolute_url()).text
    assert "<summary>Gemensam lägesbild: ändrad</summary>" in text
    assert old in text
    assert "Gemensam lägesbild: Lugnt" not in text


def test_unchanged_cells_and_bookkeeping_do_not_show(police_user, week_ten):
    changed(week_ten, police_user, decisions="Fler vandringar.")
    (entry,) = [entry for entry in changes(week_ten.history.all()) if entry.kind == "~"]
    assert [(f.label, f.old, f.new) for f in entry.fields] == [("beslut", "–", "Fler vandringar.")]


def test_history_queries_do_not_grow_with_its_length(
    police_client, police_user, week_ten, django_assert_max_num_queries
):
    url = week_ten.get_absolute_url()
    for number in range(3):
        changed(week_ten, police_user, summary=f"Version {number}")
    with django_assert_max_num_queries(60) as few:
        police_client.get(url)
    for number in range(15):
        changed(week_ten, police_user, summary=f"Version {number}", notes=str(number))
    with django_assert_max_num_queries(len(few.captured_queries)):
        police_client.get(url)


ENGLISH = ["Object", "Date/time", "Changed by", "Change reason", "Comment", "Changes", "None"]
ENGLISH += ["Created", "Changed", "entries", "Choose a date", "History"]


def test_admin_history_is_in_swedish_with_local_times(security_client, security_user, week_ten):
    changed(week_ten, security_user, summary="Oro i hamnen.")
    response = security_client.get(f"/admin/meetings/meeting/{week_ten.pk}/history/")
    assert response.status_code == 200
    table = response.text[response.text.index('id="change-history"') :]
    assert not [word for word in ENGLISH if word in table]
    assert "1 juni 2021 14:05" in table
    assert "Ändrad" in table and "Skapad" in table
    assert "Gemensam lägesbild" in table
    assert "Sara Säker" in table
    assert "2 versioner" in table
