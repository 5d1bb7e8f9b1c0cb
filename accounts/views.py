from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from agreements.models import Agreement


def home(request):
    """The start page: what the user's roles let them do, agreement by agreement."""
    agreements = Agreement.objects.exclude(status=Agreement.Status.DRAFT)
    return render(request, "accounts/home.html", {"agreements": agreements})


@login_not_required
def accessibility(request):
    """The accessibility statement the law requires; public like any such statement."""
    return render(request, "accounts/accessibility.html")
