"""OpenID Connect log-in (placeholder until the flow lands)."""

from __future__ import annotations

from starlette.routing import Route

routes: list[Route] = []
