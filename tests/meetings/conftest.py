"""Helpers for the meeting log's tests: the EST areas and factors, and meetings made quickly."""

from datetime import date

import pytest
from django import forms
from django.core.management import call_command
from django.utils import timezone

from agreements.models import Agreement
from meetings.isoweeks import meeting_day
from meetings.models import Area, Factor, Level, Meeting
from tests.places import trelleborg


@pytest.fixture
def est(db):
    """The default areas and factors of Trelleborg's situation picture."""
    call_command("loaddata", "est-trelleborg", verbosity=0)
    return list(Area.objects.all()), list(Factor.objects.all())


@pytest.fixture
def current_agreement(db):
    """An agreement in force this year, so that 'this week' can be logged."""
    year = timezone.localdate().year
    return Agreement.objects.create(
        title="Samverkansöverenskommelse i kraft",
        slug="i-kraft",
        municipality=trelleborg(),
        start_year=year - 1,
        end_year=year + 2,
    )


@pytest.fixture
def make_meeting(est):
    """make_meeting(agreement, year, week, levels={(area name, factor name): level}, **fields)."""

    def make(agreement, year, week, levels=None, **fields):
        areas = {a.name: a for a in Area.objects.all()}
        factors = {f.name: f for f in Factor.objects.all()}
        fields.setdefault("date", meeting_day(year, week))
        meeting = Meeting.objects.create(agreement=agreement, year=year, week=week, **fields)
        cells = {(a.pk, f.pk): (Level.NONE, "") for a in areas.values() for f in factors.values()}
        for (area, factor), level in (levels or {}).items():
            cells[(areas[area].pk, factors[factor].pk)] = (level, "")
        meeting.set_picture(cells)
        return meeting

    return make


def form_values(form):
    """What the browser would send for `form` as the page shows it."""
    values = {}
    for field in form:
        value = field.value()
        if isinstance(field.field, forms.BooleanField):
            if value:
                values[field.html_name] = "on"
            continue
        if isinstance(value, date):
            value = value.isoformat()
        values[field.html_name] = "" if value is None else value
    return values


def page_data(response):
    """The POST data of a meeting form page left as it was loaded."""
    context = response.context
    data = form_values(context["form"]) | form_values(context["picture"])
    if not context["meeting"].pk:
        data["extra"] = str(int(context["meeting"].is_extra))
    for name in ("follow_ups", "actions"):
        formset = context[name]
        data |= form_values(formset.management_form)
        for form in formset.forms:
            data |= form_values(form)
    return data


def admin_page_data(response):
    """The POST data of an admin change page left as it was loaded, its inlines included."""
    data = form_values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        data |= form_values(inline.formset.management_form)
        for form in inline.formset.forms:
            data |= form_values(form)
    return data
