"""Asking Kolada's API for several KPIs, municipalities and years at once, for a server with
internet. Kolada answers in pages of at most 5,000 values, each naming the next in
`next_page`; the pages are merged into one answer of the form `kolada.read_answer` reads. A
request that times out or fails on Kolada's side is tried again after a pause; when Kolada
cannot be reached at all, `Unreachable` says so in words.
"""

import json
import time
import urllib.error
import urllib.request

from django.utils.translation import gettext as _

API = "https://api.kolada.se/v2/"
TIMEOUT_SECONDS = 20
ATTEMPTS = 3
PAUSE_SECONDS = 2  # doubled after each failed attempt
MAX_PAGES = 200  # a million values: more is a loop, not an answer


class Unreachable(Exception):
    """Kolada did not answer usably; nothing is imported."""


def data_url(kpis, municipalities, years):
    joined = [",".join(map(str, part)) for part in (kpis, municipalities, years)]
    return API + "data/kpi/{}/municipality/{}/year/{}".format(*joined)


def fetch(url, get=None, pause=time.sleep):
    """Every page of Kolada's answer to `url`, merged: {"count", "values"}. `get(url)` returns
    a page's bytes (by default over HTTPS)."""
    get = get or _get
    values, pages = [], 0
    while url:
        if not url.startswith(API):  # follow Kolada's own pages only
            raise Unreachable(_("Kolada's answer pointed outside Kolada: %(url)s") % {"url": url})
        pages += 1
        if pages > MAX_PAGES:
            raise Unreachable(
                _("Kolada's answer went on past %(pages)s pages.") % {"pages": MAX_PAGES}
            )
        page = _page(url, get, pause)
        values += page["values"]
        url = page.get("next_page")
    return {"count": len(values), "values": values}


def _get(url):
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
        return response.read()


def _page(url, get, pause):
    """One page, tried again after a pause when the network or Kolada's server fails; the
    last attempt's failure is raised."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return _answer(get(url))
        except urllib.error.HTTPError as error:
            if error.code < 500 or attempt == ATTEMPTS:  # a question Kolada will never answer
                message = _("Kolada answered %(code)s to %(url)s.")
                raise Unreachable(message % {"code": error.code, "url": url}) from error
        except (urllib.error.URLError, OSError) as error:  # TimeoutError is an OSError
            if attempt == ATTEMPTS:
                message = _(
                    "Kolada could not be reached (%(reason)s) after %(attempts)s attempts. "
                    "Check the server's connection to api.kolada.se, or save Kolada's answer as "
                    "a file and import it on the import page."
                )
                reason = getattr(error, "reason", error)
                raise Unreachable(message % {"reason": reason, "attempts": ATTEMPTS}) from error
        pause(PAUSE_SECONDS * 2 ** (attempt - 1))


def _answer(content):
    try:
        page = json.loads(content)
    except ValueError as error:
        raise Unreachable(_("Kolada's answer was not JSON.")) from error
    if not (isinstance(page, dict) and isinstance(page.get("values"), list)):
        raise Unreachable(_("Kolada's answer held no values."))
    return page
