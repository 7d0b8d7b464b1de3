"""The client view on one blueprint (``frame.blueprint``): importing the page modules registers their routes."""

from __future__ import annotations

from types import ModuleType

from flask import Flask

from smart_app.client_view import needs, network, plan, rating
from smart_app.client_view.frame import NAVIGATION, blueprint

__all__ = ["register"]
PAGES: tuple[ModuleType, ...] = (network, needs, plan, rating)  # imported for their routes on ``blueprint``


def register(app: Flask) -> None:
    """Add the client view to the app."""
    app.register_blueprint(blueprint)
    app.jinja_env.globals["client_navigation"] = NAVIGATION
