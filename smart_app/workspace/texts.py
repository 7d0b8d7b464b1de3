"""Words the workspace pages need that are not in our code systems: FHIR status codes, person kinds, suggestions.

Lazy strings, translated when a page is rendered (Dutch by default, English available).
"""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from srh_fhir.terminology import BasicNeed

STATUS: Mapping[str, LazyString] = {
    # Goal.lifecycleStatus
    "proposed": _l("proposed"),
    "planned": _l("planned"),
    "accepted": _l("accepted"),
    "active": _l("active"),
    "on-hold": _l("on hold"),
    "completed": _l("completed"),
    "cancelled": _l("cancelled"),
    "entered-in-error": _l("entered in error"),
    "rejected": _l("rejected"),
    # Goal.achievementStatus
    "in-progress": _l("in progress"),
    "improving": _l("improving"),
    "worsening": _l("worsening"),
    "no-change": _l("no change"),
    "achieved": _l("achieved"),
    "sustaining": _l("sustaining"),
    "not-achieved": _l("not achieved"),
    "no-progress": _l("no progress"),
    "not-attainable": _l("not attainable"),
    # CarePlan.activity.detail.status and CarePlan.status
    "not-started": _l("not started"),
    "scheduled": _l("scheduled"),
    "stopped": _l("stopped"),
    "unknown": _l("unknown"),
    "draft": _l("draft"),
    "revoked": _l("revoked"),
    "inactive": _l("inactive"),
    # CareTeam.status
    "suspended": _l("suspended"),
}
"""FHIR's own status codes (Goal, CarePlan and its activities, CareTeam, Consent) in the page's language."""

CLIENT_CORE_ACTION: Mapping[str, LazyString] = {
    "connect": _l("you and your worker, working together"),
    "understand": _l("understanding what matters to you"),
    "secure": _l("making sure daily life keeps going"),
    "strengthen": _l("making your network stronger"),
}
"""What each core action is about, in plain words to the client (the client view and the client copy)."""

PERSON_KIND: Mapping[str, LazyString] = {
    "client": _l("client"),
    "network": _l("network member"),
    "professional": _l("professional"),
    "other": _l("other"),
}

# What an invitee answered to a network meeting (Appointment.participant.status), in the order the form offers it.
ANSWER: Mapping[str, LazyString] = {
    "accepted": _l("comes"),
    "tentative": _l("may come"),
    "declined": _l("does not come"),
    "needs-action": _l("no answer yet"),
}

CONSENT_STATUS: Mapping[str, LazyString] = {
    "given": _l("consent given"),
    "withdrawn": _l("consent withdrawn"),
    "none": _l("no consent"),
}

CHANGE_ASPECT: Mapping[str, LazyString] = {
    "closeness": _l("closeness"),
    "valence": _l("how the tie feels"),
    "reciprocity": _l("giving and receiving"),
}

# What changed about a member between two days, as the map of changes marks it (in the member's label).
MAP_HIGHLIGHT: Mapping[str, LazyString] = {
    "added": _l("new"),
    "ended": _l("ended"),
    "closer": _l("closer"),
    "further": _l("further away"),
}
MAP_HIGHLIGHT_MEANING: Mapping[str, LazyString] = {
    "added": _l("joined the network: solid ring"),
    "closer": _l("came closer: dashed ring"),
    "further": _l("went further away: dotted ring"),
    "ended": _l("tie ended: dotted ring with a cross, no line"),
}

# Why the changes page cannot compare the days asked for (by field and error, see map_change.choose_period).
PERIOD_ERROR: Mapping[str, LazyString] = {
    "before-missing": _l("Enter the first date (from)"),
    "before-invalid": _l("Enter the first date (from) as a real date, for example 3 March 2026"),
    "after-missing": _l("Enter the second date (to)"),
    "after-invalid": _l("Enter the second date (to) as a real date, for example 6 December 2026"),
    "after-before-start": _l("The second date (to) must be the same as or after the first date (from)"),
}

RATING_ITEMS = (
    _l("I feel my worker is really there for me"),
    _l("I feel understood"),
    _l("I can rely on my worker"),
    _l("My worker involves the people around me"),
)

NO_SECTOR = _l("No part of life given")
UNKNOWN_PERSON = _l("unknown person")
UNKNOWN_PROFESSIONAL = _l("unknown professional")

# Why a change was not saved, shown in the error summary above the form with the user's input.
FAILURE: Mapping[str, LazyString] = {
    "unreachable": _l(
        "The EHR's FHIR server could not be reached or did not answer in time. Nothing was saved; what you entered "
        "is still here. Try again in a moment."
    ),
    "unsupported": _l(
        "The EHR's FHIR server cannot save a change all at once (it does not support %(capability)s), and the app "
        "never saves half a change. Nothing was saved; what you entered is still here. Ask your application manager "
        "about the FHIR server."
    ),
    "refused": _l(
        "The EHR's FHIR server refused the change (HTTP %(status)s). Nothing was saved; what you entered is still "
        "here. Try again, or ask your application manager if it keeps happening."
    ),
    "expired": _l(
        "Your session with the EHR has ended. Nothing was saved; what you entered is still here and is kept for "
        "this client: launch the app again from your EHR and the form is filled in again."
    ),
    "unreadable": _l(
        "The EHR's FHIR server answered with something that is not FHIR, so the app cannot tell whether the change "
        "was saved. What you entered is still here: look at the page again before you save it once more."
    ),
    "changed_meanwhile": _l(
        "Your plan was changed just now by someone else. Nothing was saved; what you wrote is still here. Send it "
        "again."
    ),
    "meeting_changed_meanwhile": _l(
        "Someone else changed this network meeting just now. Nothing was saved; your answers are still here, beside "
        "the meeting as it is now. Check them and save again."
    ),
}

UNNAMED: Mapping[str, LazyString] = {
    "client": _l("the client"),
    "RelatedPerson": _l("a network member"),
    "professional": _l("a professional"),
    "Goal": _l("a goal"),
    "other": _l("an entry in Verstaan"),
}
"""What a chosen reference is said to be when the page cannot load what it points at (the FHIR server is down)."""

FIELD_LABELS: Mapping[str, LazyString] = {
    "given": _l("First name"),
    "family": _l("Last name"),
    "relationship": _l("Relationship (e.g. sister, neighbour)"),
    "sector": _l("Part of life"),
    "since": _l("In the network since"),
    "closeness": _l("How close"),
    "contact_frequency": _l("How often in contact"),
    "support": _l("Support this person gives"),
    "needs": _l("Basic needs"),
    "reciprocity": _l("Giving and receiving"),
    "valence": _l("How the tie feels"),
    "note": _l("Note"),
    "decision": _l("The client"),
    "actions": _l("Involved in"),
    "until": _l("Until (optional)"),
    "description": _l("Description"),
    "core_action": _l("Core action"),
    "due": _l("Target date"),
    "status": _l("Status"),
    "performers": _l("Who does it"),
    "expressed_by": _l("In whose words?"),
    "answers": _l("What it answers in Verstaan"),
    "goals": _l("Goals it works towards"),
    "scheduled": _l("When (e.g. every Tuesday morning)"),
    "need": _l("Basic need"),
    "ended_on": _l("Ended on"),
    "reason": _l("Why the tie ended (optional)"),
    "presence": _l("I feel my worker is really there for me"),
    "understood": _l("I feel understood"),
    "reliance": _l("I can rely on my worker"),
    "network_involved": _l("My worker involves the people around me"),
    "overall_grade": _l("Overall grade (1 to 10)"),
    "member": _l("Who"),
    "role": _l("Role"),
}

# "Versterken" goals for a need nobody meets: first-person starting sentences aimed at social embedding, to be put
# in the client's own words with them.
SUGGESTION: Mapping[BasicNeed, LazyString] = {
    BasicNeed.ATTACHMENT: _l("I want to have someone close I can always turn to."),
    BasicNeed.BELONGING: _l("I want to be part of a group again, where people know me."),
    BasicNeed.RECOGNITION: _l("I want to do something where others see and appreciate what I do."),
    BasicNeed.CARE_EXCHANGE: _l("I want to mean something for someone else, not only receive help."),
    BasicNeed.EMOTIONAL_SUPPORT: _l("I want someone I can talk to when things are hard."),
}


def status_label(code: str | None) -> str:
    return str(STATUS.get(code, code)) if code else ""


def suggestion(need: BasicNeed) -> str:
    return str(SUGGESTION[need])
