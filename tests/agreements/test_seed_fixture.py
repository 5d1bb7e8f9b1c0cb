"""The fixture carries the 2019–2022 agreement word for word as the seed document has it."""

import os
from pathlib import Path

import pytest

from agreements.models import Commitment, EffectGoal

SEED = Path(__file__).resolve().parents[3] / "shared/seed/samverkansoverenskommelse-2019-2022.txt"


def normalise(text):
    """Whitespace and the PDF's Symbol-font bullet are layout, not words."""
    return " ".join(text.replace("\uf0b7", "•").split())


@pytest.fixture(scope="module")
def seed_text():
    if not SEED.exists():
        if os.environ.get("CI"):
            pytest.fail(f"The seed document is missing at {SEED}")
        pytest.skip(f"The seed document is not beside this checkout ({SEED})")
    return normalise(SEED.read_text(encoding="utf-8"))


def test_agreement_text_is_the_seed_document(seed_agreement, seed_text):
    assert normalise(seed_agreement.text) == seed_text
    assert seed_agreement.title in seed_text
    assert (seed_agreement.start_year, seed_agreement.end_year) == (2019, 2022)
    assert seed_agreement.municipality.name == "Trelleborgs kommun"
    assert seed_agreement.municipality.code == "1287"


def test_both_focus_areas_verbatim(seed_agreement, seed_text):
    titles = [area.title for area in seed_agreement.focus_areas.all()]
    assert titles == [
        "Ungdomars alkohol- och drogkonsumtion samt relaterad brottslighet",
        "Trygghet i offentlig miljö inklusive trafikmiljön",
    ]
    for title in titles:
        assert f"- {title}" in seed_text


def test_overarching_effect_goals_verbatim_with_their_indicator(seed_agreement, seed_text):
    goals = list(EffectGoal.objects.filter(agreement=seed_agreement))
    assert len(goals) == 7
    assert all(goal.is_overarching for goal in goals)
    for goal in goals:
        assert normalise(goal.text) in seed_text, goal.short_title
        assert f"Mätindikator: {goal.measurement}" in seed_text, goal.short_title
    by_title = {goal.short_title: goal for goal in goals}
    assert by_title["Bostadsinbrott"].text == "Bostadsinbrotten ska understiga 100 inbrott/år"
    assert by_title["Bostadsinbrott"].measurement == "Polisanmälda brott"
    youth = [g for g in goals if g.measurement == "Region Skånes Folkhälsoenkät Barn och Unga"]
    assert len(youth) == 3
    for goal in youth:
        assert goal.condition.startswith("Förutsatt att Region Skåne genomför")
        assert normalise(goal.condition) in seed_text


def test_commitments_verbatim(seed_agreement, seed_text):
    commitments = {c.kind: c.text for c in seed_agreement.commitments.all()}
    assert (
        "varje vecka närvara på möte inom ramen för Tryggare Trelleborg"
        in (commitments[Commitment.Kind.WEEKLY_MEETING])
    )
    assert (
        "redovisas till kommunstyrelsen och till chefen för lokalpolisområdet"
        in (commitments[Commitment.Kind.ANNUAL_REPORT])
    )
    for text in commitments.values():
        assert normalise(text) in seed_text


def test_parties(seed_agreement):
    kinds = {party.kind: party.name for party in seed_agreement.parties.all()}
    assert kinds == {
        "kommun": "Trelleborgs kommun",
        "polis": "Polisen, lokalpolisområde Trelleborg",
    }
