"""The answering page a personal link opens: no login, one respondent's answers for one round."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied


@login_not_required
def answer(request, token):
    raise PermissionDenied  # the page itself comes with the answering work of issue 12
