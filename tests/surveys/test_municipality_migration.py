"""An installation from before each municipality ran its own survey migrates by itself: its
respondents become the survey's municipality's, its summary recipients the first agreement's."""

import pytest
from django.core.management import call_command

from tests.agreements.test_municipality_migration import migrate

BEFORE = [
    ("surveys", "0003_survey_municipality"),
    ("meetings", "0002_meeting_revision"),
    ("municipalities", "0002_population"),
    ("agreements", "0004_municipality_in_place_of_its_text"),
]
AFTER = [
    ("surveys", "0005_respondent_municipality_required"),
    ("meetings", "0004_recipient_municipality_required"),
]


@pytest.mark.django_db(transaction=True)
def test_respondents_and_recipients_get_the_municipality_they_served():
    old = migrate(BEFORE)
    Municipality = old.get_model("municipalities", "Municipality")
    trelleborg = Municipality.objects.create(code="1287", name="Trelleborgs kommun")
    svedala = Municipality.objects.create(code="1263", name="Svedala kommun")
    old.get_model("agreements", "Agreement").objects.create(
        title="t", slug="t", municipality=trelleborg, start_year=2019, end_year=2022
    )
    old.get_model("surveys", "SurveySettings").objects.create(municipality=svedala)
    old.get_model("surveys", "Respondent").objects.create(name="Ada", email="ada@example.org")
    recipients = old.get_model("meetings", "DistributionRecipient")
    recipients.objects.create(name="Polisen", email="lpo@example.org")
    try:
        new = migrate(AFTER)
        respondents = new.get_model("surveys", "Respondent").objects
        assert list(respondents.values_list("municipality__code", flat=True)) == ["1263"]
        recipients = new.get_model("meetings", "DistributionRecipient").objects
        assert list(recipients.values_list("municipality__code", flat=True)) == ["1287"]
    finally:
        call_command("migrate", verbosity=0)  # the schema the other tests expect
