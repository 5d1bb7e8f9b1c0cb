"""The police area page: a user of several municipalities sees them side by side on the
indicators they share; a user of one does not reach it."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import READER, SECURITY_UNIT, assign_role
from indicators import demo as indicators_demo
from indicators.models import Indicator, Value
from municipalities import demo as neighbours_demo
from municipalities import demo_comparison
from municipalities.models import Municipality
from tests.conftest import _client_for

URL = "/kommun/jamforelse/"


@pytest.fixture
def area(seed_agreement):
    indicators_demo.create(seed_agreement)
    neighbours_demo.create()
    demo_comparison.create()
    return seed_agreement


def test_the_chief_of_the_police_area_compares_the_three(make_user, area):
    chief = make_user("chief")
    assign_role(chief, READER)  # every municipality: the police area's chief reads
    client = _client_for(chief)
    page = client.get(URL).text
    assert 'href="/kommun/jamforelse/" aria-current="page">Polisområdet</a>' in page
    assert "från 2017" in page  # the latest six years with figures: 2017–2022
    shared = page.split('id="area-indicator"')[1].split("</select>")[0]
    assert shared.count("<option") == 2  # burglaries and vandalism, first chosen
    assert "Jämförelse: Bostadsinbrott" in page and "Skadegörelse" not in page.split(shared)[1]
    table = page.split("Siffror: Jämförelse: Bostadsinbrott")[1].split("</table>")[0]
    for name in ("Trelleborgs kommun", "Svedala kommun", "Vellinge kommun"):
        assert f'<th scope="row">{name}</th>' in table
    assert "Riket" not in table and "Region Skåne" not in table  # municipalities only


def test_a_user_of_one_municipality_neither_sees_nor_reaches_it(make_user, area):
    user = make_user("trelleborg-only")
    assign_role(user, SECURITY_UNIT, area.municipality)
    client = _client_for(user)
    assert "Polisområdet" not in client.get("/").text
    assert client.get(URL).status_code == 403


def test_its_queries_do_not_grow_with_the_indicators(make_user, area):
    chief = make_user("chief")
    assign_role(chief, READER)
    client = _client_for(chief)
    client.get(URL)  # the session's first page
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    speeding = Indicator.objects.get(code="tm-fortkorning")
    for code in ("1263", "1233"):
        for period in speeding.source.periods.filter(year__gte=2017):
            Value.objects.create(
                indicator=speeding,
                municipality=Municipality.objects.get(code=code),
                period=period,
                group=speeding.groups.get(),
                value=Decimal("2.1"),
            )
    with CaptureQueriesContext(connection) as many:
        page = client.get(URL).text
    assert speeding.name in page.split('id="area-indicator"')[1].split("</select>")[0]
    assert len(many) == len(few)
    assert (
        f"Jämförelse: {speeding.short_name}" in client.get(URL + "?indikator=tm-fortkorning").text
    )
    assert client.get(URL + "?indikator=finns-inte").status_code == 404
