"""The report's figures download as CSV and XLSX that a spreadsheet opens without running
formulas typed into goals, measures, groups or promises; numbers stay numbers, written for
Swedish Excel in the CSV (semicolons, decimal comma, BOM), numeric cells in the XLSX."""

import csv
import io

import openpyxl
import pytest

from agreements.models import EffectGoal, ProductionGoal, PromisePoint
from indicators.models import Group
from indicators.spreadsheet import FORMULA_STARTS, MAX_WIDTH, MIN_WIDTH
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
    assert "-3,5" in values
    assert not [cell for cell in values if cell.startswith(FORMULA_STARTS) and cell != "-3,5"]
    assert not [cell for row in rows for cell in row[:4] if cell.startswith(FORMULA_STARTS)]


def test_xlsx_figures_hold_formula_text_as_text(security_client, formula_texts):
    content = security_client.get(URL + "siffror.xlsx").content
    book = openpyxl.load_workbook(io.BytesIO(content))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.value]
    assert not [cell.coordinate for cell in cells if cell.data_type not in ("s", "n")]
    texts = {cell.value for cell in cells if cell.data_type == "s"}
    assert {HYPERLINK, PLUS, MINUS + ": Bostadsinbrott", AT, TAB} <= texts
    formula_like = [cell for cell in cells if str(cell.value).startswith(FORMULA_STARTS)]
    assert all(cell.quotePrefix for cell in formula_like if cell.data_type == "s")
    assert -3.5 in {cell.value for cell in cells if cell.data_type == "n"}


def csv_rows(client):
    content = client.get(URL + "siffror.csv").content
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    text = content.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_csv_figures_read_in_swedish_excel_with_decimal_commas(security_client, demo_agreement):
    Measure.objects.filter(title="Samtal om droger i skolan").update(title="Samtal; i skolan")
    header, *rows = csv_rows(security_client)
    assert header == ["Avsnitt", "Ämne", "Period", "Grupp", "Värde", "Status"]
    assert {len(row) for row in rows} == {6}
    assert ["Åtgärd", "Samtal; i skolan", "2021", "", "9", "Pågår"] in rows
    values = [row[4] for row in rows if row[4]]
    assert [value for value in values if "," in value]  # survey percentages have decimals
    assert not [value for value in values if "." in value]
    assert all(float(value.replace(",", ".")) is not None for value in values)


def test_xlsx_figures_have_a_sheet_per_part_with_numbers_as_numbers(
    security_client, demo_agreement
):
    content = security_client.get(URL + "siffror.xlsx").content
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames == [
        "Effektmål",
        "Produktionsmål",
        "Åtgärder",
        "Veckomöten",
        "Medborgarlöften",
    ]
    csv_values = {(row[0], row[1]): row[4] for row in csv_rows(security_client)}
    for sheet in book:
        header = [cell.value for cell in sheet[1]]
        assert header == ["Ämne", "Period", "Grupp", "Värde", "Status"]
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet.freeze_panes == "A2"
        values = [row[3].value for row in sheet.iter_rows(min_row=2)]
        assert values, sheet.title
        assert all(isinstance(value, int | float) for value in values if value is not None)
    measures = {row[0].value: row[3].value for row in book["Åtgärder"].iter_rows(min_row=2)}
    assert measures["Samtal om droger i skolan"] == 9
    assert csv_values[("Åtgärd", "Samtal om droger i skolan")] == "9"
    decimals = [
        v for row in book["Effektmål"].iter_rows(min_row=2) if isinstance(v := row[3].value, float)
    ]
    assert decimals


def test_xlsx_figure_columns_are_as_wide_as_their_content_within_limits(
    security_client, demo_agreement
):
    Measure.objects.filter(title="Samtal om droger i skolan").update(title="Lång titel " * 6)
    content = security_client.get(URL + "siffror.xlsx").content
    book = openpyxl.load_workbook(io.BytesIO(content))
    widths = {letter: book["Åtgärder"].column_dimensions[letter].width for letter in "ABC"}
    assert widths["A"] == MAX_WIDTH  # the long title, capped
    assert widths["B"] == MIN_WIDTH  # "Period" and "2021"
    statuses = [row[4].value for row in book["Produktionsmål"].iter_rows(min_row=2)]
    longest = max(len(status) for status in statuses)  # "Ej uppnått", "Ej följt upp"
    assert book["Produktionsmål"].column_dimensions["E"].width == longest + 2
