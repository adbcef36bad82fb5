"""Smoke test: the benchmark runs end to end at tiny sizes and reports every figure (no thresholds)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from bot.facts import load_library

RUN = Path(__file__).resolve().parent / "run.py"
PER_SIZE = [
    "load_s",
    "load_cpu_s",
    "index_s",
    "load_index_s",
    "peak_rss_mb",
    *(f"{op}_{stat}_ms" for op in ("ask", "quote", "summary", "autocomplete") for stat in ("p50", "p99")),
]


def test_quick_library_benchmark_reports_every_figure(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--json", "--only", "library"],
        cwd=tmp_path,  # not the repository root: paths come from the script's own location
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["meta"]["machine"]["cores"] >= 1
    library = report["library"]
    assert library["sizes"] == [20, 50]
    for size in library["sizes"]:
        figures = library["by_size"][str(size)]
        assert figures["articles"] == size
        assert figures["errors"] == 0, figures["error_examples"]
        missing = [key for key in PER_SIZE if not (isinstance(figures.get(key), int | float) and figures[key] > 0)]
        assert missing == []
    assert set(library["scaling"]) == {"load_exponent", "ask_p50_exponent"}


def _synthetic() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark_synthetic", RUN.parent / "synthetic.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_synthetic_content_is_valid_and_deterministic(tmp_path: Path) -> None:
    synthetic = _synthetic()
    first = synthetic.write_articles(tmp_path / "a" / "articles", 5)
    again = synthetic.write_articles(tmp_path / "b" / "articles", 5)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    articles = load_library(tmp_path / "a").articles
    assert len({a.id for a in articles}) == 5
    assert synthetic.questions(articles, 50) == synthetic.questions(articles, 50)
    assert len(set(synthetic.questions(articles, 50))) > 40
