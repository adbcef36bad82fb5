from __future__ import annotations

from bot.metrics import Metrics


def test_metrics_render_prometheus_text() -> None:
    metrics = Metrics()
    metrics.commands.inc(command="ask", outcome="ask")
    metrics.commands.inc(command="ask", outcome="ask")
    metrics.latency.observe(0.003, command="ask")
    metrics.latency.observe(2.0, command="ask")
    metrics.gauge("newsbrief_articles_loaded", "Articles.", lambda: 1)
    text = metrics.render()
    assert 'newsbrief_commands_total{command="ask",outcome="ask"} 2' in text
    assert 'newsbrief_command_latency_seconds_bucket{command="ask",le="0.005"} 1' in text
    assert 'newsbrief_command_latency_seconds_bucket{command="ask",le="+Inf"} 2' in text
    assert 'newsbrief_command_latency_seconds_count{command="ask"} 2' in text
    assert "# TYPE newsbrief_articles_loaded gauge\nnewsbrief_articles_loaded 1" in text


def test_label_values_are_escaped() -> None:
    metrics = Metrics()
    metrics.commands.inc(command='a"b\\c\nd', outcome="x")
    assert 'command="a\\"b\\\\c\\nd"' in metrics.render()
