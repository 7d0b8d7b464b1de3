"""The app's pages: launch and callback (``launch``), the workspace of one launch (``workspace``), error pages."""
