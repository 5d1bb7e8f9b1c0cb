"""A user's own account page: their roles, a password change that ends their other logins,
and logging out everywhere."""

from django.test import Client

from accounts.models import LoginSession
from tests.conftest import PASSWORD

NEW = "ett-nytt-långt-lösenord-2026"


def logged_in(username="sakerhet", password=PASSWORD):
    client = Client()
    assert (
        client.post("/logga-in/", {"username": username, "password": password}).status_code == 302
    )
    return client


def test_the_account_page_lists_the_roles_and_the_menu_links_to_it(security_user):
    client = logged_in()
    page = client.get("/konto/").text
    assert "Säkerhetsenheten, alla kommuner" in page
    assert 'href="/konto/"' in client.get("/").text


def test_a_password_change_ends_the_other_logins_and_keeps_this_one(security_user):
    laptop, phone = logged_in(), logged_in()
    wrong = laptop.post(
        "/konto/losenord/",
        {"old_password": "fel", "new_password1": NEW, "new_password2": NEW},
    )
    assert "Ditt gamla lösenord var felaktigt ifyllt." in wrong.text
    done = laptop.post(
        "/konto/losenord/",
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
        follow=True,
    )
    assert "Ditt lösenord är bytt; dina andra inloggningar har avslutats." in done.text
    assert laptop.get("/indikatorer/").status_code == 200
    assert phone.get("/indikatorer/").status_code == 302
    logged_in(password=NEW)


def test_logging_out_everywhere_ends_every_login(security_user):
    laptop, phone = logged_in(), logged_in()
    assert LoginSession.objects.filter(user=security_user).count() == 2
    response = laptop.post("/konto/logga-ut-overallt/", follow=True)
    assert "Du är utloggad överallt (2 inloggningar)." in response.text
    assert laptop.get("/indikatorer/").status_code == 302
    assert phone.get("/indikatorer/").status_code == 302
    assert not LoginSession.objects.filter(user=security_user).exists()


def test_logging_out_everywhere_needs_a_post(security_user):
    assert logged_in().get("/konto/logga-ut-overallt/").status_code == 405
