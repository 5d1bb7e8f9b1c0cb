"""Säkerhetsenheten starts the next agreement in the browser, from an earlier one or empty."""

from agreements.models import Agreement
from tests.places import trelleborg

NEW = "/overenskommelser/ny/"


def form_data(**overrides):
    data = {
        "source": "",
        "title": "Samverkansöverenskommelse 2027–2030",
        "municipality": str(trelleborg().pk),
        "start_year": "2027",
        "end_year": "2030",
        "slug": "trelleborg-2027-2030",
    }
    return data | overrides


def test_form_is_prefilled_with_the_period_after_the_newest_agreement(
    security_client, successor_agreement
):
    form = security_client.get(NEW).context["form"]
    assert form["source"].value() == successor_agreement.pk
    assert form["slug"].value() == "trelleborg-2027-2030"
    assert (form["start_year"].value(), form["end_year"].value()) == (2027, 2030)
    older = security_client.get(NEW + "?fran=trelleborg-2019-2022").context["form"]
    assert older["slug"].value() == "trelleborg-2023-2026"


def test_copy_is_saved_as_a_draft_and_shown(security_client, security_user, successor_agreement):
    response = security_client.post(NEW, form_data(source=successor_agreement.pk))
    draft = Agreement.objects.get(slug="trelleborg-2027-2030")
    assert response.status_code == 302 and response.url == draft.get_absolute_url()
    assert draft.status == Agreement.Status.DRAFT
    assert draft.focus_areas.count() == 10 and draft.effectgoals.count() == 7
    assert draft.history.get().history_user == security_user
    page = security_client.get(response.url).text
    assert "Utkastet Samverkansöverenskommelse 2027–2030 har skapats" in page
    listing = security_client.get("/overenskommelser/").text
    assert "Samverkansöverenskommelse 2027–2030" in listing and "Utkast" in listing


def test_empty_start_with_the_slug_made_from_the_period(security_client, successor_agreement):
    response = security_client.post(NEW, form_data(slug=""))
    assert response.status_code == 302
    draft = Agreement.objects.get(slug="trelleborg-2027-2030")
    assert not draft.focus_areas.exists() and not draft.parties.exists()


def test_bad_input_is_refused_in_swedish_naming_the_field(security_client, successor_agreement):
    bad_slug = security_client.post(NEW, form_data(slug="Trelleborg 2027"))
    assert "Använd bara små bokstäver a–z" in bad_slug.text
    assert bad_slug.context["form"].errors.keys() == {"slug"}
    overlap = security_client.post(NEW, form_data(start_year="2026", slug="t-2026-2030"))
    assert overlap.context["form"].errors["start_year"] == [
        "Trelleborgs kommun har redan en överenskommelse för 2023–2026: "
        "”Samverkansöverenskommelse 2023–2026”. Perioderna får inte överlappa varandra."
    ]
    backwards = security_client.post(NEW, form_data(start_year="2031", slug="t-2031-2030"))
    assert "Sista året kan inte komma före första året." in backwards.text
    taken = security_client.post(NEW, form_data(slug="trelleborg-2023-2026"))
    assert "slug" in taken.context["form"].errors
    assert Agreement.objects.count() == 2


def test_only_the_security_unit_starts_an_agreement(police_client, security_client, seed_agreement):
    assert police_client.get(NEW).status_code == 403
    assert police_client.post(NEW, form_data()).status_code == 403
    assert "Ny överenskommelse" not in police_client.get("/overenskommelser/").text
    assert 'href="/overenskommelser/ny/"' in security_client.get("/overenskommelser/").text
    detail = security_client.get(seed_agreement.get_absolute_url()).text
    assert 'href="/overenskommelser/ny/?fran=trelleborg-2019-2022"' in detail


def test_agreement_list_queries_are_bounded(
    security_client, successor_agreement, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = security_client.get("/overenskommelser/")
    assert "Samverkansöverenskommelse 2019 - 2022" in response.text
