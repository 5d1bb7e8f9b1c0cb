"""Invented example content for the seed agreement, so a new install looks lived in.

Everything created here is flagged `is_demo` and shown with a demo badge.
"""

from datetime import date

from .models import (
    Agreement,
    CitizenPromise,
    FocusArea,
    FollowUpStatus,
    ProblemPicture,
    ProductionGoal,
    PromisePoint,
    Responsible,
)

PRODUCTION_GOALS = [
    (0, "Drogförebyggande samtal med elever i åk 8 och gymnasiet", 8, "samtal"),
    (0, "Föräldramöten om alkohol och narkotika inför sommarlovet", 2, "möten"),
    (1, "Trafikkontroller vid skolor och i bostadsområden", 24, "kontroller"),
    (1, "Trygghetsvandringar med boende", 4, "vandringar"),
]

PROBLEM_PICTURES = {
    2019: "Ungdomar samlas kvällstid i centrum och vid hamnen; buskörning med moped i "
    "Anderslöv och Skegrie. Skadegörelse och klotter kring skolor.",
    2020: "Färre samlingar i centrum under pandemin, men fler klagomål på buskörning och "
    "nedskräpning vid stränderna under sommaren.",
    2021: "Narkotikaförsäljning uppmärksammas kring två platser i centrum; otryggheten "
    "kvällstid är störst kring stationen.",
    2022: "Fortsatt fokus på trafiken: fortkörning på infartslederna och buskörning. "
    "Skadegörelsen minskar där kameror satts upp.",
}

PROMISES = [
    (
        "Polisen och kommunen ska genomföra trafikkontroller vid skolorna varje månad.",
        Responsible.JOINT,
    ),
    (
        "Kommunen ska åtgärda anmäld skadegörelse i centrum inom två arbetsdagar.",
        Responsible.MUNICIPALITY,
    ),
    (
        "Polisen ska vara synlig i centrum fredags- och lördagskvällar.",
        Responsible.POLICE,
    ),
]
FOLLOW_UPS = [
    (FollowUpStatus.FULFILLED, "Kontroller genomförda alla månader utom juli."),
    (FollowUpStatus.PARTLY, "Åtgärdat i tid i cirka 80 procent av fallen."),
    (FollowUpStatus.FULFILLED, "Närvaro enligt plan; förstärkt under sommaren."),
]


def create(agreement: Agreement):
    focus_areas = list(FocusArea.objects.filter(agreement=agreement))
    for order, (area, text, target, unit) in enumerate(PRODUCTION_GOALS, 1):
        ProductionGoal.objects.update_or_create(
            agreement=agreement,
            text=text,
            defaults={
                "focus_area": focus_areas[area],
                "yearly_target": target,
                "unit": unit,
                "order": order,
                "is_demo": True,
            },
        )
    for year, summary in PROBLEM_PICTURES.items():
        ProblemPicture.objects.update_or_create(
            agreement=agreement,
            year=year,
            defaults={
                "summary": summary,
                "is_demo": True,
                "sources": "Trygghetsmätningen, EST-veckorapporter, medborgardialoger",
            },
        )
    for year in agreement.years:
        promise, _ = CitizenPromise.objects.update_or_create(
            agreement=agreement,
            year=year,
            defaults={
                "title": f"Medborgarlöfte {year}",
                "published": date(year, 3, 1),
                "introduction": "Löftena bygger på årets gemensamma problembild.",
                "is_demo": True,
            },
        )
        for order, ((text, responsible), (status, comment)) in enumerate(
            zip(PROMISES, FOLLOW_UPS, strict=True), 1
        ):
            PromisePoint.objects.update_or_create(
                promise=promise,
                order=order,
                defaults={
                    "text": text,
                    "responsible": responsible,
                    "status": status,
                    "comment": comment,
                },
            )
