"""Fixtures: the real API for the integration tests (from the environment the
repository's test wrapper sets), and helpers to seed it as an admin."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest


@dataclass(frozen=True)
class LiveApi:
    addr: str
    token: str
    admin_token: str
    team: str
    admin: httpx.Client

    def create(self, body: dict[str, Any], *, grant: str | None = "use") -> dict[str, Any]:
        """Creates a credential as the admin; by default the test service's team may use it."""
        reply = self.admin.post("/v1/credentials", json=body)
        assert reply.status_code == 201, reply.text
        created: dict[str, Any] = reply.json()
        if grant is not None:
            granted = self.admin.post(
                f"/v1/credentials/{created['id']}/grants", json={"team": self.team, "permission": grant}
            )
            assert granted.status_code == 201, granted.text
        return created

    def audit(self, credential_id: str) -> list[dict[str, Any]]:
        reply = self.admin.get("/v1/audit", params={"credentialId": credential_id, "limit": "100"})
        assert reply.status_code == 200, reply.text
        entries: list[dict[str, Any]] = reply.json()["entries"]
        return entries


@pytest.fixture(scope="session")
def live() -> Iterator[LiveApi]:
    addr = os.environ.get("KEYLEDGER_ADDR")
    token = os.environ.get("KEYLEDGER_TOKEN")
    admin_token = os.environ.get("KEYLEDGER_TEST_ADMIN_TOKEN")
    if not (addr and token and admin_token):
        pytest.skip("no API: set KEYLEDGER_ADDR, KEYLEDGER_TOKEN and KEYLEDGER_TEST_ADMIN_TOKEN")
    team = os.environ.get("KEYLEDGER_TEST_TEAM", "python-client")
    with httpx.Client(base_url=addr, headers={"authorization": f"Bearer {admin_token}"}) as admin:
        yield LiveApi(addr=addr, token=token, admin_token=admin_token, team=team, admin=admin)


@pytest.fixture
def unique() -> Callable[[str], str]:
    """A name no other test (or earlier run against the same API) used."""
    return lambda prefix: f"{prefix}-{uuid.uuid4().hex[:10]}"


def openai_key(suffix: str) -> str:
    """A key in the openai template's format."""
    return f"sk-proj-{'x' * 48}{suffix:0>16}"[:72]
