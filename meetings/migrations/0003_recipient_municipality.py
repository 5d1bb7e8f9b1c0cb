"""Each summary recipient belongs to a municipality, whose meetings' summaries they get: until
now there was one list, so every recipient and their history rows go to the first agreement's
municipality (Trelleborgs kommun if none is entered yet). Step 1 of 2."""

import django.db.models.deletion
from django.db import migrations, models

HOME = {"code": "1287", "defaults": {"name": "Trelleborgs kommun"}}


def recipients_to_the_first_municipality(apps, schema_editor):
    Recipient = apps.get_model("meetings", "DistributionRecipient")
    History = apps.get_model("meetings", "HistoricalDistributionRecipient")
    if not (Recipient.objects.exists() or History.objects.exists()):
        return
    first = apps.get_model("agreements", "Agreement").objects.order_by("pk")
    first = first.values_list("municipality", flat=True).first()
    Municipality = apps.get_model("municipalities", "Municipality")
    home = first or Municipality.objects.get_or_create(**HOME)[0].pk
    for model in (Recipient, History):
        model.objects.update(municipality=home)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_meeting_revision"),
        ("agreements", "0004_municipality_in_place_of_its_text"),
        ("municipalities", "0002_population"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicaldistributionrecipient",
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
            model_name="distributionrecipient",
            name="municipality",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="summary_recipients",
                to="municipalities.municipality",
                verbose_name="municipality",
            ),
        ),
        migrations.RunPython(recipients_to_the_first_municipality, migrations.RunPython.noop),
    ]
