"""The agreement's municipality is the record 0003 linked; its text fields go (step 2 of 2)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("agreements", "0003_municipality")]

    operations = [
        *(
            migrations.RemoveField(model_name=model, name=name)
            for model in ("agreement", "historicalagreement")
            for name in ("municipality", "municipality_code", "police_area")
        ),
        migrations.RenameField(model_name="agreement", old_name="place", new_name="municipality"),
        migrations.RenameField(
            model_name="historicalagreement", old_name="place", new_name="municipality"
        ),
        migrations.AlterField(
            model_name="agreement",
            name="municipality",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="agreements",
                to="municipalities.municipality",
                verbose_name="municipality",
            ),
        ),
        migrations.AlterField(
            model_name="historicalagreement",
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
    ]
