"""Inhabitants per municipality and year, read from the answer of SCB's statistical database
(PxWeb, table BE0101N1 "Folkmängd", response format json) or of Kolada (KPI N01951, "Invånare
totalt, antal", CC BY 4.0), and stored all or nothing.

SCB names the county and the country by two digits ("12", "00"), Kolada by four ("0012",
"0000"), a municipality both by its four: the two-digit codes are read as Kolada's.
"""

import json

from django.db import transaction
from django.utils.translation import gettext as _

from .models import Municipality, Population

KOLADA_KPI = "N01951"
SOURCES = {"scb": "SCB, Folkmängd (BE0101N1)", "kolada": "Kolada, N01951 (CC BY 4.0)"}


class Unreadable(Exception):
    """The file is neither answer, or names a municipality not entered; nothing is stored."""


def read(content):
    """(source, [(municipality code, year, inhabitants)]) from either answer."""
    try:
        answer = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Unreadable(_("The file is not a JSON answer from SCB or Kolada.")) from None
    if isinstance(answer, dict) and isinstance(answer.get("columns"), list):
        return "scb", _scb_rows(answer)
    if isinstance(answer, dict) and isinstance(answer.get("values"), list):
        return "kolada", _kolada_rows(answer["values"])
    raise Unreadable(_("The file is not a JSON answer from SCB or Kolada."))


def _scb_rows(answer):
    codes = [column.get("code") for column in answer["columns"] if isinstance(column, dict)]
    if "Region" not in codes or "Tid" not in codes:
        raise Unreadable(_("SCB's answer lacks the columns Region and Tid."))
    region, time = codes.index("Region"), codes.index("Tid")
    rows = []
    for number, item in enumerate(answer.get("data") or [], 1):
        key, values = _parts(item, "key"), _parts(item, "values")
        if len(key) != len(codes) - 1 or len(values) != 1:
            raise Unreadable(
                _("Row %(row)s of SCB's answer is not a region, a year and a figure.")
                % {"row": number}
            )
        rows.append(_row(number, key[region].rjust(4, "0"), key[time], values[0]))
    return rows


def _kolada_rows(blocks):
    rows = []
    for number, block in enumerate(blocks, 1):
        block = block if isinstance(block, dict) else {}
        if block.get("kpi") != KOLADA_KPI:
            message = _("Entry %(row)s is not Kolada's population (%(kpi)s).")
            raise Unreadable(message % {"row": number, "kpi": KOLADA_KPI})
        total = [
            v for v in _parts(block, "values") if isinstance(v, dict) and v.get("gender") == "T"
        ]
        if len(total) != 1:
            raise Unreadable(_("Entry %(row)s has no total (gender T).") % {"row": number})
        rows.append(
            _row(number, block.get("municipality"), block.get("period"), total[0].get("value"))
        )
    return rows


def _parts(item, name):
    parts = item.get(name) if isinstance(item, dict) else None
    return parts if isinstance(parts, list) else []


def _row(number, code, year, inhabitants):
    try:
        year, inhabitants = int(str(year)), int(float(str(inhabitants)))
    except ValueError:
        message = _("Row %(row)s: the year or the number of inhabitants is not a number.")
        raise Unreadable(message % {"row": number}) from None
    if not (1900 <= year <= 2100 and inhabitants > 0):
        raise Unreadable(
            _("Row %(row)s: the year or the number of inhabitants is out of range.")
            % {"row": number}
        )
    return str(code or ""), year, inhabitants


@transaction.atomic
def store(source, rows):
    """Store each row's inhabitants, replacing what a year held; returns how many rows."""
    municipalities = {m.code: m for m in Municipality.objects.exclude(code="")}
    unknown = sorted({code for code, _year, _n in rows if code not in municipalities})
    if unknown:
        message = _("There is no municipality with the code %(codes)s; add it first.")
        raise Unreadable(message % {"codes": ", ".join(unknown)})
    for code, year, inhabitants in rows:
        Population.objects.update_or_create(
            municipality=municipalities[code],
            year=year,
            defaults={"inhabitants": inhabitants, "source": SOURCES[source]},
        )
    return len(rows)
