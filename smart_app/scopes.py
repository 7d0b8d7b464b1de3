"""SMART scopes: what the app asks for (v2 or v1 syntax, never mixed) and what a granted scope string allows.

SMART App Launch 2.2, "Scopes and Launch Context": v2 clinical scopes are ``patient/<Type>.<cruds>`` with an optional
``?param=value`` narrowing; v1 scopes ``patient/<Type>.read|write|*`` map to ``.rs`` and ``.cud``. A server that lists
``permission-v2`` among its capabilities gets v2 scopes, any other v1. The server may grant fewer scopes than asked;
``Permissions`` reads the ``scope`` of the token response, which is the only thing that counts.
"""

from __future__ import annotations

from dataclasses import dataclass

# What the app reads and writes about the launch's patient: (resource type, v2 actions).
RESOURCE_ACCESS: tuple[tuple[str, str], ...] = (
    ("Patient", "rs"),
    ("RelatedPerson", "cruds"),
    ("Observation", "crus"),
    ("CarePlan", "crus"),
    ("Goal", "crus"),
    ("CareTeam", "crus"),
    ("Consent", "crus"),
    ("Appointment", "crus"),  # the network meeting as planned
    # contact moments (every Encounter read as one, created when the EHR holds none) and the network meeting as held
    ("Encounter", "crus"),
    ("Provenance", "crs"),  # who changed what: written with each change, read to show it; never changed itself
)
# What the client's own view (a patient launch from a portal) reads and writes: the client's picture read, and only
# what the client may add: a goal in their own words (Goal, and the plan that lists it, which a plan comment also
# changes), a consent per network member, their rating of the working relationship (an Observation), and the change
# record of each (Provenance). Never an update or delete of a member, an assessment, a goal or a consent.
CLIENT_ACCESS: tuple[tuple[str, str], ...] = (
    ("Patient", "rs"),
    ("RelatedPerson", "rs"),
    ("Observation", "crs"),
    ("CarePlan", "crus"),
    ("Goal", "crs"),
    ("CareTeam", "rs"),
    ("Consent", "crs"),
    ("Provenance", "crs"),
)
CLIENT_READS: tuple[str, ...] = tuple(resource for resource, _ in CLIENT_ACCESS)
"""What the client view cannot do without: reading each of these about the client."""
# Who the resources point at, read only to show their names (activity performers, care team members, consent
# actors, the signed-in user): user scopes, since professionals are outside any patient compartment.
DIRECTORY_ACCESS: tuple[str, ...] = ("Practitioner", "PractitionerRole", "Organization")
V1_ACTIONS = {"read": "rs", "write": "cud", "*": "cruds"}
V2_ACTION_ORDER = "cruds"


def requested_scopes(*, v2: bool, ehr_launch: bool, access: str, client: bool = False) -> str:
    """The scope string of the authorize request.

    ``ehr_launch`` asks for ``launch`` (the EHR supplies the context), else ``launch/patient`` (the user picks a
    patient at the authorization server). ``access`` is "online", "offline" or "none". ``client``: the client's
    own view (``CLIENT_ACCESS``), else the clinician's workspace (``RESOURCE_ACCESS``).
    """
    scopes = ["launch" if ehr_launch else "launch/patient", "openid", "fhirUser"]
    for resource, actions in CLIENT_ACCESS if client else RESOURCE_ACCESS:
        if v2:
            scopes.append(f"patient/{resource}.{actions}")
        else:
            scopes.append(f"patient/{resource}.read")
            if actions != "rs":
                scopes.append(f"patient/{resource}.write")
    scopes += [f"user/{resource}.{'rs' if v2 else 'read'}" for resource in DIRECTORY_ACCESS]
    if access == "online":
        scopes.append("online_access")
    elif access == "offline":
        scopes.append("offline_access")
    return " ".join(scopes)


@dataclass(frozen=True)
class ScopeGrant:
    """One clinical scope: context (patient/user/system), resource type (or ``*``), actions, narrowed or not."""

    context: str
    resource: str
    actions: frozenset[str]
    narrowed: bool


def parse_clinical_scope(scope: str) -> ScopeGrant | None:
    """A v1 or v2 clinical scope, or None for anything else (``launch``, ``openid``, unknown syntax)."""
    head, _, query = scope.partition("?")
    context, slash, rest = head.partition("/")
    if not slash or context not in ("patient", "user", "system"):
        return None
    resource, dot, action = rest.partition(".")
    if not dot or not resource:
        return None
    if action in V1_ACTIONS:
        actions = V1_ACTIONS[action]
    elif action and all(letter in V2_ACTION_ORDER for letter in action) and _in_order(action):
        actions = action
    else:
        return None
    return ScopeGrant(context=context, resource=resource, actions=frozenset(actions), narrowed=bool(query))


def _in_order(action: str) -> bool:
    """v2 actions appear in the order c, r, u, d, s, each at most once."""
    positions = [V2_ACTION_ORDER.index(letter) for letter in action]
    return positions == sorted(set(positions))


class Permissions:
    """What a granted scope string allows the app to do with the launch's patient's data."""

    def __init__(self, granted: str) -> None:
        self.granted = tuple(granted.split())
        self._grants = [g for g in (parse_clinical_scope(s) for s in self.granted) if g is not None]

    def allows(self, resource: str, action: str, *, whole: bool = True) -> bool:
        """Whether ``action`` (one of c r u d s) is granted on ``resource``; ``whole`` ignores narrowed scopes."""
        return any(
            action in grant.actions
            and grant.resource in (resource, "*")
            and grant.context in ("patient", "user")
            and not (whole and grant.narrowed)
            for grant in self._grants
        )

    def can_read(self, resource: str) -> bool:
        return self.allows(resource, "r", whole=False) or self.allows(resource, "s", whole=False)

    def can_create(self, resource: str) -> bool:
        return self.allows(resource, "c")

    def can_update(self, resource: str) -> bool:
        return self.allows(resource, "u")

    @property
    def reads_professionals(self) -> bool:
        """Whether the names of the professionals may be loaded: every type of ``DIRECTORY_ACCESS`` is readable."""
        return all(self.allows(resource, "r") and self.allows(resource, "s") for resource in DIRECTORY_ACCESS)

    @property
    def read_only(self) -> bool:
        """No create or update on a network member: the app shows its data and sends no writes."""
        return not (self.can_create("RelatedPerson") or self.can_update("RelatedPerson"))

    def client_view_misfit(self) -> str | None:
        """Why these scopes do not fit the client's own view, or None: it needs to read every type of
        ``CLIENT_READS`` and may write nothing beyond ``CLIENT_ACCESS`` (a client holding a token that could change
        their network members is a portal set up wrongly, and the app does not take part in it)."""
        if not all(self.can_read(resource) for resource in CLIENT_READS):
            return "client_scopes_missing"
        allowed = dict(CLIENT_ACCESS)
        for grant in self._grants:
            writes = grant.actions & set("cud")
            if writes and not writes <= set(allowed.get(grant.resource, "")):
                return "client_scopes_too_wide"
        return None

    @property
    def has_refresh(self) -> bool:
        return "online_access" in self.granted or "offline_access" in self.granted
