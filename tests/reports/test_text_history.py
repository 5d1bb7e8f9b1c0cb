"""The report's edit page says who changed its texts: a short text before → after, a long one
folded away with its full old and new text."""

from reports.freezing import report_for

URL = "/rapporter/trelleborg-2019-2022/2021/redigera/"


def test_report_edit_page_shows_the_texts_history(
    security_client, security_user, demo_agreement, django_assert_max_num_queries
):
    report = report_for(demo_agreement, 2021)
    report.analysis = "Första analysen."
    report.save()
    report.summary, report.analysis = "Kort sammanfattning.", "Lång analys. " * 20
    report._history_user = security_user
    report.save()
    with django_assert_max_num_queries(40):
        text = security_client.get(URL).text
    history = text[text.index("Ändringshistorik") :]
    assert "av Sara Säker" in history
    assert "<summary>Analys: ändrad</summary>" in history
    assert "Lång analys. Lång analys." in history
    assert "Första analysen." in history
    assert "Sammanfattning: – → Kort sammanfattning." in history
