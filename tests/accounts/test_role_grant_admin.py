"""The installation's administrator gives roles on the user's page: one per row, each in a
municipality or in every one; the user's groups and admin access follow."""

from django.contrib.auth.models import User
from django.test import Client

from accounts.roles import MUNICIPAL_POLICE, SECURITY_UNIT
from tests.places import svedala, trelleborg


def test_roles_are_given_per_municipality_on_the_users_page(make_user, db):
    admin = make_user("admin", is_staff=True, is_superuser=True)
    user = make_user("ny")
    client = Client()
    client.force_login(admin)
    page = client.get(f"/admin/auth/user/{user.pk}/change/").text
    assert 'name="role_grants-TOTAL_FORMS"' in page and 'name="groups"' not in page
    form = {
        "username": "ny",
        "date_joined_0": "2026-12-01",
        "date_joined_1": "08:00:00",
        "role_grants-TOTAL_FORMS": "2",
        "role_grants-INITIAL_FORMS": "0",
        "role_grants-0-role": SECURITY_UNIT,
        "role_grants-0-municipality": svedala().pk,
        "role_grants-1-role": MUNICIPAL_POLICE,
        "role_grants-1-municipality": "",
    }
    trelleborg()
    response = client.post(f"/admin/auth/user/{user.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[-2000:]
    user = User.objects.get(pk=user.pk)
    grants = sorted(user.role_grants.values_list("role", "municipality__name"), key=str)
    assert grants == [(MUNICIPAL_POLICE, None), (SECURITY_UNIT, "Svedala kommun")]
    assert sorted(user.groups.values_list("name", flat=True)) == [MUNICIPAL_POLICE, SECURITY_UNIT]
    assert user.is_staff
    again = client.post(f"/admin/auth/user/{user.pk}/change/", form)  # both rows anew
    assert "Användaren har redan den här rollen där." in again.text
    assert "Användaren har redan den här rollen i alla kommuner." in again.text
    other = make_user("annan")
    twice = form | {"username": "annan", "role_grants-1-role": SECURITY_UNIT}
    twice |= {"role_grants-1-municipality": svedala().pk}
    response = client.post(f"/admin/auth/user/{other.pk}/change/", twice)
    assert "Samma roll ges två gånger för samma kommun." in response.text
    assert user.role_grants.count() == 2 and not other.role_grants.exists()
