"""A launch's access token for the FHIR client, refreshed one at a time per launch.

``LaunchTokens`` is a ``srh_fhir.auth.TokenProvider``. It refreshes shortly before the token expires and after the
FHIR server answers 401. Parallel requests of one launch (several tabs, several app processes sharing Redis) take
the launch's lock and read the stored launch again: the first one refreshes, the others find a newer token and use
it. A refresh token is used once: the new one from the answer replaces it (SMART App Launch 2.2, "Refresh access
token"). When refreshing is impossible, ``TokenExpired`` tells the view to ask for a new launch.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import requests

from smart_app import ehr_http
from smart_app.client_auth import (
    check_token_response,
    request_token,
    token_client,
    token_lifetime,
)
from smart_app.config import AppSettings
from smart_app.errors import TokenRequestRefused
from smart_app.records import Launch
from smart_app.sessions import Store
from srh_fhir.errors import AuthError, FHIRConnectionError, TokenExpired

EXPIRY_MARGIN = 30  # seconds before expiry at which the token is renewed
log = logging.getLogger(__name__)


class LaunchTokens:
    """Bearer tokens of one launch, read from and written back to the store."""

    def __init__(
        self,
        settings: AppSettings,
        store: Store,
        launch: Launch,
        on_refresh: Callable[[], None] | None = None,
        http: requests.Session | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self.launch = launch
        self._on_refresh = on_refresh
        self._http = http  # the session for the token endpoint; None: the current app's (ehr_http.current)

    def access_token(self) -> str:
        if time.time() >= self.launch.expires_at - EXPIRY_MARGIN:
            self._refresh_unless_renewed(self.launch.access_token)
        return self.launch.access_token

    def refresh(self) -> None:
        self._refresh_unless_renewed(self.launch.access_token)

    def _refresh_unless_renewed(self, stale_token: str) -> None:
        with self.store.lock(f"refresh:{self.launch.key}"):
            current = self.store.get("launch", self.launch.key)
            if current is None:
                raise TokenExpired("the launch has ended")
            stored = Launch.from_dict(current)
            if stored.access_token != stale_token and time.time() < stored.expires_at - EXPIRY_MARGIN:
                self.launch = stored  # another request refreshed meanwhile
                return
            self.launch = self._refreshed(stored)
            self.store.put("launch", stored.key, self.launch.to_dict(), timeout=self.settings.session_seconds)

    def _refreshed(self, launch: Launch) -> Launch:
        if not launch.refresh_token:
            raise TokenExpired("the access token expired and the launch has no refresh token")
        server = launch.server
        http = self._http or ehr_http.current()
        client = token_client(self.settings, http, server.token_endpoint, tuple(server.signing_algorithms))
        try:
            token = request_token(
                client,
                server.token_endpoint,
                grant_type="refresh_token",
                refresh_token=launch.refresh_token,
            )
            token.setdefault("scope", launch.scope)  # a refresh answer may leave the scope unchanged and unsaid
            check_token_response(token)
        except TokenRequestRefused as error:
            raise TokenExpired(f"the refresh was refused ({error.error})") from error
        except (AuthError, FHIRConnectionError) as error:
            raise TokenExpired(f"the refresh failed: {error}") from error
        if self._on_refresh is not None:
            self._on_refresh()
        log.info("refreshed the access token of a launch")
        launch.access_token = str(token["access_token"])
        launch.expires_at = time.time() + token_lifetime(token.get("expires_in"))
        launch.scope = str(token["scope"])
        new_refresh = token.get("refresh_token")
        if isinstance(new_refresh, str) and new_refresh:
            launch.refresh_token = new_refresh
        launch.refreshes += 1
        return launch

    def __repr__(self) -> str:
        return "LaunchTokens()"
