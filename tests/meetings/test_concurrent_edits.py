"""Two people editing one meeting: the second save is told, not silently overwriting."""

import pytest

from agreements.revisions import StaleEdit
from meetings.models import Meeting
from tests.meetings.conftest import admin_page_data, page_data


def test_second_save_of_the_same_version_is_refused(
    security_client, police_client, current_agreement, make_meeting
):
    meeting = make_meeting(current_agreement, current_agreement.start_year, 10, notes="Från början")
    url = f"/moten/mote/{meeting.pk}/andra/"
    first = page_data(security_client.get(url))
    second = page_data(police_client.get(url))

    first["notes"] = "Säkerhetsenhetens ändring"
    assert security_client.post(url, first).status_code == 302
    second["notes"] = "Polisens ändring"
    response = police_client.post(url, second)

    assert response.status_code == 200
    assert "Någon annan sparade mötet medan du redigerade det" in response.text
    assert "Polisens ändring" in response.text  # the second editor's text is kept in the form
    assert Meeting.objects.get(pk=meeting.pk).notes == "Säkerhetsenhetens ändring"


def test_saving_again_after_the_warning_goes_through(
    police_client, security_client, current_agreement, make_meeting
):
    meeting = make_meeting(current_agreement, current_agreement.start_year, 11)
    url = f"/moten/mote/{meeting.pk}/andra/"
    stale = page_data(police_client.get(url))
    security_client.post(url, page_data(security_client.get(url)))
    stale["notes"] = "Polisens ändring"
    warned = police_client.post(url, stale)
    assert police_client.post(url, page_data(warned)).status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).notes == "Polisens ändring"


def test_a_form_opened_before_an_admin_save_is_refused(
    security_client, police_client, current_agreement, make_meeting
):
    meeting = make_meeting(current_agreement, current_agreement.start_year, 12, notes="Från början")
    url = f"/moten/mote/{meeting.pk}/andra/"
    stale = page_data(police_client.get(url))
    admin_url = f"/admin/meetings/meeting/{meeting.pk}/change/"
    in_admin = admin_page_data(security_client.get(admin_url))
    in_admin["notes"] = "Ändrad i admin"
    assert security_client.post(admin_url, in_admin).status_code == 302

    stale["notes"] = "Polisens ändring"
    response = police_client.post(url, stale)

    assert "Någon annan sparade mötet medan du redigerade det" in response.text
    assert Meeting.objects.get(pk=meeting.pk).notes == "Ändrad i admin"


def test_every_save_claims_a_revision_and_a_stale_copy_is_refused(current_agreement, make_meeting):
    meeting = make_meeting(current_agreement, current_agreement.start_year, 13)
    stale = Meeting.objects.get(pk=meeting.pk)
    meeting.notes = "Sparad av ett kommando"
    meeting.save()

    stale.notes = "Gammal kopia"
    with pytest.raises(StaleEdit):
        stale.save()
    assert Meeting.objects.get(pk=meeting.pk).notes == "Sparad av ett kommando"
    assert Meeting.objects.get(pk=meeting.pk).revision == stale.revision + 1


def test_an_admin_page_opened_before_a_form_save_is_refused(
    security_client, police_client, current_agreement, make_meeting
):
    meeting = make_meeting(current_agreement, current_agreement.start_year, 14, notes="Från början")
    admin_url = f"/admin/meetings/meeting/{meeting.pk}/change/"
    in_admin = admin_page_data(security_client.get(admin_url))
    url = f"/moten/mote/{meeting.pk}/andra/"
    in_form = page_data(police_client.get(url))
    in_form["notes"] = "Polisens ändring"
    assert police_client.post(url, in_form).status_code == 302

    in_admin["notes"] = "Ändrad i admin"
    response = security_client.post(admin_url, in_admin)

    assert response.status_code == 200
    assert "Någon annan sparade detta medan du redigerade" in response.text
    assert Meeting.objects.get(pk=meeting.pk).notes == "Polisens ändring"
