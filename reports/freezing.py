"""Presenting a report freezes it; a new version starts again from the live data."""

from django.core.cache import cache
from django.db import transaction
from django.utils import translation

from indicators.evaluation import report_json

from .content import build_content
from .figures import changes_between
from .models import AnnualReport

TEXT_FIELDS = ("summary", "analysis", "proposals")


def report_for(agreement, year, version=None):
    """The report of a year (its newest version unless `version`), or an unsaved draft."""
    # The frozen snapshot is by far the largest column; it is loaded when first read.
    reports = AnnualReport.objects.filter(agreement=agreement, year=year).defer("snapshot")
    if version is not None:
        report = reports.filter(version=version).first()
    else:
        report = reports.order_by("-version").first() or AnnualReport(year=year)
    if report is not None:
        report.agreement = agreement  # already loaded: spares every page a query
    return report


def live_content(report):
    # Presented reports are read by Swedish bodies; their frozen text is Swedish whatever the
    # presenter's interface language was.
    with translation.override("sv"):
        return build_content(report.agreement, report.year)


def content_of(report):
    """What the report shows: the frozen snapshot once presented, the live data before."""
    if report.is_presented:
        return report.snapshot["content"]
    return build_content(report.agreement, report.year)


def shown_texts(report):
    """The writers' texts as presented, or as they stand in a draft."""
    return report.snapshot["texts"] if report.is_presented else texts_of(report)


def texts_of(report):
    return {field: getattr(report, field) for field in TEXT_FIELDS}


@transaction.atomic
def present(report, *, user, presented_on, presented_to, case_number):
    """Freeze the report as it stands now."""
    with translation.override("sv"):
        goals_json = report_json(report.agreement, report.year)
    report.snapshot = {
        "content": live_content(report),
        "texts": texts_of(report),
        # Kept as the very text served, so the presented JSON stays the same byte for byte.
        "goals_json": goals_json,
    }
    report.status = AnnualReport.Status.PRESENTED
    report.presented_on = presented_on
    report.presented_to = presented_to
    report.case_number = case_number
    report.presented_by = user
    report.full_clean()
    report.save()
    return report


def start_new_version(report):
    """A new draft from the live data, keeping the writers' texts; the old version stays."""
    return AnnualReport.objects.create(
        agreement=report.agreement,
        year=report.year,
        version=report.version + 1,
        **texts_of(report),
    )


def changes_since_presented(report):
    if not report.is_presented:
        return []
    return changes_between(report.snapshot["content"], live_content(report))


# Comparing with the live data rebuilds the whole report, so the answer is cached under the data
# version, which every committed change moves on in the database: right in every process.
CHANGES_SECONDS = 86400


def cached_changes_since_presented(report, data_version):
    if not report.is_presented:
        return []
    key = f"samverkan:report-changes:{report.pk}:{data_version}"
    return cache.get_or_set(key, lambda: changes_since_presented(report), CHANGES_SECONDS)
