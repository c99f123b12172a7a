"""A server with its own TLS certificate: trusted through ca_file= or KEYLEDGER_CACERT, refused otherwise."""

from __future__ import annotations

import json
import ssl
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from keyledger import Keyledger, NetworkError

from .fakes import FAST, ID, SECRET, TOKEN, revealed


class RevealHandler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 (the name http.server calls)
        body = json.dumps(revealed()).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    server = ThreadingHTTPServer(("127.0.0.1", 0), RevealHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}", cert
    server.shutdown()
    server.server_close()


def test_trusted_with_ca_file(tls_server: tuple[str, Path]) -> None:
    addr, cert = tls_server
    with Keyledger(addr, TOKEN, ca_file=str(cert)) as keyledger:
        assert keyledger.get_secret(ID).secret.reveal() == SECRET


def test_trusted_with_keyledger_cacert(tls_server: tuple[str, Path]) -> None:
    addr, cert = tls_server
    environ = {"KEYLEDGER_ADDR": addr, "KEYLEDGER_TOKEN": TOKEN, "KEYLEDGER_CACERT": str(cert)}
    with Keyledger(environ=environ) as keyledger:
        assert keyledger.get_secret(ID).secret.reveal() == SECRET


def test_refused_without_it_and_the_error_says_what_to_do(tls_server: tuple[str, Path]) -> None:
    addr, _ = tls_server
    with Keyledger(addr, TOKEN, retry=FAST) as keyledger, pytest.raises(NetworkError) as raised:
        keyledger.get_secret(ID)
    assert "TLS certificate is not trusted (pass ca_file= or set KEYLEDGER_CACERT)" in str(raised.value)


def test_a_missing_ca_file_is_refused_at_once(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="does not exist"):
        Keyledger("https://127.0.0.1:1", TOKEN, ca_file=str(tmp_path / "missing.pem"))
