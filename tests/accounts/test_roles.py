"""The three roles exist, carry the right permissions and see the right pages."""

import pytest
from django.contrib.auth.models import Group

from accounts.roles import ROLES, SECURITY_UNIT, assign_role


def test_roles_are_created_by_migration(db):
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLES)


def test_a_grant_gives_its_roles_model_permissions_and_its_removal_takes_them(make_user):
    user = make_user("ny")
    assign_role(user, SECURITY_UNIT)
    assert list(user.groups.values_list("name", flat=True)) == [SECURITY_UNIT]
    user.role_grants.all().delete()
    assert not user.groups.exists() and Group.objects.filter(name=SECURITY_UNIT).exists()


def test_security_unit_edits_the_agreement(security_user):
    assert security_user.is_staff
    assert security_user.has_perm("agreements.change_agreement")
    assert security_user.has_perm("measures.add_measure")


def test_police_updates_measures_but_does_not_edit_the_agreement(police_user):
    assert police_user.has_perm("measures.change_measureupdate")
    assert police_user.has_perm("agreements.view_agreement")
    assert not police_user.has_perm("agreements.change_agreement")
    assert not police_user.has_perm("measures.change_measure")


def test_reader_changes_nothing(reader_user):
    assert not reader_user.is_staff
    assert not reader_user.get_all_permissions()


@pytest.mark.parametrize("fixture", ["security_client", "police_client"])
def test_staff_see_the_start_page(request, fixture, seed_agreement):
    response = request.getfixturevalue(fixture).get("/")
    assert response.status_code == 200
    assert "Välkommen" in response.text
    assert "Samverkansöverenskommelse 2019 - 2022" in response.text
    assert 'href="/rapporter/trelleborg-2019-2022/2021/"' in response.text


def test_reader_lands_on_the_reports(reader_client, seed_agreement):
    response = reader_client.get("/", follow=True)
    assert response.redirect_chain == [("/rapporter/", 302)]
    assert "Årsrapporter" in response.text
    assert seed_agreement.get_absolute_url() not in response.text
    assert reader_client.get(seed_agreement.get_absolute_url()).status_code == 403


def test_user_without_role_is_told_so(client, make_user, seed_agreement):
    client.force_login(make_user("ny"))
    assert "Ditt konto har ingen roll ännu" in client.get("/").text
    assert client.get(seed_agreement.get_absolute_url()).status_code == 403
