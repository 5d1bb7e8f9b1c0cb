"""The load test: gunicorn with two workers on loopback (REPORTS_PUBLIC on), driven by wrk for
a bounded time: the smallest logged-in page, a presented report logged in and anonymous, and a
static file of about the report's size. wrk is looked for on PATH; without it the load test is
skipped with one line on how to get it."""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings

from .benchmark import Row, unavailable

WRK_ARGUMENTS = ["-t2", "-c8", "--timeout", "5s"]
SECONDS = 10
# Each worker renders a presented report once and then keeps it in its own memory: a run
# that has not warmed every worker measures those first renders, not the steady state.
WARM_UP_SECONDS = 5
WRK_MISSING = "wrk is not on PATH, so the load test was skipped: apt-get install -y wrk"
THROUGHPUT = re.compile(r"Requests/sec:\s+([\d.]+)")
NON_2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port, static_root, media_root, secret_key, log):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
        "SESSION_CACHE_DIR": str(Path(media_root).parent / "sessions"),
        "REPORTS_PUBLIC": "1",
    }
    command = [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}"]
    return subprocess.Popen(
        [*command, "trelleborg_samverkan.wsgi"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def fetch(url, cookie=""):
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.read()


def wait_until_up(url, server, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn stopped while starting.")
        try:
            return fetch(url)
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within 30 s.")


def static_file_like(static_root, size):
    """The URL of the hashed static file whose size is closest to `size` bytes."""
    manifest = json.loads((Path(static_root) / "staticfiles.json").read_text())
    names = manifest["paths"].values()
    name = min(names, key=lambda n: abs((Path(static_root) / n).stat().st_size - size))
    return settings.STATIC_URL + name, (Path(static_root) / name).stat().st_size


def wrk():
    """wrk's path, or None when PATH has none."""
    return shutil.which("wrk")


def missing_row():
    return Row(
        "load",
        "Load test (gunicorn and wrk)",
        f"not run: {WRK_MISSING}",
        "",
        None,
        unavailable(WRK_MISSING),
    )


def throughput(url, cookie="", seconds=SECONDS):
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    done = subprocess.run(
        [wrk(), *WRK_ARGUMENTS, f"-d{seconds}s", *headers, url],
        capture_output=True,
        text=True,
        timeout=60,
    )
    found = THROUGHPUT.search(done.stdout)
    if done.returncode or not found:
        raise RuntimeError(f"wrk failed: {done.stdout}{done.stderr}")
    errors = NON_2XX.search(done.stdout)
    if errors:
        raise RuntimeError(f"{errors.group(1)} answers from {url} were not 2xx.")
    return float(found.group(1))


def page(url, cookie=""):
    status, body = fetch(url, cookie)
    if status != 200 or b"<html" not in body:
        raise RuntimeError(f"{url} answered {status} without a page; not logged in?")
    return body


def stopped(server):
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def load_rows(report_path, small_path, cookie, static_root, media_root, secret_key, log):
    """Throughputs of the smallest logged-in page, of the presented report logged in and
    anonymous, and of a static file of the report's size, with the issue's two ratios.
    gunicorn is stopped whatever happens."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_gunicorn(port, static_root, media_root, secret_key, log)
    try:
        wait_until_up(base + settings.STATIC_URL + "favicon.svg", server)
        page(base + small_path, cookie)
        size = len(page(base + report_path, cookie))
        page(base + report_path)  # anonymous: public, or this raises
        static_path, static_size = static_file_like(static_root, size)
        throughput(base + report_path, cookie, WARM_UP_SECONDS)
        throughput(base + report_path, "", WARM_UP_SECONDS)
        rates = {
            "small": throughput(base + small_path, cookie),
            "report": throughput(base + report_path, cookie),
            "public": throughput(base + report_path),
            "static": throughput(base + static_path),
        }
    finally:
        stopped(server)
    return rate_rows(rates, report_path, size, small_path, static_path, static_size)


def rate_row(key, what, url, rate):
    figures = {"url": url, "requests_per_second": round(rate, 1)}
    return Row(key, what, f"{rate:,.0f} requests/s", figures=figures)


def ratio_row(key, what, ratio, budget):
    met = ratio >= budget
    return Row(key, what, f"{ratio:.2f}", f"≥ {budget}", met, {"ratio": round(ratio, 3)})


def rate_rows(rates, report_path, size, small_path, static_path, static_size):
    kb = f"{size / 1024:.0f} KB"
    run = f"gunicorn 2 workers, wrk -t2 -c8 -d{SECONDS}s after {WARM_UP_SECONDS} s' warm-up"
    return [
        rate_row(
            "load_small", f"Smallest logged-in page `{small_path}`", small_path, rates["small"]
        ),
        rate_row(
            "load_report",
            f"Presented report logged in `{report_path}` ({kb})",
            report_path,
            rates["report"],
        ),
        rate_row(
            "load_public",
            f"Presented report anonymous, REPORTS_PUBLIC ({kb})",
            report_path,
            rates["public"],
        ),
        rate_row(
            "load_static",
            f"Static file `{static_path}` ({static_size / 1024:.0f} KB)",
            static_path,
            rates["static"],
        ),
        ratio_row(
            "load_ratio_logged_in",
            f"Load ratio presented report / smallest page, logged in ({run})",
            rates["report"] / rates["small"],
            0.8,
        ),
        ratio_row(
            "load_ratio_public",
            f"Load ratio anonymous presented report / static file ({run})",
            rates["public"] / rates["static"],
            0.5,
        ),
    ]
