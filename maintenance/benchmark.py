"""The benchmark's measurements: page times and query counts through Django's test client, the
value import, the PDF and the report page's weight. Each returns rows for the printed table:
(what, result, budget, verdict)."""

import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import date

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators import importing, reading
from indicators.models import DataSource, Group, Indicator, Period, Value
from reports.freezing import present, report_for
from reports.models import AnnualReport
from reports.pdf import document_html, render_pdf, store_pdf

from . import bombs, synthetic

YEAR = 2021  # the live report's year, in the newest synthetic agreement
PRESENTED_YEAR = 2020
IMPORT_GROUPS, IMPORT_PERIODS = 4, 100
BOMB_SECONDS, BOMB_MEGABYTES = 2, 200
STATIC_LINK = re.compile(r'(?:src|href)="(/static/[^"]+\.(?:css|js))"')


@contextmanager
def production_like(static_root, media_root, secret_key):
    """Settings as gunicorn runs them (DEBUG off, hashed static files served by WhiteNoise)
    whatever the environment says, but over plain HTTP on loopback."""
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(
        DEBUG=False,
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS=["testserver", "127.0.0.1"],
        SECURE_SSL_REDIRECT=False,
        STATIC_ROOT=static_root,
        MEDIA_ROOT=media_root,
        STORAGES=storages,
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield


def bench_client():
    client = Client()
    client.force_login(synthetic.bench_user())
    return client


def page_urls(agreement):
    return {
        "Live annual report": reverse("reports:detail", args=[agreement.slug, YEAR]),
        "Meetings list": reverse("meetings:year", args=[YEAR]),
        "Meeting figures": reverse("meetings:figures", args=[YEAR]),
        "Goal JSON": reverse("reports:goals_json", args=[agreement.slug, YEAR]),
    }


def get_ok(client, url, **headers):
    response = client.get(url, headers=headers)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    return response


def query_counts(client, urls):
    counts = {}
    for name, url in urls.items():
        get_ok(client, url)  # warm caches, so only the page's own queries are counted
        with CaptureQueriesContext(connection) as queries:
            get_ok(client, url)
        counts[name] = len(queries)
    return counts


def timings(client, url, requests):
    """Server time of `requests` GETs (after one warm-up), in milliseconds."""
    get_ok(client, url)
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        get_ok(client, url)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), percentile(times, 95)


def percentile(numbers, percent):
    ordered = sorted(numbers)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


def verdict(met):
    return "met" if met else "**missed**"


def page_rows(client, urls, requests, small_counts):
    """Median, 95th percentile and queries of each page, against its count at a tenth."""
    counts = query_counts(client, urls)
    rows = []
    for name, url in urls.items():
        median, p95 = timings(client, url, requests)
        same = counts[name] == small_counts[name]
        budget, met = "", same
        if name == "Live annual report":
            budget = "median ≤ 150 ms, ≤ 25 queries"
            met = same and median <= 150 and counts[name] <= 25
        rows.append(
            (
                f"{name} `{url}`",
                f"median {median:.0f} ms, p95 {p95:.0f} ms; "
                f"{counts[name]} queries (tenth: {small_counts[name]})",
                budget or "queries equal at both sizes",
                verdict(met),
            )
        )
    return rows


def import_catalogue(rows):
    """Indicators enough for `rows` distinct values, none stored yet."""
    source = DataSource.objects.create(name=f"{synthetic.PREFIX} import", publisher="Syntetisk")
    periods = Period.objects.bulk_create(
        Period(source=source, label=f"P{n:03}", year=2000 + n) for n in range(1, IMPORT_PERIODS + 1)
    )
    groups = Group.objects.bulk_create(
        Group(code=f"{synthetic.PREFIX}-import-g{n}", name=f"Importgrupp {n}")
        for n in range(1, IMPORT_GROUPS + 1)
    )
    count = -(-rows // (IMPORT_GROUPS * IMPORT_PERIODS))
    indicators = Indicator.objects.bulk_create(
        Indicator(
            code=f"{synthetic.PREFIX}-import-{n:04}",
            name=f"Importindikator {n}",
            short_name=f"Import {n}",
            source=source,
            unit="count",
        )
        for n in range(1, count + 1)
    )
    Indicator.groups.through.objects.bulk_create(
        Indicator.groups.through(indicator=i, group=g) for i in indicators for g in groups
    )
    return [(i.code, p.label, g.code) for i in indicators for p in periods for g in groups][:rows]


def csv_file(keys, bad_last_row=False):
    lines = ["indicator;period;group;value"]
    lines += [
        f"{code};{period};{group};{n % 997},5" for n, (code, period, group) in enumerate(keys)
    ]
    if bad_last_row:
        lines[-1] = lines[-1].rsplit(";", 1)[0] + ";tolv"
    return ("\r\n".join(lines) + "\r\n").encode()


def import_rows(rows):
    """Refuse a file whose last row is bad, then import the good one, through the import's
    own all-or-nothing path (read, check, write with history). The files and the user are made
    before the clock starts, and the refused preview is let go before the good file is timed:
    they are the benchmark's work, not the import's."""
    keys = import_catalogue(rows)
    bad, good, user = csv_file(keys, True), csv_file(keys), synthetic.bench_user()
    imported = Value.objects.filter(indicator__code__startswith=f"{synthetic.PREFIX}-import")
    start = time.perf_counter()
    preview = importing.preview_upload(reading.read_file("fel.csv", bad, rows))
    refused = time.perf_counter() - start
    if preview.ok or imported.exists():
        raise RuntimeError("The bad file was not refused, or something was written.")
    del preview
    start = time.perf_counter()
    preview = importing.preview_upload(reading.read_file("ok.csv", good, rows))
    added, _changed = importing.apply(preview, user)
    rate = added / (time.perf_counter() - start)
    if imported.count() != rows:
        raise RuntimeError("The import did not write every row.")
    return [
        (
            f"Import {rows:,} value rows from CSV",
            f"{rate:,.0f} rows/s",
            "≥ 20,000 rows/s",
            verdict(rate >= 20_000),
        ),
        (
            f"Refuse a {rows:,}-row file whose last row is bad",
            f"{refused:.1f} s, nothing written",
            "",
            "met",
        ),
    ]


def bomb_rows(kinds=None):
    """Each upload bomb read and previewed in a process of its own (maintenance/refusal.py),
    with its time and the peak memory it added. The refusals touch no database."""
    rows = []
    for kind in kinds or bombs.BENCHMARK_BOMBS:
        finished = subprocess.run(
            [sys.executable, "-m", "maintenance.refusal", kind],
            cwd=settings.BASE_DIR,
            env={**os.environ, "DEBUG": "1", "DATABASE_URL": "sqlite:///:memory:"},
            capture_output=True,
            text=True,
            check=True,
        )
        answer = json.loads(finished.stdout)
        megabytes = answer["peak"] / 1024**2
        met = (
            answer["refused"] and answer["seconds"] <= BOMB_SECONDS and megabytes <= BOMB_MEGABYTES
        )
        rows.append(
            (
                f"Refuse an upload bomb: {kind}",
                f"{answer['seconds']:.2f} s, {megabytes:,.0f} MB"
                + ("" if answer["refused"] else "; NOT refused"),
                f"refused, ≤ {BOMB_SECONDS} s, ≤ {BOMB_MEGABYTES} MB",
                verdict(met),
            )
        )
    return rows


def pdf_rows(client, agreement, requests):
    """A draft printed by Chromium, and a presented report's stored PDF served."""
    draft = report_for(agreement, YEAR)
    html = document_html(bench_request(), draft)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        render_pdf(html)
        times.append(time.perf_counter() - start)
    draft_time = statistics.median(times)
    report = presented_report(agreement)
    median, _p95 = timings(
        client, reverse("reports:pdf", args=[agreement.slug, report.year]), requests
    )
    return [
        (
            "Draft PDF (Chromium, median of 3)",
            f"{draft_time:.2f} s",
            "≤ 3 s",
            verdict(draft_time <= 3),
        ),
        ("Presented PDF served", f"median {median:.0f} ms", "≤ 50 ms", verdict(median <= 50)),
    ]


def bench_request():
    request = RequestFactory().get("/")
    request.user = synthetic.bench_user()
    return request


def presented_report(agreement):
    """The previous year's report, presented with its PDF stored (once)."""
    report = AnnualReport.objects.filter(agreement=agreement, year=PRESENTED_YEAR).first()
    if report is None:
        request = bench_request()
        report = AnnualReport.objects.create(
            agreement=agreement, year=PRESENTED_YEAR, summary="Året i korthet."
        )
        present(
            report,
            user=request.user,
            presented_on=date(PRESENTED_YEAR + 1, 3, 1),
            presented_to="Kommunstyrelsen",
            case_number="KS 2021/1",
        )
        store_pdf(request, report)
    return report


def compressed_size(client, url):
    response = get_ok(client, url, accept_encoding="gzip")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Encoding") != "gzip":
        body = gzip.compress(body, 6)
    return len(body), response.get("Cache-Control", "")


def weight_rows(client, agreement):
    """Compressed bytes of the report page's HTML, CSS and JS: all of it on a first visit,
    the HTML alone on a repeat one (static files are cached as immutable)."""
    url = reverse("reports:detail", args=[agreement.slug, YEAR])
    html = get_ok(client, url).content
    page = len(gzip.compress(html, 6))
    assets = [
        compressed_size(client, link) for link in sorted(set(STATIC_LINK.findall(html.decode())))
    ]
    immutable = all("immutable" in cache for _size, cache in assets)
    first = page + sum(size for size, _cache in assets)
    return [
        (
            "Report page, first visit (gzip: HTML + CSS + JS)",
            f"{first / 1024:,.0f} KB ({len(assets)} static files)",
            "",
            "–",
        ),
        (
            "Report page, repeat visit (HTML only)",
            f"{page / 1024:,.1f} KB" + ("" if immutable else "; static files NOT immutable"),
            "≤ 60 KB",
            verdict(page <= 60 * 1024 and immutable),
        ),
    ]


def markdown_table(rows):
    lines = ["| Measure | Result | Budget | |", "|---|---|---|---|"]
    lines += [f"| {what} | {result} | {budget} | {met} |" for what, result, budget, met in rows]
    return "\n".join(lines)
