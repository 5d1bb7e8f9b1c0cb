"""Säkerhetsenheten starts 2027–2030 from 2023–2026 in the browser, and the meetings of every
agreement stay one click away; every page passes axe."""

from django.core.management import call_command
from playwright.sync_api import expect

from agreements.models import Agreement
from tests.browser.conftest import assert_accessible, log_in
from tests.places import trelleborg


def test_start_the_next_agreement_from_the_current_one(page, security_user, seed_agreement):
    call_command("loaddata", "trelleborg-2023-2026", verbosity=0)
    log_in(page, security_user.username)
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Överenskommelser"
    ).click()
    assert_accessible(page)
    page.get_by_role("link", name="Ny överenskommelse").click()
    assert page.get_by_label("Kortnamn").input_value() == "trelleborg-2027-2030"
    assert page.get_by_label("Utgå från").locator("option:checked").inner_text() == (
        "Samverkansöverenskommelse 2023–2026"
    )
    assert_accessible(page)

    page.get_by_label("Första år").fill("2026")  # overlaps 2023–2026: refused, nothing saved
    page.get_by_label("Kortnamn").press("Enter")
    expect(page.get_by_text("Perioderna får inte överlappa varandra.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Första år").fill("2027")
    page.get_by_label("Kortnamn").press("Enter")  # the keyboard submits the form
    page.wait_for_url("**/overenskommelser/trelleborg-2027-2030/")
    assert "har skapats" in page.get_by_role("status").inner_text()
    expect(page.get_by_text("Kriminella nätverk").first).to_be_visible()
    assert_accessible(page)
    draft = Agreement.objects.get(slug="trelleborg-2027-2030")
    assert draft.status == Agreement.Status.DRAFT and draft.focus_areas.count() == 10


def test_meetings_of_every_agreement_and_a_gap(page, security_user, seed_agreement):
    Agreement.objects.create(
        title="Samverkansöverenskommelse 2024–2027",
        slug="trelleborg-2024-2027",
        municipality=trelleborg(),
        start_year=2024,
        end_year=2027,
    )
    log_in(page, security_user.username)
    page.goto("/moten/2025/")
    years = page.get_by_role("navigation", name="År")
    years.get_by_role("link", name="2021").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Tryggare Trelleborg-möten 2021"
    assert_accessible(page)
    page.goto("/moten/2023/")
    expect(page.get_by_text("Ingen överenskommelse gällde 2023")).to_be_visible()
    assert_accessible(page)
