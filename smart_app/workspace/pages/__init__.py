"""The workspace's pages, one module per page: a pure view model (what the page shows, built from the request's
``Workspace``; no Flask, testable alone) and the page's route, which loads the workspace and renders the template
named after the page in the shared frame (``templates/workspace/_frame.html``).

The pages: ``overview`` (the landing page of a launch), ``network``, ``member`` (with ``member_ending``: the tie
ended, or entered by mistake), ``changes`` (Veranderingen), ``needs``, ``plan`` (with ``plan_activities``,
``activity_forms`` and ``plan_agreement``), ``meetings`` (Netwerkberaad), ``social_system``, ``relationship`` (the
working relationship), ``outcomes`` (Uitkomsten), ``understanding`` (Verstaan) and ``client_copy``. What they share:
``frame`` (the blueprint, loading the client, rendering, failures), ``writes`` (saving a change, conflicts),
``posted`` (the posted form, shown and posted again) and ``kept`` (the one session store per client: drafts and the
undo offer). ``routes`` registers them all; no page imports a page it does not show a form of.
"""
