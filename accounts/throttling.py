"""Login throttling on top of django-axes: by username and address, and by address alone.

Axes counts failed logins for each of AXES_LOCKOUT_PARAMETERS and locks when the largest count
reaches one failure limit. `failure_limit` gives the pair its own low limit and the address a
higher one: a municipal office may sit behind one address, and its staff's typing errors
should not lock everyone out, while one address trying username after username is stopped.
Nothing counts by username alone, so failures elsewhere never lock a real user out.
"""

from axes.attempts import get_cool_off_threshold
from axes.helpers import get_client_ip_address, get_client_username
from axes.models import AccessAttempt
from django.db.models import Sum

FAILURES_PER_USERNAME = 5  # for one username from one address
FAILURES_PER_ADDRESS = 30  # for one address, whatever the usernames


def failure_limit(request, credentials):
    """AXES_FAILURE_LIMIT: the pair's limit once the pair has reached it, else the address's."""
    attempts = AccessAttempt.objects.filter(
        username=get_client_username(request, credentials),
        ip_address=request.axes_ip_address,
        attempt_time__gte=get_cool_off_threshold(request),
    )
    failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
    return FAILURES_PER_USERNAME if failures >= FAILURES_PER_USERNAME else FAILURES_PER_ADDRESS


def forget_failures_on_login(sender, request, user, **kwargs):
    """After a successful login, forget that username's failures from that address.

    Takes the place of AXES_RESET_ON_SUCCESS, which would forget every failure from the
    address: anyone with an account could then clear the address's count between guesses.
    """
    AccessAttempt.objects.filter(
        username=user.get_username(), ip_address=get_client_ip_address(request)
    ).delete()
