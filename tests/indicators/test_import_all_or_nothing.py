"""An import that fails half-way leaves nothing written, as in production: no test transaction
around it. A module of its own, because a committing test makes every test of its module build
its own starting data."""

import pytest
from django.utils import timezone

from indicators import writing
from indicators.models import Period, Value

from .conftest import snapshot
from .test_import import csv_bytes, run_command


class ConnectionLost(Exception):
    """What the database going away half-way through an import would raise."""


@pytest.mark.django_db(transaction=True)
def test_an_import_failing_after_its_values_were_written_leaves_nothing_written(
    tmp_path, stored, monkeypatch
):
    # No test transaction around it: each statement commits unless the import's own
    # transaction holds them, as in production.
    Value.objects.filter(indicator__code="fhe-tobak", period__label="2016").delete()
    values_before = snapshot()
    periods_before = Period.objects.count(), Period.history.count()
    rows = [f"fhe-tobak;2016;{group};{n}" for n, group in enumerate(["ak6", "ak9", "gy2"], 1)]
    rows.append(f"brott-bostadsinbrott;{timezone.localdate().year};alla;90")
    written = []
    insert = writing.insert_values

    def insert_then_lose_the_connection(lines, user, now):
        written.append(insert(lines, user, now))
        raise ConnectionLost

    monkeypatch.setattr(writing, "insert_values", insert_then_lose_the_connection)
    with pytest.raises(ConnectionLost):
        run_command(tmp_path, "a.csv", csv_bytes(*rows))
    assert written == [4]  # the new period and the values were written before the failure
    assert snapshot() == values_before
    assert (Period.objects.count(), Period.history.count()) == periods_before
