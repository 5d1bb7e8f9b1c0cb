"""Starting the next agreement: a clean short name, no overlapping periods, and a draft that
copies the earlier agreement's structure in one go."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from agreements.models import Agreement, Party, ProblemPicture, ProductionGoal
from agreements.naming import agreement_slug
from agreements.succession import copy_structure, next_period, proposal
from indicators.models import Period, Rule, Target
from measures.models import Measure, MeasureStatus
from tests.agreements.test_admin_validation import agreement_form
from tests.places import svedala


@pytest.mark.parametrize(
    ("municipality", "slug"),
    [
        ("Trelleborgs kommun", "trelleborg-2023-2026"),
        ("Höörs kommun", "hoor-2023-2026"),
        ("Höör", "hoor-2023-2026"),
        ("Älmhult", "almhult-2023-2026"),
        ("Älmhults kommun", "almhult-2023-2026"),
        ("Vellinge kommun", "vellinge-2023-2026"),
        ("Hofors kommun", "hofors-2023-2026"),
        ("Malmö stad", "malmo-2023-2026"),
        ("Bollnäs kommun", "bollnas-2023-2026"),
    ],
)
def test_slug_from_municipality_and_period(municipality, slug):
    assert agreement_slug(municipality, 2023, 2026) == slug


def successor(seed_agreement, **fields):
    start, end = next_period(seed_agreement)
    values = {
        "title": f"Samverkansöverenskommelse {start}–{end}",
        "slug": f"trelleborg-{start}-{end}",
        "municipality": seed_agreement.municipality,
        "start_year": start,
        "end_year": end,
    }
    return values | fields


def test_overlapping_period_is_refused_naming_the_other_agreement(seed_agreement):
    overlapping = Agreement(**successor(seed_agreement, start_year=2022, slug="trelleborg-x"))
    with pytest.raises(ValidationError) as refused:
        overlapping.full_clean()
    assert refused.value.message_dict["start_year"] == [
        "Trelleborgs kommun har redan en överenskommelse för 2019–2022: "
        "”Samverkansöverenskommelse 2019 - 2022”. Perioderna får inte överlappa varandra."
    ]
    earlier = Agreement(**successor(seed_agreement, start_year=2017, end_year=2019, slug="t-x"))
    with pytest.raises(ValidationError) as refused:
        earlier.full_clean()
    assert "end_year" in refused.value.message_dict
    other_municipality = successor(seed_agreement, start_year=2021, municipality=svedala())
    Agreement(**other_municipality).full_clean()  # Svedala's own agreement may run alongside
    seed_agreement.full_clean()  # an agreement does not overlap itself


def test_admin_refuses_an_overlapping_period(security_client, seed_agreement):
    response = security_client.post(
        "/admin/agreements/agreement/add/",
        agreement_form(start_year="2021", end_year="2024", slug="trelleborg-2021-2024"),
    )
    assert response.status_code == 200
    assert "Perioderna får inte överlappa varandra." in response.text
    assert "Samverkansöverenskommelse 2019 - 2022" in response.text
    assert not Agreement.objects.filter(slug="trelleborg-2021-2024").exists()


def test_admin_makes_the_slug_when_left_empty(security_client, seed_agreement):
    response = security_client.post("/admin/agreements/agreement/add/", agreement_form(slug=""))
    assert response.status_code == 302
    assert Agreement.objects.filter(slug="trelleborg-2023-2026", start_year=2023).exists()


@pytest.fixture
def running_and_done(seed_agreement):
    area = seed_agreement.focus_areas.first()
    talks = ProductionGoal.objects.create(
        agreement=seed_agreement, focus_area=area, text="Samtal om droger", yearly_target=8
    )
    ProblemPicture.objects.create(agreement=seed_agreement, year=2022, summary="Buskörning")
    running = Measure.objects.create(
        agreement=seed_agreement,
        focus_area=area,
        production_goal=talks,
        title="Samtal om droger i skolan",
        responsible="gemensam",
        status=MeasureStatus.ONGOING,
        start_date=date(2019, 8, 1),
        end_date=date(2022, 6, 30),
    )
    Measure.objects.create(
        agreement=seed_agreement,
        title="Ny belysning i parken",
        responsible="kommun",
        status=MeasureStatus.DONE,
    )
    return running


def test_copy_makes_a_draft_with_the_structure(seed_agreement, running_and_done):
    copy = copy_structure(seed_agreement, **successor(seed_agreement))
    assert copy.status == Agreement.Status.DRAFT
    assert (copy.start_year, copy.end_year, copy.slug) == (2023, 2026, "trelleborg-2023-2026")
    assert [p.name for p in copy.parties.all()] == [p.name for p in seed_agreement.parties.all()]
    assert copy.commitments.count() == seed_agreement.commitments.count() == 5
    titles = [a.title for a in copy.focus_areas.all()]
    assert titles == [a.title for a in seed_agreement.focus_areas.all()]
    assert copy.effectgoals.count() == 7
    goal = copy.productiongoals.get()
    assert goal.focus_area.agreement == copy and goal.text == "Samtal om droger"
    measure = copy.measures.get()  # the running one; the done one stays behind
    assert measure.title == "Samtal om droger i skolan"
    assert (measure.focus_area.agreement, measure.production_goal) == (copy, goal)
    assert measure.end_date is None  # it ran past its old end date, into the new agreement
    assert not copy.problempictures.exists()  # a year's records stay with their agreement
    assert seed_agreement.measures.count() == 2 and seed_agreement.effectgoals.count() == 7


def test_copied_targets_move_with_the_period(seed_agreement):
    copy = copy_structure(seed_agreement, **successor(seed_agreement))
    old = {t.indicator.code: t for t in Target.objects.filter(goal__agreement=seed_agreement)}
    new = {t.indicator.code: t for t in Target.objects.filter(goal__agreement=copy)}
    assert set(new) == set(old)  # the same indicators
    speeding = new["tm-fortkorning"]
    assert (speeding.first_year, speeding.last_year, speeding.threshold) == (2023, 2026, 2)
    tobacco = new["fhe-tobak"]
    assert (tobacco.first_year, tobacco.last_year) == (2024, 2024)  # 2020 four years on
    assert tobacco.rule == Rule.DECREASE_FROM_BASELINE
    # Compared with the last wave before the new period (2021), not with 2016 any more.
    assert tobacco.baseline_period == Period.objects.get(source=tobacco.indicator.source, year=2021)
    assert (tobacco.substitute_year, tobacco.substitute_period) == (None, None)
    assert [g.code for g in tobacco.groups.all()] == ["ak6", "ak9", "gy2"]
    assert old["fhe-tobak"].first_year == 2020  # the old agreement keeps its own


def test_shorter_period_keeps_targets_inside_it(seed_agreement):
    copy = copy_structure(seed_agreement, **successor(seed_agreement, end_year=2024, slug="k"))
    years = Target.objects.filter(goal__agreement=copy).values_list("first_year", "last_year")
    assert set(years) == {(2023, 2024), (2024, 2024)}


def test_a_row_that_cannot_be_copied_leaves_nothing_behind(seed_agreement, running_and_done):
    seed_agreement.commitments.filter(kind="weekly_meeting").update(text="")  # as an old row may be
    with pytest.raises(ValidationError) as refused:
        copy_structure(seed_agreement, **successor(seed_agreement))
    assert "Åtagande ”Veckomöte” kunde inte kopieras" in str(refused.value)
    assert not Agreement.objects.filter(slug="trelleborg-2023-2026").exists()
    assert Party.objects.count() == 2


def test_proposal_is_the_next_period(seed_agreement):
    assert proposal(seed_agreement) | {"source": None} == {
        "source": None,
        "title": "Samverkansöverenskommelse 2023–2026",
        "municipality": seed_agreement.municipality,
        "start_year": 2023,
        "end_year": 2026,
        "slug": "trelleborg-2023-2026",
    }
