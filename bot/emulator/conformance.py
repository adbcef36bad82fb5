"""Check recorded REST exchanges against Discord's OpenAPI description.

Each request body the client sent and each JSON answer the emulator gave is validated
with jsonschema against `shared/discord-api-spec/openapi.json`; a mismatch names the
route, the side (request or response) and the JSON path.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from jsonschema.exceptions import best_match  # type: ignore[import-untyped]
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from bot.emulator.records import RequestRecord

SPEC_URI = "urn:discord:openapi"
SPEC_ENV = "NEWSBRIEF_DISCORD_OPENAPI"
JSON = dict[str, Any]


def spec_path() -> Path:
    """Where the spec should be: $NEWSBRIEF_DISCORD_OPENAPI, else ../shared next to the repo."""
    override = os.environ.get(SPEC_ENV)
    if override:
        return Path(override)
    import bot

    return Path(bot.__file__).resolve().parents[2] / "shared" / "discord-api-spec" / "openapi.json"


@functools.cache
def load_spec(path: Path) -> JSON:
    """Parse the spec once per process (it is over a megabyte)."""
    with path.open(encoding="utf-8") as handle:
        spec: JSON = json.load(handle)
    return spec


@dataclass(frozen=True)
class Violation:
    """One way an exchange disagrees with the spec."""

    method: str
    route: str
    status: int
    side: str
    json_path: str
    message: str

    def __str__(self) -> str:
        return f"{self.method} {self.route} -> {self.status}: {self.side} at {self.json_path}: {self.message}"


def _registry(spec: JSON) -> Registry[Any]:
    resource: Resource[Any] = Resource.from_contents(spec, default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
    return registry


def _lenient_snowflakes(spec: JSON) -> JSON:
    """The spec with integer snowflakes allowed, for request bodies only.

    Discord parses a snowflake sent as a JSON integer (discord.py sends `recipient_id` of
    POST /users/@me/channels that way); its answers always carry them as strings.
    """
    schemas = dict(spec["components"]["schemas"])
    schemas["SnowflakeType"] = {"anyOf": [schemas["SnowflakeType"], {"type": "integer", "minimum": 0}]}
    return {**spec, "components": {**spec["components"], "schemas": schemas}}


def _pointer(*parts: str) -> str:
    escaped = [p.replace("~", "~0").replace("/", "~1") for p in parts]
    return quote("/" + "/".join(escaped), safe="/~@")


class ConformanceChecker:
    """Validates RequestRecords against one loaded spec, caching compiled validators."""

    def __init__(self, spec: JSON) -> None:
        self.spec = spec
        self._registries: dict[str, Registry[Any]] = {
            "response": _registry(spec),
            "request": _registry(_lenient_snowflakes(spec)),
        }
        self._validators: dict[tuple[str, str], Draft202012Validator] = {}

    @classmethod
    def from_path(cls, path: Path | None = None) -> ConformanceChecker:
        """A checker for the spec at `path` (default: `spec_path()`)."""
        return _checker(path or spec_path())

    def _validator(self, side: str, pointer: str) -> Draft202012Validator:
        registry = self._registries["request" if side == "request" else "response"]
        validator = self._validators.get((side, pointer))
        if validator is None:
            schema = {"$ref": f"{SPEC_URI}#{pointer}"}
            validator = Draft202012Validator(schema, registry=registry)
            self._validators[(side, pointer)] = validator
        return validator

    def _validate(self, record: RequestRecord, side: str, pointer: str, instance: Any) -> list[Violation]:
        errors = list(self._validator(side, pointer).iter_errors(instance))
        if not errors:
            return []
        error = _deepest(best_match(errors))
        return [Violation(record.method, record.route, record.status, side, error.json_path, error.message[:300])]

    def check(self, record: RequestRecord) -> list[Violation]:
        """Every violation in one exchange (empty when it conforms)."""
        method = record.method.lower()
        path_item = self.spec["paths"].get(record.route)
        if path_item is None or method not in path_item:
            return [self._violation(record, "route", "$", "not described by the spec")]
        operation: JSON = path_item[method]
        out = self._check_query(record, path_item, operation)
        if record.json is not None:
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" not in content:
                out.append(self._violation(record, "request", "$", "the spec takes no JSON body"))
            else:
                base = ("paths", record.route, method, "requestBody", "content", "application/json")
                out += self._validate(record, "request", _pointer(*base, "schema"), record.json)
        return out + self._check_response(record, operation, method)

    def _check_query(self, record: RequestRecord, path_item: JSON, operation: JSON) -> list[Violation]:
        known = {
            p["name"]
            for p in [*path_item.get("parameters", []), *operation.get("parameters", [])]
            if p.get("in") == "query"
        }
        return [
            self._violation(record, "query", f"$.{name}", "unknown query parameter")
            for name in record.query
            if name not in known
        ]

    def _check_response(self, record: RequestRecord, operation: JSON, method: str) -> list[Violation]:
        responses: JSON = operation.get("responses", {})
        status = str(record.status)
        if record.status >= 500:
            return []  # the spec does not describe server errors (injected faults)
        key = status if status in responses else f"{status[0]}XX"
        if key not in responses:
            return [self._violation(record, "response", "$", f"status {status} not described")]
        response: JSON = responses[key]
        parts: tuple[str, ...] = ("paths", record.route, method, "responses", key)
        if "$ref" in response:
            ref = response["$ref"].removeprefix("#/")
            parts = tuple(ref.split("/"))
            response = self.spec
            for part in parts:
                response = response[part]
        content = response.get("content", {})
        if record.response is None:
            if "application/json" in content and record.status != 204:
                return [self._violation(record, "response", "$", "expected a JSON body")]
            return []
        if record.content_type != "application/json":
            return [
                self._violation(
                    record, "response", "$", f"Content-Type {record.content_type!r} is not exactly application/json"
                )
            ]
        if "application/json" not in content:
            return [self._violation(record, "response", "$", "the spec describes no JSON body")]
        pointer = _pointer(*parts, "content", "application/json", "schema")
        return self._validate(record, "response", pointer, record.response)

    @staticmethod
    def _violation(record: RequestRecord, side: str, path: str, message: str) -> Violation:
        return Violation(record.method, record.route, record.status, side, path, message)

    def check_log(self, records: Iterable[RequestRecord]) -> list[Violation]:
        """Violations across a whole request log."""
        out: list[Violation] = []
        for record in records:
            out.extend(self.check(record))
        return out


def _deepest(error: Any) -> Any:
    """For anyOf/oneOf failures, the branch error that got furthest into the document."""
    while error.context:
        error = max(error.context, key=lambda e: len(e.absolute_path))
    return error


@functools.cache
def _checker(path: Path) -> ConformanceChecker:
    return ConformanceChecker(load_spec(path))


def format_violations(violations: Iterable[Violation]) -> str:
    """One line per violation, for assertion messages."""
    return "\n".join(str(v) for v in violations)
