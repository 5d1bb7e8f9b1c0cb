"""Säkerhetsenheten enters a survey wave in the grid and imports a file, in the browser."""

from decimal import Decimal

from playwright.sync_api import expect

from indicators import demo as indicators_demo
from indicators.models import Value, ValueStatus
from tests.browser.conftest import assert_accessible, log_in


def open_indicators(page):
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Indikatorer").click()
    page.wait_for_url("**/indikatorer/")
    assert_accessible(page)


def test_security_unit_enters_a_survey_wave_in_the_grid(page, security_user, seed_agreement):
    log_in(page, security_user.username)
    open_indicators(page)
    page.get_by_role("link", name="Tobaksbruk (%)").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Tobaksbruk (%)"
    assert_accessible(page)

    page.get_by_label("åk 6, våg 2021: värde").fill("1,4")
    page.keyboard.press("Tab")
    page.keyboard.type("400")  # the number of answers follows the value
    page.get_by_label("åk 9, våg 2021: värde").fill("140")
    page.get_by_label("gymnasiet år 2, våg 2021: värde").fill("20,5")
    page.get_by_label("Status för våg 2021").select_option(label="Preliminär")
    page.get_by_role("button", name="Spara värdena").click()

    alert = page.get_by_role("alert")
    assert "Värdena sparades inte" in alert.inner_text()
    assert "140 ligger utanför skalan 0–100." in alert.inner_text()
    assert_accessible(page)
    assert not Value.objects.exists()

    page.get_by_label("åk 9, våg 2021: värde").fill("9,2")
    page.get_by_role("button", name="Spara värdena").click()
    assert page.get_by_role("status").inner_text() == "3 värden sparade."
    assert_accessible(page)
    entered = {
        (v.group.code, v.value, v.sample_size, v.status)
        for v in Value.objects.filter(period__label="2021").select_related("group")
    }
    assert entered == {
        ("ak6", Decimal("1.4"), 400, ValueStatus.PRELIMINARY),
        ("ak9", Decimal("9.2"), None, ValueStatus.PRELIMINARY),
        ("gy2", Decimal("20.5"), None, ValueStatus.PRELIMINARY),
    }


def choose_file(page, name, content):
    page.get_by_label("Fil", exact=True).set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content}
    )
    page.get_by_role("button", name="Granska filen").click()


def test_security_unit_imports_a_file_after_a_preview(page, security_user, seed_agreement):
    log_in(page, security_user.username)
    open_indicators(page)
    page.get_by_role("link", name="Importera värden från en fil").click()
    assert_accessible(page)

    choose_file(page, "fel.csv", b"indicator;period;group;value\ntm-fortkorning;2021;alla;7\n")
    alert = page.get_by_role("alert")
    assert "Rad 2, kolumn value: 7 ligger utanför skalan 0–6." in alert.inner_text()
    assert_accessible(page)

    content = (
        "\ufeffindicator;period;group;value;status\n"
        "brott-bostadsinbrott;2021;alla;100;slutlig\n"
        "brott-bostadsinbrott;2022;alla;95;preliminär\n"
    ).encode()
    choose_file(page, "brott.csv", content)
    heading = page.get_by_role(
        "heading", name="Förhandsgranskning: kontrollera innan du importerar"
    )
    expect(heading).to_be_visible()
    summary = page.get_by_role("status").inner_text()
    assert summary.startswith("2 att lägga till, 0 att ändra, 0 oförändrade.")
    expect(page.get_by_role("table", name="Värden att lägga till")).to_be_visible()
    assert_accessible(page)
    assert not Value.objects.exists()

    page.get_by_role("button", name="Importera värdena").click()
    page.wait_for_url("**/indikatorer/")
    assert "brott.csv importerad: 2 tillagda, 0 ändrade." in page.get_by_role("status").inner_text()
    assert_accessible(page)
    assert sorted(Value.objects.values_list("value", "status")) == [
        (Decimal(95), ValueStatus.PRELIMINARY),
        (Decimal(100), ValueStatus.FINAL),
    ]


def test_police_read_the_grid_and_the_admin_is_usable(
    page, police_user, security_user, seed_agreement
):
    indicators_demo.create(seed_agreement)
    log_in(page, police_user.username)
    open_indicators(page)
    page.get_by_role("link", name="Polisanmälda bostadsinbrott (antal/år)").click()
    expect(page.get_by_role("table").get_by_text("100")).to_be_visible()
    expect(page.get_by_role("button", name="Spara värdena")).not_to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Logga ut").click()
    log_in(page, security_user.username)
    for path in (
        "/admin/indicators/indicator/1/change/",
        "/admin/indicators/target/4/change/",
        "/admin/indicators/datasource/2/change/",
        "/admin/indicators/value/add/",
    ):
        page.goto(path)
        assert_accessible(page, impacts={"serious", "critical"})
