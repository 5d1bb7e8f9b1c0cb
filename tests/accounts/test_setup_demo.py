"""`setup_demo`: one login per role, scoped to its municipality, and the police area to compare
(Trelleborg and, marked demo, Svedala and Vellinge); a second run adds nothing; never in
production. (The installation it leaves costs seconds, so one test reads all of it.)"""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.roles import MUNICIPAL_POLICE, READER, SECURITY_UNIT
from municipalities.models import Municipality


def test_the_demo_has_a_login_per_role_and_three_municipalities_to_compare(
    db, settings, client, capsys
):
    settings.DEBUG = True
    call_command("setup_demo")
    printed = capsys.readouterr().out
    call_command("setup_demo")  # a second run adds nothing
    for role in (SECURITY_UNIT, MUNICIPAL_POLICE, READER):
        assert Group.objects.get(name=role).user_set.get().username in printed
    assert sorted(Municipality.objects.values_list("code", "is_demo", "agreements__slug")) == [
        ("0000", True, None),  # the country and the county: comparison figures only
        ("0012", True, None),
        ("1233", True, "vellinge-2023-2026"),
        ("1263", True, "svedala-2023-2026"),
        ("1287", False, "trelleborg-2019-2022"),
        ("1287", False, "trelleborg-2023-2026"),
    ]

    client.force_login(User.objects.get(username="kommunpolis"))
    listed = client.get("/overenskommelser/").text
    assert all(name in listed for name in ("Svedala kommun", "Vellinge kommun", "Trelleborgs"))
    assert 'id="municipality-select"' in listed
    switch = listed.split('id="municipality-select"')[1].split("</select>")[0]
    assert "Riket" not in switch and "Region Skåne" not in switch
    report = client.get("/rapporter/trelleborg-2019-2022/2021/").text
    assert "Jämförelse med andra kommuner" in report
    client.force_login(User.objects.get(username="sakerhet"))
    listed = client.get("/overenskommelser/").text
    assert "Trelleborgs kommun" in listed and "Vellinge kommun" not in listed
    assert 'id="municipality-select"' not in listed


def test_setup_demo_refuses_production(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Demo users have published passwords"):
        call_command("setup_demo")
