"""Each value belongs to a municipality. Until now every value was the installation's, which
served one municipality: they, and their history, go to the municipality of the first agreement
entered (Trelleborgs kommun if an installation holds values but no agreement yet). Step 1 of 2:
PostgreSQL alters no table in the transaction that updated its rows."""

import django.db.models.deletion
from django.db import migrations, models

HOME = {"code": "1287", "defaults": {"name": "Trelleborgs kommun"}}


def values_to_home_municipality(apps, schema_editor):
    Value = apps.get_model("indicators", "Value")
    HistoricalValue = apps.get_model("indicators", "HistoricalValue")
    if not (Value.objects.exists() or HistoricalValue.objects.exists()):
        return
    Agreement = apps.get_model("agreements", "Agreement")
    Municipality = apps.get_model("municipalities", "Municipality")
    first = Agreement.objects.order_by("pk").values_list("municipality", flat=True).first()
    home = first or Municipality.objects.get_or_create(**HOME)[0].pk
    for model in (Value, HistoricalValue):  # an update() leaves "last changed" as it was
        model.objects.update(municipality=home)


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0004_series_break"),
        ("agreements", "0004_municipality_in_place_of_its_text"),
        ("municipalities", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="value", name="one_value_per_indicator_period_group"
        ),
        migrations.AddField(
            model_name="historicalvalue",
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
            model_name="value",
            name="municipality",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="values",
                to="municipalities.municipality",
                verbose_name="municipality",
            ),
        ),
        migrations.RunPython(values_to_home_municipality, migrations.RunPython.noop),
    ]
