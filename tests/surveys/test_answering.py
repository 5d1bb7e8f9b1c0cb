"""A respondent answers this week's survey through their personal link: no login, only their
own answers, changeable until the close, and every bad link or late post refused with nothing
saved."""

import secrets
from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from agreements.revisions import StaleEdit
from meetings.models import Area, Factor, Level
from surveys import answering, links
from surveys.models import Answer, Invitation, Observation, Respondent, Round

# The EST areas and factors, and an agreement in force this year.
from tests.meetings.conftest import current_agreement, est, form_values  # noqa: F401
from tests.places import trelleborg

PERSONAL_NUMBER = "Soffan vid 121212-1212 brann"  # a valid personnummer (Luhn)


def make_round(agreement, *, weeks_ago=0, opened=True, closes_in=timedelta(days=2)):
    then = timezone.now() - timedelta(weeks=weeks_ago)
    iso = then.isocalendar()
    return Round.objects.create(
        agreement=agreement,
        year=iso.year,
        week=iso.week,
        opens_at=then - timedelta(days=1),
        closes_at=then + closes_in,
        opened_at=then - timedelta(days=1) if opened else None,
    )


def invite(round, area_names, name="Anna Andersson"):
    respondent, _ = Respondent.objects.get_or_create(
        email=f"{name.split()[0].lower()}@trelleborg.se",
        defaults={"municipality": trelleborg(), "name": name, "unit": "Fritid"},
    )
    invitation = Invitation.objects.create(
        round=round, respondent=respondent, key=secrets.token_hex(16)
    )
    invitation.areas.set(Area.objects.filter(name__in=area_names))
    return invitation


def url(invitation):
    return reverse("surveys:answer", args=[links.token(invitation)])


def page_data(response):
    """What the browser sends for the answer form as the page was loaded."""
    return form_values(response.context["form"])


def level_field(area, factor):
    area_id = Area.objects.get(name=area).pk
    factor_id = Factor.objects.get(name=factor).pk
    return f"level-{area_id}-{factor_id}"


def observation_field(area):
    return f"observation-{Area.objects.get(name=area).pk}"


def saved_levels(invitation):
    return {
        (a.area.name, a.factor.name): a.level
        for a in invitation.answers.select_related("area", "factor")
    }


@pytest.fixture
def this_round(current_agreement, est):  # noqa: F811
    return make_round(current_agreement)


@pytest.fixture
def invitation(this_round):
    return invite(this_round, ["Hamnen", "Anderslöv"])


def test_the_page_asks_every_factor_in_use_for_each_area_of_the_invitation(client, invitation):
    Factor.objects.filter(name="Inbrott").update(is_active=False)
    response = client.get(url(invitation))
    assert response.status_code == 200
    text = response.text
    assert f"Veckans enkät, vecka {invitation.round.week}" in text
    assert "Svarar som Anna Andersson." in text
    assert [area.name for area in response.context["form"].areas] == ["Hamnen", "Anderslöv"]
    assert '<h2 id="area-' in text and "Trelleborg centrum" not in text
    assert text.count("<legend") == 2 * 11  # 11 factors in use, per area
    assert "Inbrott" not in text
    for label in ("Inget", "Låg", "Förhöjd", "Hög", "Vet ej"):
        assert f"> {label}</label>" in text
    assert "Iakttagelse om Hamnen (frivillig)" in text
    assert "Inget att rapportera" in text
    assert 'aria-label="Huvudmeny"' not in text  # no staff navigation for a respondent


def test_answers_are_saved_and_thanked_for(client, invitation):
    response = client.get(url(invitation))
    data = page_data(response)
    data[level_field("Hamnen", "Skadegörelse")] = str(Level.HIGH)
    data[level_field("Anderslöv", "Buskörning")] = str(Level.LOW)
    data[level_field("Hamnen", "Klotter")] = "vet-ej"
    data[observation_field("Hamnen")] = "Krossade rutor vid terminalen"
    link = url(invitation)
    response = client.post(link, data)
    assert response.status_code == 302
    assert response.url == f"{link}tack/"
    levels = saved_levels(invitation)
    assert len(levels) == 2 * 12
    assert levels[("Hamnen", "Skadegörelse")] == Level.HIGH
    assert levels[("Anderslöv", "Buskörning")] == Level.LOW
    assert levels[("Hamnen", "Klotter")] is None  # "vet ej"
    invitation.refresh_from_db()
    assert invitation.answered_at is not None
    assert (invitation.revision, invitation.nothing_to_report) == (1, False)
    assert list(invitation.observations.values_list("area__name", "text")) == [
        ("Hamnen", "Krossade rutor vid terminalen")
    ]
    thanks = client.get(response.url).text
    assert "Tack för dina svar" in thanks
    assert "Hamnen: Skadegörelse – Hög" in thanks
    assert "Anderslöv: Buskörning – Låg" in thanks
    assert "Hamnen: Krossade rutor vid terminalen" in thanks
    assert "Ändra dina svar" in thanks


def test_the_thanks_wait_for_an_answer(client, invitation):
    link = url(invitation)
    response = client.get(f"{link}tack/")
    assert (response.status_code, response.url) == (302, link)
    assert client.put(link).status_code == 405


def test_a_new_invitation_starts_from_dont_know(client, invitation):
    form = client.get(url(invitation)).context["form"]
    assert {form[name].value() for name in form.fields if name.startswith("level-")} == {"vet-ej"}


def test_the_page_reopens_with_the_saved_answers_and_saving_replaces_them(client, invitation):
    data = page_data(client.get(url(invitation)))
    data[level_field("Hamnen", "Skadegörelse")] = str(Level.HIGH)
    data[observation_field("Hamnen")] = "Krossade rutor"
    client.post(url(invitation), data)

    response = client.get(url(invitation))
    field = level_field("Hamnen", "Skadegörelse")
    assert (
        f'value="{Level.HIGH}" class="form-check-input m-0" id="id_{field}_3" required checked>'
        in response.text
    )
    assert response.context["form"][field].value() == Level.HIGH
    assert "Krossade rutor" in response.text
    assert "Dina svar från" in response.text

    data = page_data(response)
    data[field] = str(Level.LOW)
    data[observation_field("Hamnen")] = ""
    assert client.post(url(invitation), data).status_code == 302
    assert Answer.objects.filter(invitation=invitation).count() == 2 * 12
    assert saved_levels(invitation)[("Hamnen", "Skadegörelse")] == Level.LOW
    assert not invitation.observations.exists()


def test_nothing_to_report_in_one_tap(client, invitation):
    Observation.objects.create(
        invitation=invitation, area=Area.objects.get(name="Hamnen"), text="x"
    )
    response = client.post(url(invitation), {"nothing": "1", "revision": "0"})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.nothing_to_report
    assert set(saved_levels(invitation).values()) == {Level.NONE}
    assert len(saved_levels(invitation)) == 2 * 12
    assert not invitation.observations.exists()
    assert "Inget att rapportera: nivån ”Inget” för alla faktorer." in client.get(response.url).text


def test_a_respondent_sees_only_their_own_answers(client, this_round, invitation):
    other = invite(this_round, ["Hamnen"], name="Bo Berg")
    hamnen = Area.objects.get(name="Hamnen")
    Observation.objects.create(invitation=other, area=hamnen, text="Bos iakttagelse")
    Answer.objects.create(
        invitation=other, area=hamnen, factor=Factor.objects.get(name="Hot och våld"), level=3
    )
    response = client.get(url(invitation))
    assert "Bo Berg" not in response.text and "Bos iakttagelse" not in response.text
    assert response.context["form"][level_field("Hamnen", "Hot och våld")].value() == "vet-ej"


@pytest.mark.parametrize(
    "token",
    ["x", "forged:signature", "altered"],
)
def test_a_forged_or_altered_link_is_refused(client, invitation, token):
    if token == "altered":
        real = links.token(invitation)
        token = real[:-1] + ("A" if real[-1] != "A" else "B")
    path = reverse("surveys:answer", args=[token])
    response = client.post(path, {"nothing": "1", "revision": "0"})
    assert response.status_code == 403
    assert "Länken fungerar inte" in response.text
    assert not Answer.objects.exists()
    assert client.get(reverse("surveys:answered", args=[token])).status_code == 403


def test_a_link_to_no_invitation_is_refused(client, invitation):
    token = signing.dumps("no-such-key", salt=links.SALT, compress=False)
    response = client.get(reverse("surveys:answer", args=[token]))
    assert response.status_code == 404
    assert "Länken leder inte till någon inbjudan" in response.text


def test_a_closed_round_refuses_its_links(client, invitation):
    round = invitation.round
    round.closed_at = timezone.now()
    round.save()
    response = client.post(url(invitation), {"nothing": "1", "revision": "0"})
    assert response.status_code == 410
    assert f"Omgången för vecka {round.week} stängdes" in response.text
    assert "svaren kan inte längre ändras" in response.text
    assert not Answer.objects.exists()


def test_a_link_is_dead_once_the_close_has_passed(client, invitation):
    # The close job has not run yet: the planned close alone ends the answering.
    Round.objects.filter(pk=invitation.round_id).update(closes_at=timezone.now())
    response = client.get(url(invitation))
    assert response.status_code == 410
    assert "svaren kan inte längre ändras" in response.text


def test_an_old_rounds_link_is_refused(client, current_agreement, est):  # noqa: F811
    old = make_round(current_agreement, weeks_ago=1)
    response = client.get(url(invite(old, ["Hamnen"])))
    assert response.status_code == 410
    assert f"Omgången för vecka {old.week} stängdes" in response.text


def test_a_round_not_yet_open_is_refused(client, current_agreement, est):  # noqa: F811
    waiting = make_round(current_agreement, opened=False)
    response = client.get(url(invite(waiting, ["Hamnen"])))
    assert response.status_code == 403
    assert f"Omgången för vecka {waiting.week} har inte öppnat än" in response.text


def test_answers_posted_after_the_close_are_refused(client, invitation):
    data = page_data(client.get(url(invitation)))  # opened before the close ...
    data[level_field("Hamnen", "Skadegörelse")] = str(Level.HIGH)
    Round.objects.filter(pk=invitation.round_id).update(closed_at=timezone.now())
    response = client.post(url(invitation), data)  # ... posted after it
    assert response.status_code == 410
    assert "svaren kan inte längre ändras" in response.text
    assert not Answer.objects.exists()
    invitation.refresh_from_db()
    assert invitation.answered_at is None


def test_a_personal_number_in_an_observation_saves_nothing(client, invitation):
    data = page_data(client.get(url(invitation)))
    data[level_field("Hamnen", "Skadegörelse")] = str(Level.HIGH)
    data[observation_field("Anderslöv")] = PERSONAL_NUMBER
    response = client.post(url(invitation), data)
    assert response.status_code == 200
    summary = response.context["errors"]
    assert [label for label, _, _ in summary] == ["Iakttagelse om Anderslöv (frivillig)"]
    assert "Iakttagelse om Anderslöv (frivillig): EST handlar om platser" in response.text
    assert "121212-****" in response.text and "121212-1212" not in response.text.replace(
        PERSONAL_NUMBER, ""
    )
    assert "Inget har sparats" in response.text
    assert not Answer.objects.exists() and not Observation.objects.exists()
    invitation.refresh_from_db()
    assert (invitation.answered_at, invitation.revision) == (None, 0)
    # The respondent's choices stay in the form, to correct and send again.
    assert response.context["form"][level_field("Hamnen", "Skadegörelse")].value() == "3"


def test_a_level_that_is_not_offered_names_its_area_and_factor(client, invitation):
    data = page_data(client.get(url(invitation)))
    data[level_field("Hamnen", "Hot och våld")] = "7"
    response = client.post(url(invitation), data)
    assert response.status_code == 200
    assert [label for label, _, _ in response.context["errors"]] == ["Hamnen: Hot och våld"]
    assert not Answer.objects.exists()


def test_the_rule_refuses_a_stale_revision_and_a_closed_round(invitation):
    hamnen, threats = Area.objects.get(name="Hamnen"), Factor.objects.get(name="Hot och våld")
    levels = {(hamnen.pk, threats.pk): Level.HIGH}
    answering.save_answers(invitation, revision=0, levels=levels, observations={})
    with pytest.raises(StaleEdit):
        answering.save_answers(invitation, revision=0, levels={}, observations={})
    later = invitation.round.closes_at
    with pytest.raises(answering.RoundClosed, match="svaren kan inte längre ändras"):
        answering.save_answers(invitation, revision=1, levels={}, observations={}, now=later)
    assert saved_levels(invitation) == {("Hamnen", "Hot och våld"): Level.HIGH}


def test_a_round_closed_by_hand_names_the_moment_it_closed(invitation):
    round = invitation.round
    round.closed_at = timezone.localtime().replace(hour=7, minute=15)
    round.closes_at = round.closed_at + timedelta(days=1)
    with pytest.raises(answering.RoundClosed, match=r", 07:15; svaren"):
        answering.check_open(round)


@pytest.mark.parametrize("areas, factors", [(1, 2), (8, 12)])
def test_the_page_takes_the_same_queries_whatever_its_size(
    client, this_round, django_assert_max_num_queries, areas, factors
):
    Factor.objects.exclude(pk__in=Factor.objects.order_by("pk")[:factors]).update(is_active=False)
    invitation = invite(this_round, Area.objects.values_list("name", flat=True)[:areas])
    answering.report_nothing(
        invitation, invitation.areas.all(), Factor.objects.filter(is_active=True), revision=0
    )
    with django_assert_max_num_queries(6):
        response = client.get(url(invitation))
    assert response.text.count("<legend") == areas * factors
    data = page_data(response)
    data[observation_field(invitation.areas.first().name)] = "Krossade rutor"
    with django_assert_max_num_queries(12):
        assert client.post(url(invitation), data).status_code == 302
    assert Answer.objects.count() == areas * factors
