"""The demo shows the police area: Trelleborg and, marked demo, Svedala and Vellinge."""

from django.contrib.auth.models import User
from django.core.management import call_command

from municipalities.models import Municipality


def test_the_demo_has_three_municipalities_to_compare_and_logins_scoped_to_them(
    db, settings, client
):
    settings.DEBUG = True
    call_command("setup_demo")
    call_command("setup_demo")  # a second run adds nothing
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
