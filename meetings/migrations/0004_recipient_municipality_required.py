"""Every summary recipient names their municipality (step 2 of 2)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meetings", "0003_recipient_municipality")]

    operations = [
        migrations.AlterField(
            model_name="distributionrecipient",
            name="municipality",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="summary_recipients",
                to="municipalities.municipality",
                verbose_name="municipality",
            ),
        ),
    ]
