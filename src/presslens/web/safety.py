"""Request hardening shared by the API and the pages: a body size limit enforced on the
bytes actually received (not only the Content-Length header), security headers, and the
JSON error shape ``{"error": {"code": ..., "message": ...}}``."""

from __future__ import annotations

import json
from typing import Any

from presslens.errors import PresslensError

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]

STATUS = {"E512": 404, "E514": 401, "E511": 413}


def status_for(exc: PresslensError) -> int:
    return STATUS.get(exc.code, 400)


def error_body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


class LimitsMiddleware:
    """Refuse request bodies over ``limit`` bytes with 413, add security headers."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def _reject(self, send: Any) -> None:
        body = json.dumps(error_body("E511", PresslensError("E511", limit=self.limit).message)).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                *SECURITY_HEADERS]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    too_big = int(value) > self.limit
                except ValueError:
                    too_big = True
                if too_big:
                    await self._reject(send)
                    return
        # Read the whole body first (it is at most ``limit`` bytes), then replay it: the
        # limit holds for chunked bodies too, and the app never sees a partial request.
        chunks: list[bytes] = []
        received = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return
            chunk = message.get("body", b"")
            received += len(chunk)
            if received > self.limit:
                await self._reject(send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Any:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                names = {n.lower() for n, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *((n, v) for n, v in SECURITY_HEADERS if n not in names)]
            await send(message)

        await self.app(scope, replay, send_with_headers)


def clean_str(value: str | None, max_len: int | None = None) -> str | None:
    """Text from a request as storable text: no lone surrogates, no NUL bytes."""
    if value is None:
        return None
    value = value.encode("utf-8", "replace").decode("utf-8").replace("\x00", "")
    return value[:max_len] if max_len else value
