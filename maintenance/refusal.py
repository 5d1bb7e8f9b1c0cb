"""One upload bomb read and previewed in this process, as the import page would: prints the
seconds, the peak memory it added and whether it was refused, as JSON.

    DEBUG=1 python -m maintenance.refusal "zip bomb xlsx"

The benchmark runs it in a fresh process per bomb, so that each peak is that bomb's own. The
peak is the resident set's high-water mark (reset once the bomb is made), which counts what
pandas, openpyxl and zlib allocate outside Python too.
"""

import gc
import json
import os
import sys
import time
from pathlib import Path

PEAK = "VmHWM:"
NOW = "VmRSS:"


def resident(field):
    """A line of /proc/self/status, in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"{field} is not in /proc/self/status")


def measure(kind):
    from indicators import importing, reading

    from . import bombs

    name, content = bombs.BENCHMARK_BOMBS[kind]()
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")  # the high-water mark starts again from now
    before = resident(NOW)
    start = time.perf_counter()
    preview = importing.preview_upload(reading.read_file(name, content))
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "peak": resident(PEAK) - before,
        "refused": not preview.ok,
        "message": str(preview.problems[0]) if preview.problems else "",
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trelleborg_samverkan.settings")
    import django

    django.setup()
    print(json.dumps(measure(sys.argv[1])))
