"""`make demo` (``python -m devstack.demo``): HAPI FHIR seeded with the example clients, the sandbox EHR in front of
it, and the SRH app.

    HAPI FHIR   http://127.0.0.1:<DEMO_FHIR_PORT, 8080>/fhir   (devstack/hapi_server.py), or DEMO_FHIR_BASE
    sandbox     http://localhost:<DEMO_SANDBOX_PORT, 8081>     (python -m devstack.sandbox_ehr)
    SRH app     http://127.0.0.1:<DEMO_APP_PORT, 5000>         (flask --app smart_app run)

The sandbox and the app are on different sites (localhost vs 127.0.0.1), as an EHR and an app are. DEMO_CLIENT_TYPE
(public | confidential-symmetric | confidential-asymmetric) chooses the app's registration; the secret of the
confidential-symmetric one is made for each run. DEMO_FHIR_BASE uses a FHIR server that is already running (with our
profile package) instead of starting HAPI. Ctrl-C stops everything and exits with 0.
"""

from __future__ import annotations

import os
import sys

from devstack.interrupts import Interrupts


def main() -> int:
    interrupts = Interrupts("\nStopping...\n")
    interrupts.install()
    try:
        # Imported only now: Ctrl-C in the second these imports take must not end in a traceback either.
        from devstack.demo_stack import DemoSettings, run

        return run(DemoSettings.from_env(os.environ), interrupts)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
