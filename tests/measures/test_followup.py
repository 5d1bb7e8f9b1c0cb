"""How production goals stand in a year: the counts their measures reported, summed."""

from agreements.models import ProductionGoal
from measures.followup import measures_in_year, production_goal_results
from measures.models import Measure, MeasureUpdate


def results_by_text(agreement, year):
    rows = production_goal_results(agreement, measures_in_year(agreement, year))
    return {row["goal"].text: row for row in rows}


def test_counts_of_a_goals_measures_are_summed_against_its_yearly_target(seed_agreement):
    talks = ProductionGoal.objects.create(
        agreement=seed_agreement, text="Drogförebyggande samtal", yearly_target=8, order=90
    )
    quiet = ProductionGoal.objects.create(
        agreement=seed_agreement, text="Trygghetsvandringar", yearly_target=4, order=91
    )
    for title, count in [("Samtal i åk 8", 5), ("Samtal på gymnasiet", 4)]:
        measure = Measure.objects.create(
            agreement=seed_agreement, production_goal=talks, title=title, responsible="polis"
        )
        for year, achieved in [(2021, count), (2020, 1)]:
            MeasureUpdate.objects.create(
                measure=measure, year=year, status="done", achieved_count=achieved
            )
    unreported = Measure.objects.create(
        agreement=seed_agreement, production_goal=quiet, title="Vandring", responsible="kommun"
    )
    MeasureUpdate.objects.create(measure=unreported, year=2021, status="ongoing")

    results = results_by_text(seed_agreement, 2021)
    assert (results[talks.text]["achieved"], results[talks.text]["reached"]) == (9, True)
    # No count reported is "not followed up", never "not reached".
    assert (results[quiet.text]["achieved"], results[quiet.text]["reached"]) == (None, None)
    assert results_by_text(seed_agreement, 2020)[talks.text]["reached"] is False
