"""Against the real API (Postgres and Redis behind it), as a service token.

The repository's test wrapper starts the API and sets KEYLEDGER_ADDR,
KEYLEDGER_TOKEN (a service of the team KEYLEDGER_TEST_TEAM) and
KEYLEDGER_TEST_ADMIN_TOKEN, which seeds credentials and reads the audit trail.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import time
import traceback
import uuid
from collections.abc import Callable
from urllib.parse import unquote, urlsplit

import pytest

from keyledger import (
    AsyncKeyledger,
    CacheOptions,
    ConflictError,
    ForbiddenError,
    Keyledger,
    NotFoundError,
    UnauthorizedError,
    connection_string,
)

from .conftest import LiveApi, openai_key

NASTY = "p@ss/w:rd?#%&+ é"


def actions(
    live: LiveApi, credential_id: str, until: Callable[[list[str]], bool] | None = None, timeout: float = 20.0
) -> list[str]:
    """The credential's successful audit actions, sorted; with `until`, polled until it holds or `timeout`
    passes (the audit trail follows the event log asynchronously)."""
    deadline = time.monotonic() + timeout
    while True:
        found = sorted(entry["action"] for entry in live.audit(credential_id) if entry["outcome"] == "success")
        if until is None or until(found) or time.monotonic() >= deadline:
            return found
        time.sleep(0.1)


def test_reveals_by_id_and_by_name_both_audited_as_reveals(live: LiveApi, unique: Callable[[str], str]) -> None:
    name = unique("OpenAI Prod")
    key = openai_key("Python1")
    created = live.create({"name": name, "type": "openai", "secret": key, "purpose": unique("chat")})
    with Keyledger(live.addr, live.token) as keyledger:
        by_id = keyledger.get_secret(created["id"])
        by_name = keyledger.get_secret(f"  {name.upper()} ")
    for result in (by_id, by_name):
        assert (result.id, result.name, result.type, result.secret_version) == (created["id"], name, "openai", 1)
        assert result.secret.reveal() == key
    two_reveals = actions(live, created["id"], until=lambda found: found.count("revealed") >= 2)
    assert two_reveals == ["created", "granted", "revealed", "revealed"]


def test_looks_up_by_host_and_purpose(live: LiveApi, unique: Callable[[str], str]) -> None:
    purpose = unique("winrm")
    created = live.create(
        {"name": unique("winrm"), "type": "http_basic", "username": "Administrator", "secret": "SecurePass123",
         "host": "192.168.50.211", "purpose": purpose, "extra": {"url": "https://192.168.50.211/wsman"}}
    )  # fmt: skip
    with Keyledger(live.addr, live.token) as keyledger:
        creds = keyledger.lookup(host="192.168.50.211", purpose=purpose)
    assert (creds.id, creds.username, creds.secret.reveal()) == (created["id"], "Administrator", "SecurePass123")
    assert "looked_up" in actions(live, created["id"], until=lambda found: "looked_up" in found)


def test_metadata_is_masked_and_records_no_reveal(live: LiveApi, unique: Callable[[str], str]) -> None:
    name = unique("masked")
    key = openai_key("Masked1")
    created = live.create(
        {"name": name, "type": "openai", "secret": key, "purpose": unique("chat"), "labels": ["prod"]}
    )
    with Keyledger(live.addr, live.token) as keyledger:
        by_id = keyledger.get_credential(created["id"])
        by_name = keyledger.get_credential(name.lower())
    assert by_id == by_name
    assert (by_id.id, by_id.name, by_id.status, by_id.labels) == (created["id"], name, "active", ["prod"])
    assert key not in repr(by_id)
    assert "revealed" not in actions(live, created["id"])


def test_a_postgres_connection_string_with_special_characters_connects(
    live: LiveApi, unique: Callable[[str], str]
) -> None:
    created = live.create(
        {"name": unique("local pg"), "type": "postgres", "host": "127.0.0.1", "username": "postgres", "secret": NASTY,
         "extra": {"port": 5432, "database": "postgres", "sslmode": "disable"}}
    )  # fmt: skip
    with Keyledger(live.addr, live.token) as keyledger:
        url = connection_string(keyledger.get_secret(created["id"]))
    assert (
        url == "postgresql://postgres:p%40ss%2Fw%3Ard%3F%23%25%26%2B%20%C3%A9@127.0.0.1:5432/postgres?sslmode=disable"
    )
    assert unquote(urlsplit(url).password or "") == NASTY
    psql = shutil.which("psql")
    if psql is not None:
        # libpq parses the URL as a driver would (the server trusts local connections, so it is the URL under test).
        answer = subprocess.run([psql, url, "-tAc", "select current_user"], capture_output=True, text=True, check=True)
        assert answer.stdout.strip() == "postgres"


def test_each_refusal_of_the_api_is_its_typed_error(live: LiveApi, unique: Callable[[str], str]) -> None:
    managed = live.create(
        {"name": unique("managed"), "type": "openai", "secret": openai_key("Manage1"), "purpose": unique("chat")},
        grant="manage",
    )
    inactive = live.create(
        {"name": unique("old"), "type": "openai", "secret": openai_key("Old1"), "purpose": unique("c")}
    )
    assert live.admin.delete(f"/v1/credentials/{inactive['id']}").status_code == 200
    with Keyledger(live.addr, live.token) as keyledger:
        with pytest.raises(ForbiddenError) as forbidden:
            keyledger.get_secret(managed["id"])
        with pytest.raises(NotFoundError) as not_found:
            keyledger.get_secret(str(uuid.uuid4()))
        with pytest.raises(NotFoundError):
            keyledger.get_secret(unique("no such name"))
        with pytest.raises(ConflictError) as conflict:
            keyledger.get_secret(inactive["id"])
    with Keyledger(live.addr, "not-a-token") as stranger, pytest.raises(UnauthorizedError) as unauthorized:
        stranger.get_secret(managed["id"])
    for raised, status in ((forbidden, 403), (not_found, 404), (conflict, 409), (unauthorized, 401)):
        assert raised.value.status == status
        assert raised.value.code
        assert raised.value.message


def test_the_cache_serves_the_old_secret_once_after_a_rotation_then_the_new(
    live: LiveApi, unique: Callable[[str], str]
) -> None:
    created = live.create(
        {"name": unique("rotating"), "type": "openai", "secret": openai_key("Old1"), "purpose": unique("c")}
    )
    now = [0.0]
    options = CacheOptions(ttl=60, stale_while_revalidate=600, clock=lambda: now[0])
    with Keyledger(live.addr, live.token, cache=options) as keyledger:
        assert keyledger.get_secret(created["id"]).secret.reveal() == openai_key("Old1")
        rotated = live.admin.post(f"/v1/credentials/{created['id']}/rotate", json={"secret": openai_key("New1")})
        assert rotated.status_code == 200, rotated.text
        assert keyledger.get_secret(created["id"]).secret.reveal() == openai_key("Old1")
        now[0] = 120
        assert keyledger.get_secret(created["id"]).secret.reveal() == openai_key("Old1")
        deadline = time.monotonic() + 10
        while keyledger.get_secret(created["id"]).secret.reveal() != openai_key("New1"):
            assert time.monotonic() < deadline, "the background refresh did not arrive"
            time.sleep(0.05)
    assert actions(live, created["id"], until=lambda found: found.count("revealed") >= 2).count("revealed") == 2


async def test_the_async_client_against_the_api(live: LiveApi, unique: Callable[[str], str]) -> None:
    name = unique("async")
    created = live.create({"name": name, "type": "openai", "secret": openai_key("Async1"), "purpose": unique("c")})
    async with AsyncKeyledger(live.addr, live.token) as keyledger:
        result = await keyledger.get_secret(name)
        credential = await keyledger.get_credential(created["id"])
    assert (result.id, result.secret.reveal(), credential.name) == (created["id"], openai_key("Async1"), name)


def test_no_token_or_secret_in_logs_reprs_or_errors(
    live: LiveApi, unique: Callable[[str], str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    key = openai_key("Leak1")
    created = live.create({"name": unique("leak"), "type": "openai", "secret": key, "purpose": unique("c")})
    keyledger = Keyledger(live.addr, live.token, cache=CacheOptions(ttl=60))
    result = keyledger.get_secret(created["id"])
    with pytest.raises(NotFoundError) as raised:
        keyledger.get_secret(str(uuid.uuid4()))
    keyledger.close()
    assert result.secret.reveal() == key
    assert any(record.name.startswith(("httpx", "httpcore")) for record in caplog.records)
    printed = [
        repr(keyledger),
        repr(result),
        str(result),
        str(raised.value),
        repr(raised.value),
        "".join(traceback.format_exception(raised.value)),
        caplog.text,
        *(f"{record.getMessage()} {record.args}" for record in caplog.records),
    ]
    for text in printed:
        assert live.token not in text
        assert key not in text
