"""Svedala and Vellinge beside Trelleborg, marked demo: the police area's other two
municipalities, each with its own 2023–2026 agreement named by its focus areas, so that a new
installation shows the switch between municipalities at work."""

from agreements.models import Agreement, FocusArea, Party

from .models import Municipality

POLICE_AREA = "Lokalpolisområde Trelleborg"
NEIGHBOURS = [
    ("1263", "Svedala kommun", "svedala-2023-2026", ["Trygghet och folkhälsa"]),
    (
        "1233",
        "Vellinge kommun",
        "vellinge-2023-2026",
        ["Trygghet i offentlig miljö", "Trygga unga"],
    ),  # noqa: E501
]
TEXT = (
    "Påhittat exempel (demo): %(name)s och polisen i %(area)s samverkar 2023–2026 om "
    "brottsförebyggande och trygghetsskapande arbete. Fokusområden: %(focus)s."
)


def create():
    for code, name, slug, focus_areas in NEIGHBOURS:
        municipality, _ = Municipality.objects.get_or_create(
            code=code, defaults={"name": name, "police_area": POLICE_AREA, "is_demo": True}
        )
        text = TEXT % {"name": name, "area": POLICE_AREA.lower(), "focus": ", ".join(focus_areas)}
        agreement, created = Agreement.objects.get_or_create(
            slug=slug,
            defaults={
                "title": "Samverkansöverenskommelse 2023–2026",
                "municipality": municipality,
                "start_year": 2023,
                "end_year": 2026,
                "text": text,
            },
        )
        if created:
            Party.objects.create(agreement=agreement, kind=Party.Kind.MUNICIPALITY, name=name)
            Party.objects.create(agreement=agreement, kind=Party.Kind.POLICE, name=POLICE_AREA)
            for order, title in enumerate(focus_areas):
                FocusArea.objects.create(agreement=agreement, title=title, order=order)
