"""Chart figures for the report, drawn in the browser by static/js/report-charts.js.

Figures are plain plotly.js JSON ({"data": [...], "layout": {...}}): building them through
plotly's Python objects validated every property and took most of a report page's time.
Each chart carries the same figures as a table, for screen readers and for print.
"""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

BLUE = "#00457c"
ORANGE = "#b34700"
LAYOUT = {
    "font": {"family": "system-ui, sans-serif", "size": 13, "color": "#212529"},
    "margin": {"l": 50, "r": 20, "t": 30, "b": 40},
    "height": 330,
    # Below the axis title, from the top down, so the two never overlap.
    "legend": {"orientation": "h", "y": -0.3, "yanchor": "top"},
    # Dark enough against white for lines and markers (3:1, WCAG 1.4.11), markers differ too.
    "colorway": ["#00457c", "#b34700", "#2e6b30", "#6a1b9a", "#00646e", "#5d4037"],
}
# One colour per situation-picture level (none, low, elevated, high), light to dark.
LEVEL_COLOURS = ["#e8f1f8", "#9ec5e2", "#d9822b", "#8c1c13"]


def figure(data, **layout):
    return {"data": data, "layout": {**LAYOUT, **layout}}


def charts_for(content):
    charts = [goal_chart(index, goal) for index, goal in enumerate(content["goals"], 1)]
    goals = content["production_goals"]
    if any(goal["target"] or goal["achieved"] for goal in goals):
        charts.append(production_goal_chart(goals, content["year"]))
    for index, comparison in enumerate(content.get("comparisons", []), 1):
        charts.append(comparison_chart(index, comparison))
    if content["meetings"]["heatmap"]:
        charts.append(heatmap_chart(content["meetings"], content["year"]))
    return charts


def goal_chart(index, goal):
    """The goal's indicators over the years, with its threshold where it has one. A line does
    not join across a series break: a null point before the break leaves a gap."""
    periods = sorted({p["period"] for line in goal["series"] for p in line["points"]})
    traces = []
    for symbol, line in enumerate(goal["series"]):
        points = []
        for point in line["points"]:
            if point.get("break"):
                points.append({"period": point["period"], "value": None})
            points.append(point)
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": line["name"],
                "x": [p["period"] for p in points],
                "y": [p["value"] for p in points],
                "connectgaps": False,
                "marker": {"symbol": symbol, "size": 8},
            }
        )
    thresholds = goal["thresholds"]
    layout = {
        "xaxis": {
            "type": "category",
            "categoryorder": "array",
            "categoryarray": periods,
            "title": {"text": _("Year")},
        },
        "yaxis": value_axis(goal["series"]),
        "shapes": [
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": t["value"],
                "y1": t["value"],
                "line": {"dash": "dash", "color": ORANGE},
            }
            for t in thresholds
        ],
        "annotations": [
            {
                "xref": "paper",
                "x": 0,
                "y": t["value"],
                "text": t["label"],
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "bottom",
            }
            for t in thresholds
        ],
    }
    notes = []
    cells = {
        (line["name"], p["period"]): table_cell(p, notes)
        for line in goal["series"]
        for p in line["points"]
    }
    return {
        "id": f"chart-goal-{index}",
        "goal": index,
        "title": goal["title"],
        "figure": figure(traces, **layout),
        "columns": [_("Indicator"), *periods],
        "rows": [
            [line["name"], *(cells.get((line["name"], period)) for period in periods)]
            for line in goal["series"]
        ],
        "notes": notes,
    }


def axis(title):
    return {"title": {"text": title}, "automargin": True}


def value_axis(lines):
    """The value axis titled with the unit of the goal's indicators (a snapshot presented
    before the units were kept has none)."""
    titles = list(dict.fromkeys(line["axis"] for line in lines if line.get("axis")))
    return axis(" / ".join(titles)) if titles else {"automargin": True}


def table_cell(point, notes):
    """A figure for the chart's table: the bare value, or with marks pointing to its notes (a
    series break, a wave standing in for a year), numbered in the order they come."""
    marks = []
    for kind, label in (
        ("break", _("series break")),
        ("stands_in", _("wave standing in for the year")),
    ):
        if point.get(kind):
            if point[kind] not in notes:
                notes.append(point[kind])
            marks.append({"number": notes.index(point[kind]) + 1, "label": label})
    return {"value": point["value"], "marks": marks} if marks else point["value"]


def production_goal_chart(goals, year):
    names = [goal["text"] for goal in goals]
    bars = [
        {
            "type": "bar",
            "name": _("Target"),
            "x": names,
            "y": [g["target"] for g in goals],
            "marker": {"color": BLUE},
        },
        {
            "type": "bar",
            "name": _("Achieved"),
            "x": names,
            "y": [g["achieved"] for g in goals],
            "marker": {"color": ORANGE, "pattern": {"shape": "/"}},
        },
    ]
    return {
        "id": "chart-production-goals",
        "title": _("Production goals %(year)s: target and achieved") % {"year": year},
        "figure": figure(
            bars,
            barmode="group",
            xaxis={**axis(_("Production goal")), "showticklabels": False},
            yaxis=axis(_("Number carried out")),
        ),
        "columns": [_("Production goal"), _("Target"), _("Achieved")],
        "rows": [[g["text"], g["target"], g["achieved"]] for g in goals],
    }


def comparison_chart(index, comparison):
    """A line per municipality over the years, per 1,000 inhabitants for a count where the
    inhabitants are known; the agreement's municipality first, in a heavier line. The table
    holds the counts and the per-1,000 figures both."""
    per_1000 = comparison["per_1000"]
    others = iter(LAYOUT["colorway"][1:] * len(comparison["rows"]))
    traces = []
    for symbol, row in enumerate(comparison["rows"]):
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": row["municipality"],
                "x": comparison["periods"],
                "y": [f["per_1000" if per_1000 else "value"] for f in row["figures"]],
                "connectgaps": False,
                "line": {
                    "width": 4 if row["own"] else 2,
                    "color": BLUE if row["own"] else next(others),
                },
                "marker": {"symbol": symbol, "size": 9 if row["own"] else 7},
            }
        )
    rows, highlight = [], []
    for row in comparison["rows"]:
        shown = [[row["municipality"], *(f["value"] for f in row["figures"])]]
        if per_1000:
            name = _("%(municipality)s, per 1,000 inhabitants") % {
                "municipality": row["municipality"]
            }
            shown.append([name, *(f["per_1000"] for f in row["figures"])])
        if row["own"]:
            highlight += range(len(rows), len(rows) + len(shown))
        rows += shown
    title = _("Comparison: %(indicator)s") % {"indicator": comparison["title"]}
    return {
        "id": f"chart-comparison-{index}",
        "comparison": index,
        "title": title,
        "figure": figure(
            traces,
            xaxis={
                "type": "category",
                "categoryorder": "array",
                "categoryarray": comparison["periods"],
                "title": {"text": _("Year")},
            },
            yaxis=axis(_("Number per 1,000 inhabitants") if per_1000 else comparison["axis"]),
        ),
        "columns": [_("Municipality"), *comparison["periods"]],
        "rows": rows,
        "highlight": highlight,
        # Kolada's licence asks that its figures name it (snapshots from before have no key).
        "attribution": _("Figures from Kolada (RKA), licensed CC BY 4.0.")
        if comparison.get("kolada")
        else "",
    }


# Swedish abbreviations, in lower case as Swedish writes them (Django's own stop at three
# letters: "mar", "jun").
MONTHS = [
    pgettext_lazy("month on a chart", "Jan"),
    pgettext_lazy("month on a chart", "Feb"),
    pgettext_lazy("month on a chart", "Mar"),
    pgettext_lazy("month on a chart", "Apr"),
    pgettext_lazy("month on a chart", "May"),
    pgettext_lazy("month on a chart", "Jun"),
    pgettext_lazy("month on a chart", "Jul"),
    pgettext_lazy("month on a chart", "Aug"),
    pgettext_lazy("month on a chart", "Sep"),
    pgettext_lazy("month on a chart", "Oct"),
    pgettext_lazy("month on a chart", "Nov"),
    pgettext_lazy("month on a chart", "Dec"),
]


def month_names():
    return [str(month) for month in MONTHS]


def heatmap_chart(meetings, year):
    rows = meetings["heatmap"]
    levels = meetings["levels"]
    steps = len(levels)
    # A stepped colour scale: each level gets one flat band of colour.
    scale = []
    for index, colour in enumerate(LEVEL_COLOURS[:steps]):
        scale += [[index / steps, colour], [(index + 1) / steps, colour]]
    heatmap = {
        "type": "heatmap",
        "z": [[cell and cell["level"] for cell in row["cells"]] for row in rows],
        "x": month_names(),
        "y": [row["area"] for row in rows],
        "text": [[cell["label"] if cell else "" for cell in row["cells"]] for row in rows],
        "texttemplate": "%{text}",
        "zmin": -0.5,
        "zmax": steps - 0.5,
        "colorscale": scale,
        "colorbar": {
            "tickvals": list(range(steps)),
            "ticktext": levels,
            "title": {"text": _("Level")},
        },
        "xgap": 2,
        "ygap": 2,
    }
    return {
        "id": "chart-situation-heatmap",
        "wide": True,
        "title": _("Situation picture %(year)s: highest level per area and month") % {"year": year},
        "figure": figure(
            [heatmap],
            height=110 + 32 * len(rows),
            xaxis=axis(_("Month")),
            yaxis={**axis(_("Area")), "autorange": "reversed"},
        ),
        "columns": [_("Area"), *month_names()],
        "rows": [
            [row["area"], *(cell["label"] if cell else None for cell in row["cells"])]
            for row in rows
        ],
    }
