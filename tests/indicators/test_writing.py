"""The import's bulk writing: what goes in comes back as it was, with one history row each."""

from decimal import Decimal

from django.utils import timezone

from indicators import writing
from indicators.models import Group, Indicator, Period, Value

NOTES = ["plain", "back\\slash", "tab\there", "new\nline\r\n", "", 'semi;colon "quoted"']


def test_values_and_notes_come_back_as_written_with_their_history(seed_agreement, security_user):
    indicator = Indicator.objects.get(code="brott-bostadsinbrott")
    group = Group.objects.get(code="alla")
    periods = [
        Period.objects.create(source=indicator.source, label=f"W{n}", year=1995 + n)
        for n in range(len(NOTES))
    ]
    now, home = timezone.now(), seed_agreement.municipality_id
    rows = [
        (indicator.pk, period.pk, group.pk, Decimal(n * 10) + Decimal("0.5"), "final", note, home)
        for n, (period, note) in enumerate(zip(periods, NOTES, strict=True))
    ]
    assert writing.insert_values(rows, security_user, now) == len(NOTES)
    stored = Value.objects.filter(indicator=indicator, period__in=periods).order_by("value")
    assert [value.note for value in stored] == NOTES
    assert [value.history.get().history_type for value in stored] == ["+"] * len(NOTES)
    assert {value.entered_by for value in stored} == {security_user}

    changes = [(value.pk, value.value + 1, "preliminary", value.note + "!") for value in stored]
    assert writing.update_values(changes, None, now) == len(NOTES)
    assert [value.note for value in stored.all()] == [note + "!" for note in NOTES]
    latest = [value.history.order_by("-history_id").first() for value in stored.all()]
    assert [(row.history_type, row.note, row.history_user) for row in latest] == [
        ("~", note + "!", None) for note in NOTES
    ]
