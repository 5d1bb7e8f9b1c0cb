"""The report's figures download as CSV and XLSX that a spreadsheet opens without running
formulas typed into goals, measures, groups or promises; numbers stay numbers."""

import csv
import io

import openpyxl
import pytest

from agreements.models import EffectGoal, ProductionGoal, PromisePoint
from indicators.models import Group
from indicators.spreadsheet import FORMULA_STARTS
from measures.models import Measure
from tests.indicators.test_export import store_negative_figure
from tests.indicators.test_spreadsheet import FORMULAS

URL = "/rapporter/trelleborg-2019-2022/2021/"
HYPERLINK, PLUS, MINUS, AT, TAB, CR = FORMULAS


@pytest.fixture
def formula_texts(demo_agreement):
    Measure.objects.filter(title="Samtal om droger i skolan").update(title=HYPERLINK)
    ProductionGoal.objects.filter(text__startswith="Trygghetsvandringar").update(text=PLUS)
    EffectGoal.objects.filter(short_title="Bostadsinbrott").update(short_title=MINUS)
    Group.objects.filter(code="alla").update(name=AT)
    points = PromisePoint.objects.filter(promise__year=2021).order_by("pk")
    for point, text in zip(points, [TAB, CR], strict=False):
        point.text = text
        point.save()
    store_negative_figure()


def test_csv_figures_put_an_apostrophe_before_formula_text(security_client, formula_texts):
    text = security_client.get(URL + "siffror.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    subjects = {row[1] for row in rows}
    assert {"'" + HYPERLINK, "'" + PLUS, "'" + MINUS + ": Bostadsinbrott"} <= subjects
    assert {"'" + TAB, "'" + CR} <= subjects
    assert "'" + AT in {row[3] for row in rows}
    values = [row[4] for row in rows]
    assert "-3.5" in values
    assert not [cell for cell in values if cell.startswith(FORMULA_STARTS) and cell != "-3.5"]
    assert not [cell for row in rows for cell in row[:4] if cell.startswith(FORMULA_STARTS)]


def test_xlsx_figures_hold_formula_text_as_text(security_client, formula_texts):
    content = security_client.get(URL + "siffror.xlsx").content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [cell.coordinate for cell in cells if cell.data_type not in ("s", "n")]
    texts = {cell.value for cell in cells if cell.data_type == "s"}
    assert {HYPERLINK, PLUS, MINUS + ": Bostadsinbrott", AT, TAB} <= texts
    formula_like = [cell for cell in cells if str(cell.value).startswith(FORMULA_STARTS)]
    assert all(cell.quotePrefix for cell in formula_like if cell.data_type == "s")
    assert -3.5 in {cell.value for cell in cells if cell.data_type == "n"}
