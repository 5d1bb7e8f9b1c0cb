"""Script in any free-text field comes back as text on every page and in the PDF's HTML."""

from django.test import RequestFactory

from agreements.models import CitizenPromise, ProblemPicture
from indicators.models import Value
from measures.models import MeasureUpdate
from meetings.models import Action, NoMeetingReason, WeekWithoutMeeting
from reports.freezing import report_for
from reports.pdf import document_html

PAYLOAD = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;"


def plant(installation, meeting):
    """The payload in a free-text field of every app."""
    MeasureUpdate.objects.filter(year=2021).update(comment=PAYLOAD)
    ProblemPicture.objects.filter(year=2021).update(summary=PAYLOAD)
    CitizenPromise.objects.get(year=2021).points.update(text=PAYLOAD, comment=PAYLOAD)
    Value.objects.filter(period__label="2021").update(note=PAYLOAD)
    meeting.__class__.objects.filter(pk=meeting.pk).update(
        summary=PAYLOAD, decisions=PAYLOAD, notes=PAYLOAD
    )
    Action.objects.filter(meeting=meeting).update(what=PAYLOAD)
    held = set(meeting.__class__.objects.filter(year=2021).values_list("week", flat=True))
    WeekWithoutMeeting.objects.update_or_create(
        agreement=installation,
        year=2021,
        week=min(set(range(1, 53)) - held),
        defaults={"reason": NoMeetingReason.choices[0][0], "comment": PAYLOAD},
    )


def test_payload_is_escaped_on_every_page(security_client, installation, a_meeting):
    plant(installation, a_meeting)
    pages = [
        "/overenskommelser/trelleborg-2019-2022/",
        "/overenskommelser/trelleborg-2019-2022/atgarder/",
        "/indikatorer/brott-bostadsinbrott/",
        "/rapporter/trelleborg-2019-2022/2021/",
        a_meeting.get_absolute_url(),
        f"/moten/mote/{a_meeting.pk}/sammanfattning/",
        f"/moten/mote/{a_meeting.pk}/andra/",
        "/moten/2021/",
    ]
    for url in pages:
        text = security_client.get(url).content.decode()
        assert PAYLOAD not in text, url
        assert "onerror=alert" not in text.replace("onerror=alert(1)&gt;", ""), url
        assert ESCAPED in text, url  # the payload is really shown, as text


def test_payload_is_escaped_in_the_pdf_document(installation, a_meeting, security_user):
    plant(installation, a_meeting)
    request = RequestFactory().get("/")
    request.user = security_user
    html = document_html(request, report_for(installation, 2021))
    assert PAYLOAD not in html
    assert ESCAPED in html
