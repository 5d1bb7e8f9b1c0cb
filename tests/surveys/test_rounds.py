"""Opening a round invites everyone with a personal link, the reminder goes once to those who
have not answered, and closing keeps the count of answers."""

import pytest
from django.core import mail

from meetings.models import Area
from surveys.models import Delivery, Invitation, Round
from surveys.rounds import RoundError, close_round, open_round, send_reminders

from .roundmaking import WEEK, YEAR, areas, at, linked_keys, respondent, three_respondents

TUESDAY_8 = at(2, 8)


@pytest.fixture
def jobs(django_capture_on_commit_callbacks):
    """Runs the jobs a block queues, as the worker would once its transaction commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_opening_invites_each_active_respondent_with_a_personal_link(seed_agreement, jobs):
    anna, bo, cilla = three_respondents()
    (retired,) = areas("Skegrie", is_active=False)
    anna.areas.add(retired)
    respondent("Erik Bara Skegrie", retired)  # covers no area in use: nothing to ask
    with jobs():
        round_ = open_round(seed_agreement, YEAR, WEEK, now=TUESDAY_8)

    assert round_.opened_at == TUESDAY_8
    assert round_.invited_count == 3
    assert round_.closes_at == at(4, 8)
    invitations = {i.respondent.name: i for i in round_.invitations.select_related("respondent")}
    assert sorted(invitations) == ["Anna Fält", "Bo Park", "Cilla Skola"]
    assert {a.name for a in invitations["Anna Fält"].areas.all()} == {
        "Trelleborg centrum",
        "Hamnen",
    }
    assert len({i.key for i in invitations.values()}) == 3
    assert all(len(i.key) == 32 for i in invitations.values())

    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["anna@trelleborg.se", "bo@trelleborg.se", "cilla@trelleborg.se"]
    message = by_address["anna@trelleborg.se"]
    assert message.subject == "Trygghetsenkäten vecka 10: svara senast torsdag 11 mars 08:00"
    assert "Hej Anna Fält," in message.body
    assert linked_keys(message.body) == [invitations["Anna Fält"].key]
    assert "Områden: Hamnen, Trelleborg centrum" in message.body
    assert "Svara senast torsdag 11 mars kl. 08:00" in message.body
    assert "platser och situationer, inte om personer" in message.body
    assert "aldrig ett personnummer" in message.body
    assert all(i.sent_at is not None for i in Invitation.objects.all())
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SENT}


def test_opening_twice_opens_once(seed_agreement, jobs):
    three_respondents()
    with jobs():
        first = open_round(seed_agreement, YEAR, WEEK, now=TUESDAY_8)
        again = open_round(seed_agreement, YEAR, WEEK, now=at(2, 9))
    assert again.pk == first.pk
    assert again.opened_at == TUESDAY_8
    assert Round.objects.count() == 1
    assert Invitation.objects.count() == 3
    assert len(mail.outbox) == 3


def test_a_round_opened_early_by_hand_is_open_from_then(seed_agreement):
    three_respondents()
    monday = at(1, 14)
    round_ = open_round(seed_agreement, YEAR, WEEK, now=monday)
    assert round_.opens_at == monday
    assert round_.is_open(monday)


def test_a_round_past_its_close_is_not_opened(seed_agreement):
    three_respondents()
    with pytest.raises(RoundError, match="vecka 10, 2021 skulle redan ha stängt"):
        open_round(seed_agreement, YEAR, WEEK, now=at(4, 9))
    assert not Round.objects.exists()


def test_the_reminder_goes_once_and_only_to_those_who_have_not_answered(seed_agreement, jobs):
    anna, bo, cilla = three_respondents()
    with jobs():
        round_ = open_round(seed_agreement, YEAR, WEEK, now=TUESDAY_8)
    round_.invitations.filter(respondent=bo).update(answered_at=at(2, 10))
    mail.outbox.clear()

    with jobs():
        assert send_reminders(round_, now=at(3, 12)) == 2
        assert send_reminders(round_, now=at(3, 13)) == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@trelleborg.se", "cilla@trelleborg.se"]
    (message,) = [m for m in mail.outbox if m.to == ["anna@trelleborg.se"]]
    assert message.subject == "Påminnelse: trygghetsenkäten vecka 10 stänger torsdag 11 mars 08:00"
    assert "vi har ännu inte fått ditt svar" in message.body
    assert linked_keys(message.body) == [round_.invitations.get(respondent=anna).key]
    round_.refresh_from_db()
    assert round_.reminded_at == at(3, 12)


def test_no_reminder_after_the_close(seed_agreement, jobs):
    three_respondents()
    round_ = open_round(seed_agreement, YEAR, WEEK, now=TUESDAY_8)
    close_round(round_, now=at(3, 8))
    with jobs():
        assert send_reminders(round_, now=at(3, 12)) == 0
    assert not Delivery.objects.filter(kind=Delivery.Kind.REMINDER).exists()


def test_closing_counts_the_answers_once(seed_agreement):
    anna, bo, cilla = three_respondents()
    round_ = open_round(seed_agreement, YEAR, WEEK, now=TUESDAY_8)
    round_.invitations.exclude(respondent=cilla).update(answered_at=at(3, 9))

    closed = close_round(round_, now=at(4, 8))
    assert (closed.closed_at, closed.invited_count, closed.answered_count) == (at(4, 8), 3, 2)
    assert not closed.is_open(at(4, 8))
    assert closed.response_rate == pytest.approx(2 / 3)

    round_.invitations.filter(respondent=cilla).update(answered_at=at(4, 9))
    again = close_round(round_, now=at(4, 10))
    assert (again.closed_at, again.answered_count) == (at(4, 8), 2)


def test_opening_and_closing_by_hand_are_in_the_history(seed_agreement, security_user):
    three_respondents()
    round_ = open_round(seed_agreement, YEAR, WEEK, now=TUESDAY_8, by=security_user)
    close_round(round_, now=at(3, 8), by=security_user)
    users = list(round_.history.values_list("history_user__username", flat=True))
    assert len(users) >= 2 and set(users) == {"sakerhet"}


def test_only_areas_in_use_are_asked_about(seed_agreement):
    anna, _bo, _cilla = three_respondents()
    Area.objects.filter(name="Hamnen").update(is_active=False)
    round_ = open_round(seed_agreement, YEAR, WEEK, now=TUESDAY_8)
    assert round_.invited_count == 2  # Bo covers only Hamnen
    invitation = round_.invitations.get(respondent=anna)
    assert [a.name for a in invitation.areas.all()] == ["Trelleborg centrum"]
