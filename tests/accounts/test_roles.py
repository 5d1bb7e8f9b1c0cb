"""The three roles exist, carry the right permissions and see the right pages."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.roles import MUNICIPAL_POLICE, READER, ROLES, SECURITY_UNIT, assign_role


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


def test_setup_demo_creates_one_login_per_role(db, settings, capsys):
    settings.DEBUG = True
    call_command("setup_demo")
    out = capsys.readouterr().out
    for role in (SECURITY_UNIT, MUNICIPAL_POLICE, READER):
        group = Group.objects.get(name=role)
        assert group.user_set.count() == 1
        assert group.user_set.get().username in out
    call_command("setup_demo")  # running it again changes nothing
    assert Group.objects.get(name=READER).user_set.count() == 1


def test_setup_demo_refuses_production(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Demo users have published passwords"):
        call_command("setup_demo")
