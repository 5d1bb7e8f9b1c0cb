"""A first visit to the report: its charts drawn by our own plotly.js bundle with only the trace
types they use (static/vendor/plotly/README.md), not the full one, so the page with its CSS and JS
stays within 500 KB compressed, gzip or brotli."""

import gzip
import re

from django.contrib.staticfiles import finders
from whitenoise.compress import Compressor

from meetings import demo as meetings_demo
from reports.charts import charts_for
from reports.content import build_content

URL = "/rapporter/trelleborg-2019-2022/2021/"
BUNDLE = "/static/vendor/plotly/plotly-scatter-bar-heatmap.min.js"
FULL_BUNDLE_BYTES = 4_815_814  # plotly.js 4.1.1 with every trace type


def served(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content)


def static_bytes(name):
    with open(finders.find(name), "rb") as file:
        return file.read()


def bundled_trace_types():
    source = static_bytes("vendor/plotly/plotly-scatter-bar-heatmap.min.js").decode()
    return set(re.findall(r'moduleType:"trace",name:"(\w+)"', source))


def test_report_page_loads_the_partial_bundle(security_client, demo_agreement):
    scripts = re.findall(r'<script src="([^"]+)"', security_client.get(URL).text)
    assert scripts == [BUNDLE, "/static/js/report-charts.js"]
    bundle = served(security_client, BUNDLE)
    assert bundle.startswith(b"/**\n* plotly.js (scatter, bar, heatmap - minified) v4.1.1")
    assert len(bundle) < FULL_BUNDLE_BYTES / 3
    assert security_client.get("/static/vendor/plotly/plotly.min.js").status_code == 404


def test_licence_is_served_beside_the_bundle(security_client):
    assert b"Plotly Technologies Inc." in served(security_client, "/static/vendor/plotly/LICENSE")


def test_bundle_holds_every_trace_type_the_charts_draw(demo_agreement):
    meetings_demo.create(demo_agreement)
    charts = charts_for(build_content(demo_agreement, 2021))
    drawn = {trace["type"] for chart in charts for trace in chart["figure"]["data"]}
    assert drawn == {"scatter", "bar", "heatmap"}
    # Outside the bundle, plotly.js would quietly draw a trace as a scatter or not at all.
    assert drawn <= bundled_trace_types()


def test_first_visit_weighs_at_most_500_kb(security_client, demo_agreement):
    """The page gzipped and its CSS and JS as WhiteNoise serves them: gzip-compressed by
    collectstatic (as the benchmark counts them), and brotli-compressed for a browser on HTTPS."""
    html = security_client.get(URL).content
    assets = re.findall(r'(?:src|href)="/static/([^"]+\.(?:css|js))"', html.decode())
    assert len(assets) == 5
    page = len(gzip.compress(html))
    gzipped = page + sum(len(Compressor.compress_gzip(static_bytes(name))) for name in assets)
    brotli = page + sum(len(Compressor.compress_brotli(static_bytes(name))) for name in assets)
    assert gzipped <= 500 * 1024
    assert brotli <= 500 * 1024
