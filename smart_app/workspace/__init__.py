"""The clinician's workspace as view models: what each page shows, built from a client's picture.

One module per part: ``context`` (the picture of one request, analysed once), ``network_map`` (the map: rings,
sectors, ties), ``map_change`` (the map at two dates), ``needs`` (who meets each basic need), ``consent`` (who may
be involved), ``plan_board`` (the plan by the four core actions), ``social_system``, ``ratings`` (the working
relationship over time), ``people`` (names and kinds of the people a page mentions), ``builders`` (domain objects
from what a form says), ``ehr_style`` (the EHR's style as CSS), ``dates`` (dates in the page's language). They
speak the domain model of ``srh_fhir.model``; reading and saving is the library's (``srh_fhir.client_repository``),
and no FHIR JSON is built or read here.
These are pure Python; only ``forms`` (Flask-WTF) and ``texts`` (Flask-Babel lazy strings) touch Flask. ``pages``
holds one module per page (its routes, and its view model where no module here has it) around a shared ``frame``;
``pages.routes`` registers them.
"""
