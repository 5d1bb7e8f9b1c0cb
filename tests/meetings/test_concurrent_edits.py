"""Two people editing one meeting: the second save is told, not silently overwriting."""

from meetings.models import Meeting
from tests.meetings.conftest import page_data


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
