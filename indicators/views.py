from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, OperationalError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.roles import SECURITY_UNIT, STAFF_ROLES, role_required, user_roles, within_reach
from agreements.history import changes
from municipalities.current import current_municipality

from . import importing, reading
from .access import may_write, readable_municipalities, writable_municipalities
from .forms import UploadForm, ValueGridForm
from .models import Indicator, Value

PENDING_IMPORT = "indicators.pending_import"


@role_required(*STAFF_ROLES)
def indicator_list(request):
    """Every indicator, with how many values the current municipality has of it."""
    municipality = current_municipality(request)
    indicators = (
        Indicator.objects.select_related("source")
        .prefetch_related("groups")
        .annotate(value_count=Count("values", filter=Q(values__municipality=municipality)))
        .order_by("code")  # Meta.ordering does not apply to a grouped query
    )
    context = {"indicators": indicators, "municipality": municipality}
    return render(request, "indicators/indicator_list.html", context)


def _municipality_shown(request):
    """(the municipality whose values the grid shows, the others it may show): the one named
    by `?kommun=` (its code), else the current municipality."""
    readable = list(readable_municipalities(user_roles(request)).order_by("name"))
    code = request.GET.get("kommun")
    if code is None:
        current = current_municipality(request)
        shown = next((m for m in readable if current and m.pk == current.pk), None)
    else:
        shown = next((m for m in readable if m.code and m.code == code), None)
    if shown is None:
        raise Http404
    return shown, readable


@role_required(*STAFF_ROLES)
def indicator_grid(request, code):
    """An indicator's values for one municipality as a grid of periods × groups; säkerhetsenheten
    may edit it."""
    indicator = get_object_or_404(Indicator.objects.select_related("source"), code=code)
    municipality, readable = _municipality_shown(request)
    may_edit = may_write(user_roles(request), municipality)
    if request.method == "POST" and not may_edit:
        raise PermissionDenied
    form = ValueGridForm(
        request.POST or None,
        indicator=indicator,
        municipality=municipality,
        periods=list(indicator.source.periods.all()),
        groups=list(indicator.groups.all()),
        values=list(indicator.values.filter(municipality=municipality)),
    )
    if request.method == "POST" and form.is_valid():
        saved, deleted = form.save(request.user)
        messages.success(request, _saved_message(saved, deleted))
        where = f"?kommun={municipality.code}" if municipality.code else ""
        return redirect(indicator.get_absolute_url() + where)
    history = Value.history.filter(indicator_id=indicator.pk, municipality_id=municipality.pk)
    context = {
        "indicator": indicator,
        "municipality": municipality,
        "municipalities": readable if len(readable) > 1 else [],
        "form": form,
        "may_edit": may_edit,
        "targets": within_reach(
            request, indicator.targets.select_related("goal"), via="goal__agreement__municipality"
        ),
        "history": changes(
            history.select_related("period", "group"),
            subject=lambda row: f"{row.period.label} · {row.group.name}",
        ),
    }
    return render(request, "indicators/indicator_grid.html", context)


def _saved_message(saved, deleted):
    parts = []
    if saved:
        parts.append(ngettext("%(count)s value saved", "%(count)s values saved", saved))
        parts[-1] %= {"count": saved}
    if deleted:
        parts.append(ngettext("%(count)s value deleted", "%(count)s values deleted", deleted))
        parts[-1] %= {"count": deleted}
    return "; ".join(parts) + "." if parts else _("Nothing had changed.")


def _import_scope(request):
    """Rows naming no municipality are the current one's; others may name any the user keeps."""
    writable = writable_municipalities(user_roles(request)).values_list("pk", flat=True)
    return importing.Scope(current_municipality(request), frozenset(writable))


@role_required(SECURITY_UNIT)
def import_values(request):
    """Upload a file and see what importing it would do; nothing is written yet."""
    form = UploadForm(request.POST or None, request.FILES or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        read = reading.read_file(upload.name, upload.read())
        preview = importing.preview_upload(read, _import_scope(request))
        if preview.ok:
            request.session[PENDING_IMPORT] = {
                "name": upload.name,
                "rows": read.rows,
                "notes": read.notes,
            }
        else:
            request.session.pop(PENDING_IMPORT, None)
    return _import_page(request, form, preview)


def _import_page(request, form, preview):
    context = {
        "form": form,
        "preview": preview,
        "columns": reading.COLUMNS,
        "home": current_municipality(request),
    }
    return render(request, "indicators/import.html", context)


@require_POST
@role_required(SECURITY_UNIT)
def confirm_import(request):
    """Write the previewed import once, unless the file or the database changed since."""
    pending = request.session.get(PENDING_IMPORT)
    fingerprint = request.POST.get("fingerprint", "")
    if pending is None:
        return _refuse_confirmation(
            request, fingerprint, _("There is no import waiting; upload the file again.")
        )
    preview = importing.preview_rows(pending["rows"], pending["notes"], _import_scope(request))
    if not preview.ok or preview.fingerprint() != fingerprint:
        return _refuse_confirmation(
            request,
            fingerprint,
            _("The values have changed since the preview. Upload the file again and check it."),
        )
    try:
        added, changed = importing.confirm(preview, request.user, pending["name"])
    except importing.AlreadyConfirmed:
        return _refuse_confirmation(request, fingerprint, "")
    except IntegrityError:
        messages.error(request, _("Someone saved the same values meanwhile; nothing was imported."))
        return redirect("indicators:import")
    except OperationalError as error:
        if not importing.database_busy(error):
            raise
        messages.error(
            request, _("The database is busy; nothing was imported. Confirm again in a moment.")
        )
        return _import_page(request, UploadForm(), preview)
    del request.session[PENDING_IMPORT]
    messages.success(
        request,
        _("%(name)s imported: %(added)s added, %(changed)s changed.")
        % {"name": pending["name"], "added": added, "changed": changed},
    )
    return redirect("indicators:list")


def _refuse_confirmation(request, fingerprint, message):
    """Say why nothing was written: the import is done already, or `message`."""
    done = importing.already_confirmed(fingerprint)
    if done:
        request.session.pop(PENDING_IMPORT, None)
        message = _("%(name)s is already imported; nothing was written again.") % {
            "name": done.name
        }
    messages.error(request, message)
    return redirect("indicators:import")


@role_required(*STAFF_ROLES)
def export_values(request):
    """The values of every municipality the user may read, in the import's format."""
    readable = readable_municipalities(user_roles(request)).values("pk")
    values = (
        Value.objects.filter(municipality__in=readable)
        .select_related("indicator", "municipality", "period", "group")
        .order_by(
            "indicator__code", "municipality__code", "period__year", "period__label", "group__order"
        )
    )
    response = HttpResponse(importing.export_csv(values), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="indikatorvarden.csv"'
    return response
