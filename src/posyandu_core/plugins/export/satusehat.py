"""Sending Bundles to SATUSEHAT: OAuth2 client credentials, retries, resubmission.

A small client on the standard library (no extra dependency):

* **Token reuse** — one ``client_credentials`` token is fetched and reused
  until shortly before it expires (SATUSEHAT tokens live about an hour,
  DOMAIN.md §13.3); a 401 answer fetches a new one once.
* **Retry with back-off** — a 429, a 5xx or a dropped connection is tried
  again after ``backoff * 2**attempt`` seconds (or the server's
  ``Retry-After``), up to ``retries`` times.
* **Idempotent resubmission** — the Bundles of :mod:`.fhir` create every
  resource conditionally on its business identifier (``ifNoneExist``), so a
  Bundle sent again after a time-out creates nothing twice.

The URLs are SATUSEHAT's (staging by default, DEVICES_EXPORTS.md §B1.1);
the tests run it against a local fake server, never the network.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Final

import attrs

from posyandu_core.plugins.export._common import Destination, ExportError

__all__ = ["STAGING", "SatusehatClient", "SendError"]

STAGING: Final = {
    "auth_url": "https://api-satusehat-stg.dto.kemkes.go.id/oauth2/v1/accesstoken",
    "base_url": "https://api-satusehat-stg.dto.kemkes.go.id/fhir-r4/v1",
}
_RETRY_STATUS: Final = frozenset({429, 500, 502, 503, 504})
_EARLY_S: Final = 60.0  # renew a token this long before it expires


class SendError(ExportError):
    """SATUSEHAT refused a Bundle or could not be reached after the retries."""


@attrs.define
class SatusehatClient:
    """Send FHIR transaction Bundles to SATUSEHAT.

    Parameters
    ----------
    client_id, client_secret : str
        The credentials SATUSEHAT issued for one Organization.
    auth_url, base_url : str
        Token and FHIR endpoints (default: staging).
    retries : int
        Further attempts after a 429, 5xx or network error.
    backoff : float
        First wait in seconds; doubled at every attempt.
    timeout : float
        Seconds to wait for one answer.
    """

    client_id: str
    client_secret: str = attrs.field(repr=False)
    auth_url: str = STAGING["auth_url"]
    base_url: str = STAGING["base_url"]
    retries: int = 3
    backoff: float = 1.0
    timeout: float = 30.0
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _token: str | None = attrs.field(default=None, init=False, repr=False)
    _expires: float = attrs.field(default=0.0, init=False, repr=False)

    def token(self) -> str:
        """Return a valid access token, fetching one only when needed."""
        if self._token is None or self.clock() >= self._expires:
            form = urllib.parse.urlencode(
                {"client_id": self.client_id, "client_secret": self.client_secret}
            ).encode()
            url = f"{self.auth_url}?grant_type=client_credentials"
            answer = self._call(
                url, form, {"Content-Type": "application/x-www-form-urlencoded"}
            )
            self._token = str(answer["access_token"])
            lifetime = float(answer.get("expires_in", 3599))
            self._expires = self.clock() + max(lifetime - _EARLY_S, 0.0)
        return self._token

    def send_bundle(self, bundle: Mapping[str, Any]) -> dict[str, Any]:
        """POST one transaction Bundle; return SATUSEHAT's transaction-response."""
        body = json.dumps(bundle, ensure_ascii=False).encode("utf-8")
        for renewed in (False, True):
            headers = {
                "Content-Type": "application/fhir+json",
                "Authorization": f"Bearer {self.token()}",
            }
            try:
                return self._call(self.base_url, body, headers)
            except SendError as error:
                if error.value != 401 or renewed:
                    raise
                self._token = None  # the token was revoked or expired early
        raise AssertionError  # pragma: no cover - the loop returns or raises

    def send_file(self, source: Destination) -> list[dict[str, Any]]:
        """Send every Bundle of an NDJSON file written by :func:`.fhir.write_fhir`."""
        lines = Path(source).read_text(encoding="utf-8").splitlines()
        return self.send_bundles(json.loads(line) for line in lines if line.strip())

    def send_bundles(
        self, bundles: Iterable[Mapping[str, Any]]
    ) -> list[dict[str, Any]]:
        """Send Bundles one by one, in order."""
        return [self.send_bundle(b) for b in bundles]

    def _call(
        self, url: str, body: bytes, headers: Mapping[str, str]
    ) -> dict[str, Any]:
        for attempt in range(self.retries + 1):
            request = urllib.request.Request(url, data=body, headers=dict(headers))
            wait = self.backoff * 2**attempt
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                    result: dict[str, Any] = json.loads(answer.read() or b"{}")
                    return result
            except urllib.error.HTTPError as error:
                if error.code not in _RETRY_STATUS or attempt == self.retries:
                    detail = error.read().decode("utf-8", "replace")[:300]
                    msg = f"SATUSEHAT answered {error.code}: {detail}"
                    raise SendError(
                        msg,
                        message_id=f"SATUSEHAT menjawab {error.code}: {detail}",
                        field="status",
                        value=error.code,
                        fix="check the credentials and the Bundle; resending is safe",
                        fix_id="periksa kredensial dan Bundle-nya; kirim ulang aman",
                    ) from error
                wait = float(error.headers.get("Retry-After") or wait)
            except (urllib.error.URLError, TimeoutError) as error:
                if attempt == self.retries:
                    msg = f"SATUSEHAT cannot be reached: {error}"
                    raise SendError(
                        msg,
                        message_id=f"SATUSEHAT tidak terjangkau: {error}",
                        fix="check the connection; resending is safe",
                        fix_id="periksa koneksi internet; kirim ulang aman",
                    ) from error
            self.sleep(wait)
        raise AssertionError  # pragma: no cover - the loop returns or raises
