"""A small Prometheus text-format registry: counters, gauges and one latency histogram.

Owned by the composition root and passed to what records into it (no global registry).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

Labels = tuple[tuple[str, str], ...]

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


def _labels(labels: Labels) -> str:
    if not labels:
        return ""
    inner = ",".join(f'{k}="{_escape(v)}"' for k, v in labels)
    return "{" + inner + "}"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


class Counter:
    def __init__(self, name: str, help_text: str) -> None:
        self.name, self.help = name, help_text
        self.values: dict[Labels, float] = defaultdict(float)

    def inc(self, amount: float = 1.0, **labels: str) -> None:
        self.values[tuple(sorted(labels.items()))] += amount

    def get(self, **labels: str) -> float:
        return self.values.get(tuple(sorted(labels.items())), 0.0)

    def expose(self) -> Iterator[str]:
        yield f"# HELP {self.name} {self.help}"
        yield f"# TYPE {self.name} counter"
        for labels, value in sorted(self.values.items()):
            yield f"{self.name}{_labels(labels)} {value:g}"


class Gauge:
    """A value read when scraped, so it is never stale."""

    def __init__(self, name: str, help_text: str, read: Callable[[], float]) -> None:
        self.name, self.help, self.read = name, help_text, read

    def expose(self) -> Iterator[str]:
        yield f"# HELP {self.name} {self.help}"
        yield f"# TYPE {self.name} gauge"
        yield f"{self.name} {self.read():g}"


class Histogram:
    def __init__(self, name: str, help_text: str, buckets: tuple[float, ...] = LATENCY_BUCKETS) -> None:
        self.name, self.help, self.buckets = name, help_text, buckets
        self.counts: dict[Labels, list[int]] = {}
        self.sums: dict[Labels, float] = defaultdict(float)

    def observe(self, value: float, **labels: str) -> None:
        key = tuple(sorted(labels.items()))
        counts = self.counts.setdefault(key, [0] * (len(self.buckets) + 1))
        for i, bound in enumerate(self.buckets):
            if value <= bound:
                counts[i] += 1
        counts[-1] += 1
        self.sums[key] += value

    def expose(self) -> Iterator[str]:
        yield f"# HELP {self.name} {self.help}"
        yield f"# TYPE {self.name} histogram"
        for labels, counts in sorted(self.counts.items()):
            for bound, count in zip(self.buckets, counts, strict=False):
                yield f"{self.name}_bucket{_labels((*labels, ('le', f'{bound:g}')))} {count}"
            yield f"{self.name}_bucket{_labels((*labels, ('le', '+Inf')))} {counts[-1]}"
            yield f"{self.name}_sum{_labels(labels)} {self.sums[labels]:g}"
            yield f"{self.name}_count{_labels(labels)} {counts[-1]}"


class Metrics:
    """Everything /metrics exposes; gauges are added once the things they read exist."""

    def __init__(self) -> None:
        self.commands = Counter("newsbrief_commands_total", "Commands handled, by name and outcome.")
        self.latency = Histogram("newsbrief_command_latency_seconds", "Time from receiving a command to answering it.")
        self.digests = Counter("newsbrief_digests_total", "Digest posts, by outcome.")
        self.dm_questions = Counter("newsbrief_dm_messages_total", "Direct messages, by outcome.")
        self.gauges: list[Gauge] = []

    def gauge(self, name: str, help_text: str, read: Callable[[], float]) -> None:
        self.gauges.append(Gauge(name, help_text, read))

    def render(self) -> str:
        lines: list[str] = []
        metrics: list[Counter | Histogram | Gauge] = [
            self.commands,
            self.latency,
            self.digests,
            self.dm_questions,
            *self.gauges,
        ]
        for metric in metrics:
            lines.extend(metric.expose())
        return "\n".join(lines) + "\n"
