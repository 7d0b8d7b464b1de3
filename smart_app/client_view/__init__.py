"""The client's own view: what a client sees and may do when they open the app from a patient portal (a SMART
patient launch whose ``fhirUser`` is the launch's Patient, ``smart_app.audience``).

Pages, one module per page as in the workspace: ``network`` (the landing page: their map and who takes part with
their consent), ``needs``, ``plan`` (their goals and what is done, with the forms to add a goal in their own words
and to comment on the plan) and ``rating`` (how the work with their professional goes). ``picture`` is the pure view
model: it takes from the client's ``Workspace`` only what is theirs to see, never a professional's own records
(tie assessments' notes, need gradings' notes, the professional's reflection, Verstaan, ratings by professionals).
``frame`` is the blueprint under ``/c/<launch_key>`` and the page frame; the writes reuse the workspace's
(``smart_app.workspace.pages.writes``).
"""
