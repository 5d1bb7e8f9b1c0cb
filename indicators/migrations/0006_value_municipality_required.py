"""Every value now names its municipality, at most one per indicator, period and group (step 2
of 2)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("indicators", "0005_value_municipality")]

    operations = [
        migrations.AlterField(
            model_name="value",
            name="municipality",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="values",
                to="municipalities.municipality",
                verbose_name="municipality",
            ),
        ),
        migrations.AlterModelOptions(
            name="value",
            options={
                "ordering": ["indicator", "municipality", "period", "group"],
                "verbose_name": "value",
                "verbose_name_plural": "values",
            },
        ),
        migrations.AddConstraint(
            model_name="value",
            constraint=models.UniqueConstraint(
                fields=("indicator", "municipality", "period", "group"),
                name="one_value_per_municipality_indicator_period_group",
                violation_error_message=(
                    "This indicator already has a value for that municipality, period and group."
                ),
            ),
        ),
    ]
