"""Benchmark sections: each is a module with `run(options) -> SectionResult`.

A section measures one thing (library scale, end to end, digest fan-out), returns its figures
as JSON-ready values and the tables that present them. `run.py` picks sections by name from
`SECTIONS`, merges their figures into one JSON object under each section's name, and prints
each section's tables. Adding a section is one module here and one line in `SECTIONS`.
"""

from __future__ import annotations

import cProfile
import importlib
import io
import pstats
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

#: Section name -> module (relative to this package), in the order they run and print.
SECTIONS: dict[str, str] = {
    "library": ".library",
    "e2e": ".e2e",
    "fanout": ".fanout",
}


@dataclass(frozen=True)
class Options:
    """What every section is told: `quick` means tiny sizes, seconds in total, no verdicts."""

    quick: bool = False
    seed: int = 20251031
    #: Also profile (cProfile) the largest size and show where the time goes.
    profile: bool = False
    #: Measure this many times and report medians (for sections that repeat; others run once).
    repeat: int = 1
    log: Callable[[str], None] = field(default=lambda message: print(message, file=sys.stderr, flush=True))


@dataclass
class Table:
    """Rows of already formatted cells; `notes` are printed under the table."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)


@dataclass
class SectionResult:
    figures: dict[str, Any]
    tables: list[Table]


class Section(Protocol):
    def run(self, options: Options) -> SectionResult: ...


def load(name: str) -> Section:
    """The section module called `name` (KeyError for an unknown name)."""
    module: Section = importlib.import_module(SECTIONS[name], __name__)
    return module


def profile_top(profile: cProfile.Profile, limit: int = 15) -> list[str]:
    """The functions that take the most time of their own, as printable lines."""
    stats = pstats.Stats(profile, stream=io.StringIO())
    stats.sort_stats("tottime")
    rows = []
    for func in stats.fcn_list[:limit]:  # type: ignore[attr-defined]
        calls, _, tottime, cumtime, _ = stats.stats[func]  # type: ignore[attr-defined]
        filename, line, name = func
        where = f"{Path(filename).name}:{line}({name})" if line else name
        rows.append(f"{tottime:7.3f}s own {cumtime:7.3f}s cum {calls:>9,} calls  {where}")
    return rows
