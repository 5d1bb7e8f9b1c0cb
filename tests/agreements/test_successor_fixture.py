"""The 2023–2026 agreement as published on trelleborg.se, shipped as a fixture."""

from django.core import serializers
from django.core.management import call_command

from agreements.models import Agreement
from indicators.models import Indicator, Rule, Target
from measures.models import Measure

FIXTURE = "fixtures/trelleborg-2023-2026.json"
PUBLISHED = (
    "https://www.trelleborg.se/omsorg-och-hjalp/trygg-saker/tryggare-trelleborg/"
    "overenskommelse-om-samverkan/"
)
FOCUS_AREAS = [
    "Misshandel",
    "Olaga hot och ofredande",
    "Övrig stöld",
    "Bedrägerier",
    "Skadegörelse",
    "Narkotika",
    "Trafik",
    "Ordningsstörningar",
    "Kriminella nätverk",
    "Hamnen",
]


def test_every_row_of_the_fixture_is_valid(seed_agreement):
    call_command("loaddata", "trelleborg-2023-2026", verbosity=0)
    with open(FIXTURE, encoding="utf-8") as fixture:
        rows = list(serializers.deserialize("json", fixture))
    assert len(rows) > 30
    for row in rows:
        model = type(row.object)
        model.objects.get(pk=row.object.pk).full_clean()  # as loaded, checked as a form would


def test_agreement_in_force_with_its_source(successor_agreement, seed_agreement):
    seed_agreement.refresh_from_db()
    assert successor_agreement.status == Agreement.Status.ACTIVE
    assert seed_agreement.status == Agreement.Status.ENDED
    assert (successor_agreement.start_year, successor_agreement.end_year) == (2023, 2026)
    assert PUBLISHED in successor_agreement.text
    assert [a.title for a in successor_agreement.focus_areas.all()] == FOCUS_AREAS
    kinds = {party.kind for party in successor_agreement.parties.all()}
    assert kinds == {"kommun", "polis"}
    assert successor_agreement.commitments.get().kind == "weekly_meeting"
    assert not Measure.objects.filter(agreement=successor_agreement).exists()  # none published


def test_the_five_crime_counts_shall_decrease(successor_agreement):
    goal = successor_agreement.effectgoals.get(measurement="Polisanmälda brott")
    targets = list(goal.targets.select_related("indicator__source"))
    assert [t.indicator.short_name for t in targets] == [
        "Misshandel",
        "Olaga hot och ofredande",
        "Övrig stöld",
        "Bedrägerier",
        "Skadegörelsebrott",
    ]
    for target in targets:
        assert target.indicator.source.name == "Polisanmälda brott"
        assert target.rule == Rule.DECREASE_OVER_PERIOD
        assert (target.first_year, target.last_year) == (2023, 2026)
        assert [g.code for g in target.groups.all()] == ["alla"]


def test_targets_point_to_existing_indicators_and_the_rest_are_assessed(successor_agreement):
    targets = Target.objects.filter(goal__agreement=successor_agreement)
    assert targets.count() == 8  # five crime counts, three traffic questions of the survey
    assert set(targets.values_list("indicator__code", flat=True)) <= set(
        Indicator.objects.values_list("code", flat=True)
    )
    traffic = successor_agreement.effectgoals.get(measurement="Polisens trygghetsmätning")
    assert sorted(traffic.targets.values_list("indicator__code", flat=True)) == [
        "tm-buskorning",
        "tm-fortkorning",
        "tm-trafikregler",
    ]
    without = successor_agreement.effectgoals.filter(targets__isnull=True)
    assert without.count() == 5  # no indicator decides these: the writers assess them
    assert "Inga kriminella nätverk" in set(without.values_list("short_title", flat=True))
