import pytest

from agreements import demo as agreements_demo
from indicators import demo as indicators_demo
from measures import demo as measures_demo


@pytest.fixture
def demo_agreement(seed_agreement):
    agreements_demo.create(seed_agreement)
    measures_demo.create(seed_agreement)
    indicators_demo.create(seed_agreement)
    return seed_agreement


@pytest.fixture
def fake_pdf(monkeypatch):
    """PDF bytes without starting Chromium; tests/reports/test_pdf.py prints for real."""
    printed = []

    def render(html):
        printed.append(html)
        return b"%PDF-1.4 " + str(len(printed)).encode()

    monkeypatch.setattr("reports.views.render_pdf", render)
    return printed
