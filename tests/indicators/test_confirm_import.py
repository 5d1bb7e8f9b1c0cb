"""Confirming an import: once only, however many tabs or people confirm the same preview, and
a Swedish "try again" when another writer holds the database."""

import sqlite3
import threading
from contextlib import contextmanager
from decimal import Decimal

import psycopg2
import pytest
from django.db import connection
from django.test import Client

from indicators import importing
from indicators.models import ConfirmedImport, Value

from .conftest import snapshot
from .test_import import csv_bytes, upload

CONFIRM = "/indikatorer/import/bekrafta/"
ROWS = ("brott-bostadsinbrott;2021;alla;98", "fhe-tobak;2021;ak9;8,1")
ALREADY_DONE = "rättelse.csv är redan importerad; inget skrevs en gång till."
BUSY = "Databasen är upptagen; inget importerades. Bekräfta igen om en stund."


def previewed(client):
    """Upload the correction and return the preview's fingerprint, as the page holds it."""
    response = upload(client, "rättelse.csv", csv_bytes(*ROWS))
    return response.context["preview"].fingerprint()


def confirm(client, fingerprint):
    return client.post(CONFIRM, {"fingerprint": fingerprint}, follow=True)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def assert_imported_once(before):
    """The two values changed, with one history row each on top of what was there."""
    values, history = before
    assert Value.history.count() == history + 2
    assert ConfirmedImport.objects.count() == 1
    burglary = Value.objects.get(indicator__code="brott-bostadsinbrott", period__label="2021")
    assert burglary.value == Decimal(98)


def test_a_second_tab_confirming_is_told_the_import_is_done(security_client, stored):
    fingerprint = previewed(security_client)
    done = "rättelse.csv importerad: 0 tillagda, 2 ändrade."
    assert done in confirm(security_client, fingerprint).text
    response = confirm(security_client, fingerprint)
    assert ALREADY_DONE in response.text
    assert_imported_once(stored)


def test_a_second_person_confirming_the_same_preview_is_told_it_is_done(security_user, stored):
    first, second = client_for(security_user), client_for(security_user)
    fingerprint = previewed(first)
    assert previewed(second) == fingerprint
    assert "rättelse.csv importerad" in confirm(first, fingerprint).text
    response = confirm(second, fingerprint)
    assert ALREADY_DONE in response.text
    assert "indicators.pending_import" not in second.session
    assert_imported_once(stored)


def test_the_same_file_after_a_change_imports_again(security_client, stored):
    confirm(security_client, previewed(security_client))
    burglary = Value.objects.get(indicator__code="brott-bostadsinbrott", period__label="2021")
    burglary.value = 100
    burglary.save()
    response = confirm(security_client, previewed(security_client))
    assert "rättelse.csv importerad: 0 tillagda, 1 ändrade." in response.text


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the test database is SQLite in memory with a shared cache, where a second writer "
    "fails at once instead of waiting: the two confirmations cannot overlap",
)
def test_two_people_confirming_at_once_write_once(security_user, demo_values, monkeypatch):
    before = snapshot()
    clients = [client_for(security_user), client_for(security_user)]
    fingerprints = [previewed(client) for client in clients]
    # Both confirmations pass every check before either claims the preview.
    both_checked = threading.Barrier(2, timeout=10)
    create = ConfirmedImport.objects.create

    def create_together(**fields):
        both_checked.wait()
        return create(**fields)

    monkeypatch.setattr(ConfirmedImport.objects, "create", create_together)
    answers = []

    def confirm_in_thread(client, fingerprint):
        try:
            answers.append(confirm(client, fingerprint).text)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=confirm_in_thread, args=pair)
        for pair in zip(clients, fingerprints, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted("importerad:" in answer for answer in answers) == [False, True]
    assert sum(ALREADY_DONE in answer for answer in answers) == 1
    assert_imported_once(before)


@contextmanager
def write_lock():
    """Another connection holding a write lock the confirmation needs, as a long write would.
    (SQLite's test database is in memory with a shared cache: a lock on a table the preview
    does not read, since there a lock stops readers too.)"""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        other = sqlite3.connect(settings["NAME"], uri=True)
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE indicators_confirmedimport SET name = name")
    else:
        other = psycopg2.connect(
            dbname=settings["NAME"],
            user=settings["USER"],
            host=settings["HOST"],
            port=settings["PORT"],
            password=settings["PASSWORD"],
        )
        other.cursor().execute("LOCK TABLE indicators_value IN EXCLUSIVE MODE")
    try:
        yield
    finally:
        other.rollback()
        other.close()


@pytest.mark.django_db(transaction=True)
def test_a_locked_database_asks_to_confirm_again(security_user, demo_values, monkeypatch):
    monkeypatch.setattr(importing, "LOCK_TIMEOUT_SECONDS", 0.2)
    before = snapshot()
    client = client_for(security_user)
    fingerprint = previewed(client)
    with write_lock():
        response = client.post(CONFIRM, {"fingerprint": fingerprint})
    assert response.status_code == 200
    assert BUSY in response.text
    assert "Importera värdena" in response.text  # the preview again, to confirm
    assert snapshot() == before
    assert not ConfirmedImport.objects.exists()
    assert "importerad: 0 tillagda, 2 ändrade." in confirm(client, fingerprint).text
