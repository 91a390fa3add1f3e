"""The SATUSEHAT client against a local fake server (no network)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from posyandu_core.plugins.export import fhir
from posyandu_core.plugins.export.satusehat import SatusehatClient, SendError
from posyandu_core.register import Register


class FakeSatusehat:
    """Token endpoint plus a FHIR endpoint honouring ifNoneExist."""

    def __init__(self) -> None:
        self.tokens: list[str] = []
        self.stored: dict[str, dict[str, Any]] = {}  # identifier -> resource
        self.failures: list[int] = []  # statuses to answer before succeeding
        self.revoked: set[str] = set()
        self.requests = 0

    def handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _answer(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                if status == 429:
                    self.send_header("Retry-After", "0")
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:
                fake.requests += 1
                body = self.rfile.read(int(self.headers["Content-Length"]))
                url = urlparse(self.path)
                if url.path == "/oauth2/v1/accesstoken":
                    form = parse_qs(body.decode())
                    assert parse_qs(url.query)["grant_type"] == ["client_credentials"]
                    if form["client_secret"] != ["s3cret"]:
                        self._answer(401, {"error": "invalid_client"})
                        return
                    token = f"token-{len(fake.tokens)}"
                    fake.tokens.append(token)
                    self._answer(200, {"access_token": token, "expires_in": "3599"})
                    return
                token = self.headers["Authorization"].removeprefix("Bearer ")
                if token not in fake.tokens or token in fake.revoked:
                    self._answer(401, {"issue": "token"})
                    return
                if fake.failures:
                    self._answer(fake.failures.pop(0), {"issue": "busy"})
                    return
                bundle = json.loads(body)
                out = []
                for entry in bundle["entry"]:
                    key = entry["request"]["ifNoneExist"]
                    created = key not in fake.stored
                    fake.stored.setdefault(key, entry["resource"])
                    out.append(
                        {"response": {"status": "201 Created" if created else "200 OK"}}
                    )
                self._answer(
                    200,
                    {
                        "resourceType": "Bundle",
                        "type": "transaction-response",
                        "entry": out,
                    },
                )

        return Handler


@pytest.fixture
def server() -> Iterator[tuple[FakeSatusehat, str]]:
    fake = FakeSatusehat()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), fake.handler())
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake, f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def _client(url: str, waits: list[float], secret: str = "s3cret") -> SatusehatClient:
    return SatusehatClient(
        client_id="id", client_secret=secret,
        auth_url=f"{url}/oauth2/v1/accesstoken", base_url=f"{url}/fhir-r4/v1",
        backoff=0.5, sleep=waits.append, timeout=5,
    )  # fmt: skip


def test_sends_with_one_token_and_resubmits_idempotently(
    server: tuple[FakeSatusehat, str], tiny: Register, tmp_path: Path
) -> None:
    fake, url = server
    out = tmp_path / "f.ndjson"
    fhir.write_fhir(tiny, out, organization_id="1")
    client = _client(url, [])
    first = client.send_file(out)
    assert len(first) == 4
    assert fake.tokens == ["token-0"]  # reused for every Bundle
    stored = len(fake.stored)
    again = client.send_file(out)
    assert len(fake.stored) == stored  # nothing created twice
    statuses = {e["response"]["status"] for r in again for e in r["entry"]}
    # Patients recur in later visits' Bundles: conditional creates find them.
    assert statuses == {"200 OK"}


def test_retries_with_back_off(
    server: tuple[FakeSatusehat, str], tiny: Register
) -> None:
    fake, url = server
    waits: list[float] = []
    client = _client(url, waits)
    fake.failures = [503, 502]
    bundle = fhir.fhir_bundles(tiny, organization_id="1")[0]
    client.send_bundle(bundle)
    assert waits == [0.5, 1.0]
    fake.failures = [429]
    client.send_bundle(bundle)
    assert waits[-1] == 0.0  # the server's Retry-After
    fake.failures = [500] * 4
    with pytest.raises(SendError, match="500"):
        client.send_bundle(bundle)


def test_expired_token_is_renewed_once(
    server: tuple[FakeSatusehat, str], tiny: Register
) -> None:
    fake, url = server
    now = [0.0]
    client = _client(url, [])
    client.clock = lambda: now[0]
    bundle = fhir.fhir_bundles(tiny, organization_id="1")[0]
    client.send_bundle(bundle)
    now[0] = 3600.0  # past expiry: a new token before sending
    client.send_bundle(bundle)
    assert fake.tokens == ["token-0", "token-1"]
    fake.revoked.add("token-1")  # revoked early: 401, renew, resend
    client.send_bundle(bundle)
    assert fake.tokens == ["token-0", "token-1", "token-2"]


def test_bad_credentials_and_no_server(
    server: tuple[FakeSatusehat, str], tiny: Register
) -> None:
    _, url = server
    bundle = fhir.fhir_bundles(tiny, organization_id="1")[0]
    with pytest.raises(SendError, match="401"):
        _client(url, [], secret="wrong").send_bundle(bundle)
    waits: list[float] = []
    with pytest.raises(SendError, match="cannot be reached"):
        _client("http://127.0.0.1:9", waits).send_bundle(bundle)
    assert waits == [0.5, 1.0, 2.0]
