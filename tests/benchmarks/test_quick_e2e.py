"""Smoke test: the end-to-end and fan-out sections run at tiny sizes and report every figure
(no thresholds: the quick sizes are too small to judge)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

RUN = Path(__file__).resolve().parent / "run.py"
LATENCY = ("p50_us", "p90_us", "p99_us", "mean_us")


def _positive(figures: dict[str, Any], keys: tuple[str, ...] | list[str]) -> list[str]:
    """The keys whose value is missing or not a positive number."""
    return [k for k in keys if not (isinstance(figures.get(k), int | float) and figures[k] > 0)]


def test_quick_e2e_and_fanout_report_every_figure(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--json", "--only", "e2e,fanout"],
        cwd=tmp_path,  # not the repository root: paths come from the script's own location
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)

    e2e = report["e2e"]
    assert e2e["quick"] is True
    assert e2e["verdicts"] == {}
    commands = e2e["sizes"]["commands"]
    ours = ("ask", "ask_cold", "quote", "quote_cold")
    for mode in ("one_at_a_time", "in_flight"):
        for target in ("floor", *ours):
            figures = e2e[mode][target]
            assert figures["n"] == commands
            assert _positive(figures, [*LATENCY, "per_s", "bot_cpu_us"]) == []
    for target in ours:
        assert _positive(e2e["ratios"][target], ["p50", "throughput"]) == []
    assert len(e2e["questions"]) > len(e2e["quote_filters"]) > 1
    assert 0 <= e2e["not_found"]["ask"] < len(e2e["questions"])
    assert e2e["not_found"]["quote"] == 0
    # The shipped bot's answer cache served the timed commands (every request was seen before).
    assert e2e["cache_while_timed"]["hits"] > 0

    fanout = report["fanout"]
    servers = fanout["sizes"]["servers"]
    assert fanout["verdicts"] == {}
    assert _positive(fanout, ["completion_s", "bound_s", "ratio", "posts_per_s", "ask_ratio"]) == []
    assert fanout["checks"]["intact"] is True
    assert fanout["checks"]["channels_with_one"] == servers
    assert fanout["requests"]["posts"] == servers
    assert fanout["requests"]["status_429"] >= 0
    for phase in ("ask_idle", "ask_during"):
        assert _positive(fanout[phase], [*LATENCY, "n"]) == []


def test_quick_tables_print(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--only", "e2e", "--only", "fanout"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "### End to end" in done.stdout
    assert "ours: /ask (warm)" in done.stdout
    assert "ours: /quote (cold)" in done.stdout
    assert "### Digest fan-out" in done.stdout
    assert "| completion / bound" in done.stdout
