"""The client view's blueprint (``/c/<launch_key>``, for a client's launch only: ``load_client_launch``) and its
navigation. Pages render with the workspace's ``frame.render``, which picks ``templates/client/`` for a client's
launch, and save with the workspace's ``writes``: one way to load, save and tell failures, for both views."""

from __future__ import annotations

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from smart_app.views import current_launch

blueprint = Blueprint("client", __name__, url_prefix="/c/<launch_key>")
blueprint.url_value_preprocessor(current_launch.load_client_launch)
blueprint.url_defaults(current_launch.add_launch_key)

NAVIGATION = (
    ("client.home", _l("Your network")),
    ("client.needs", _l("What you need")),
    ("client.plan", _l("Your plan")),
    ("client.rating", _l("How it goes with your worker")),
)
