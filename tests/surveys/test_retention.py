"""Raw answers are deleted once the retention period after a round's close has passed; the
round keeps its figures, so Thursday's view shows the same numbers, without the observations."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command

from meetings.models import Level
from surveys import retention
from surveys.models import Answer, CellTally, Invitation, Observation, Respondent, SurveySettings
from surveys.retention import purge_expired
from tests.surveys.week_data import area, est, factor, make_respondents, make_round, respond  # noqa: F401

L, E, H = Level.LOW, Level.ELEVATED, Level.HIGH
pytestmark = pytest.mark.usefixtures("est")


def answered_round(agreement, week, levels=(L, E, H, None), prefix="Person"):
    survey_round = make_round(agreement, 2022, week)
    hamnen, skadegorelse, klotter = area("Hamnen"), factor("Skadegörelse"), factor("Klotter")
    for person, level in zip(make_respondents(len(levels), prefix), levels, strict=True):
        respond(
            survey_round,
            person,
            {(hamnen, skadegorelse): level, (hamnen, klotter): L},
            {hamnen: f"Trasig belysning, {person.name}"},
        )
    return survey_round


def days_after_close(survey_round, days):
    return survey_round.closed_at + timedelta(days=days)


def test_a_round_is_purged_only_after_the_retention_period(seed_agreement):
    survey_round = answered_round(seed_agreement, 10)
    assert purge_expired(days_after_close(survey_round, 730)) == []
    assert Answer.objects.filter(invitation__round=survey_round).count() == 8

    [purged] = purge_expired(days_after_close(survey_round, 731))
    assert purged == survey_round
    survey_round.refresh_from_db()
    assert survey_round.purged_at == days_after_close(survey_round, 731)
    assert not Answer.objects.filter(invitation__round=survey_round).exists()
    assert not Observation.objects.filter(invitation__round=survey_round).exists()


def test_the_retention_period_is_the_admins(seed_agreement):
    SurveySettings.objects.create(retention_days=30)
    survey_round = answered_round(seed_agreement, 10)
    assert purge_expired(days_after_close(survey_round, 31)) == [survey_round]


def test_purging_keeps_the_counts_and_the_figures_but_not_who(seed_agreement):
    survey_round = answered_round(seed_agreement, 10)
    person = Respondent.objects.get(name="Person 1")
    purge_expired(days_after_close(survey_round, 731))

    invitations = Invitation.objects.filter(round=survey_round)
    assert invitations.count() == 4
    assert not invitations.filter(respondent__isnull=False).exists()
    assert not Invitation.areas.through.objects.filter(invitation__round=survey_round).exists()
    assert not person.invitations.exists()
    assert Respondent.objects.filter(pk=person.pk).exists()  # the register itself stays
    survey_round.refresh_from_db()
    assert (survey_round.invited_count, survey_round.answered_count) == (4, 4)
    tally = CellTally.objects.get(round=survey_round, factor__name="Skadegörelse")
    assert (tally.none, tally.low, tally.elevated, tally.high, tally.unknown) == (0, 1, 1, 1, 1)
    assert CellTally.objects.get(round=survey_round, factor__name="Klotter").low == 4


def test_only_expired_rounds_are_touched(seed_agreement):
    old = answered_round(seed_agreement, 10)
    recent = answered_round(seed_agreement, 40, prefix="Ny")
    assert purge_expired(days_after_close(old, 731)) == [old]
    assert Answer.objects.filter(invitation__round=recent).count() == 8
    assert Invitation.objects.filter(round=recent, respondent__isnull=False).count() == 4


def test_an_open_round_whose_close_was_missed_counts_from_its_close_time(seed_agreement):
    survey_round = make_round(seed_agreement, 2022, 10, closed=False)
    assert purge_expired(survey_round.closes_at + timedelta(days=731)) == [survey_round]


def test_a_second_run_purges_nothing_again(seed_agreement):
    survey_round = answered_round(seed_agreement, 10)
    now = days_after_close(survey_round, 800)
    purge_expired(now)
    assert purge_expired(now) == []
    assert CellTally.objects.filter(round=survey_round).count() == 2


def test_a_failed_round_is_left_whole_and_the_others_purged(seed_agreement, monkeypatch):
    first = answered_round(seed_agreement, 10)
    second = answered_round(seed_agreement, 11, prefix="Ny")
    real = retention.store_tallies

    def fail_on_second(survey_round):
        real(survey_round)
        if survey_round == second:
            raise RuntimeError("disk full")

    monkeypatch.setattr(retention, "store_tallies", fail_on_second)
    with pytest.raises(RuntimeError, match="disk full"):
        purge_expired(days_after_close(second, 731))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.purged_at is not None
    assert second.purged_at is None
    assert not CellTally.objects.filter(round=second).exists()
    assert Answer.objects.filter(invitation__round=second).count() == 8


def figure_tables(html):
    return re.findall(r"<table.*?</table>", html, re.S)


def test_thursdays_view_shows_the_same_figures_after_a_purge(police_client, seed_agreement):
    answered_round(seed_agreement, 9, levels=(H, H, E), prefix="Nio")
    survey_round = answered_round(seed_agreement, 10)
    url = "/enkat/2022/vecka/10/"
    before = police_client.get(url).text
    assert "Trasig belysning, Person 1" in before

    purge_expired(days_after_close(survey_round, 731))  # week 9 goes too
    after = police_client.get(url).text
    assert figure_tables(after) == figure_tables(before)
    assert "Svarsfrekvens: 100 % (4 av 4 svarade)." in after
    assert "Trasig belysning" not in after
    assert "De enskilda svaren raderades" in after


def test_who_answered_what_is_gone_after_a_purge(security_client, seed_agreement):
    survey_round = answered_round(seed_agreement, 10)
    purge_expired(days_after_close(survey_round, 731))
    page = security_client.get("/enkat/2022/vecka/10/svar/").text
    assert "bara omgångens siffror finns kvar" in page
    assert "Person 1" not in page


def test_the_command_purges_and_says_what(seed_agreement, capsys):
    make_round(seed_agreement, 2022, 10)
    call_command("purge_survey_answers")
    assert "Enskilda svar raderade: Enkät vecka 10, 2022" in capsys.readouterr().out
    call_command("purge_survey_answers")
    assert "Ingen enkätomgång har svar som är äldre än lagringstiden." in capsys.readouterr().out
