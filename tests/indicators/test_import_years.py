"""Series that go back: a calendar-year source takes any year from 1990 on, its new periods
named in the preview and created with the values, all or nothing; survey waves stay explicit."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators import importing, reading
from indicators.models import Period, Value

from .conftest import snapshot
from .test_confirm_import import CONFIRM
from .test_import import csv_bytes, upload

EARLIER = ("brott-bostadsinbrott;2014;alla;160", "brott-bostadsinbrott;2015;alla;150")


def brå_years():
    return set(
        Period.objects.filter(source__name="Polisanmälda brott").values_list("year", flat=True)
    )


def test_the_preview_names_the_periods_it_will_create(security_client, demo_values):
    response = upload(
        security_client, "äldre.csv", csv_bytes(*EARLIER, "tm-otrygghet;2015;alla;30")
    )
    preview = response.context["preview"]
    assert preview.ok
    assert "Perioder som importen skapar" in response.text
    assert "Polisanmälda brott: 2014" in response.text
    assert "Polisanmälda brott: 2015" in response.text
    assert "Polisens trygghetsmätning: 2015" in response.text
    assert 2014 not in brå_years()  # nothing yet: the preview only says so


def test_confirming_creates_the_periods_with_the_values(
    security_client, security_user, demo_values
):
    preview = upload(security_client, "äldre.csv", csv_bytes(*EARLIER)).context["preview"]
    response = security_client.post(CONFIRM, {"fingerprint": preview.fingerprint()}, follow=True)
    assert "äldre.csv importerad: 2 tillagda, 0 ändrade." in response.text
    assert {2014, 2015} <= brå_years()
    created = Period.objects.get(source__name="Polisanmälda brott", label="2014")
    assert (created.kind, created.year) == (Period.Kind.YEAR, 2014)
    assert created.history.get().history_user == security_user
    value = Value.objects.get(indicator__code="brott-bostadsinbrott", period=created)
    assert value.value == Decimal(160)


def test_new_periods_are_one_statement_whatever_their_number(security_user, demo_values):
    rows = [f"brott-bostadsinbrott;{year};alla;100" for year in range(1990, 2016)]
    preview = importing.preview_rows(rows_of(csv_bytes(*rows)))
    assert len(preview.new_periods) == 26
    with CaptureQueriesContext(connection) as queries:
        importing.apply(preview, security_user)
    periods = [q["sql"] for q in queries if q["sql"].startswith('INSERT INTO "indicators_period"')]
    assert len(periods) == 1
    assert set(range(1990, 2016)) <= brå_years()


def rows_of(content):
    return reading.read_file("äldre.csv", content).rows


def test_a_refused_file_creates_no_period(security_client, demo_values):
    before = snapshot()
    response = upload(
        security_client, "fel.csv", csv_bytes(*EARLIER, "brott-bostadsinbrott;2013;alla;tolv")
    )
    assert "Rad 4, kolumn value: ”tolv” är inte ett tal." in response.text
    assert not brå_years() & {2013, 2014, 2015}
    assert snapshot() == before


def test_an_unconfirmed_preview_creates_no_period(security_client, demo_values):
    upload(security_client, "äldre.csv", csv_bytes(*EARLIER))
    response = security_client.post(CONFIRM, {"fingerprint": "fel"}, follow=True)
    assert "Värdena har ändrats sedan förhandsgranskningen." in response.text
    assert not brå_years() & {2014, 2015}


def test_1989_and_a_future_year_are_refused(security_client, demo_values):
    response = upload(
        security_client,
        "fel.csv",
        csv_bytes("brott-bostadsinbrott;1989;alla;170", "brott-bostadsinbrott;2999;alla;1"),
    )
    assert (
        "Rad 2, kolumn period: 1989 kan inte importeras: värden kan gälla åren 1990–"
        in response.text
    )
    assert "Rad 3, kolumn period: 2999 kan inte importeras" in response.text
    assert not brå_years() & {1989, 2999}


def test_a_survey_wave_that_does_not_exist_is_refused(security_client, demo_values):
    response = upload(security_client, "fel.csv", csv_bytes("fhe-tobak;2019;ak9;9"))
    assert (
        "Rad 2, kolumn period: Folkhälsoenkät Barn och Unga har ingen period ”2019” "
        "(perioder: 2016, 2021). En enkätvåg läggs in med sina fältarbetsdatum först."
    ) in response.text
    assert not Period.objects.filter(
        source__name="Folkhälsoenkät Barn och Unga", label="2019"
    ).exists()
