"""What every fuzz target shares: the project on the path and Django set up, with the app
modules under test instrumented for coverage."""

import os
import sys
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[2]


def setup_django(*instrumented):
    """Set Django up as the tests do; the modules of `instrumented` (e.g. "meetings") are
    instrumented as they are imported, so the fuzzer sees the branches they take."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trelleborg_samverkan.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    with atheris.instrument_imports(include=list(instrumented)):
        django.setup()
