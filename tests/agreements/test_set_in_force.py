"""Säkerhetsenheten sets a revised draft in force on its page; the agreement it succeeds ends."""

import pytest
from django.test import Client

from agreements.models import Agreement
from agreements.succession import copy_structure, proposal

DRAFT = "/overenskommelser/trelleborg-2023-2026/"
SET_IN_FORCE = DRAFT + "satt-i-kraft/"


@pytest.fixture
def draft(seed_agreement):
    fields = proposal(seed_agreement)
    del fields["source"]
    return copy_structure(seed_agreement, **fields)


def test_draft_is_set_in_force_and_its_predecessor_ends(
    security_client, security_user, draft, seed_agreement
):
    seed_agreement.status = Agreement.Status.ACTIVE
    seed_agreement.save()
    page = security_client.get(DRAFT).text
    assert "Sätt i kraft för 2023–2026" in page and f'action="{SET_IN_FORCE}"' in page

    response = security_client.post(SET_IN_FORCE, follow=True)
    assert response.redirect_chain == [(DRAFT, 302)]
    assert "Samverkansöverenskommelse 2023–2026 är nu i kraft." in response.text
    assert "Samverkansöverenskommelse 2019 - 2022 är avslutad." in response.text
    assert "Sätt i kraft för" not in response.text
    draft.refresh_from_db()
    seed_agreement.refresh_from_db()
    assert draft.status == Agreement.Status.ACTIVE
    assert seed_agreement.status == Agreement.Status.ENDED
    assert draft.history.first().history_user == security_user
    assert seed_agreement.history.first().history_user == security_user
    trelleborg = seed_agreement.municipality_id
    assert Agreement.in_force(2023, trelleborg) == draft
    assert Agreement.in_force(2021, trelleborg) == seed_agreement


def test_an_agreement_in_force_is_not_set_in_force_again(security_client, seed_agreement):
    seed_agreement.status = Agreement.Status.ACTIVE
    seed_agreement.save()
    changes = seed_agreement.history.count()
    url = seed_agreement.get_absolute_url()
    assert "Sätt i kraft för" not in security_client.get(url).text

    response = security_client.post(url + "satt-i-kraft/", follow=True)
    assert "Bara ett utkast kan sättas i kraft." in response.text
    seed_agreement.refresh_from_db()
    assert seed_agreement.status == Agreement.Status.ACTIVE
    assert seed_agreement.history.count() == changes


def test_a_draft_that_overlaps_is_refused_in_swedish(security_client, draft):
    Agreement.objects.filter(pk=draft.pk).update(start_year=2022)  # past the form's check
    response = security_client.post(SET_IN_FORCE, follow=True)
    assert "kunde inte sättas i kraft: Trelleborgs kommun har redan en överenskommelse för " in (
        response.text
    )
    assert "Perioderna får inte överlappa varandra." in response.text
    draft.refresh_from_db()
    assert draft.status == Agreement.Status.DRAFT


@pytest.mark.parametrize("role", ["police_client", "reader_client"])
def test_only_the_security_unit_sets_in_force(request, role, draft):
    client = request.getfixturevalue(role)
    changes = draft.history.count()
    assert client.post(SET_IN_FORCE).status_code == 403
    draft.refresh_from_db()
    assert draft.status == Agreement.Status.DRAFT and draft.history.count() == changes
    if role == "police_client":
        assert "Sätt i kraft för" not in client.get(DRAFT).text


def test_set_in_force_is_post_only_and_csrf_checked(security_user, draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(security_user)
    assert client.get(SET_IN_FORCE).status_code == 405
    assert client.post(SET_IN_FORCE).status_code == 403  # no CSRF token
    draft.refresh_from_db()
    assert draft.status == Agreement.Status.DRAFT
