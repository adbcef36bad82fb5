"""Benchmark sections: each is a module with `run(options) -> SectionResult`.

A section measures one thing (library scale, end to end, digest fan-out), returns its figures
as JSON-ready values and the tables that present them. `run.py` picks sections by name from
`SECTIONS`, merges their figures into one JSON object under each section's name, and prints
each section's tables. Adding a section is one module here and one line in `SECTIONS`.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
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
