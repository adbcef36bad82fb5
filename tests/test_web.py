from __future__ import annotations

import aiohttp

from bot.metrics import Metrics
from bot.web import HealthServer


async def test_health_endpoints() -> None:
    state = {"gateway": False, "content": True, "store": True}

    async def readiness() -> dict[str, bool]:
        return dict(state)

    metrics = Metrics()
    metrics.digests.inc(outcome="sent")
    server = HealthServer(metrics, readiness, port=0)
    await server.start()
    base = f"http://127.0.0.1:{server.bound_port}"
    try:
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{base}/healthz") as response:
                assert response.status == 200
            async with http.get(f"{base}/readyz") as response:
                assert response.status == 503
                assert (await response.json())["checks"]["gateway"] is False
            state["gateway"] = True
            async with http.get(f"{base}/readyz") as response:
                assert response.status == 200
            async with http.get(f"{base}/metrics") as response:
                assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
                assert 'newsbrief_digests_total{outcome="sent"} 1' in await response.text()
    finally:
        await server.stop()
