"""Each respondent belongs to a municipality, whose rounds ask them: until now the survey was
one municipality's (its settings named it, or the first entered), so every respondent and their
history rows go to that one (Trelleborgs kommun if none is entered yet). Step 1 of 2."""

import django.db.models.deletion
from django.db import migrations, models

HOME = {"code": "1287", "defaults": {"name": "Trelleborgs kommun"}}


def respondents_to_the_surveys_municipality(apps, schema_editor):
    Respondent = apps.get_model("surveys", "Respondent")
    History = apps.get_model("surveys", "HistoricalRespondent")
    if not (Respondent.objects.exists() or History.objects.exists()):
        return
    Municipality = apps.get_model("municipalities", "Municipality")
    named = apps.get_model("surveys", "SurveySettings").objects.order_by("pk")
    named = named.values_list("municipality", flat=True).first()
    first = apps.get_model("agreements", "Agreement").objects.order_by("pk")
    first = first.values_list("municipality", flat=True).first()
    home = named or first or Municipality.objects.get_or_create(**HOME)[0].pk
    for model in (Respondent, History):
        model.objects.update(municipality=home)


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0003_survey_municipality"),
        ("agreements", "0004_municipality_in_place_of_its_text"),
        ("municipalities", "0002_population"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalrespondent",
            name="municipality",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="municipalities.municipality",
                verbose_name="municipality",
            ),
        ),
        migrations.AddField(
            model_name="respondent",
            name="municipality",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="respondents",
                to="municipalities.municipality",
                verbose_name="municipality",
            ),
        ),
        migrations.RunPython(respondents_to_the_surveys_municipality, migrations.RunPython.noop),
    ]
