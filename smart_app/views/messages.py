"""What the user reads when something fails: a title and what to do, per reason (translated)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString


@dataclass(frozen=True)
class Problem:
    title: LazyString
    advice: LazyString
    relaunch: bool = False  # offer "launch again from your EHR"


PROBLEMS: dict[str, Problem] = {
    "issuer_missing": Problem(
        _l("The app was opened without an EHR"),
        _l("Open the app from your electronic health record (EHR)."),
    ),
    "issuer_not_allowed": Problem(
        _l("This EHR is not connected to the app"),
        _l("The app may only be used from the EHRs it is registered with. Ask your application manager."),
    ),
    "launch_missing": Problem(
        _l("The EHR sent an incomplete launch"),
        _l("Start the app again from your EHR."),
        relaunch=True,
    ),
    "discovery_failed": Problem(
        _l("The EHR cannot be reached"),
        _l("The EHR's sign-in service did not answer as expected. Try again in a moment."),
    ),
    "no_pkce": Problem(
        _l("The EHR's sign-in is not secure enough"),
        _l("The EHR does not support PKCE (S256), which this app requires. Ask your application manager."),
    ),
    "state_invalid": Problem(
        _l("This sign-in cannot be completed"),
        _l(
            "The answer from the EHR does not belong to a sign-in started in this browser, or it was used already. "
            "Start the app again from your EHR."
        ),
        relaunch=True,
    ),
    "issuer_mismatch": Problem(
        _l("The sign-in answer came from another server"),
        _l("Start the app again from your EHR."),
        relaunch=True,
    ),
    "authorization_denied": Problem(
        _l("Access was not granted"),
        _l("The EHR did not give the app access. Start the app again and allow access, or ask your manager."),
        relaunch=True,
    ),
    "authorization_error": Problem(
        _l("The EHR refused the sign-in"),
        _l("Start the app again from your EHR. If this keeps happening, ask your application manager."),
        relaunch=True,
    ),
    "token_refused": Problem(
        _l("The EHR refused to give the app access"),
        _l("Start the app again from your EHR. If this keeps happening, ask your application manager."),
        relaunch=True,
    ),
    "id_token_invalid": Problem(
        _l("Your identity could not be verified"),
        _l("The EHR's statement of who you are did not check out, so the app stopped. Start it again from your EHR."),
        relaunch=True,
    ),
    "no_patient": Problem(
        _l("No client was selected"),
        _l("The EHR did not say which client to open. Open a client's record in your EHR and start the app there."),
        relaunch=True,
    ),
    "client_unknown": Problem(
        _l("We do not know who signed in"),
        _l("The portal did not say who you are, so your own page cannot be opened. Sign in to the portal again."),
        relaunch=True,
    ),
    "user_type_unsupported": Problem(
        _l("This sign-in cannot open the app"),
        _l("The app opens for a client or for a care professional. Sign in as one of them and try again."),
        relaunch=True,
    ),
    "client_other_patient": Problem(
        _l("This is not your own record"),
        _l("You signed in as another person than the one this page is about. You can only see your own page."),
        relaunch=True,
    ),
    "client_scopes_missing": Problem(
        _l("The portal did not give the app enough access"),
        _l("The app needs to read your network, your needs and your plan. Allow this when you sign in again."),
        relaunch=True,
    ),
    "client_scopes_too_wide": Problem(
        _l("The portal gave the app too much access"),
        _l(
            "A client may add goals, comments, consents and ratings, but not change other data. The app stopped to "
            "keep your data safe. Ask the portal's manager."
        ),
        relaunch=True,
    ),
    "wrong_view": Problem(
        _l("This page is not for this sign-in"),
        _l("Clients see their own page; care professionals see the workspace. Go back to the page you came from."),
    ),
    "launch_unknown": Problem(
        _l("This session has ended"),
        _l("Launch the app again from your EHR."),
        relaunch=True,
    ),
    "launch_other_session": Problem(
        _l("This page belongs to another session"),
        _l("Launch the app again from your EHR."),
        relaunch=True,
    ),
    "relaunch": Problem(
        _l("Your session with the EHR has ended"),
        _l("Launch the app again from your EHR. What you entered is shown below and kept for the next launch."),
        relaunch=True,
    ),
    "patient_mismatch": Problem(
        _l("This does not belong to the open client"),
        _l("The request named another client than the one this window was opened for. Nothing was saved."),
    ),
    "read_only": Problem(
        _l("You can only read in this session"),
        _l("The EHR gave the app read access only. Nothing was saved."),
    ),
    "forbidden": Problem(
        _l("The EHR refused this"),
        _l("The EHR did not allow the app to do this. Nothing was changed."),
    ),
    "fhir_unavailable": Problem(
        _l("The EHR's data cannot be reached"),
        _l("Try again in a moment. Nothing was lost."),
    ),
    "fhir_refused": Problem(
        _l("The EHR did not accept the change"),
        _l("Check what you entered and try again."),
    ),
    "conflict": Problem(
        _l("Someone else changed this in the meantime"),
        _l("Nothing was saved. The current version is shown below; reload the page and make your change again."),
    ),
    "not_found": Problem(
        _l("Not found"),
        _l("What you asked for does not exist (any more)."),
    ),
    "signed_out": Problem(
        _l("You have signed out"),
        _l("The app has forgotten your access to the EHR in this browser. To go on, start the app from your EHR."),
        relaunch=True,
    ),
    "csrf": Problem(
        _l("The form has expired"),
        _l("Reload the page and enter it again."),
    ),
    "bad_request": Problem(
        _l("The request is not valid"),
        _l("Go back and try again."),
    ),
    "fhir_unreadable": Problem(
        _l("The EHR's FHIR server gave an answer the app cannot read"),
        _l("It did not answer in FHIR. Try again in a moment; if it keeps happening, tell your application manager."),
    ),
    "method_not_allowed": Problem(
        _l("This cannot be done here"),
        _l("Go back and use the buttons and links of the app."),
    ),
    "too_large": Problem(
        _l("What you sent is too large"),
        _l("Go back, shorten what you entered and try again."),
    ),
    "internal": Problem(
        _l("Something went wrong in the app"),
        _l("Nothing more was saved than the app told you before. Try again; if it happens again, tell your "
           "application manager the reference below."),
    ),
    "store_unavailable": Problem(
        _l("The app is temporarily unavailable"),
        _l("Try again in a moment."),
    ),
}
