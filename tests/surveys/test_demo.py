"""The demo: a few invented respondents and the last weeks' closed rounds in the agreement in
force today, made once."""

from django.core.management import call_command
from django.utils import timezone

from agreements.models import Agreement
from surveys import demo
from surveys.models import Answer, Respondent, Round
from tests.places import trelleborg


def agreement_in_force_today():
    year = timezone.localdate().isocalendar().year
    return Agreement.objects.create(
        title="Överenskommelse i kraft",
        slug="i-kraft",
        municipality=trelleborg(),
        start_year=year - 1,
        end_year=year + 1,
    )


def test_demo_rounds_are_closed_with_answers_and_made_once(db):
    call_command("loaddata", "est-trelleborg", verbosity=0)
    agreement = agreement_in_force_today()
    demo.create()
    demo.create()

    people = Respondent.objects.all()
    assert len(people) == len(demo.RESPONDENTS)
    assert all(p.is_demo and p.email.endswith("@example.org") for p in people)
    rounds = Round.objects.filter(agreement=agreement)
    assert len(rounds) == demo.WEEKS
    this_week = timezone.localdate().isocalendar()
    for round_ in rounds:
        assert round_.is_demo and round_.closed_at is not None
        assert (round_.year, round_.week) < (this_week.year, this_week.week)
        assert round_.invited_count == len(people)
        assert 0 < round_.answered_count <= round_.invited_count
        assert round_.answered_count == round_.invitations.filter(answered_at__isnull=False).count()
    assert Answer.objects.filter(invitation__round__in=rounds).exists()


def test_no_demo_rounds_without_an_agreement_in_force(db):
    call_command("loaddata", "est-trelleborg", verbosity=0)
    demo.create()
    assert not Round.objects.exists()
