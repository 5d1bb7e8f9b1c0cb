"""Every respondent names their municipality, and an address is unique within one; the settings
no longer name a municipality, since each municipality's rounds ask its own respondents (step 2
of 2)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("surveys", "0004_respondent_municipality")]

    operations = [
        migrations.AlterField(
            model_name="respondent",
            name="municipality",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="respondents",
                to="municipalities.municipality",
                verbose_name="municipality",
            ),
        ),
        *(
            migrations.AlterField(
                model_name=model,
                name="email",
                field=models.EmailField(max_length=254, verbose_name="work e-mail"),
            )
            for model in ("respondent", "historicalrespondent")
        ),
        migrations.AddConstraint(
            model_name="respondent",
            constraint=models.UniqueConstraint(
                fields=("municipality", "email"),
                name="one_respondent_per_address_and_municipality",
                violation_error_message="The municipality already has a respondent with this e-mail address.",
            ),
        ),
        migrations.RemoveField(model_name="surveysettings", name="municipality"),
        migrations.RemoveField(model_name="historicalsurveysettings", name="municipality"),
    ]
