"""Files that a page's JavaScript fetches and the browser then keeps for good (the Latent map's decoder weights):
each is published under a name with its content's hash, so that a changed file is a new address, and served by
this server's own route with a year-long, immutable Cache-Control. The browser asks once, across pages and
sessions; the page's script sends only the address. Both the route and the address sit under `server.baseUrlPath`
(a lecture hall or a hosted app may serve the whole app under a path), which st.App leaves to its routes."""

from __future__ import annotations

import threading

import streamlit as st
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from explorer.core.packed_arrays import content_name

PREFIX = "/explorer-files/"
_files: dict[str, bytes] = {}
_lock = threading.Lock()


def publish(stem: str, content: bytes) -> str:
    """Serve `content` from now on; returns its address on this server."""
    name = content_name(stem, content)
    with _lock:
        _files[name] = content
    return file_address(name)


def file_address(name: str) -> str:
    """The path of a published file on this server, under its base path ("/hall/explorer-files/..." when
    `server.baseUrlPath` is "hall")."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}{PREFIX}{name}" if base else PREFIX + name


async def _serve(request: Request) -> Response:
    content = _files.get(request.path_params["name"])
    if content is None:
        return Response("No such file on this server", status_code=404)
    return Response(content, media_type="application/octet-stream",
                    headers={"Cache-Control": "public, max-age=31536000, immutable"})


def browser_file_routes() -> list[Route]:
    """The route to hand to st.App (app.py)."""
    return [Route(file_address("{name}"), _serve, methods=["GET"])]
