"""Newsbrief benchmarks: figures, not pass/fail tests.

    python tests/benchmarks/run.py                 # every section, full sizes, tables
    python tests/benchmarks/run.py --json          # one JSON object with every figure
    python tests/benchmarks/run.py --quick         # tiny sizes, seconds (the CI smoke test)
    python tests/benchmarks/run.py --only library  # one section (repeat or comma-separate)
    python tests/benchmarks/run.py --profile       # also profile the largest size
    python tests/benchmarks/run.py --repeat 3      # medians of 3 measurements (noisy machines)

Tables are Markdown, ready for the README; progress goes to stderr. Works from any directory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent.parent
for entry in (str(REPO_ROOT), str(BENCH_DIR)):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from sections import SECTIONS, Options, Table, load  # noqa: E402 - needs the path set up above


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") if hasattr(os, "sysconf") else 0
    return {
        "cores": usable,
        "memory_gib": round(memory / 2**30, 1),
        "python": platform.python_version(),
        "platform": f"{platform.system()} {platform.machine()}",
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
    }


def _commit() -> str | None:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    return done.stdout.strip() or None


def markdown(table: Table) -> str:
    """A GitHub Markdown table (numbers right-aligned), then its notes."""
    widths = [max(len(row[i]) for row in [table.columns, *table.rows]) for i in range(len(table.columns))]
    numeric = [0 < i < len(table.columns) - 2 for i in range(len(table.columns))]

    def line(cells: Sequence[str]) -> str:
        padded = [c.rjust(w) if right else c.ljust(w) for c, w, right in zip(cells, widths, numeric, strict=True)]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join(
        ("-" * (w + 1) + ":") if right else "-" * (w + 2) for w, right in zip(widths, numeric, strict=True)
    )
    out = [f"### {table.title}", "", line(table.columns), rule + "|", *(line(r) for r in table.rows)]
    if table.notes:
        out += ["", *table.notes]
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Newsbrief benchmarks (figures, not tests).")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, a few seconds; no verdicts")
    parser.add_argument("--json", action="store_true", help="print one JSON object with every figure")
    parser.add_argument(
        "--only",
        action="append",
        metavar="SECTION",
        help=f"run only these sections ({', '.join(SECTIONS)}); repeat or comma-separate",
    )
    parser.add_argument("--seed", type=int, default=Options.seed, help="seed of the synthetic content")
    parser.add_argument("--profile", action="store_true", help="also profile the largest size (cProfile)")
    parser.add_argument(
        "--repeat", type=int, default=1, metavar="N", help="measure N times and report medians (noisy machines)"
    )
    args = parser.parse_args(argv)
    names = [n.strip() for group in args.only or [",".join(SECTIONS)] for n in group.split(",") if n.strip()]
    unknown = [n for n in names if n not in SECTIONS]
    if unknown:
        parser.error(f"unknown section {', '.join(unknown)}; known: {', '.join(SECTIONS)}")

    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    options = Options(quick=args.quick, seed=args.seed, profile=args.profile, repeat=args.repeat)
    started = time.perf_counter()
    meta: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": " ".join(["python tests/benchmarks/run.py", *(argv if argv is not None else sys.argv[1:])]),
        "commit": _commit(),
        "machine": machine(),
        "sections": names,
    }
    report: dict[str, Any] = {"meta": meta}
    tables: list[Table] = []
    for name in names:
        result = load(name).run(options)
        report[name] = result.figures
        tables.extend(result.tables)
    meta["duration_s"] = round(time.perf_counter() - started, 1)
    meta["load_average_after"] = list(os.getloadavg()) if hasattr(os, "getloadavg") else None

    if args.json:
        print(json.dumps(report, indent=2, sort_keys=False))
        return 0
    m = meta["machine"]
    print(f"Newsbrief benchmarks, {meta['date']}, commit {meta['commit'] or 'unknown'}")
    print(f"Machine: {m['cores']} cores, {m['memory_gib']} GiB memory, Python {m['python']}, {m['platform']}")
    if m["load_average"] is not None:
        before = " ".join(f"{x:.2f}" for x in m["load_average"])
        after = " ".join(f"{x:.2f}" for x in meta["load_average_after"])
        print(f"Load average before {before}, after {after}")
    print(f"Command: {meta['command']} ({meta['duration_s']} s)")
    for table in tables:
        print()
        print(markdown(table))
    return 0


if __name__ == "__main__":
    sys.exit(main())
