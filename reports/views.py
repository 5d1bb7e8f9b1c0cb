from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import EVERYWHERE, ROLES, SECURITY_UNIT, STAFF_ROLES, user_roles, writer_role
from agreements.access import agreement_required, reachable
from agreements.history import changes
from agreements.models import Agreement
from agreements.revisions import StaleEdit, carry_revision, saved_unless_stale
from indicators.evaluation import evaluate_goals, load_assessments, report_json
from maintenance import dataversion

from . import middleware as public
from .completeness import missing_for_report
from .figures import EXPORTS
from .forms import GoalAssessmentForm, PresentForm, ReportTextsForm
from .freezing import (
    TEXT_FIELDS,
    cached_changes_since_presented,
    content_of,
    present,
    report_for,
    start_new_version,
    texts_of,
)
from .models import AnnualReport
from .pdf import PdfUnavailable, document_pdf, store_pdf
from .presentation import report_context
from .stored_pages import keep_for_user, stored_for_user


def may_read(request, report):
    """Staff of the agreement's municipality read its every report; its readers presented
    ones, drafts only if granted."""
    held = user_roles(request).roles_in(report.agreement.municipality_id)
    if held.intersection(STAFF_ROLES):
        return True
    if report.is_presented:
        return bool(held) or settings.REPORTS_PUBLIC
    return bool(held) and request.user.has_perm("reports.view_draft_report")


def readable_report(request, slug, year, version=None, allowed=may_read):
    if not request.user.is_authenticated and not settings.REPORTS_PUBLIC:
        raise LoginNeeded  # before any lookup: not even a report's existence is public
    agreement = get_object_or_404(Agreement.objects.select_related("municipality"), slug=slug)
    if year not in agreement.years:
        raise Http404
    report = report_for(agreement, year, version)
    if report is None:
        raise Http404
    if not allowed(request, report):
        if not request.user.is_authenticated:
            raise LoginNeeded
        raise PermissionDenied
    if request.user.is_authenticated:
        reachable(request, agreement, *ROLES)  # the menu's role checks follow the report
    return report


class LoginNeeded(Exception):
    pass


def public_when_allowed(view):
    """Presented reports may be public (REPORTS_PUBLIC); everything else needs a login."""

    @login_not_required
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except LoginNeeded:
            return redirect_to_login(request.get_full_path())

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def report_list(request):
    ids = user_roles(request).municipality_ids()
    if ids is not EVERYWHERE and not ids:
        raise PermissionDenied
    agreements = Agreement.objects.of_any(ids).in_force()
    reports = AnnualReport.objects.filter(agreement__in=agreements).order_by("-version")
    newest = {}
    for report in reports:
        newest.setdefault((report.agreement_id, report.year), report)
    rows = []
    for agreement in agreements:
        for year in reversed(agreement.years):
            report = newest.get((agreement.pk, year)) or AnnualReport(
                agreement=agreement, year=year
            )
            if may_read(request, report):
                rows.append(report)
    return render(request, "reports/report_list.html", {"reports": rows})


@public_when_allowed
def report_detail(request, slug, year, version=None):
    data_version = dataversion.key()
    anonymous = not request.user.is_authenticated
    if not anonymous and (stored := stored_for_user(request, data_version)) is not None:
        return stored
    report = readable_report(request, slug, year, version)
    context = report_context(report)
    # A draft's body is built from the live data: cached under the data version, and the day,
    # which decides whether a year is over.
    context["data_version"] = data_version
    context["today"] = timezone.localdate().isoformat()
    # The live data is not public: an anonymous visitor reads the report as presented.
    context["changes"] = (
        [] if anonymous else cached_changes_since_presented(report, context["data_version"])
    )
    context["can_edit"] = user_roles(request).staff and not report.is_presented
    context["can_present"] = user_roles(request).security_unit and not report.is_presented
    # The list needs no frozen content, which is by far the largest column.
    context["versions"] = (
        AnnualReport.objects.filter(agreement=report.agreement, year=report.year)
        .select_related("agreement")
        .defer("snapshot")
        .order_by("version")
    )
    response = render(request, "reports/report_detail.html", context)
    if report.is_presented:
        if anonymous:
            public.keep(request)
        else:
            keep_for_user(request, data_version, response)
    return response


@public_when_allowed
def goals_json(request, slug, year):
    """Every effect goal's status, as `manage.py evaluate_goals --format json` prints it; a
    presented report's as it was presented."""
    report = readable_report(request, slug, year, allowed=may_read_goals)
    data = report.snapshot["goals_json"] if report.is_presented else None
    if data is None:
        data = report_json(report.agreement, year)
    return HttpResponse(data, content_type="application/json")


def may_read_goals(request, report):
    # The goals' figures of an agreement in force are for every role, a draft report's too: no
    # draft text is in them. An agreement still in draft is read as its report page is.
    if report.agreement.status == Agreement.Status.DRAFT:
        return may_read(request, report)
    held = user_roles(request).roles_in(report.agreement.municipality_id)
    return bool(held) or may_read(request, report)


@public_when_allowed
def report_pdf(request, slug, year, version=None):
    report = readable_report(request, slug, year, version)
    try:
        if report.is_presented:
            if not report.pdf:
                store_pdf(request, report)
            data = report.pdf.open("rb").read()
        else:
            data = document_pdf(request, report)
    except PdfUnavailable as error:
        return render(
            request, "reports/pdf_unavailable.html", {"report": report, "error": error}, status=503
        )
    response = HttpResponse(data, content_type="application/pdf")
    name = f"arsrapport-{report.agreement.slug}-{report.year}-v{report.version}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@public_when_allowed
def report_figures(request, slug, year, fmt, version=None):
    report = readable_report(request, slug, year, version)
    if fmt not in EXPORTS:
        raise Http404
    export, content_type = EXPORTS[fmt]
    response = HttpResponse(export(content_of(report)), content_type=content_type)
    name = f"siffror-{report.agreement.slug}-{report.year}-v{report.version}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def draft_for_edit(agreement, year):
    report = report_for(agreement, year)
    if report.is_presented:
        raise PermissionDenied
    return report


@agreement_required(*STAFF_ROLES, with_year=True)
def report_edit(request, agreement, year):
    report = draft_for_edit(agreement, year)
    form = ReportTextsForm(
        request.POST or None, instance=report, initial={"revision": report.revision}
    )
    if request.method == "POST" and form.is_valid():
        if save_texts(report, form.cleaned_data):
            messages.success(request, _("The report's texts were saved."))
            return redirect("reports:detail", agreement.slug, year)
        form.add_error(
            None,
            _(
                "Someone else saved this report while you were writing. Your text is still in the "
                "form below; the saved text is shown beside it. Merge them and save again."
            ),
        )
        report.refresh_from_db()
        carry_revision(form, report.revision)
    return render(
        request,
        "reports/report_edit.html",
        {
            "report": report,
            "form": form,
            "saved": texts_of(report),
            "history": changes(report.history.all()),
        },
    )


def save_texts(report, data):
    """Save only if nobody saved since the writer opened the form (the model's version check)."""
    for field in TEXT_FIELDS:
        setattr(report, field, data[field])
    report.revision = data["revision"]
    return saved_unless_stale(report.save)


@agreement_required(*STAFF_ROLES, with_year=True)
def follow_up(request, agreement, year):
    """What the year's report still lacks, each with the page where it is filled in."""
    context = {
        "agreement": agreement,
        "year": year,
        "missing": missing_for_report(agreement, year),
        "report": report_for(agreement, year),
    }
    return render(request, "reports/follow_up.html", context)


@agreement_required(SECURITY_UNIT, with_year=True)
def report_present(request, agreement, year):
    report = draft_for_edit(agreement, year)
    form = PresentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        present(report, user=request.user, **form.cleaned_data)
        try:
            store_pdf(request, report)
        except PdfUnavailable as error:
            messages.warning(
                request,
                _(
                    "The report is presented and frozen, but its PDF could not be made now "
                    "(%(error)s). It will be made at the first download."
                )
                % {"error": error},
            )
        messages.success(request, _("The report is presented and frozen."))
        return redirect(report.get_absolute_url())
    return render(request, "reports/report_present.html", {"report": report, "form": form})


@require_POST
@agreement_required(SECURITY_UNIT, with_year=True)
def report_new_version(request, agreement, year):
    report = report_for(agreement, year)
    if not report.is_presented:
        messages.info(request, _("The newest version is still a draft; edit it instead."))
        return redirect("reports:detail", agreement.slug, year)
    new = start_new_version(report)
    messages.success(
        request, _("Version %(version)s was started from the live data.") % {"version": new.version}
    )
    return redirect("reports:detail", agreement.slug, year)


@agreement_required(*STAFF_ROLES, with_year=True)
def goal_assessments(request, agreement, year):
    """The writers assess the year's effect goals in words, every goal on one page."""
    assessments = load_assessments(agreement, year)
    results = evaluate_goals(agreement, year, assessments=assessments)
    forms = [
        GoalAssessmentForm(request.POST or None, goal=r.goal, year=year, assessment=r.assessment)
        for r in results
    ]
    if request.method == "POST" and all([form.is_valid() for form in forms]):
        if saved_unless_stale(lambda: save_assessments(forms, request.user, writer_role(request))):
            messages.success(request, _("The assessments were saved."))
            return redirect("reports:detail", agreement.slug, year)
        refuse_stale(request, forms, agreement, year)
    context = {
        "agreement": agreement,
        "year": year,
        "rows": list(zip(results, forms, strict=True)),
        "report": report_for(agreement, year),
    }
    return render(request, "reports/goal_assessments.html", context)


@transaction.atomic
def save_assessments(forms, user, role):
    """Save every changed assessment, or none: each is version checked (RevisionChecked)."""
    now = timezone.now()
    for form in forms:
        if not form.has_changed():
            continue
        assessment = form.assessment
        assessment.revision = form.cleaned_data["revision"] or 0
        if form.removes:
            if not assessment.claimable().delete()[0]:
                raise StaleEdit
        elif not form.is_empty():
            assessment.assessed_by, assessment.assessed_as, assessment.assessed_at = user, role, now
            try:
                with transaction.atomic():
                    assessment.save()
            except IntegrityError as error:  # someone assessed the goal since: the same refusal
                raise StaleEdit from error


def refuse_stale(request, forms, agreement, year):
    """Keep the writer's text in the forms, show the saved assessments beside it, and let the
    next save overwrite them."""
    messages.error(
        request,
        _(
            "Someone else saved an assessment while you were writing, so nothing was saved. "
            "Your text is still in the form; the saved assessment is shown beside it. "
            "Merge them and save again."
        ),
    )
    saved = load_assessments(agreement, year)
    data = request.POST.copy()  # one copy for the page's forms, as posted together
    for form in forms:
        form.data, form.saved = data, saved.get(form.goal.pk)
        carry_revision(form, form.saved.revision if form.saved else "")
