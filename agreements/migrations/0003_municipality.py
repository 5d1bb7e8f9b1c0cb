"""Each agreement gets its municipality as a record of its own, found or made from the name,
SCB code and police area the agreement held as text; history rows too (step 1 of 2)."""

import django.db.models.deletion
from django.db import migrations, models


def link_municipalities(apps, schema_editor):
    Municipality = apps.get_model("municipalities", "Municipality")
    found = {}

    def municipality(name, code, police_area):
        name, code = name.strip(), code.strip()
        key = code or name.lower()
        if key not in found:
            same = Municipality.objects.filter(code=code) if code else None
            if not same or not same.exists():
                same = Municipality.objects.filter(name__iexact=name)
            place = same.first() or Municipality(name=name)
            # What one agreement left out, another of the same municipality may give.
            place.code = place.code or code
            place.police_area = place.police_area or police_area.strip()
            place.save()
            found[key] = found[place.code or name.lower()] = place
        return found[key]

    for model_name in ("Agreement", "HistoricalAgreement"):
        rows = apps.get_model("agreements", model_name).objects.order_by("pk")
        for row in rows.iterator():
            row.place = municipality(row.municipality, row.municipality_code, row.police_area)
            row.save(update_fields=["place"])


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0002_follow_up_revisions"),
        ("municipalities", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="agreement",
            name="place",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="municipalities.municipality",
            ),
        ),
        migrations.AddField(
            model_name="historicalagreement",
            name="place",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="municipalities.municipality",
            ),
        ),
        migrations.RunPython(link_municipalities, migrations.RunPython.noop),
    ]
