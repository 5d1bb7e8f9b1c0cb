"""The meeting log's pages, for säkerhetsenheten and kommunpolisen only: the notes may hold
police intelligence."""

from datetime import date
from functools import wraps

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.roles import STAFF_ROLES, role_required, user_roles, within_reach
from agreements.history import changes, merged
from agreements.models import Agreement
from agreements.revisions import saved_unless_stale
from surveys.figures import round_figures, starting_picture, survey_sources
from surveys.tallies import MIN_ANSWERS
from surveys.tasks import queue_summary

from .figures import meeting_figures
from .forms import MeetingForms, WeekWithoutMeetingForm
from .isoweeks import current_week, meeting_day, week_dates, weeks_ended, weeks_in_year
from .models import Action, Area, Factor, Meeting, SituationEntry, WeekWithoutMeeting
from .summary import picture_cells, picture_grid, summary_context

staff_only = role_required(*STAFF_ROLES)

# Said to the second of two people who saved the same meeting at once.
EDIT_CONFLICT = gettext_lazy(
    "Someone else saved this meeting while you were editing it, so nothing of yours "
    "was saved. Your changes are still in the form: open the meeting in a new tab to "
    "see the other save, then save again here."
)


def in_force(view):
    """Call `view(request, agreement, year, ...)` with the agreement in force that year. A week
    between two agreements gets a page that says so, never the other agreement's log; a year
    before the first or after the last agreement is not found."""

    @wraps(view)
    def wrapped(request, year, *args, **kwargs):
        municipality = user_roles(request).current
        agreement = Agreement.in_force(year, municipality)  # in the ISO year
        if agreement is not None:
            return view(request, agreement, year, *args, **kwargs)
        agreements = Agreement.objects.of(municipality).in_force()
        before = agreements.filter(end_year__lt=year).order_by("-end_year").first()
        after = agreements.filter(start_year__gt=year).order_by("start_year").first()
        if before is None or after is None:
            raise Http404(_("No agreement covers %(year)s.") % {"year": year})
        context = {
            "year": year,
            "before": before,
            "after": after,
            "agreements": year_navigation(municipality),
        }
        return render(request, "meetings/between_agreements.html", context)

    return wrapped


def year_navigation(municipality):
    """Every agreement's years, newest agreement first: old meetings stay one click away."""
    return [
        {"agreement": a, "years": a.years}
        for a in Agreement.objects.of(municipality).in_force().order_by("-start_year")
    ]


def _meetings(request):
    """The meetings of the municipalities where the user holds a staff role."""
    return within_reach(request, Meeting.objects.select_related("agreement"), *STAFF_ROLES)


def _check_week(year, week):
    if not 1 <= week <= weeks_in_year(year):
        raise Http404(_("%(year)s has no week %(week)s.") % {"year": year, "week": week})


def _year_url(year, week=None):
    url = reverse("meetings:year", args=[year])
    return f"{url}#vecka-{week}" if week else url


@staff_only
def index(request):
    """The current year's meetings, or the last year of the latest agreement."""
    year, _week = current_week(timezone.localdate())
    agreements = Agreement.objects.of(user_roles(request).current).in_force()
    if not agreements.covering(year).exists():
        latest = agreements.order_by("-end_year").first()
        if latest is None:
            raise Http404(_("No agreement has been entered yet."))
        year = min(latest.end_year, year)
    return redirect("meetings:year", year)


@staff_only
@in_force
def meeting_list(request, agreement, year):
    """Every week of the year that has begun, newest first: its meetings or why there was none."""
    today = timezone.localdate()
    this_year, this_week = current_week(today)
    last = weeks_in_year(year) if year < this_year else this_week if year == this_year else 0
    meetings = {}
    for meeting in Meeting.objects.filter(agreement=agreement, year=year).annotate(
        action_count=Count("actions")
    ):
        meetings.setdefault(meeting.week, []).append(meeting)
    missed = {r.week: r for r in WeekWithoutMeeting.objects.filter(agreement=agreement, year=year)}
    ended = weeks_ended(year, today)
    weeks = [
        {
            "number": week,
            "dates": week_dates(year, week),
            "meetings": sorted(meetings.get(week, []), key=lambda m: (m.date, m.pk)),
            "without": missed.get(week),
            "ended": week <= ended,
        }
        for week in range(last, 0, -1)
    ]
    context = {
        "agreement": agreement,
        "year": year,
        "agreements": year_navigation(agreement.municipality_id),
        "weeks": weeks,
        "this_week": this_week if year == this_year and this_week not in meetings else None,
    }
    return render(request, "meetings/meeting_list.html", context)


def _dimensions(meeting):
    """The areas and factors of the grid: those in use, and on an old meeting those it has."""
    wanted = Q(is_active=True)
    if meeting.pk:
        wanted |= Q(situationentry__meeting=meeting)
    return Area.objects.filter(wanted).distinct(), Factor.objects.filter(wanted).distinct()


def _grid(meeting, previous, survey):
    """The picture grid and what to say under each level: a new meeting starts from the week's
    survey or the meeting before, a saved one shows what it agreed beside the survey's figures.
    An extra meeting goes on from the week's meeting, which has weighed the survey already."""
    areas, factors = (list(dimension) for dimension in _dimensions(meeting))
    keys = [(area.pk, factor.pk) for factor in factors for area in areas]
    if meeting.pk:
        picture, sources = meeting.picture(), survey_sources(survey, keys)
    else:
        picture = starting_picture(None if meeting.is_extra else survey, previous, keys)
        sources = {key: cell.source for key, cell in picture.items()}
    return {"areas": areas, "factors": factors, "picture": picture, "sources": sources}


def _meeting_page(request, meeting, previous):
    """The meeting form: meeting, picture, follow-ups and new actions, saved all or nothing."""
    survey = round_figures(meeting.agreement, meeting.year, meeting.week)
    data = request.POST if request.method == "POST" else None
    forms = MeetingForms(data, meeting, _grid(meeting, previous, survey))
    if request.method == "POST":
        if not forms.is_valid():
            messages.error(
                request, _("Nothing has been saved yet: correct the fields listed below.")
            )
        elif saved_unless_stale(lambda: forms.save(request.user)):
            messages.success(request, _("The meeting has been saved."))
            return redirect(meeting)
        else:
            messages.error(request, EDIT_CONFLICT)
            forms.take_current_revision()
    context = {
        **forms.as_context(),
        "meeting": meeting,
        "previous": previous,
        "survey": survey,
        "min_answers": MIN_ANSWERS,
    }
    return render(request, "meetings/meeting_form.html", context)


@staff_only
@in_force
def meeting_new(request, agreement, year, week):
    """Log a meeting of a week, its picture starting from the week's survey where that has
    enough answers and from the agreement's meeting before elsewhere."""
    _check_week(year, week)
    if WeekWithoutMeeting.objects.filter(agreement=agreement, year=year, week=week).exists():
        messages.error(
            request,
            _("The week is recorded as without a meeting. Remove that record to log a meeting."),
        )
        return redirect("meetings:no_meeting", year, week)
    held = Meeting.objects.filter(agreement=agreement, year=year, week=week)
    meeting = Meeting(agreement=agreement, year=year, week=week, date=meeting_day(year, week))
    meeting.is_extra = held.exists()
    if request.method == "POST" and request.POST.get("extra") != str(int(meeting.is_extra)):
        # Saved twice, or by a colleague meanwhile: do not turn it into an extra meeting.
        messages.error(request, _("A meeting of this week was saved meanwhile; nothing was added."))
        return redirect(_year_url(year, week))
    previous = meeting.previous()
    if previous is not None:
        meeting.convened_by, meeting.units = previous.convened_by, previous.units
    return _meeting_page(request, meeting, previous)


@staff_only
def meeting_edit(request, pk):
    meeting = get_object_or_404(_meetings(request), pk=pk)
    return _meeting_page(request, meeting, meeting.previous())


def meeting_history(meeting):
    """The meeting's changes, its situation picture's and its actions'. The picture's cells
    are created with the meeting: their changes say something, their creation does not."""
    entries = SituationEntry.history.filter(meeting_id=meeting.pk).exclude(history_type="+")
    return merged(
        changes(meeting.history.all()),
        changes(
            entries.select_related("area", "factor"),
            subject=lambda row: f"{row.area} – {row.factor}",
        ),
        changes(Action.history.filter(meeting_id=meeting.pk), subject=lambda row: row.what),
    )


@staff_only
def meeting_detail(request, pk):
    meeting = get_object_or_404(_meetings(request), pk=pk)
    previous = meeting.previous()
    areas, rows = picture_grid(picture_cells(meeting, previous))
    context = {
        "meeting": meeting,
        "previous": previous,
        "areas": areas,
        "rows": rows,
        "actions": meeting.actions.select_related("area"),
        "follow_ups": meeting.follow_ups.select_related("action__meeting"),
        "history": meeting_history(meeting),
    }
    return render(request, "meetings/meeting_detail.html", context)


@staff_only
def summary(request, pk):
    """The weekly summary, printable, with a button to e-mail it to the distribution list."""
    meeting = get_object_or_404(_meetings(request), pk=pk)
    return render(request, "meetings/summary.html", summary_context(meeting))


@staff_only
@require_POST
def summary_send(request, pk):
    meeting = get_object_or_404(_meetings(request), pk=pk)
    # Sent in the background (surveys.tasks), so the page never waits for the mail server.
    queued = queue_summary(meeting)
    if queued:
        messages.success(
            request,
            _("The summary is on its way by e-mail to %(count)s recipients.") % {"count": queued},
        )
    else:
        messages.error(
            request,
            _("The distribution list is empty: add recipients in the administration first."),
        )
    return redirect("meetings:summary", meeting.pk)


@staff_only
@in_force
def no_meeting(request, agreement, year, week):
    """Record (or correct, or remove) that a week had no meeting, and why."""
    _check_week(year, week)
    record = WeekWithoutMeeting.objects.filter(
        agreement=agreement, year=year, week=week
    ).first() or WeekWithoutMeeting(agreement=agreement, year=year, week=week)
    if request.method == "POST" and "delete" in request.POST and record.pk:
        record.delete()
        messages.success(request, _("The week is no longer recorded as without a meeting."))
        return redirect(_year_url(year, week))
    form = WeekWithoutMeetingForm(request.POST or None, instance=record)
    if form.is_valid():
        form.save()
        messages.success(request, _("The week has been recorded as without a meeting."))
        return redirect(_year_url(year, week))
    context = {"form": form, "record": record, "dates": week_dates(year, week)}
    return render(request, "meetings/no_meeting.html", context)


@staff_only
@in_force
def figures(request, agreement, year):
    """The year's figures, as the annual report will show them."""
    context = {
        "agreement": agreement,
        "figures": meeting_figures(agreement, year),
        "agreements": year_navigation(agreement.municipality_id),
        "months": [date(year, month, 1) for month in range(1, 13)],
    }
    return render(request, "meetings/figures.html", context)
