"""The load test's figures: four rates and the issue's two ratios, each against its budget."""

import stat

from maintenance import loadtest

RATES = {"small": 400.0, "report": 300.0, "public": 1500.0, "static": 2500.0}


def rows():
    return loadtest.rate_rows(RATES, "/rapporter/s/2020/", 96 * 1024, "/rapporter/", "/x.js", 1024)


def test_three_rates_beside_the_static_file_and_both_ratios():
    by_key = {row.key: row for row in rows()}
    assert list(by_key) == [
        "load_small",
        "load_report",
        "load_public",
        "load_static",
        "load_ratio_logged_in",
        "load_ratio_public",
    ]
    assert by_key["load_small"].result == "400 requests/s"
    assert by_key["load_public"].figures == {
        "url": "/rapporter/s/2020/",
        "requests_per_second": 1500.0,
    }
    logged_in, public = by_key["load_ratio_logged_in"], by_key["load_ratio_public"]
    assert (logged_in.result, logged_in.budget, logged_in.met) == ("0.75", "≥ 0.8", False)
    assert (public.result, public.budget, public.met) == ("0.60", "≥ 0.5", True)
    assert public.figures == {"ratio": 0.6}


def test_anonymous_rates_send_no_cookie(tmp_path, monkeypatch):
    calls = tmp_path / "calls"
    fake = tmp_path / "wrk"
    fake.write_text(f'#!/bin/sh\necho "$@" >> {calls}\necho "Requests/sec:   812.50"\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert loadtest.throughput("http://127.0.0.1:1/r/", "sessionid=abc") == 812.5
    assert loadtest.throughput("http://127.0.0.1:1/r/") == 812.5
    logged_in, anonymous = calls.read_text().splitlines()
    assert "-d10s -H Cookie: sessionid=abc http://127.0.0.1:1/r/" in logged_in
    assert "Cookie" not in anonymous and anonymous.endswith("http://127.0.0.1:1/r/")
