import io
from html.parser import HTMLParser

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject


@pytest.fixture
def fake_pdf(monkeypatch):
    """PDF bytes without starting Chromium; tests/reports/test_pdf.py prints for real."""
    printed = []

    def render(html):
        printed.append(html)
        return b"%PDF-1.4 " + str(len(printed)).encode()

    monkeypatch.setattr("reports.pdf.render_pdf", render)
    return printed


class _VisibleText(HTMLParser):
    """The text a reader sees on a page, one line per run of text, without scripts and styles."""

    def __init__(self):
        super().__init__()
        self.lines, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.lines.append(" ".join(data.split()))


def _pdf_string(line):
    escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("cp1252", "replace") + b") '\n"


HELVETICA = {
    "/Type": "/Font",
    "/Subtype": "/Type1",
    "/BaseFont": "/Helvetica",
    "/Encoding": "/WinAnsiEncoding",
}


def text_pdf(html):
    """A real PDF holding the page's visible text in a standard font: what pypdf reads back
    from Chromium's PDF, without Chromium."""
    parser = _VisibleText()
    parser.feed(html)
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    font = DictionaryObject({NameObject(k): NameObject(v) for k, v in HELVETICA.items()})
    fonts = DictionaryObject({NameObject("/F1"): font})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
    content = DecodedStreamObject()
    content.set_data(
        b"BT /F1 8 Tf 10 TL 20 830 Td\n" + b"".join(map(_pdf_string, parser.lines)) + b"ET"
    )
    page.replace_contents(content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
