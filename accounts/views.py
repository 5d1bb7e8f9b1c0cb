from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render

from accounts.roles import user_roles
from agreements.models import Agreement


def home(request):
    """The start page: what the user's roles let them do, agreement by agreement."""
    roles = user_roles(request)
    if roles.reader and not roles.staff:
        return redirect("reports:list")  # readers come for the reports
    agreements = Agreement.objects.exclude(status=Agreement.Status.DRAFT)
    return render(request, "accounts/home.html", {"agreements": agreements})


@login_not_required
def accessibility(request):
    """The accessibility statement the law requires; public like any such statement."""
    return render(request, "accounts/accessibility.html")
