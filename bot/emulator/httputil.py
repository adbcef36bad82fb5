"""Response helpers that match Discord byte for byte where discord.py is strict.

discord.py parses a body as JSON only when Content-Type is exactly 'application/json'
(aiohttp's json_response appends a charset), and a 204 must carry no JSON type.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import BodyPartReader, web

# The JSON document of a response, kept for the request log (typed key on aiohttp 3.12+).
JSON_BODY_KEY: Any = web.ResponseKey("emulator_json", object) if hasattr(web, "ResponseKey") else "emulator_json"


class ApiError(Exception):
    """A Discord-style error answer: HTTP status plus JSON {code, message}."""

    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(f"{status} {code} {message}")
        self.status = status
        self.code = code
        self.message = message


def unknown(kind: str, code: int) -> ApiError:
    """404 'Unknown <kind>' with Discord's error code for it."""
    return ApiError(404, code, f"Unknown {kind}")


def json_response(data: Any, *, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """A JSON answer with Content-Type exactly 'application/json'."""
    all_headers = {"Content-Type": "application/json"}
    if headers:
        all_headers.update(headers)
    response = web.Response(body=json.dumps(data).encode(), status=status, headers=all_headers)
    response[JSON_BODY_KEY] = data
    return response


def no_content(headers: dict[str, str] | None = None) -> web.Response:
    """204 with no body and no content type."""
    response = web.Response(status=204, headers=headers or {})
    response[JSON_BODY_KEY] = None
    return response


def error_response(error: ApiError, headers: dict[str, str] | None = None) -> web.Response:
    """Render an ApiError."""
    return json_response({"message": error.message, "code": error.code}, status=error.status, headers=headers)


@dataclass
class UploadedFile:
    """A file part of a multipart request."""

    field: str
    filename: str
    data: bytes
    content_type: str | None = None


@dataclass
class Body:
    """A request body: the JSON document (or payload_json of a multipart one) and files."""

    json: Any = None
    files: list[UploadedFile] = field(default_factory=list)

    def object(self) -> dict[str, Any]:
        """The body as a JSON object ({} when absent); 400 when it is something else."""
        if self.json is None:
            return {}
        if not isinstance(self.json, dict):
            raise ApiError(400, 50035, "Invalid Form Body")
        return self.json


async def read_body(request: web.Request) -> Body:
    """Parse JSON or multipart (payload_json + files[n]) bodies once, before handlers run."""
    if request.content_type.startswith("multipart/"):
        body = Body()
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader):  # nested multipart: not used by Discord
                continue
            data = await part.read()
            if part.name == "payload_json":
                body.json = json.loads(data)
            else:
                body.files.append(
                    UploadedFile(
                        field=part.name or "",
                        filename=part.filename or "file",
                        data=bytes(data),
                        content_type=part.headers.get("Content-Type"),
                    )
                )
        return body
    raw = await request.read()
    if not raw:
        return Body()
    try:
        return Body(json=json.loads(raw))
    except ValueError as exc:
        raise ApiError(400, 50109, "The request body contains invalid JSON.") from exc
