"""The workspace's pages, one module per page: a pure view model (what the page shows, built from the request's
``Workspace``; no Flask, testable alone) and the page's route, which loads the workspace and renders the template
named after the page in the shared frame (``templates/workspace/_frame.html``).

So far: ``overview`` (the landing page of a launch). The other pages are still in ``smart_app.views.workspace_pages``.
"""
