"""Kolada's API v2 answer read as import rows.

`GET /v2/data/kpi/<KPI>/municipality/<ID>/year/<Y1,Y2>` answers
`{"values": [{"kpi", "municipality", "period", "values": [{"gender", "value", ...}]}]}`.
Each KPI goes to the indicator that names it in the administration, each gender (T, K, M) to
the indicator's group with that Kolada gender, each municipality to ours with that code
(Kolada's are SCB's; the county and the country have codes of their own). Kolada's data are
licensed CC BY 4.0: every value taken from it carries the attribution in its note. No network:
the answer comes as a file.
"""

import json

from django.utils.translation import gettext as _

from .models import Indicator

# The Kolada field each import column comes from, for messages that point into the file.
FIELDS = {
    "indicator": "kpi",
    "municipality": "municipality",
    "period": "period",
    "group": "gender",
    "value": "value",
}


def read_answer(content):
    """(rows, problems, notes on entries left out).

    A problem is (entry, field, message, True), or (line, "", message, False) for a file that
    is not JSON at all.
    """
    try:
        answer = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return [], [(1, "", _("a Kolada answer must be UTF-8."), False)], []
    except json.JSONDecodeError as error:
        message = _("the file is not valid JSON (character %(column)s).")
        return [], [(error.lineno, "", message % {"column": error.colno}, False)], []
    except RecursionError:  # lists in lists far deeper than a Kolada answer's four levels
        return [], [(1, "", _("the file is nested too deeply to be a Kolada answer."), False)], []
    except ValueError:  # an integer of more digits than Python converts
        return [], [(1, "", _("the file has a number too long to read."), False)], []
    blocks = answer.get("values") if isinstance(answer, dict) else None
    if not isinstance(blocks, list):
        message = _("this is not a Kolada answer: “values” is missing.")
        return [], [(1, "values", message, True)], []
    reader = _Reader()
    for block in blocks:
        reader.read_block(block if isinstance(block, dict) else {})
    if isinstance(answer, dict) and answer.get("next_page"):
        reader.notes.append(_("Kolada has more pages for this question; only this one is read."))
    return reader.rows, reader.problems, reader.notes


class _Reader:
    def __init__(self):
        self.indicators = {
            i.kolada_kpi: i
            for i in Indicator.objects.exclude(kolada_kpi="").prefetch_related("groups")
        }
        self.rows, self.problems, self.notes = [], [], []
        self.entry = 0

    def read_block(self, block):
        kpi, municipality = _text(block.get("kpi")), _text(block.get("municipality"))
        indicator = self.indicators.get(kpi)
        items = block.get("values")
        for item in items if isinstance(items, list) else []:
            item = item if isinstance(item, dict) else {}
            self.entry += 1
            if indicator is None:
                message = _("%(kpi)s is not linked to an indicator (set it on the indicator).")
                self.problems.append((self.entry, "kpi", message % {"kpi": kpi or "–"}, True))
            elif not municipality:  # the import would take the home: not what Kolada meant
                message = _("the municipality is missing.")
                self.problems.append((self.entry, "municipality", message, True))
            else:
                self.read_item(indicator, municipality, _text(block.get("period")), item)

    def read_item(self, indicator, municipality, period, item):
        gender = _text(item.get("gender"))
        group = next((g for g in indicator.groups.all() if g.kolada_gender == gender), None)
        where = {"entry": self.entry, "gender": gender, "indicator": indicator.code}
        if group is None:
            self.notes.append(
                _("Entry %(entry)s: %(indicator)s has no group for gender “%(gender)s”; left out.")
                % where
            )
        elif item.get("value") is None:
            self.notes.append(_("Entry %(entry)s: Kolada has no value; left out.") % where)
        else:
            self.rows.append(
                {
                    "row": self.entry,
                    "in_json": True,
                    "indicator": indicator.code,
                    "municipality": municipality,
                    "period": period,
                    "group": group.code,
                    "value": _text(item["value"]),
                    "note": _("From Kolada (CC BY 4.0)"),
                }
            )


def _text(field):
    """A field as text: a string or a number as written, anything else (a list, an object,
    nothing) as no text at all, which the import's checks then name."""
    return str(field) if isinstance(field, str | int | float) else ""
