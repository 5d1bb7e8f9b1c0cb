"""What a year's report still lacks, each with the page where it is filled in."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from agreements.models import CitizenPromise, ProblemPicture
from indicators.expected import missing_values
from measures.followup import measures_in_year

from .freezing import TEXT_FIELDS, report_for
from .models import AnnualReport


@dataclass(frozen=True)
class Missing:
    kind: str  # value, measure, promises, promise_point, problem_picture, text
    label: str
    url: str


def missing_for_report(agreement, year):
    """Everything the report on `year` still lacks, in a fixed number of queries."""
    return [
        *_values(agreement, year),
        *_measures(agreement, year),
        *_promises(agreement, year),
        *_problem_picture(agreement, year),
        *_texts(agreement, year),
    ]


def _values(agreement, year):
    for missing in missing_values(agreement, year):
        groups = ", ".join(group.name for group in missing.groups)
        label = _("%(indicator)s %(period)s: no value for %(groups)s") % {
            "indicator": missing.indicator.short_name,
            "period": missing.period_label,
            "groups": groups,
        }
        yield Missing("value", label, missing.indicator.get_absolute_url())


def _measures(agreement, year):
    page = reverse("measures:follow_up", args=[agreement.slug, year])
    for measure in measures_in_year(agreement, year):
        if measure.update is None and measure.runs_in(year):
            label = _("%(measure)s: no follow-up for %(year)s") % {
                "measure": measure.title,
                "year": year,
            }
            yield Missing("measure", label, f"{page}#atgard-{measure.pk}")


def _promises(agreement, year):
    page = reverse("agreements:promises", args=[agreement.slug, year])
    promise = (
        CitizenPromise.objects.filter(agreement=agreement, year=year)
        .prefetch_related("points")
        .first()
    )
    if promise is None:
        yield Missing("promises", _("No citizen promises for %(year)s") % {"year": year}, page)
        return
    for number, point in enumerate(promise.points.all(), 1):
        if not point.is_followed_up:
            label = _("Citizen promise %(number)s, “%(point)s”: not followed up") % {
                "number": number,
                "point": point,
            }
            yield Missing("promise_point", label, f"{page}#punkt-{point.pk}")


def _problem_picture(agreement, year):
    if not ProblemPicture.objects.filter(agreement=agreement, year=year).exists():
        label = _("No joint problem picture for %(year)s") % {"year": year}
        url = reverse("agreements:problem_picture", args=[agreement.slug, year])
        yield Missing("problem_picture", label, url)


def _texts(agreement, year):
    report = report_for(agreement, year)
    if report.is_presented:
        return  # frozen as presented: a new version is where its texts change
    page = reverse("reports:edit", args=[agreement.slug, year])
    for field in TEXT_FIELDS:
        if not getattr(report, field).strip():
            name = capfirst(AnnualReport._meta.get_field(field).verbose_name)
            label = _("The report's text “%(field)s” is empty") % {"field": name}
            yield Missing("text", label, f"{page}#id_{field}")
