"""The sandbox's signing key (RS256, with a ``kid``): its JWKS and the OpenID Connect id_tokens it signs."""

from __future__ import annotations

from typing import Any

from joserfc import jwt
from joserfc.jwk import KeyParameters, RSAKey

ID_TOKEN_ALGORITHM = "RS256"


class SigningKey:
    """An RSA key generated at start, or loaded from a PEM (``SIGNING_KEY_PEM``) to survive restarts."""

    def __init__(self, pem: str | None = None) -> None:
        parameters: KeyParameters = {"alg": ID_TOKEN_ALGORITHM, "use": "sig"}
        if pem:
            key = RSAKey.import_key(pem.encode(), parameters=parameters)
        else:
            key = RSAKey.generate_key(2048, parameters=parameters, private=True)
        key.ensure_kid()  # the RFC 7638 thumbprint
        self._key = key

    @property
    def kid(self) -> str:
        assert self._key.kid is not None
        return self._key.kid

    def jwks(self) -> dict[str, Any]:
        return {"keys": [self._key.as_dict(private=False)]}

    def sign(self, claims: dict[str, Any]) -> str:
        header = {"alg": ID_TOKEN_ALGORITHM, "typ": "JWT", "kid": self.kid}
        return jwt.encode(header, claims, self._key, algorithms=[ID_TOKEN_ALGORITHM])
