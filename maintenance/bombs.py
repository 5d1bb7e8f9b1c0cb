"""Upload bombs: small files that unpack or parse into far more than they look, made in code.

The import must refuse each of them quickly and with a message (tests/indicators) and the
benchmark times the refusals. Each function returns (file name, content).
"""

import io
import random
import zipfile

HEADER = "indicator;period;group;value"
ROW = "brott-bostadsinbrott;2021;alla;90"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
_SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
_SHEET_END = "</worksheet>"


def column_letter(number):
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_row(number, cells):
    """A row of inline-string cells, as XML."""
    xml = "".join(
        f'<c r="{column_letter(column)}{number}" t="inlineStr"><is><t>{text}</t></is></c>'
        for column, text in enumerate(cells, start=1)
        if text != ""
    )
    return f'<row r="{number}">{xml}</row>'


def workbook(rows_xml, dimension=None):
    """A minimal XLSX whose one sheet holds `rows_xml`, an iterable of row XML strings, streamed
    into the archive so that a sheet of a gigabyte never sits in memory."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(_SHEET_START.encode())
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>")
            for xml in rows_xml:
                sheet.write(xml.encode())
            sheet.write(b"</sheetData>" + _SHEET_END.encode())
    return out.getvalue()


def zip_bomb_xlsx(unpacked=1024**3):
    """A workbook whose sheet unpacks to about `unpacked` bytes of one row repeated (without
    row numbers, so that it compresses as well as deflate allows: about a thousand to one)."""
    cells = "".join(f'<c t="inlineStr"><is><t>{text}</t></is></c>' for text in ROW.split(";"))
    chunk = f"<row>{cells}</row>" * 100
    rows = [sheet_row(1, HEADER.split(";")), *([chunk] * (unpacked // len(chunk)))]
    return "bomb.xlsx", workbook(rows)


def wide_xlsx(columns=16384, rows=3, dimension=True):
    """A workbook as wide as Excel allows, with or without the dimension that says so."""
    cells = [str(n) for n in range(columns)]
    xml = [sheet_row(1, HEADER.split(";") + cells[4:])]
    xml += [sheet_row(n, ROW.split(";") + cells[4:]) for n in range(2, rows + 1)]
    ref = f"A1:{column_letter(columns)}{rows}" if dimension else None
    return "bred.xlsx", workbook(xml, ref)


def one_row_xlsx(unpacked=4 * 1024**2 - 64 * 1024):
    """One row of cells holding random numbers, as large as the import unpacks (MAX_UNPACKED,
    less the rest of the workbook) and compressing as numbers do, about 8 to 1: openpyxl must
    parse the whole row before the import can see that it is too wide."""
    numbers = random.Random(9)
    cell_count = unpacked // len("<c><v>500</v></c>")
    cells = "".join(f"<c><v>{numbers.randrange(100, 1000)}</v></c>" for _ in range(cell_count))
    return "rad.xlsx", workbook([f"<row>{cells}</row>"])


def separator_csv(separators=1_000_000, on_row=1):
    """One line of a million semicolons: the header (row 1) or the first value row (row 2)."""
    wide = ";" * separators
    lines = [HEADER + wide, ROW] if on_row == 1 else [HEADER, ROW + wide]
    return "bred.csv", ("\n".join(lines) + "\n").encode()


def huge_csv(size=4 * 1024 * 1024):
    """About `size` bytes of valid rows, twenty times the import's row limit."""
    line = ROW + "\n"
    return "stor.csv", (HEADER + "\n" + line * (size // len(line))).encode()


def blank_csv(size=4 * 1024 * 1024):
    """A header, one row, then nothing but empty lines."""
    return "tom.csv", (HEADER + "\n" + ROW + "\n" + "\n" * size).encode()


def deep_json(depth=1_000_000):
    """A Kolada answer nested a million lists deep."""
    return "kolada.json", b'{"values": ' + b"[" * depth + b"]" * depth + b"}"


# Each small enough to upload (at most 5 MB) and quick to make.
BOMBS = {
    "zip bomb xlsx": lambda: zip_bomb_xlsx(30 * 1024**2),
    "wide-sheet xlsx": wide_xlsx,
    "wide xlsx without dimension": lambda: wide_xlsx(dimension=False),
    "one row as large as the limits allow": one_row_xlsx,
    "million-separator csv header": separator_csv,
    "million-separator csv row": lambda: separator_csv(on_row=2),
    "huge csv": huge_csv,
    "empty-line csv": blank_csv,
    "deep json": deep_json,
}
# The benchmark's, with the issue's own: 4 MB that unpack to a gigabyte.
BENCHMARK_BOMBS = {**BOMBS, "zip bomb xlsx, 4 MB to 1 GB": zip_bomb_xlsx}
