"""The clinician's workspace on one blueprint: the overview (``smart_app.workspace.pages.overview``, the launch's
landing page), the pages (``workspace_pages``) and the changes they post (``workspace_changes``, and
``workspace_activities`` for a plan's activities, which show a page's form again through ``workspace_pages``;
never the other way round)."""

from __future__ import annotations

from flask import Flask

from smart_app.views import member_removal, workspace_activities, workspace_changes, workspace_pages
from smart_app.views.workspace_support import NAVIGATION, blueprint
from smart_app.workspace.pages import overview

__all__ = ["register"]
# imported for their routes on ``blueprint``
ROUTES = (overview, workspace_pages, workspace_changes, member_removal, workspace_activities)


def register(app: Flask) -> None:
    """Add the workspace (its overview, pages and the changes they post) to the app."""
    app.register_blueprint(blueprint)
    app.jinja_env.globals["workspace_navigation"] = NAVIGATION
