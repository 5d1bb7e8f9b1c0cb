"""An installation from before municipalities were records of their own migrates by itself:
each agreement, and each of its history rows, gets the municipality its text named."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("agreements", "0002_follow_up_revisions"), ("municipalities", None)]
AFTER = [("agreements", "0004_municipality_in_place_of_its_text")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1]]).apps


@pytest.mark.django_db(transaction=True)
def test_agreements_of_one_municipality_share_its_record():
    old = migrate(BEFORE)
    Agreement = old.get_model("agreements", "Agreement")
    History = old.get_model("agreements", "HistoricalAgreement")
    places = {
        "t-2019": ("Trelleborgs kommun", "1287", "Lokalpolisområde Trelleborg", 2019),
        "t-2023": ("trelleborgs kommun ", "", "", 2023),  # the same, by name, no code given
        "s-2023": ("Svedala kommun", "1263", "Lokalpolisområde Trelleborg", 2023),
    }
    for slug, (name, code, area, start) in places.items():
        fields = dict(municipality=name, municipality_code=code, police_area=area)
        agreement = Agreement.objects.create(
            title=slug, slug=slug, start_year=start, end_year=start + 3, **fields
        )
        History.objects.create(
            id=agreement.pk, title=slug, slug=slug, start_year=start, end_year=start + 3,
            status="active", history_date="2022-01-01T00:00Z", history_type="+", **fields
        )  # fmt: skip
    try:
        new = migrate(AFTER)
        Agreement = new.get_model("agreements", "Agreement")
        History = new.get_model("agreements", "HistoricalAgreement")
        Municipality = new.get_model("municipalities", "Municipality")
        by_slug = {a.slug: a.municipality for a in Agreement.objects.select_related("municipality")}
        assert by_slug["t-2019"] == by_slug["t-2023"] != by_slug["s-2023"]
        trelleborg = by_slug["t-2019"]
        assert (trelleborg.name, trelleborg.code) == ("Trelleborgs kommun", "1287")
        assert trelleborg.police_area == "Lokalpolisområde Trelleborg"
        assert Municipality.objects.count() == 2
        history = dict(History.objects.values_list("slug", "municipality_id"))
        assert history == {slug: place.pk for slug, place in by_slug.items()}
    finally:
        call_command("migrate", verbosity=0)  # the schema the other tests expect
