"""The benchmark's measurements: page times and query counts through Django's test client, the
value import, the PDF and the report page's weight. Each returns rows for the printed table and
the JSON file: a Row has a stable key and its figures as numbers besides the table's words."""

import gzip
import json
import logging
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from indicators import importing, reading
from indicators.models import DataSource, Group, Indicator, Period, Value
from reports.freezing import present, report_for
from reports.models import AnnualReport
from reports.pdf import document_html, render_pdf, store_pdf
from surveys import links

from . import bombs, dataversion, synthetic

YEAR = 2021  # the live report's year, in the newest synthetic agreement
PRESENTED_YEAR = 2020
IMPORT_GROUPS, IMPORT_PERIODS = 4, 100
IMPORT_RATE = 30_000  # rows per second, history included
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
        # A page this branch does not serve yet answers 403 or 404, and its row says so: no
        # warning with a traceback for it. Errors (500) are still logged.
        request_log = logging.getLogger("django.request")
        level = request_log.level
        request_log.setLevel(logging.ERROR)
        try:
            yield
        finally:
            request_log.setLevel(level)


@dataclass
class Row:
    """A line of the printed table; the JSON file holds `figures` (numbers) under `key`."""

    key: str
    what: str
    result: str
    budget: str = ""
    met: bool | None = None  # None: nothing to meet
    figures: dict = field(default_factory=dict)

    @property
    def verdict(self):
        return "–" if self.met is None else "met" if self.met else "**missed**"


@dataclass
class Page:
    key: str
    name: str
    url: str | None  # None: this branch does not route the page's URL name
    client: Client
    median_ms: int | None = None  # a budget beyond "queries equal at both sizes"
    queries: int | None = None
    # Each GET follows a change of the data, so no cache built from the data can answer it.
    after_a_change: bool = False


class Unavailable(RuntimeError):
    """A page this branch does not serve (yet): its row says so instead of its figures."""


def bench_client():
    client = Client()
    client.force_login(synthetic.bench_user())
    return client


def report_pages(agreement):
    client, slug = bench_client(), agreement.slug
    return [
        Page(
            "live_report",
            "Live annual report, unchanged since it was built",
            reverse("reports:detail", args=[slug, YEAR]),
            client,
            median_ms=40,
        ),
        Page(
            "live_report_changed",
            "Live annual report, right after a change",
            reverse("reports:detail", args=[slug, YEAR]),
            client,
            median_ms=150,
            queries=31,  # 29, and two for the comparison: its values and the inhabitants
            after_a_change=True,
        ),
        Page("meetings_list", "Meetings list", reverse("meetings:year", args=[YEAR]), client),
        Page(
            "meeting_figures", "Meeting figures", reverse("meetings:figures", args=[YEAR]), client
        ),
        Page("goal_json", "Goal JSON", reverse("reports:goals_json", args=[slug, YEAR]), client),
        Page(
            "police_area",
            "Police area: three municipalities compared",
            reverse("municipalities:police_area"),
            client,
        ),
    ]


def survey_pages():
    """Thursday's view of the latest closed round as säkerhetsenheten, and the answer page of
    the open round for the respondent who covers every area, through the personal link alone."""
    closed, invitation = synthetic.survey_pages()
    return [
        Page(
            "survey_week",
            "Thursday's view, latest closed round",
            url_or_none("surveys:week", closed.year, closed.week),
            bench_client(),
        ),
        Page(
            "survey_answer",
            f"Answer page, open round, {invitation.areas.count()} areas",
            url_or_none("surveys:answer", links.token(invitation)),
            Client(),
        ),
    ]


def url_or_none(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def get_ok(client, url, **headers):
    response = client.get(url, headers=headers)
    if response.status_code != 200:
        raise Unavailable(f"GET {url} answered {response.status_code}")
    return response


def count_queries(page):
    """The queries of a second GET, once the first has warmed the caches: the page's own."""
    if page.url is None:
        raise Unavailable("its URL name is not routed on this branch")
    get_ok(page.client, page.url)
    changed(page)
    with CaptureQueriesContext(connection) as queries:
        get_ok(page.client, page.url)
    return len(queries)


def changed(page):
    if page.after_a_change:
        dataversion.data_changed()


def query_counts(pages):
    """Each page's query count, None for a page not available."""
    counts = {}
    for page in pages:
        try:
            counts[page.key] = count_queries(page)
        except Unavailable:
            counts[page.key] = None
    return counts


def timings(page, requests):
    """Server time of `requests` GETs of `page` (after one warm-up), in milliseconds."""
    get_ok(page.client, page.url)
    times = []
    for _ in range(requests):
        changed(page)
        start = time.perf_counter()
        get_ok(page.client, page.url)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), percentile(times, 95)


def percentile(numbers, percent):
    ordered = sorted(numbers)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


def page_rows(pages, requests, small_counts):
    """Median, 95th percentile and queries of each page, against its count at a tenth."""
    return [page_row(page, requests, small_counts.get(page.key)) for page in pages]


def page_row(page, requests, small):
    try:
        count = count_queries(page)
        median, p95 = timings(page, requests)
    except Unavailable as error:
        reason = str(error)
        return Row(page.key, page.name, f"not available ({reason})", "", None, unavailable(reason))
    met = count == small
    budget = "queries equal at both sizes"
    if page.median_ms is not None:
        budget = f"median ≤ {page.median_ms} ms, {budget}"
        met = met and median <= page.median_ms
    if page.queries is not None:
        budget += f", ≤ {page.queries} queries"
        met = met and count <= page.queries
    return Row(
        page.key,
        f"{page.name} `{page.url}`",
        f"median {median:.0f} ms, p95 {p95:.0f} ms; {count} queries (tenth: {small})",
        budget,
        met,
        {
            "available": True,
            "url": page.url,
            "median_ms": round(median, 1),
            "p95_ms": round(p95, 1),
            "queries": count,
            "queries_small": small,
        },
    )


def unavailable(reason):
    return {"available": False, "reason": reason}


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
        Row(
            "import",
            f"Import {rows:,} value rows from CSV",
            f"{rate:,.0f} rows/s",
            f"≥ {IMPORT_RATE:,} rows/s",
            rate >= IMPORT_RATE,
            {"rows": rows, "rows_per_second": round(rate)},
        ),
        copy_floor_row(imported, rate),
        Row(
            "import_refusal",
            f"Refuse a {rows:,}-row file whose last row is bad",
            f"{refused:.1f} s, nothing written",
            "≤ 1 s",
            refused <= 1,
            {"rows": rows, "seconds": round(refused, 2)},
        ),
    ]


# Every column the table needs (Django's defaults are not the database's).
FLOOR_COLUMNS = ["indicator_id", "municipality_id", "period_id", "group_id", "value", "status"]
FLOOR_COLUMNS += ["note", "updated", "is_demo"]


def copy_floor_row(imported, rate):
    """The database's own floor: the imported rows written again by psql's COPY into the same
    table (its keys and indexes, no history), and the import's rate as a share of it."""
    what = "The same rows through COPY in psql (the database's floor)"
    if connection.vendor != "postgresql" or not shutil.which("psql"):
        reason = "PostgreSQL and psql only"
        return Row("import_floor", what, f"not measured: {reason}", "", None, unavailable(reason))
    lines = imported.values_list(*FLOOR_COLUMNS)
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", encoding="utf-8") as rows_file:
        rows_file.writelines("\t".join(map(str, line)) + "\n" for line in lines)
        rows_file.flush()
        count = imported.count()
        with connection.cursor() as cursor:  # in SQL: the history stays as the import wrote it
            cursor.execute(
                f"DELETE FROM {Value._meta.db_table} WHERE indicator_id IN "
                f"(SELECT id FROM {Indicator._meta.db_table} WHERE code LIKE %s)",
                [f"{synthetic.PREFIX}-import%"],
            )
        database = connection.settings_dict
        copy = f"\\copy {Value._meta.db_table} ({', '.join(FLOOR_COLUMNS)}) FROM '{rows_file.name}'"
        command = [
            "psql",
            "-q",
            "-h",
            database["HOST"] or "localhost",
            "-p",
            str(database["PORT"] or 5432),
        ]
        command += [
            "-U",
            database["USER"],
            "-d",
            database["NAME"],
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            copy,
        ]
        env = {**os.environ, "PGPASSWORD": database["PASSWORD"] or ""}
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        floor = count / (time.perf_counter() - start)
    return Row(
        "import_floor",
        what,
        f"{floor:,.0f} rows/s; the import runs at {rate / floor:.2f} of it",
        "",
        None,
        {
            "available": True,
            "rows_per_second": round(floor),
            "import_share": round(rate / floor, 2),
        },
    )


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
            Row(
                "bomb_" + re.sub(r"\W+", "_", kind.lower()).strip("_"),
                f"Refuse an upload bomb: {kind}",
                f"{answer['seconds']:.2f} s, {megabytes:,.0f} MB"
                + ("" if answer["refused"] else "; NOT refused"),
                f"refused, ≤ {BOMB_SECONDS} s, ≤ {BOMB_MEGABYTES} MB",
                bool(met),
                {
                    "refused": answer["refused"],
                    "seconds": round(answer["seconds"], 3),
                    "megabytes": round(megabytes, 1),
                },
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
    url = reverse("reports:pdf", args=[agreement.slug, report.year])
    median, _p95 = timings(Page("pdf_presented", "", url, client), requests)
    return [
        Row(
            "pdf_draft",
            "Draft PDF (Chromium, median of 3)",
            f"{draft_time:.2f} s",
            "≤ 3 s",
            draft_time <= 3,
            {"seconds": round(draft_time, 2)},
        ),
        Row(
            "pdf_presented",
            "Presented PDF served",
            f"median {median:.0f} ms",
            "≤ 50 ms",
            median <= 50,
            {"median_ms": round(median, 1)},
        ),
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
        Row(
            "weight_first_visit",
            "Report page, first visit (gzip: HTML + CSS + JS)",
            f"{first / 1024:,.0f} KB ({len(assets)} static files)",
            figures={"kilobytes": round(first / 1024, 1), "static_files": len(assets)},
        ),
        Row(
            "weight_repeat_visit",
            "Report page, repeat visit (HTML only)",
            f"{page / 1024:,.1f} KB" + ("" if immutable else "; static files NOT immutable"),
            "≤ 60 KB",
            page <= 60 * 1024 and immutable,
            {"kilobytes": round(page / 1024, 1), "static_immutable": immutable},
        ),
    ]


def markdown_table(rows):
    lines = ["| Measure | Result | Budget | |", "|---|---|---|---|"]
    lines += [f"| {r.what} | {r.result} | {r.budget} | {r.verdict} |" for r in rows]
    return "\n".join(lines)


def figures(rows, machine):
    """What `--json` writes: the machine, and each row's figures and verdict under its key."""
    return {
        "machine": machine,
        "rows": {row.key: {**row.figures, "met": row.met} for row in rows},
    }
