"""Plotly figures for the report, drawn in the browser by static/js/report-charts.js.

Each chart carries the same figures as a table, for screen readers and for print.
"""

from datetime import date

import plotly.graph_objects as go
from django.utils.formats import date_format
from django.utils.translation import gettext as _

BLUE = "#00457c"
ORANGE = "#b34700"
LAYOUT = {
    "template": "none",  # plotly's default template would add ~10 kB to every chart
    "font": {"family": "system-ui, sans-serif", "size": 13, "color": "#212529"},
    "margin": {"l": 50, "r": 20, "t": 30, "b": 40},
    "height": 300,
    "legend": {"orientation": "h", "y": -0.2},
    # Dark enough against white for lines and markers (3:1, WCAG 1.4.11), markers differ too.
    "colorway": ["#00457c", "#b34700", "#2e6b30", "#6a1b9a", "#00646e", "#5d4037"],
}


def figure_json(figure):
    figure.update_layout(**LAYOUT)
    return figure.to_plotly_json()


# One colour per situation-picture level (none, low, elevated, high), light to dark.
LEVEL_COLOURS = ["#e8f1f8", "#9ec5e2", "#d9822b", "#8c1c13"]


def charts_for(content):
    charts = [goal_chart(index, goal) for index, goal in enumerate(content["goals"], 1)]
    goals = content["production_goals"]
    if any(goal["target"] or goal["achieved"] for goal in goals):
        charts.append(production_goal_chart(goals, content["year"]))
    if content["meetings"]["heatmap"]:
        charts.append(heatmap_chart(content["meetings"], content["year"]))
    return charts


def month_names():
    return [date_format(date(2000, month, 1), "M") for month in range(1, 13)]


def heatmap_chart(meetings, year):
    rows = meetings["heatmap"]
    levels = meetings["levels"]
    steps = len(levels)
    # A stepped colour scale: each level gets one flat band of colour.
    scale = []
    for index, colour in enumerate(LEVEL_COLOURS[:steps]):
        scale += [[index / steps, colour], [(index + 1) / steps, colour]]
    figure = go.Figure(
        go.Heatmap(
            z=[[cell and cell["level"] for cell in row["cells"]] for row in rows],
            x=month_names(),
            y=[row["area"] for row in rows],
            text=[[cell["label"] if cell else "" for cell in row["cells"]] for row in rows],
            texttemplate="%{text}",
            zmin=-0.5,
            zmax=steps - 0.5,
            colorscale=scale,
            colorbar={"tickvals": list(range(steps)), "ticktext": levels},
            xgap=2,
            ygap=2,
        )
    )
    figure.update_layout(
        height=80 + 32 * len(rows), yaxis={"autorange": "reversed", "automargin": True}
    )
    return {
        "id": "chart-situation-heatmap",
        "wide": True,
        "title": _("Situation picture %(year)s: highest level per area and month") % {"year": year},
        "figure": figure_json(figure),
        "columns": [_("Area"), *month_names()],
        "rows": [
            [row["area"], *(cell["label"] if cell else None for cell in row["cells"])]
            for row in rows
        ],
    }


def production_goal_chart(goals, year):
    names = [goal["text"] for goal in goals]
    figure = go.Figure(
        [
            go.Bar(name=_("Target"), x=names, y=[g["target"] for g in goals], marker_color=BLUE),
            go.Bar(
                name=_("Achieved"),
                x=names,
                y=[g["achieved"] for g in goals],
                marker_color=ORANGE,
                marker_pattern_shape="/",
            ),
        ]
    )
    figure.update_layout(barmode="group", xaxis={"showticklabels": False})
    return {
        "id": "chart-production-goals",
        "title": _("Production goals %(year)s: target and achieved") % {"year": year},
        "figure": figure_json(figure),
        "columns": [_("Production goal"), _("Target"), _("Achieved")],
        "rows": [[g["text"], g["target"], g["achieved"]] for g in goals],
    }


def goal_chart(index, goal):
    """The goal's indicators over the years, with its threshold where it has one."""
    periods = sorted({p["period"] for line in goal["series"] for p in line["points"]})
    figure = go.Figure(
        [
            go.Scatter(
                name=line["name"],
                x=[p["period"] for p in line["points"]],
                y=[p["value"] for p in line["points"]],
                mode="lines+markers",
                marker_symbol=index_symbol,
            )
            for index_symbol, line in enumerate(goal["series"])
        ]
    )
    for threshold in goal["thresholds"]:
        figure.add_hline(
            y=threshold["value"],
            line_dash="dash",
            line_color=ORANGE,
            annotation_text=threshold["label"],
            annotation_position="top left",
        )
    figure.update_xaxes(type="category", categoryorder="array", categoryarray=periods)
    values = {
        (line["name"], p["period"]): p["value"] for line in goal["series"] for p in line["points"]
    }
    return {
        "id": f"chart-goal-{index}",
        "goal": index,
        "title": goal["title"],
        "figure": figure_json(figure),
        "columns": [_("Indicator"), *periods],
        "rows": [
            [line["name"], *(values.get((line["name"], period)) for period in periods)]
            for line in goal["series"]
        ],
    }
