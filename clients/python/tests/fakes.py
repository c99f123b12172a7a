"""What the unit tests share: an address nothing listens on, API answers, a fast retry policy."""

from __future__ import annotations

import socket
from typing import Any

import httpx

from keyledger import RetryPolicy

ADDR = "http://keyledger.test"
TOKEN = "kl-test-token-do-not-print-9f8e7d6c5b4a"
ID = "0b6f2b4e-8d7c-4a3e-9f10-2a4b6c8d0e1f"
SECRET = "sk-proj-the-secret-value-nobody-may-print"
FAST = RetryPolicy(retries=3, base_delay=0.001, max_delay=0.01)


def revealed(secret: str = SECRET, version: int = 1) -> dict[str, Any]:
    return {
        "id": ID,
        "name": "openai-prod",
        "type": "openai",
        "username": None,
        "secret": secret,
        "extra": {"model": "gpt"},
        "host": "api.openai.com",
        "purpose": "chat",
        "secretVersion": version,
        "expiresAt": None,
        "expired": False,
    }


def masked(name: str = "openai-prod", **changes: Any) -> dict[str, Any]:
    return {
        "id": ID,
        "tenant": "default",
        "name": name,
        "type": "openai",
        "username": None,
        "host": "api.openai.com",
        "purpose": "chat",
        "extra": {},
        "labels": ["prod"],
        "description": None,
        "expiresAt": None,
        "expired": False,
        "status": "active",
        "version": 1,
        "secretVersion": 1,
        "secretPreview": "sk-p…rint",
        "createdAt": "2026-01-01T00:00:00.000Z",
        "updatedAt": "2026-01-01T00:00:00.000Z",
        "rotatedAt": None,
        "lastUsedAt": None,
        "lastTestedAt": None,
        "lastTestStatus": None,
        "lastTestError": None,
        "createdBy": "admin",
        "updatedBy": "admin",
        **changes,
    }


def error(status: int, code: str, message: str, details: Any = None) -> httpx.Response:
    body: dict[str, Any] = {"statusCode": status, "error": "Error", "message": message, "code": code}
    if details is not None:
        body["details"] = details
    return httpx.Response(status, json=body)


def closed_port_addr() -> str:
    """An address on this machine where nothing listens: connections are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
