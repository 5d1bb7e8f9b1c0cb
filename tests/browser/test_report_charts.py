"""Every chart of the report draws in Chromium with our plotly.js bundle of its trace types."""

from playwright.sync_api import expect

from agreements import demo as agreements_demo
from indicators import demo as indicators_demo
from measures import demo as measures_demo
from meetings import demo as meetings_demo
from tests.browser.conftest import assert_accessible, log_in

URL = "/rapporter/trelleborg-2019-2022/2021/"

# Per chart: the trace types asked for, and those plotly.js drew (a type missing from the
# bundle quietly becomes a scatter, or nothing), and the layers it drew: one per trace.
DRAWN_JS = """() => [...document.querySelectorAll("[data-chart]")].map((chart) => ({
  asked: chart.data.map((trace) => trace.type),
  drawn: chart._fullData.map((trace) => trace.visible === false ? "hidden" : trace.type),
  layers: chart.querySelectorAll(".trace, .hm image").length,
}))"""


def test_every_chart_draws_without_a_script_error(page, seed_agreement, security_user):
    for demo in (agreements_demo, measures_demo, indicators_demo, meetings_demo):
        demo.create(seed_agreement)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    log_in(page, security_user.username)
    scripts = []
    page.on("response", lambda response: scripts.append(response.url.split("/static/")[-1]))
    page.goto(URL)
    page.wait_for_function("document.documentElement.dataset.chartsReady === '1'")
    assert "vendor/plotly/plotly-scatter-bar-heatmap.min.js" in scripts
    assert not [name for name in scripts if name.endswith("plotly.min.js")]
    assert_accessible(page)  # redraws the charts at each width

    charts = page.evaluate(DRAWN_JS)
    assert {kind for chart in charts for kind in chart["asked"]} == {"scatter", "bar", "heatmap"}
    for chart in charts:
        assert chart["drawn"] == chart["asked"]
        assert chart["layers"] == len(chart["asked"])
    heatmap = page.locator("[data-chart='chart-situation-heatmap-data']")
    expect(heatmap.locator("text", has_text="Förhöjd").first).to_be_visible()  # a cell's level
    assert errors == []
