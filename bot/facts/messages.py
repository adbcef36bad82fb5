"""Pydantic validation errors rewritten as messages an editor can act on.

Pydantic speaks about "input" and "instances"; editors need to know which key, what was
expected there, and what they actually wrote.
"""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from bot.facts.schema import Article

Location = tuple[str | int, ...]

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values",
    "date_type": "a date written YYYY-MM-DD",
    "date_parsing": "a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "a date written YYYY-MM-DD",
    "date_from_datetime_inexact": "a date written YYYY-MM-DD",
    "date_future": "a date written YYYY-MM-DD",
}

_ID_RULE = "lowercase letters, digits and hyphens, starting with a letter or digit"


def key_path(location: Location) -> str:
    """`quotes.0.text` style, the way editors see it in messages."""
    return ".".join(str(part) for part in location)


def describe(value: Any) -> str:
    """What the editor wrote, in YAML terms."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (a boolean)"
    if isinstance(value, int | float):
        return f"{value!r} (a number)"
    if isinstance(value, dt.datetime):
        return f"{value.isoformat(sep=' ')} (a date and time)"
    if isinstance(value, dt.date):
        return f"{value.isoformat()} (a date)"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"{shown!r} (text)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def message_for(error: ErrorDetails) -> str:
    """One line for one pydantic error (its location is rendered as a dotted key path)."""
    location = tuple(error["loc"])
    where = key_path(location)
    kind = error["type"]
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return f"missing required key `{where}`"
    if kind == "extra_forbidden":
        return _unknown_key(location)
    if kind in _EXPECTED:
        if kind == "string_type" and value is None:
            return f"`{where}`: no value given; expected text"
        message = f"`{where}`: expected {_EXPECTED[kind]}, got {describe(value)}"
        if kind == "string_type" and isinstance(value, bool | int | float | dt.date):
            message += "; put it in quotes to make it text"
        return message
    if kind == "string_too_short":
        return f"`{where}`: must not be empty"
    if kind == "string_too_long":
        return f"`{where}`: is {len(str(value))} characters; the limit is {ctx['max_length']}"
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return f"`{where}`: must list at least {least} item{'s' if least != 1 else ''}"
    if kind == "string_pattern_mismatch":
        return f"`{where}`: {value!r} is not a valid id; use {_ID_RULE}"
    if kind == "greater_than_equal":
        return f"`{where}`: must be at least {ctx['ge']}, got {value!r}"
    text = error["msg"].removeprefix("Value error, ")
    return f"`{where}`: {text}" if where else text


def _unknown_key(location: Location) -> str:
    where = key_path(location)
    key = str(location[-1])
    known = sorted(fields_at(location[:-1]))
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f"unknown key `{where}` (did you mean `{close[0]}`?)"
    if known:
        return f"unknown key `{where}` (allowed here: {', '.join(known)})"
    return f"unknown key `{where}`"


def suggested_key(location: Location) -> str | None:
    """The known key an unknown key at `location` is probably a misspelling of, if any."""
    known = fields_at(location[:-1])
    close = difflib.get_close_matches(str(location[-1]), sorted(known), n=1, cutoff=0.6)
    return close[0] if close else None


def fields_at(location: Location) -> set[str]:
    """The keys the schema allows in the mapping at `location` (empty when not a mapping)."""
    model: type[BaseModel] | None = Article
    for part in location:
        if model is None:
            return set()
        if isinstance(part, int):
            continue  # an item of a list: the list's field already chose the item model
        field = model.model_fields.get(part)
        model = _model_in(field.annotation) if field is not None else None
    return set(model.model_fields) if model is not None else set()


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside `Foo`, `Foo | None`, `list[Foo]` or `Annotated[...]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is None and not isinstance(annotation, types.UnionType):
        return None
    return _first(_model_in(arg) for arg in typing.get_args(annotation))


def _first(candidates: Iterable[type[BaseModel] | None]) -> type[BaseModel] | None:
    return next((c for c in candidates if c is not None), None)
