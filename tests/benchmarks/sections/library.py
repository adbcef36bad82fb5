"""Library scale: load, index, memory and answer latency for N synthetic articles.

Each size runs in a fresh worker process (`python -m sections.library --content DIR ...`), so
its peak RSS is its own; the worker prints one JSON object. The parent generates the content,
runs the workers, and turns their figures into a table with the targets for 5,000 articles.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import synthetic

from sections import Options, SectionResult, Table, profile_top

BENCH_DIR = Path(__file__).resolve().parent.parent
REPO_ROOT = BENCH_DIR.parent.parent

FULL_SIZES = (100, 1_000, 5_000)
QUICK_SIZES = (20, 50)
FULL_REQUESTS = 1_000
QUICK_REQUESTS = 100
WARM_UP = 50
OPERATIONS = ("ask", "quote", "summary", "autocomplete")

#: The issue's targets, for the largest library (5,000 articles).
TARGETS: dict[str, tuple[float, str]] = {
    "load_index_s": (5.0, "≤ 5 s"),
    "ask_p99_ms": (5.0, "≤ 5 ms"),
    "autocomplete_p99_ms": (2.0, "≤ 2 ms"),
    "peak_rss_mb": (300.0, "≤ 300 MB"),
}
#: Growth from the smallest to the largest library, as the exponent k in time ~ N**k.
LINEAR = (0.8, 1.2)
SUBLINEAR = 0.5
#: DESIGN.md's reference: libyaml's CSafeLoader reads a 9 KB article in about 0.7 ms.
DESIGN_CSAFELOAD_MS = 0.7


# --- the worker: one library size, in its own process ----------------------------------------


def _peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1e6


def _percentile(sorted_ns: Sequence[int], q: float) -> float:
    """Nearest-rank percentile, in milliseconds."""
    rank = max(1, math.ceil(q * len(sorted_ns)))
    return sorted_ns[rank - 1] / 1e6


class _GcPauses:
    """Collections and time spent in the cyclic garbage collector while installed."""

    def __init__(self) -> None:
        self.collections = [0, 0, 0]
        self.pause_ns = 0
        self._started = 0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter_ns()
        else:
            self.pause_ns += time.perf_counter_ns() - self._started
            self.collections[info["generation"]] += 1

    def __enter__(self) -> _GcPauses:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self)


def _profiled(profile: cProfile.Profile | None, call: Callable[[], Any]) -> Any:
    if profile is None:
        return call()
    return profile.runcall(call)


def measure(content: Path, requests: int, seed: int, *, profile: bool = False) -> dict[str, Any]:
    """Load, index and query one library; every figure of one size."""
    from bot.answers import Answers
    from bot.facts import load_library

    profiles: dict[str, cProfile.Profile] = {}

    def profiler(phase: str) -> cProfile.Profile | None:
        if not profile:
            return None
        return profiles.setdefault(phase, cProfile.Profile())

    figures: dict[str, Any] = {"rss_after_imports_mb": round(_peak_rss_mb(), 1)}
    wall, cpu = time.perf_counter_ns(), time.process_time_ns()
    library = _profiled(profiler("load"), lambda: load_library(content))
    load_ns, load_cpu_ns = time.perf_counter_ns() - wall, time.process_time_ns() - cpu
    figures["rss_after_load_mb"] = round(_peak_rss_mb(), 1)
    wall, cpu = time.perf_counter_ns(), time.process_time_ns()
    # No answer cache: this section measures building answers, and its requests repeat.
    answers = _profiled(profiler("index"), lambda: Answers(library, cache_size=0))
    index_ns, index_cpu_ns = time.perf_counter_ns() - wall, time.process_time_ns() - cpu
    gc.freeze()  # as bot.content.build_answers does once the content is built
    figures.update(
        articles=len(library),
        load_s=load_ns / 1e9,
        load_cpu_s=load_cpu_ns / 1e9,
        index_s=index_ns / 1e9,
        index_cpu_s=index_cpu_ns / 1e9,
        load_index_s=(load_ns + index_ns) / 1e9,
        rss_after_index_mb=round(_peak_rss_mb(), 1),
    )
    index_size = getattr(getattr(answers, "index", None), "size", None)
    if isinstance(index_size, int):
        figures["index_rows"] = index_size

    articles = library.articles

    def requests_for(request_seed: int, count: int) -> dict[str, tuple[Callable[[Any], Any], list[Any]]]:
        return {
            "ask": (answers.ask, list(synthetic.questions(articles, count, request_seed))),
            "quote": (lambda s: answers.quotes(speaker=s), list(synthetic.speakers(articles, count, request_seed))),
            "summary": (
                lambda a: answers.summary(article=a),
                list(synthetic.article_requests(articles, count, request_seed)),
            ),
            "autocomplete": (
                lambda r: answers.autocomplete(*r),
                list(synthetic.autocomplete_requests(articles, count, request_seed)),
            ),
        }

    answered: dict[str, Callable[[Any], bool]] = {
        "ask": lambda a: a.kind != "not_found",
        "quote": lambda a: a.kind == "quotes" and bool(a.items),
        "summary": lambda a: a.kind == "summary",
        "autocomplete": lambda choices: bool(choices),
    }
    # Warm up on other requests than the measured ones, so no answer is measured from a warm cache.
    for call, warm in requests_for(seed + 1, WARM_UP).values():
        for request in warm:
            _safe(call, request)
    errors: list[str] = []
    with _GcPauses() as pauses:
        for name, (call, batch) in requests_for(seed, requests).items():
            timings: list[int] = []
            hits = 0
            phase = profiler(name)
            for request in batch:
                if phase is not None:
                    phase.enable()
                start = time.perf_counter_ns()
                result, error = _safe(call, request)
                timings.append(time.perf_counter_ns() - start)
                if phase is not None:
                    phase.disable()
                if error is not None:
                    errors.append(f"{name}({request!r}): {error}")
                elif answered[name](result):
                    hits += 1
            timings.sort()
            figures[f"{name}_p50_ms"] = _percentile(timings, 0.50)
            figures[f"{name}_p99_ms"] = _percentile(timings, 0.99)
            figures[f"{name}_max_ms"] = timings[-1] / 1e6
            figures[f"{name}_mean_ms"] = statistics.fmean(timings) / 1e6
            figures[f"{name}_answered_share"] = hits / len(batch)
    figures.update(
        requests=requests,
        errors=len(errors),
        error_examples=errors[:3],
        gc_collections_during_requests=pauses.collections,
        gc_pause_during_requests_ms=pauses.pause_ns / 1e6,
        peak_rss_mb=round(_peak_rss_mb(), 1),
    )
    if profile:
        figures["profile"] = {phase: profile_top(p, 12) for phase, p in profiles.items()}
    answers.close()
    return figures


def _safe(call: Callable[[Any], Any], request: Any) -> tuple[Any, str | None]:
    """A failing answer is a finding to report, not a reason to lose the other figures."""
    try:
        return call(request), None
    except Exception as exc:  # noqa: BLE001
        return None, f"{type(exc).__name__}: {exc}"


def _worker_main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure one library size (used by run.py).")
    parser.add_argument("--content", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=FULL_REQUESTS)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    figures = measure(args.content, args.requests, args.seed, profile=args.profile)
    print(json.dumps(figures))
    return 0


# --- the parent: generate, run one worker per size, tabulate ------------------------------------


def _run_worker(content: Path, requests: int, seed: int, *, profile: bool = False) -> dict[str, Any]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), str(BENCH_DIR), env.get("PYTHONPATH")]))
    command = [sys.executable, "-m", "sections.library", "--content", str(content)]
    command += ["--requests", str(requests), "--seed", str(seed)]
    if profile:
        command.append("--profile")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False, cwd=BENCH_DIR)
    if done.returncode != 0:
        raise RuntimeError(f"library worker failed for {content}:\n{done.stderr}")
    figures: dict[str, Any] = json.loads(done.stdout)
    return figures


def _calibration_ms(article: Path) -> float:
    """Median time for libyaml's CSafeLoader to load one synthetic article (DESIGN.md: 0.7 ms)."""
    import yaml

    text = article.read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    times = []
    for _ in range(60):
        start = time.perf_counter_ns()
        yaml.load(text, Loader=loader)
        times.append(time.perf_counter_ns() - start)
    return statistics.median(times[10:]) / 1e6


def _median(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Each numeric figure's median over the runs (other values from the run with the median load)."""
    by_load = sorted(runs, key=lambda r: r["load_index_s"])
    figures = dict(by_load[(len(by_load) - 1) // 2])
    for key, value in figures.items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            figures[key] = statistics.median(r[key] for r in runs)
    figures["runs"] = len(runs)
    figures["load_index_s_each_run"] = [r["load_index_s"] for r in runs]
    return figures


def _exponent(small: float, large: float, n_small: int, n_large: int) -> float:
    """k in t ~ N**k between two sizes."""
    return math.log(large / small) / math.log(n_large / n_small) if small > 0 and large > 0 else float("nan")


def run(options: Options) -> SectionResult:
    """Every size, one worker each; figures under `by_size`, verdicts for the largest size."""
    sizes = QUICK_SIZES if options.quick else FULL_SIZES
    requests = QUICK_REQUESTS if options.quick else FULL_REQUESTS
    profile = options.profile
    by_size: dict[str, dict[str, Any]] = {}
    calibration = 0.0
    with tempfile.TemporaryDirectory(prefix="newsbrief-bench-") as tmp:
        for n in sizes:
            content = Path(tmp) / f"n{n}"
            options.log(f"library: generating {n:,} articles")
            start = time.perf_counter()
            paths = synthetic.write_articles(content / "articles", n, options.seed)
            generated_s = time.perf_counter() - start
            if not calibration:
                calibration = _calibration_ms(paths[0])
            runs = []
            for run_number in range(1, options.repeat + 1):
                of = f", run {run_number} of {options.repeat}" if options.repeat > 1 else ""
                options.log(f"library: measuring {n:,} articles ({requests:,} requests per operation{of})")
                runs.append(_run_worker(content, requests, options.seed))
            figures = _median(runs)
            figures["content_mb"] = sum(p.stat().st_size for p in paths) / 1e6
            figures["generate_s"] = generated_s
            if profile and n == sizes[-1]:
                options.log(f"library: profiling {n:,} articles")
                figures["profile"] = _run_worker(content, requests, options.seed, profile=True)["profile"]
            by_size[str(n)] = figures
    result: dict[str, Any] = {
        "sizes": list(sizes),
        "requests": requests,
        "seed": options.seed,
        "quick": options.quick,
        "runs_per_size": options.repeat,
        "by_size": by_size,
        "calibration": {"csafeloader_article_ms": calibration, "design_reference_ms": DESIGN_CSAFELOAD_MS},
    }
    first, last = by_size[str(sizes[0])], by_size[str(sizes[-1])]
    result["scaling"] = {
        "load_exponent": _exponent(first["load_s"], last["load_s"], sizes[0], sizes[-1]),
        "ask_p50_exponent": _exponent(first["ask_p50_ms"], last["ask_p50_ms"], sizes[0], sizes[-1]),
    }
    result["targets"] = {key: limit for key, (limit, _) in TARGETS.items()}
    result["verdicts"] = {} if options.quick else _verdicts(last, result["scaling"])
    return SectionResult(figures=result, tables=[_table(result)])


def _verdicts(largest: dict[str, Any], scaling: dict[str, float]) -> dict[str, bool]:
    verdicts = {key: largest[key] <= limit for key, (limit, _) in TARGETS.items()}
    verdicts["load_linear"] = LINEAR[0] <= scaling["load_exponent"] <= LINEAR[1]
    verdicts["ask_sublinear"] = scaling["ask_p50_exponent"] <= SUBLINEAR
    return verdicts


def _mark(result: dict[str, Any], key: str, value: float | None = None) -> str:
    verdict = result["verdicts"].get(key)
    if verdict is None:
        return ""
    if verdict:
        return "ok"
    if value is not None and key in TARGETS:
        limit = TARGETS[key][0]
        return f"MISS by {value - limit:.3g} ({value / limit:.1f}x)"
    return "MISS"


def _table(result: dict[str, Any]) -> Table:
    sizes: list[int] = result["sizes"]
    figures = [result["by_size"][str(n)] for n in sizes]
    last = figures[-1]
    columns = ["figure", *(f"N={n:,}" for n in sizes), f"target (N={FULL_SIZES[-1]:,})", "verdict"]

    def row(label: str, cells: list[str], target: str = "", key: str | None = None) -> list[str]:
        value = last.get(key) if key else None
        return [label, *cells, target, _mark(result, key, value) if key else ""]

    def each(key: str, fmt: str) -> list[str]:
        return [format(f[key], fmt) for f in figures]

    def pair(name: str) -> list[str]:
        return [f"{f[f'{name}_p50_ms']:.3f} / {f[f'{name}_p99_ms']:.3f}" for f in figures]

    rows = [
        row("content on disk (MB)", each("content_mb", ".1f")),
        row("load + validate (s)", each("load_s", ".2f")),
        row("  of which CPU (s)", each("load_cpu_s", ".2f")),
        row("index build (s)", each("index_s", ".2f")),
        row("load + index (s)", each("load_index_s", ".2f"), TARGETS["load_index_s"][1], "load_index_s"),
        row("RSS after load (MB)", each("rss_after_load_mb", ".0f")),
        row("peak RSS (MB)", each("peak_rss_mb", ".0f"), TARGETS["peak_rss_mb"][1], "peak_rss_mb"),
        row("ask p50 / p99 (ms)", pair("ask"), f"p99 {TARGETS['ask_p99_ms'][1]}", "ask_p99_ms"),
        row("quote p50 / p99 (ms)", pair("quote")),
        row("summary p50 / p99 (ms)", pair("summary")),
        row(
            "autocomplete p50 / p99 (ms)",
            pair("autocomplete"),
            f"p99 {TARGETS['autocomplete_p99_ms'][1]}",
            "autocomplete_p99_ms",
        ),
        row("ask answered (%)", [f"{f['ask_answered_share'] * 100:.0f}" for f in figures]),
        row("gc pauses during requests (ms)", each("gc_pause_during_requests_ms", ".0f")),
    ]
    scaling = result["scaling"]
    growth = f"N {sizes[0]:,} -> {sizes[-1]:,}"
    rows.append(
        [
            f"load growth, {growth}",
            *[""] * (len(sizes) - 1),
            f"N^{scaling['load_exponent']:.2f}",
            f"about linear (N^{LINEAR[0]}-N^{LINEAR[1]})",
            _mark(result, "load_linear"),
        ]
    )
    rows.append(
        [
            f"ask p50 growth, {growth}",
            *[""] * (len(sizes) - 1),
            f"N^{scaling['ask_p50_exponent']:.2f}",
            f"sublinear (<= N^{SUBLINEAR})",
            _mark(result, "ask_sublinear"),
        ]
    )
    calibration = result["calibration"]
    notes = [
        f"{result['requests']:,} requests per operation (after {WARM_UP} warm-up requests of another seed); "
        f"synthetic content seed {result['seed']}; each size in a fresh process"
        + (
            f", {result['runs_per_size']} times: medians shown (load + index at N={sizes[-1]:,}, each run: "
            + ", ".join(f"{t:.2f}" for t in last["load_index_s_each_run"])
            + " s)."
            if result["runs_per_size"] > 1
            else "."
        ),
        f"Machine calibration: libyaml CSafeLoader loads one synthetic article in "
        f"{calibration['csafeloader_article_ms']:.2f} ms here (DESIGN.md measured about "
        f"{calibration['design_reference_ms']} ms per 9 KB file).",
    ]
    errors = sum(f["errors"] for f in figures)
    if errors:
        examples = [e for f in figures for e in f["error_examples"]][:3]
        notes.append(f"{errors} requests raised: " + "; ".join(examples))
    if result["quick"]:
        notes.append("Quick run: tiny sizes; targets apply to 5,000 articles and are not judged here.")
    for phase, lines in last.get("profile", {}).items():
        notes.append(f"cProfile, {phase} at N={sizes[-1]:,} (top functions by own time):")
        notes.extend(f"    {line}" for line in lines)
    return Table(
        title=f"Library scale: synthetic articles shaped like the seed, N = {', '.join(f'{n:,}' for n in sizes)}",
        columns=columns,
        rows=rows,
        notes=notes,
    )


if __name__ == "__main__":
    sys.exit(_worker_main())
