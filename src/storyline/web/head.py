"""HEAD answered as GET without the body (RFC 9110 9.3.2): uptime monitors and link checkers send HEAD, and FastAPI's
routes answer only the methods they name (a 405 told them the page was broken)."""
from __future__ import annotations


class HeadAsGet:
    """Pure ASGI middleware: a HEAD request runs as a GET; its status and headers (Content-Length too) are sent,
    its body is not."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "HEAD":
            return await self.app(scope, receive, send)

        async def headers_only(message):
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return  # the rest of a streamed body: not sent
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
