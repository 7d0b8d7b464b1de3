"""The clinician's workspace on one blueprint (``frame.blueprint``): every page module registers its routes on it
when imported, so importing them all here is what puts the workspace in the app."""

from __future__ import annotations

from types import ModuleType

from flask import Flask

from smart_app.workspace.pages import (
    changes,
    client_copy,
    meetings,
    member,
    member_ending,
    needs,
    network,
    outcomes,
    overview,
    plan,
    plan_activities,
    plan_agreement,
    relationship,
    social_system,
    understanding,
)
from smart_app.workspace.pages.frame import NAVIGATION, blueprint

__all__ = ["register"]
# imported for their routes on ``blueprint``
PAGES: tuple[ModuleType, ...] = (overview, network, member, member_ending, changes, needs, plan, plan_activities)
PAGES += (plan_agreement, meetings, social_system, relationship, outcomes, understanding, client_copy)


def register(app: Flask) -> None:
    """Add the workspace (every page and the changes it posts) to the app."""
    app.register_blueprint(blueprint)
    app.jinja_env.globals["workspace_navigation"] = NAVIGATION
