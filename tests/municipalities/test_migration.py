"""An installation from before municipalities were records of their own migrates by itself:
each agreement and its history get the municipality its text named; values, survey respondents
and summary recipients the municipality they served.

The database goes back once, to before municipalities, and forward in two steps with rows written
at each as the installation held them; each test reads what the migrations made of them. (One
trip: a migration backwards and forwards costs seconds of Django's model states.)
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db  # the tests read what the module fixture left

BEFORE_MUNICIPALITIES = [("agreements", "0002_follow_up_revisions"), ("municipalities", None)]
# Agreements name their municipality; values, respondents and recipients do not yet.
AGREEMENTS_PLACED = [
    ("agreements", "0004_municipality_in_place_of_its_text"),
    ("municipalities", "0002_population"),
    ("indicators", "0004_series_break"),
    ("surveys", "0003_survey_municipality"),
    ("meetings", "0002_meeting_revision"),
]
# Each agreement as its text named its municipality: (name, code, police area, first year).
AGREEMENTS = {
    "t-2019": ("Trelleborgs kommun", "1287", "Lokalpolisområde Trelleborg", 2019),
    "t-2023": ("trelleborgs kommun ", "", "", 2023),  # the same, by name, no code given
    "s-2023": ("Svedala kommun", "1263", "Lokalpolisområde Trelleborg", 2023),
}


def migrate(targets=None):
    """Migrate to `targets` (every app's latest without them); the models as they are there."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1]]).apps


def write_agreements(old):
    Agreement = old.get_model("agreements", "Agreement")
    History = old.get_model("agreements", "HistoricalAgreement")
    for slug, (name, code, area, start) in AGREEMENTS.items():
        fields = dict(municipality=name, municipality_code=code, police_area=area)
        agreement = Agreement.objects.create(
            title=slug, slug=slug, start_year=start, end_year=start + 3, **fields
        )
        History.objects.create(
            id=agreement.pk, title=slug, slug=slug, start_year=start, end_year=start + 3,
            status="active", history_date="2022-01-01T00:00Z", history_type="+", **fields
        )  # fmt: skip


def write_a_value(old):
    source = old.get_model("indicators", "DataSource").objects.create(name="Brå")
    fields = dict(
        indicator=old.get_model("indicators", "Indicator").objects.create(
            code="brott", name="Brott", short_name="Brott", source=source
        ),
        period=old.get_model("indicators", "Period").objects.create(
            source=source, label="2021", year=2021
        ),
        group=old.get_model("indicators", "Group").objects.create(code="alla", name="Alla"),
        value=100,
    )
    value = old.get_model("indicators", "Value").objects.create(**fields)
    old.get_model("indicators", "HistoricalValue").objects.create(
        id=value.pk, status="final", updated="2022-01-01T00:00Z",
        history_date="2022-01-01T00:00Z", history_type="+", **fields
    )  # fmt: skip


def write_the_survey(old):
    svedala = old.get_model("municipalities", "Municipality").objects.get(code="1263")
    old.get_model("surveys", "SurveySettings").objects.create(municipality=svedala)
    old.get_model("surveys", "Respondent").objects.create(name="Ada", email="ada@example.org")
    old.get_model("meetings", "DistributionRecipient").objects.create(
        name="Polisen", email="lpo@example.org"
    )


@pytest.fixture(scope="module")
def migrated(django_db_setup, django_db_blocker):
    """The models after the trip; the rows it wrote are emptied after the module's tests."""
    with django_db_blocker.unblock():
        try:
            write_agreements(migrate(BEFORE_MUNICIPALITIES))
            placed = migrate(AGREEMENTS_PLACED)
            write_a_value(placed)
            write_the_survey(placed)
        finally:
            new = migrate()  # also the schema the other tests expect, whatever failed
    yield new
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)



def test_agreements_of_one_municipality_share_its_record(migrated):
    Agreement = migrated.get_model("agreements", "Agreement")
    by_slug = {a.slug: a.municipality for a in Agreement.objects.select_related("municipality")}
    assert by_slug["t-2019"] == by_slug["t-2023"] != by_slug["s-2023"]
    trelleborg = by_slug["t-2019"]
    assert (trelleborg.name, trelleborg.code) == ("Trelleborgs kommun", "1287")
    assert trelleborg.police_area == "Lokalpolisområde Trelleborg"
    assert migrated.get_model("municipalities", "Municipality").objects.count() == 2
    History = migrated.get_model("agreements", "HistoricalAgreement")
    history = dict(History.objects.values_list("slug", "municipality_id"))
    assert history == {slug: place.pk for slug, place in by_slug.items()}


def test_values_and_their_history_become_the_first_agreements_municipalitys(migrated):
    trelleborg = migrated.get_model("agreements", "Agreement").objects.get(slug="t-2019")
    Value = migrated.get_model("indicators", "Value")
    assert list(Value.objects.values_list("municipality__code", flat=True)) == ["1287"]
    History = migrated.get_model("indicators", "HistoricalValue")
    assert list(History.objects.values_list("municipality_id", flat=True)) == [
        trelleborg.municipality_id
    ]


def test_respondents_get_their_surveys_municipality_and_recipients_the_first_agreements(
    migrated,
):
    respondents = migrated.get_model("surveys", "Respondent").objects
    assert list(respondents.values_list("municipality__code", flat=True)) == ["1263"]
    recipients = migrated.get_model("meetings", "DistributionRecipient").objects
    assert list(recipients.values_list("municipality__code", flat=True)) == ["1287"]
