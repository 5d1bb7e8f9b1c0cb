"""Runs every fuzz target (tests/fuzz/fuzz_<name>.py) for a bounded time, from its committed
seed corpus (tests/fuzz/corpus/<name>/), and fails with the input that broke it.

FUZZ_SECONDS (default 15) sets the time per target. What the fuzzer finds goes to pytest's
temporary directory, so a run never changes the checkout.
"""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
TARGETS = sorted(HERE.glob("fuzz_*.py"))
SECONDS = int(os.environ.get("FUZZ_SECONDS", "15"))
# Enough for Django and pandas; an input that needs more, or more than TIMEOUT seconds, is a bug.
RSS_LIMIT_MB = 2048
TIMEOUT = 10


def fuzz(target, seeds, tmp_path):
    """Run `target` from `seeds` with libFuzzer's bounds; (exit code, output, crash files)."""
    found = tmp_path / "corpus"
    found.mkdir()
    command = [
        sys.executable,
        str(target),
        f"-max_total_time={SECONDS}",
        f"-rss_limit_mb={RSS_LIMIT_MB}",
        f"-timeout={TIMEOUT}",
        f"-artifact_prefix={tmp_path}/",
        "-print_final_stats=1",
        str(found),  # new inputs are written to the first directory only
        str(seeds),
    ]
    env = os.environ | {"DEBUG": "1", "DJANGO_SETTINGS_MODULE": "trelleborg_samverkan.settings"}
    run = subprocess.run(
        command,
        cwd=HERE,
        env=env,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=SECONDS + 120,
    )
    crashes = sorted(
        path
        for path in tmp_path.iterdir()
        if path.name.startswith(("crash-", "timeout-", "oom-", "leak-"))
    )
    return run.returncode, run.stdout + run.stderr, crashes


def readable(output):
    """The fuzzer's output without its progress lines, for the failure message."""
    lines = [line for line in output.splitlines() if not line.startswith(("#", "INFO: Instr"))]
    return "\n".join(lines[-80:])


def test_atheris_is_installed():
    # A test dependency: without it the fuzz tests must fail, not pass by doing nothing.
    assert importlib.util.find_spec("atheris"), "pip install atheris (see pyproject's test extra)"


def test_there_are_targets():
    assert TARGETS


@pytest.mark.parametrize("target", TARGETS, ids=lambda path: path.stem)
def test_fuzz_target_finds_nothing(target, tmp_path):
    seeds = HERE / "corpus" / target.stem.removeprefix("fuzz_")
    assert any(seeds.iterdir()), f"{target.name} needs a seed corpus in {seeds}"
    code, output, crashes = fuzz(target, seeds, tmp_path)
    inputs = "\n".join(f"{path}: {path.read_bytes()!r}" for path in crashes)
    assert code == 0 and not crashes, f"{inputs}\n\n{readable(output)}"
