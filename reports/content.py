"""The annual report's content as plain data.

A draft is rebuilt from the live data on every view; a presented report keeps the dict it was
presented with (see freezing.py). The page, the PDF and the figure exports all render this dict,
so what was presented is exactly what they show later.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import CitizenPromise, ProblemPicture
from indicators.evaluation import load_goal_inputs
from measures.followup import measures_in_year, production_goal_results
from meetings.figures import meeting_figures
from meetings.models import Level
from surveys.figures import week_ranges, year_survey_figures

from .comparison import comparison_section
from .goals import goal_section

SCHEMA = 1


def build_content(agreement, year):
    inputs = load_goal_inputs(agreement, year)
    goals, sources = goal_section(agreement, year, inputs)
    measures = measures_in_year(agreement, year)
    return {
        "schema": SCHEMA,
        "year": year,
        "agreement": agreement_section(agreement),
        "goals": goals,
        "comparisons": comparison_section(agreement, year, inputs),
        "sources": sources,
        "production_goals": production_goal_section(agreement, measures),
        "measures": measure_section(measures),
        "meetings": meeting_section(agreement, year),
        "problem_picture": problem_picture_section(agreement, year),
        "promises": promise_section(agreement, year),
    }


def agreement_section(agreement):
    return {
        "title": agreement.title,
        "slug": agreement.slug,
        "municipality": agreement.municipality.name,
        "police_area": agreement.municipality.police_area,
        "period": f"{agreement.start_year}–{agreement.end_year}",
        "parties": [party.name for party in agreement.parties.all()],
    }


def production_goal_section(agreement, measures):
    return [
        {
            "text": row["goal"].text,
            "focus_area": str(row["goal"].focus_area or ""),
            "target": row["goal"].yearly_target,
            "unit": row["goal"].unit,
            "achieved": row["achieved"],
            "reached": row["reached"],
            "demo": row["goal"].is_demo,
        }
        for row in production_goal_results(agreement, measures)
    ]


def measure_section(measures):
    rows = []
    for measure in measures:
        update = measure.update
        rows.append(
            {
                "title": measure.title,
                "focus_area": str(measure.focus_area or ""),
                "responsible": measure.get_responsible_display(),
                "unit": measure.responsible_unit,
                "status": (update or measure).get_status_display(),
                "achieved": update.achieved_count if update else None,
                "comment": update.comment if update else "",
                "followed_up": update is not None,
                "demo": measure.is_demo,
            }
        )
    return rows


def problem_picture_section(agreement, year):
    picture = ProblemPicture.objects.filter(agreement=agreement, year=year).first()
    if picture is None:
        return None
    return {"summary": picture.summary, "sources": picture.sources, "demo": picture.is_demo}


def promise_section(agreement, year):
    promise = (
        CitizenPromise.objects.filter(agreement=agreement, year=year)
        .prefetch_related("points")
        .first()
    )
    if promise is None:
        return None
    return {
        "title": promise.title,
        "introduction": promise.introduction,
        "demo": promise.is_demo,
        "points": [
            {
                "text": point.text,
                "responsible": point.get_responsible_display(),
                "status": point.get_status_display(),
                "comment": point.comment,
            }
            for point in promise.points.all()
        ],
    }


def meeting_section(agreement, year):
    figures = meeting_figures(agreement, year)
    attendance = [
        {
            "party": str(row.label),
            "present": row.present,
            "held": row.held,
            "percent": round(100 * row.rate) if row.rate is not None else None,
        }
        for row in figures.attendance
    ]
    summary = [
        (_("Weeks ended"), figures.weeks_ended),
        (_("Meetings held"), figures.meetings_held),
        (_("of which extra meetings"), figures.extra_meetings),
        (_("Weeks without a meeting"), len(figures.weeks_without_meeting)),
        *(
            (_("Meetings attended: %(party)s") % {"party": row["party"]}, row["present"])
            for row in attendance
        ),
        (_("Actions decided"), figures.actions_decided),
        (_("Actions done"), figures.actions_done),
        (_("Actions dropped"), figures.actions_dropped),
        (_("Actions still open"), figures.actions_open),
    ]
    return {
        "figures": [{"label": label, "value": value} for label, value in summary],
        "attendance": attendance,
        # The reason only: a week's comment is meeting-log text, which readers do not read.
        "missed": [
            {"week": week.week, "reason": str(week.reason_label or _("Not given"))}
            for week in figures.weeks_without_meeting
        ],
        "heatmap": [
            {"area": area.name, "cells": [heat_cell(level) for level in levels]}
            for area, levels in figures.area_month_rows()
        ],
        "levels": [str(level.label) for level in Level],
        "survey": survey_section(agreement, year),
    }


def survey_section(agreement, year):
    """The year's survey rounds with their response rates, and the weeks ended without one."""
    figures = year_survey_figures(agreement, year, timezone.localdate())
    overall = figures.response
    return {
        "rounds": [
            {
                "week": round.week,
                "invited": response.invited,
                "answered": response.answered,
                "percent": response.percent,
                "demo": round.is_demo,
            }
            for round, response in figures.rounds
        ],
        "invited": overall.invited,
        "answered": overall.answered,
        "percent": overall.percent,
        "weeks_ended": figures.weeks_ended,
        "weeks_without": len(figures.weeks_without_round),
        "weeks_without_ranges": week_ranges(figures.weeks_without_round),
    }


def heat_cell(level):
    """A month's highest level in an area; None when no meeting that month noted the area."""
    return None if level is None else {"level": int(level), "label": str(level.label)}
