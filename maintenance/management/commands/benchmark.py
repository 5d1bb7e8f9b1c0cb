"""Build the synthetic installation on the database DATABASE_URL names and print the
benchmark's table. The database is EMPTIED first: use a throwaway one, e.g.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samverkan_bench make bench

It refuses a database holding anything the synthetic builder did not make, unless --force.
--json FILE also writes every figure under stable keys (docs/benchmarks.md lists them).
"""

import os
import platform
import secrets
import tempfile
import time
from json import dump
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.urls import reverse

from maintenance import benchmark, loadtest, synthetic
from surveys.models import Answer


class Command(BaseCommand):
    help = (
        "Empties the database, builds a large synthetic installation on it and prints "
        "timings, query counts, import rate, PDF times and page weight as a Markdown table."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1.0 is the issue's size.")
        parser.add_argument("--requests", type=int, default=30, help="GETs timed per page.")
        parser.add_argument("--import-rows", type=int, default=100_000)
        parser.add_argument("--no-pdf", action="store_true", help="Skip Chromium.")
        parser.add_argument(
            "--load", action="store_true", help="Also run gunicorn and wrk (skipped without wrk)."
        )
        parser.add_argument(
            "--json", metavar="FILE", help="Also write every figure to FILE under stable keys."
        )
        parser.add_argument(
            "--force", action="store_true", help="Empty the database even if it holds real data."
        )

    def handle(self, *args, scale, requests, import_rows, no_pdf, load, json, force, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if not (force or synthetic.is_throwaway()):
            raise CommandError(
                "This database holds data the benchmark did not make, and the benchmark empties "
                "it. Point DATABASE_URL at a throwaway database, or add --force."
            )
        if load and not loadtest.wrk():
            self.stderr.write(loadtest.WRK_MISSING)  # said now, not after the minutes of work
        secret_key = secrets.token_urlsafe(64)
        with tempfile.TemporaryDirectory(prefix="samverkan-bench-") as tmp:
            static_root, media_root = Path(tmp) / "static", Path(tmp) / "media"
            with benchmark.production_like(static_root, media_root, secret_key):
                rows = self.measure(scale, requests, import_rows, no_pdf)
                if load:
                    rows += self.load(static_root, media_root, secret_key, Path(tmp))
        machine = self.machine(scale, requests)
        self.stdout.write(
            f"\nDatabase: {machine['database']} {machine['driver']}; scale {scale}; "
            f"{requests} requests per page; Python {machine['python']}; "
            f"{machine['architecture']}, {machine['cores']} cores.\n"
        )
        self.stdout.write(benchmark.markdown_table(rows))
        if json:
            with open(json, "w", encoding="utf-8") as file:
                dump(benchmark.figures(rows, machine), file, ensure_ascii=False, indent=2)

    def build(self, scale):
        call_command("flush", interactive=False, verbosity=0)
        start = time.perf_counter()
        agreement = synthetic.build(scale)[0]
        self.stderr.write(
            f"Built the synthetic data at scale {scale} in {time.perf_counter() - start:.1f} s."
        )
        return agreement

    def pages(self, agreement):
        return benchmark.report_pages(agreement) + benchmark.survey_pages()

    def measure(self, scale, requests, import_rows, no_pdf):
        small = benchmark.query_counts(self.pages(self.build(scale / 10)))
        start = time.perf_counter()
        agreement = self.agreement = self.build(scale)
        seconds, answers = time.perf_counter() - start, Answer.objects.count()
        rows = [
            benchmark.Row(
                "build",
                "Build the synthetic data",
                f"{seconds:.1f} s ({answers:,} survey answers)",
                figures={"seconds": round(seconds, 1), "survey_answers": answers},
            )
        ]
        rows += benchmark.page_rows(self.pages(agreement), requests, small)
        client = benchmark.bench_client()
        rows += benchmark.weight_rows(client, agreement)
        if not no_pdf:
            rows += benchmark.pdf_rows(client, agreement, requests)
        if import_rows:
            rows += benchmark.import_rows(import_rows)
        return rows + benchmark.bomb_rows()

    def load(self, static_root, media_root, secret_key, tmp):
        if not loadtest.wrk():
            return [loadtest.missing_row()]
        if connection.vendor != "postgresql":
            self.stderr.write("The load test is meant for PostgreSQL; running it anyway.")
        report = benchmark.presented_report(self.agreement)
        path = reverse("reports:detail", args=[self.agreement.slug, report.year])
        # The smallest page a logged-in user gets: only the session, user and role lookups.
        small = reverse("accessibility")
        client = benchmark.bench_client()
        cookie = (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
        with open(tmp / "gunicorn.log", "w") as log:
            try:
                return loadtest.load_rows(
                    path, small, cookie, static_root, media_root, secret_key, log
                )
            except RuntimeError:
                self.stderr.write((tmp / "gunicorn.log").read_text()[-3000:])
                raise

    def machine(self, scale, requests):
        return {
            "database": connection.vendor,
            "driver": connection.Database.__name__,
            "scale": scale,
            "requests": requests,
            "python": platform.python_version(),
            "architecture": platform.machine(),
            "cores": os.cpu_count(),
        }
