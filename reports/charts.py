"""Plotly figures for the report, drawn in the browser by static/js/report-charts.js.

Each chart carries the same figures as a table, for screen readers and for print.
"""

import plotly.graph_objects as go
from django.utils.translation import gettext as _

BLUE = "#00457c"
ORANGE = "#b34700"
LAYOUT = {
    "template": "none",  # plotly's default template would add ~10 kB to every chart
    "font": {"family": "system-ui, sans-serif", "size": 13, "color": "#212529"},
    "margin": {"l": 50, "r": 20, "t": 30, "b": 40},
    "height": 300,
    "legend": {"orientation": "h", "y": -0.2},
}


def figure_json(figure):
    figure.update_layout(**LAYOUT)
    return figure.to_plotly_json()


def charts_for(content):
    charts = []
    goals = content["production_goals"]
    if any(goal["target"] or goal["achieved"] for goal in goals):
        charts.append(production_goal_chart(goals, content["year"]))
    return charts


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
