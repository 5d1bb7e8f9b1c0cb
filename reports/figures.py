"""Every figure a report shows, as flat rows: for the CSV/XLSX download and for telling what
has changed in the live data since a report was presented."""

from django.utils.translation import gettext as _

from indicators.spreadsheet import csv_text, xlsx_bytes


def figure_parts(content):
    """The report's parts as (title, section, rows), each row (subject, period, group, value,
    status), in the report's order: a sheet each in the XLSX download."""
    year = str(content["year"])
    promises = content.get("promises") or {"points": []}
    compared = comparison_rows(content)  # a sheet only where other municipalities have figures
    return [
        (_("Effect goals"), _("Effect goal"), effect_goal_rows(content, year)),
        *([(_("Comparison"), _("Comparison"), compared)] if compared else []),
        (
            _("Production goals"),
            _("Production goal"),
            [
                (goal["text"], year, "", goal["achieved"], reached_label(goal["reached"]))
                for goal in content["production_goals"]
            ],
        ),
        (
            _("Measures"),
            _("Measure"),
            [
                (measure["title"], year, "", measure["achieved"], measure["status"])
                for measure in content["measures"]
            ],
        ),
        (_("Weekly meetings"), _("Weekly meetings"), meeting_rows(content, year)),
        (
            _("Citizen promises"),
            _("Citizen promise"),
            [(point["text"], year, "", "", point["status"]) for point in promises["points"]],
        ),
    ]


def meeting_rows(content, year):
    meetings = content.get("meetings", {})
    rows = [
        (figure["label"], year, "", figure["value"], "") for figure in meetings.get("figures", [])
    ]
    survey = meetings.get("survey")  # reports presented before the survey have none
    if survey:
        for round in survey["rounds"]:
            subject = _("Response rate in percent, survey week %(week)s") % {"week": round["week"]}
            rows.append((subject, year, "", round["percent"], ""))
        rows += [
            (_("Response rate in percent, all survey rounds"), year, "", survey["percent"], ""),
            (_("Weeks without a survey round"), year, "", survey["weeks_without"], ""),
        ]
    return rows


def effect_goal_rows(content, year):
    rows = []
    for goal in content.get("goals", []):
        for target in goal["targets"]:
            subject = f"{goal['title']}: {target['indicator_name']}"
            rows.append(
                (
                    subject,
                    target["period"],
                    target["group_name"],
                    target["value"],
                    target["status_label"],
                )
            )
        if assessment := goal.get("assessment"):  # snapshots from before assessments have none
            subject = _("%(goal)s: assessment") % {"goal": goal["title"]}
            rows.append((subject, year, "", "", assessment["status_label"]))
    return rows


def comparison_rows(content):
    """Each compared municipality's figure per period, and per 1,000 inhabitants where known
    (reports presented before the comparison have none)."""
    rows = []
    for comparison in content.get("comparisons", []):
        for row in comparison["rows"]:
            subject = f"{comparison['title']}: {row['municipality']}"
            per_1000 = _("%(subject)s, per 1,000 inhabitants") % {"subject": subject}
            for period, figure in zip(comparison["periods"], row["figures"], strict=True):
                rows.append((subject, period, "", figure["value"], ""))
                if figure["per_1000"] is not None:
                    rows.append((per_1000, period, "", figure["per_1000"], ""))
    return rows


def figure_rows(content):
    """Rows of (section, subject, period, group, value, status), in the report's order."""
    return [(section, *row) for _title, section, rows in figure_parts(content) for row in rows]


def figure_header():
    return [_("Subject"), _("Period"), _("Group"), _("Value"), _("Status")]


def figures_csv(content):
    """Every figure in one table, each row naming its section."""
    return csv_text([_("Section"), *figure_header()], figure_rows(content))


def figures_xlsx(content):
    """A sheet per part of the report."""
    sheets = [(title, figure_header(), rows) for title, _section, rows in figure_parts(content)]
    return xlsx_bytes(sheets)


# The downloads by file extension: (export, content type).
EXPORTS = {
    "csv": (figures_csv, "text/csv; charset=utf-8"),
    "xlsx": (
        figures_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


def reached_label(reached):
    if reached is None:
        return _("Not followed up")
    return _("Reached") if reached else _("Not reached")


def changes_between(old_content, new_content):
    """What differs between two versions of a report's figures, as readable lines."""

    def keyed(content):
        return {row[:4]: row[4:] for row in figure_rows(content)}

    old, new = keyed(old_content), keyed(new_content)
    changes = []
    for key, (value, status) in old.items():
        if key not in new:
            changes.append(_("%(subject)s: removed") % {"subject": describe(key)})
        elif new[key] != (value, status):
            new_value, new_status = new[key]
            changes.append(
                _("%(subject)s: %(old)s → %(new)s")
                % {
                    "subject": describe(key),
                    "old": show(value, status),
                    "new": show(new_value, new_status),
                }
            )
    for key in new.keys() - old.keys():
        changes.append(_("%(subject)s: added") % {"subject": describe(key)})
    return changes


def describe(key):
    section, subject, period, group = key
    return " · ".join(str(part) for part in (section, subject, period, group) if part != "")


def show(value, status):
    value = "–" if value is None or value == "" else value
    return f"{value} ({status})" if status else str(value)
