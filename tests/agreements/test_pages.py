"""What säkerhetsenheten and kommunpolisen read about an agreement."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from measures.models import Measure, MeasureUpdate


def test_agreement_page_quotes_goals_and_commitments(police_client, demo_agreement):
    response = police_client.get(demo_agreement.get_absolute_url())
    assert response.status_code == 200
    assert "Bostadsinbrotten ska understiga 100 inbrott/år" in response.text
    assert "Mätindikator:" in response.text
    assert "Tryggare Trelleborg" in response.text
    assert "Medborgarlöfte 2021" in response.text
    assert "Demo" in response.text  # demo content is marked as such


def test_measures_page_lists_yearly_follow_up(security_client, demo_agreement):
    response = security_client.get(f"/overenskommelser/{demo_agreement.slug}/atgarder/")
    assert response.status_code == 200
    assert "Samtal om droger i skolan" in response.text
    assert "5 genomförda" in response.text


def test_measures_page_query_count_does_not_grow(
    security_client, demo_agreement, django_assert_max_num_queries
):
    url = f"/overenskommelser/{demo_agreement.slug}/atgarder/"
    with CaptureQueriesContext(connection) as few:
        security_client.get(url)
    for number in range(20):
        measure = Measure.objects.create(
            agreement=demo_agreement, title=f"Åtgärd {number}", responsible="kommun"
        )
        for year in demo_agreement.years:
            MeasureUpdate.objects.create(measure=measure, year=year, status="ongoing")
    with django_assert_max_num_queries(len(few)):
        response = security_client.get(url)
    assert "Åtgärd 19" in response.text


def test_unknown_agreement_is_404(security_client, db):
    assert security_client.get("/overenskommelser/finns-inte/").status_code == 404
