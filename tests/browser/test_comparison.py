"""The kommunpolis of the whole police area switches to Trelleborg and reads its report's
comparison with the neighbours, the county and the country: drawn, tabled, accessible."""

from playwright.sync_api import expect

from accounts.roles import MUNICIPAL_POLICE
from indicators import demo as indicators_demo
from municipalities import demo as neighbours_demo
from municipalities import demo_comparison
from municipalities.models import Municipality
from tests.browser.conftest import assert_accessible, log_in


def test_the_kommunpolis_switches_and_reads_the_comparison(page, make_user, seed_agreement):
    indicators_demo.create(seed_agreement)
    neighbours_demo.create()
    demo_comparison.create()
    make_user("polis", MUNICIPAL_POLICE)  # every municipality
    log_in(page, "polis")
    page.goto("/")
    choice = page.get_by_label("Kommun", exact=True)
    choice.select_option(label="Vellinge kommun")
    page.get_by_role("button", name="Byt kommun").click()
    expect(page.locator(".site-tagline")).to_contain_text("Vellinge kommun")
    choice.select_option(label="Trelleborgs kommun")
    page.get_by_role("button", name="Byt kommun").click()
    expect(page.locator(".site-tagline")).to_contain_text("Trelleborgs kommun")
    assert page.get_by_label("Kommun", exact=True).input_value() == str(
        Municipality.objects.get(code="1287").pk
    )

    page.goto("/rapporter/trelleborg-2019-2022/2021/")
    page.get_by_role("link", name="Jämförelse med andra kommuner").click()
    section = page.locator("section[aria-labelledby=comparison-heading]")
    expect(section.get_by_role("heading", name="Jämförelse med andra kommuner")).to_be_visible()
    page.wait_for_function("document.documentElement.dataset.chartsReady === '1'")
    chart = section.locator("[data-chart='chart-comparison-1-data']")
    expect(chart.locator(".trace")).to_have_count(5)  # Trelleborg, two neighbours, county, country
    expect(chart.locator(".legend")).to_contain_text("Riket")
    table = section.get_by_role("table", name="Siffror: Jämförelse: Bostadsinbrott")
    own = table.locator("tr.report-row-own")
    expect(own).to_have_count(2)  # the count and the rate
    expect(own.nth(1)).to_contain_text("2,17")  # 100 burglaries among 46,050 inhabitants
    assert_accessible(page)
