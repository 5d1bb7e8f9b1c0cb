"""An installation from before values named their municipality migrates by itself: every value
and history row becomes the first agreement's municipality's."""

import pytest
from django.core.management import call_command

from tests.agreements.test_municipality_migration import migrate

BEFORE = [
    ("indicators", "0004_series_break"),
    ("agreements", "0004_municipality_in_place_of_its_text"),
]
AFTER = [("indicators", "0006_value_municipality_required")]


@pytest.mark.django_db(transaction=True)
def test_values_and_their_history_become_the_first_agreements_municipalitys():
    old = migrate(BEFORE)
    Municipality = old.get_model("municipalities", "Municipality")
    trelleborg = Municipality.objects.create(code="1287", name="Trelleborgs kommun")
    svedala = Municipality.objects.create(code="1263", name="Svedala kommun")
    Agreement = old.get_model("agreements", "Agreement")
    for place, slug in ((trelleborg, "t"), (svedala, "s")):  # Trelleborg's entered first
        Agreement.objects.create(
            title=slug, slug=slug, municipality=place, start_year=2019, end_year=2022
        )
    Source = old.get_model("indicators", "DataSource")
    source = Source.objects.create(name="Brå")
    indicator = old.get_model("indicators", "Indicator").objects.create(
        code="brott", name="Brott", short_name="Brott", source=source
    )
    period = old.get_model("indicators", "Period").objects.create(
        source=source, label="2021", year=2021
    )
    group = old.get_model("indicators", "Group").objects.create(code="alla", name="Alla")
    value = old.get_model("indicators", "Value").objects.create(
        indicator=indicator, period=period, group=group, value=100
    )
    old.get_model("indicators", "HistoricalValue").objects.create(
        id=value.pk,
        indicator=indicator,
        period=period,
        group=group,
        value=100,
        status="final",
        updated="2022-01-01T00:00Z",
        history_date="2022-01-01T00:00Z",
        history_type="+",
    )
    try:
        new = migrate(AFTER)
        Value = new.get_model("indicators", "Value")
        History = new.get_model("indicators", "HistoricalValue")
        assert list(Value.objects.values_list("municipality__code", flat=True)) == ["1287"]
        assert list(History.objects.values_list("municipality_id", flat=True)) == [trelleborg.pk]
    finally:
        call_command("migrate", verbosity=0)  # the schema the other tests expect
