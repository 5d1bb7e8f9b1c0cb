from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts.roles import user_roles
from indicators.models import Indicator, Value
from reports.charts import comparison_chart
from reports.comparison import build_comparisons, loaded, title

from .current import SESSION_KEY, choices, current_municipality, municipalities_of
from .models import Municipality

AREA_YEARS = 6  # the police area page's years, up to the latest with figures of the indicator


@require_POST
def switch(request):
    """Work in another of the user's municipalities, then back to the page they were on."""
    choice = request.POST.get("municipality", "")
    if not (choice.isascii() and choice.isdigit() and len(choice) < 10):
        raise Http404  # a number or nothing: not a look-alike digit, nor one too large to look up
    municipality = get_object_or_404(Municipality, pk=int(choice))
    if not choices(user_roles(request)).filter(pk=municipality.pk).exists():
        raise PermissionDenied  # not one of theirs, or the county or the country
    request.session[SESSION_KEY] = municipality.pk
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure())
    return redirect(back if safe and back.startswith("/") else "home")


def police_area(request):
    """The user's municipalities side by side on one indicator at a time (`?indikator=`, else
    the first) of those more than one of them has figures for, over the latest years with
    figures, a chart per group; for a user of more than one municipality."""
    municipalities = municipalities_of(request)
    if len(municipalities) < 2:
        raise PermissionDenied
    shared = list(
        Indicator.objects.filter(values__municipality__in=municipalities)
        .annotate(places=Count("values__municipality", distinct=True))
        .filter(places__gt=1)
        .order_by("code")
    )
    code = request.GET.get("indikator")
    chosen = next((i for i in shared if i.code == code), None) if code else (shared or [None])[0]
    if code and chosen is None:
        raise Http404
    context = {"municipalities": municipalities, "shared": shared, "chosen": chosen, "charts": []}
    if chosen is not None:
        theirs = Value.objects.filter(municipality__in=municipalities, indicator=chosen)
        latest = theirs.aggregate(year=Max("period__year"))["year"]
        context["since"] = since = latest - AREA_YEARS + 1
        groups = list(chosen.groups.all())
        read = {(chosen.pk, g.pk): (chosen, title(chosen, g, len(groups) > 1)) for g in groups}
        values = loaded(theirs.filter(period__year__gte=since))
        current = current_municipality(request)
        comparisons = build_comparisons(read, values, current.pk if current else None)
        context["charts"] = [comparison_chart(n, c) for n, c in enumerate(comparisons, 1)]
    return render(request, "municipalities/police_area.html", context)
