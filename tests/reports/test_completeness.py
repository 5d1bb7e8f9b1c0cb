"""What a year's report still lacks: each kind appears while missing and goes once filled in."""

import pytest

from agreements.models import CitizenPromise, FollowUpStatus, ProblemPicture, PromisePoint
from indicators.models import Indicator, Period, Value
from measures.models import Measure, MeasureStatus, MeasureUpdate
from reports.completeness import missing_for_report
from reports.models import AnnualReport

YEAR = 2021


def kinds(agreement, year=YEAR):
    return [item.kind for item in missing_for_report(agreement, year)]


def labels(agreement, kind, year=YEAR):
    return [item.label for item in missing_for_report(agreement, year) if item.kind == kind]


def fill_texts(agreement, year=YEAR):
    AnnualReport.objects.create(
        agreement=agreement, year=year, summary="S", analysis="A", proposals="P"
    )


def test_with_the_demo_data_only_the_texts_are_missing(demo_agreement):
    assert set(kinds(demo_agreement)) == {"text"}
    fill_texts(demo_agreement)
    assert missing_for_report(demo_agreement, YEAR) == []


def test_a_value_not_entered_appears_with_its_groups_and_goes_once_entered(demo_agreement):
    indicator = Indicator.objects.get(code="fhe-otrygghet")
    value = Value.objects.filter(indicator=indicator, period__label="2021").first()
    group, period = value.group, value.period
    value.delete()
    [label] = labels(demo_agreement, "value")
    assert label.startswith("Känner sig otrygg 2021") and group.name in label
    Value.objects.create(
        indicator=indicator,
        municipality=demo_agreement.municipality,
        period=period,
        group=group,
        value=10,
    )
    assert labels(demo_agreement, "value") == []


def test_the_wave_that_stands_in_for_a_year_is_the_one_expected(demo_agreement):
    """2020 has no youth survey: the 2021 wave stands in, so 2020 lacks its figures once gone."""
    assert labels(demo_agreement, "value", 2020) == []
    tobacco = Indicator.objects.get(code="fhe-tobak")
    Value.objects.filter(indicator=tobacco, period__label="2021").delete()
    assert [label.split(":")[0] for label in labels(demo_agreement, "value", 2020)] == [
        f"{tobacco.short_name} 2021"
    ]


def test_a_calendar_year_without_a_period_still_lacks_its_figure(demo_agreement):
    source = Indicator.objects.get(code="brott-bostadsinbrott").source
    Value.objects.filter(period__source=source, period__year=2022).delete()
    Period.objects.filter(source=source, year=2022).delete()
    missing = labels(demo_agreement, "value", 2022)
    assert any(label.startswith("Bostadsinbrott 2022") for label in missing)


def test_a_measure_without_a_follow_up_appears_and_goes_once_followed_up(demo_agreement):
    measure = Measure.objects.filter(agreement=demo_agreement).first()
    MeasureUpdate.objects.filter(measure=measure, year=YEAR).delete()
    [item] = [i for i in missing_for_report(demo_agreement, YEAR) if i.kind == "measure"]
    assert measure.title in item.label
    assert item.url.endswith(f"/atgarder/{YEAR}/uppfoljning/#atgard-{measure.pk}")
    MeasureUpdate.objects.create(measure=measure, year=YEAR, status=MeasureStatus.ONGOING)
    assert labels(demo_agreement, "measure") == []


def test_a_measure_that_ended_before_the_year_needs_no_follow_up(demo_agreement):
    measure = Measure.objects.filter(agreement=demo_agreement).first()
    MeasureUpdate.objects.filter(measure=measure, year=YEAR).delete()
    measure.end_date = measure.start_date.replace(year=YEAR - 1, month=12, day=31)
    measure.save()
    assert labels(demo_agreement, "measure") == []


def test_a_promise_point_not_followed_up_appears_and_goes_once_it_has_a_status(demo_agreement):
    promise = CitizenPromise.objects.get(agreement=demo_agreement, year=YEAR)
    point = promise.points.first()
    PromisePoint.objects.filter(pk=point.pk).update(status=FollowUpStatus.NOT_STARTED, comment="")
    [item] = [i for i in missing_for_report(demo_agreement, YEAR) if i.kind == "promise_point"]
    assert item.url.endswith(f"/{YEAR}/medborgarloften/#punkt-{point.pk}")
    PromisePoint.objects.filter(pk=point.pk).update(status=FollowUpStatus.ONGOING)
    assert labels(demo_agreement, "promise_point") == []


def test_no_promises_and_no_problem_picture_appear_and_go(demo_agreement):
    CitizenPromise.objects.filter(agreement=demo_agreement, year=YEAR).delete()
    picture = ProblemPicture.objects.get(agreement=demo_agreement, year=YEAR)
    picture.delete()
    assert {"promises", "problem_picture"} <= set(kinds(demo_agreement))
    ProblemPicture.objects.create(agreement=demo_agreement, year=YEAR, summary="Bilden")
    CitizenPromise.objects.create(agreement=demo_agreement, year=YEAR, title="Löften")
    assert not {"promises", "problem_picture"} & set(kinds(demo_agreement))


def test_each_empty_text_is_named_and_links_to_its_field(demo_agreement):
    AnnualReport.objects.create(agreement=demo_agreement, year=YEAR, summary="Klar")
    items = [i for i in missing_for_report(demo_agreement, YEAR) if i.kind == "text"]
    assert [i.url.rsplit("#", 1)[1] for i in items] == ["id_analysis", "id_proposals"]
    assert "Analys" in items[0].label


@pytest.mark.parametrize("year", [2019, 2021])
def test_the_query_count_does_not_grow_with_the_data(
    demo_agreement, django_assert_max_num_queries, year
):
    for number in range(30):  # many more measures, none followed up
        Measure.objects.create(
            agreement=demo_agreement, title=f"Extra {number}", responsible="polis"
        )
    with django_assert_max_num_queries(10):
        items = missing_for_report(demo_agreement, year)
    assert sum(item.kind == "measure" for item in items) == 30
