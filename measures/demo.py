"""Invented measures with yearly follow-up for the seed agreement (flagged `is_demo`)."""

from datetime import date

from agreements.models import Agreement, ProductionGoal, Responsible

from .models import Measure, MeasureStatus, MeasureUpdate

# (production goal text or None, title, responsible, unit, yearly counts or None)
MEASURES = [
    (
        "Drogförebyggande samtal med elever i åk 8 och gymnasiet",
        "Samtal om droger i skolan",
        Responsible.JOINT,
        "Kommunpolisen och elevhälsan",
        [8, 5, 9, 8],
    ),
    (
        "Föräldramöten om alkohol och narkotika inför sommarlovet",
        "Föräldramöten inför sommarlovet",
        Responsible.MUNICIPALITY,
        "Fältgruppen",
        [2, 1, 2, 2],
    ),
    (
        "Trafikkontroller vid skolor och i bostadsområden",
        "Hastighetskontroller vid skolor",
        Responsible.POLICE,
        "Trafikpolisen",
        [20, 26, 25, 22],
    ),
    (
        "Trygghetsvandringar med boende",
        "Trygghetsvandringar",
        Responsible.JOINT,
        "Säkerhetsenheten",
        [4, 2, 4, 5],
    ),
    (
        None,
        "Kameraövervakning vid stationen",
        Responsible.MUNICIPALITY,
        "Säkerhetsenheten",
        None,
    ),
]

COMMENTS = {
    True: "Genomfört enligt plan.",
    False: "Färre än planerat; se analysen i årsrapporten.",
}


def create(agreement: Agreement):
    goals = {g.text: g for g in ProductionGoal.objects.filter(agreement=agreement)}
    for goal_text, title, responsible, unit, counts in MEASURES:
        goal = goals.get(goal_text)
        measure, _ = Measure.objects.update_or_create(
            agreement=agreement,
            title=title,
            defaults={
                "production_goal": goal,
                "focus_area": goal.focus_area if goal else None,
                "responsible": responsible,
                "responsible_unit": unit,
                "start_date": date(agreement.start_year, 1, 1),
                "status": MeasureStatus.ONGOING,
                "is_demo": True,
            },
        )
        for index, year in enumerate(agreement.years):
            count = counts[index] if counts else None
            reached = count is None or goal is None or count >= (goal.yearly_target or 0)
            MeasureUpdate.objects.update_or_create(
                measure=measure,
                year=year,
                defaults={
                    "status": MeasureStatus.ONGOING,
                    "achieved_count": count,
                    "comment": COMMENTS[reached],
                },
            )
