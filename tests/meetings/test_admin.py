"""The admin is a way into the meeting log too: every free-text field it offers, on the object
and in its inlines, refuses a personal identity number in disguise, and nothing is saved."""

from itertools import cycle

import pytest
from django import forms
from django.contrib import admin
from django.forms.models import model_to_dict

from meetings.models import (
    Action,
    ActionFollowUp,
    Area,
    DistributionRecipient,
    Factor,
    Meeting,
    WeekWithoutMeeting,
)
from tests.meetings.conftest import form_values
from tests.meetings.disguises import DISGUISED
from tests.places import trelleborg

REFUSED = "EST handlar om platser, inte personer"
MEETING_MODELS = [model for model in admin.site._registry if model._meta.app_label == "meetings"]


def admin_page_data(response):
    """The POST data of an admin add or change page as it was loaded, and its text fields."""
    forms_on_page = [response.context["adminform"].form]
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        data |= form_values(inline.formset.management_form)
        forms_on_page.extend(inline.formset.forms)
    text_fields = []
    for form in forms_on_page:
        data |= form_values(form)
        text_fields.extend(
            field.html_name
            for field in form
            if type(field.field) is forms.CharField and not field.is_hidden
        )
    return data, text_fields


@pytest.fixture
def log_objects(seed_agreement, make_meeting):
    """One object of every model the admin edits in the meeting log."""
    meeting = make_meeting(seed_agreement, 2021, 10)
    later = make_meeting(seed_agreement, 2021, 11)
    action = Action.objects.create(meeting=meeting, what="Laga belysningen", responsible="kommun")
    return {
        Area: Area.objects.first(),
        Factor: Factor.objects.first(),
        Meeting: meeting,
        Action: action,
        ActionFollowUp: ActionFollowUp.objects.create(
            action=action, meeting=later, outcome="continued", comment="Beställt"
        ),
        WeekWithoutMeeting: WeekWithoutMeeting.objects.create(
            agreement=seed_agreement, year=2021, week=29, reason="holiday", comment="Semester"
        ),
        DistributionRecipient: DistributionRecipient.objects.create(
            municipality=trelleborg(),
            name="Trygghetssamordnare",
            organisation="Trelleborgs kommun",
            email="t@example.se",
        ),
    }


def test_every_admin_of_the_log_is_checked(log_objects):
    assert set(MEETING_MODELS) == set(log_objects)


@pytest.mark.parametrize("model", MEETING_MODELS, ids=lambda model: model.__name__)
def test_admin_refuses_disguised_numbers_in_every_text_field(security_client, log_objects, model):
    record = log_objects[model]
    before, history = model_to_dict(record), record.history.count()
    url = f"/admin/meetings/{model._meta.model_name}/{record.pk}/change/"
    data, text_fields = admin_page_data(security_client.get(url))
    assert text_fields
    variants = cycle(variant.values[0] for variant in DISGUISED)
    for name in text_fields:
        response = security_client.post(url, data | {name: f"Gäller {next(variants)}"})
        assert response.status_code == 200, name
        assert REFUSED in response.text, name
    record.refresh_from_db()
    assert model_to_dict(record) == before
    assert record.history.count() == history


def test_meeting_added_in_the_admin_with_a_disguised_number_is_not_saved(
    security_client, seed_agreement, est
):
    data, _ = admin_page_data(security_client.get("/admin/meetings/meeting/add/"))
    data |= {
        "agreement": seed_agreement.pk,
        "year": "2021",
        "week": "12",
        "date": "2021-03-25",
        "summary": "Oro kring 12 12 12\N{EN DASH}12 12 vid stationen",
    }
    response = security_client.post("/admin/meetings/meeting/add/", data)
    assert response.status_code == 200
    assert REFUSED in response.text
    assert not Meeting.objects.exists()
    data["summary"] = "Oro vid stationen"
    assert security_client.post("/admin/meetings/meeting/add/", data).status_code == 302
