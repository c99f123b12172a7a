"""Requests, retries and typed errors, against a mocked transport (respx)."""

from __future__ import annotations

import logging
import traceback

import httpx
import pytest
import respx

from keyledger import (
    AsyncKeyledger,
    ConflictError,
    ForbiddenError,
    Keyledger,
    KeyledgerError,
    NetworkError,
    NotFoundError,
    RateLimitedError,
    RetryPolicy,
    ServerError,
    UnauthorizedError,
    ValidationFailedError,
    backoff_delay,
)
from keyledger._retry import parse_retry_after

from .fakes import ADDR, FAST, ID, SECRET, TOKEN, closed_port_addr, error, masked, revealed

REVEAL = f"/v1/credentials/{ID}/reveal"


def client(**options: object) -> Keyledger:
    return Keyledger(ADDR, TOKEN, retry=FAST, **options)  # type: ignore[arg-type]


def test_reveals_by_id_with_the_bearer_token() -> None:
    with respx.mock(base_url=ADDR) as mock:
        route = mock.post(REVEAL).respond(200, json=revealed())
        result = client().get_secret(ID)
    assert result.secret.reveal() == SECRET
    assert (result.id, result.name, result.secret_version, result.extra) == (ID, "openai-prod", 1, {"model": "gpt"})
    assert result.source == "keyledger"
    request = route.calls.last.request
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert request.headers["user-agent"].startswith("keyledger-python/")
    assert TOKEN not in str(request.url) and SECRET not in str(request.url)


def test_a_name_is_resolved_by_the_exact_name_filter_then_revealed() -> None:
    older = masked(name="Openai-Prod", id="11111111-1111-4111-8111-111111111111", createdAt="2025-01-01T00:00:00.000Z")
    destroyed = masked(id="22222222-2222-4222-8222-222222222222", status="destroyed")
    with respx.mock(base_url=ADDR) as mock:
        listed = mock.get("/v1/credentials").respond(
            200, json={"credentials": [destroyed, older, masked()], "total": 3}
        )
        mock.post(REVEAL).respond(200, json=revealed())
        assert client().get_secret(" openai-prod ").id == ID
    assert dict(listed.calls.last.request.url.params) == {"name": "openai-prod", "limit": "200"}


def test_an_unknown_name_is_a_not_found_error() -> None:
    with respx.mock(base_url=ADDR) as mock:
        mock.get("/v1/credentials").respond(200, json={"credentials": [], "total": 0})
        with pytest.raises(NotFoundError) as raised:
            client().get_secret("nope")
    assert (raised.value.status, raised.value.code) == (404, "NOT_FOUND")


def test_get_credential_and_lookup() -> None:
    with respx.mock(base_url=ADDR) as mock:
        mock.get(f"/v1/credentials/{ID}").respond(200, json=masked())
        lookup = mock.post("/v1/credentials/lookup").respond(200, json=revealed())
        keyledger = client()
        credential = keyledger.get_credential(ID)
        assert (credential.name, credential.secret_preview, credential.labels) == ("openai-prod", "sk-p…rint", ["prod"])
        assert keyledger.lookup(host="api.openai.com", purpose="chat").secret.reveal() == SECRET
    assert lookup.calls.last.request.read() == b'{"host":"api.openai.com","purpose":"chat"}'


@pytest.mark.parametrize(
    ("status", "code", "kind"),
    [
        (400, "VALIDATION_FAILED", ValidationFailedError),
        (401, "UNAUTHENTICATED", UnauthorizedError),
        (403, "FORBIDDEN", ForbiddenError),
        (404, "NOT_FOUND", NotFoundError),
        (409, "CREDENTIAL_INACTIVE", ConflictError),
        (429, "RATE_LIMITED", RateLimitedError),
    ],
)
def test_each_refusal_is_its_own_error_with_the_api_code_and_is_not_retried(
    status: int, code: str, kind: type[KeyledgerError]
) -> None:
    with respx.mock(base_url=ADDR) as mock:
        route = mock.post(REVEAL).mock(return_value=error(status, code, "refused", {"field": "id"}))
        with pytest.raises(kind) as raised:
            client().get_secret(ID)
    assert isinstance(raised.value, KeyledgerError)
    assert (raised.value.status, raised.value.code, raised.value.details) == (status, code, {"field": "id"})
    assert str(raised.value) == f"POST {REVEAL}: refused ({status} {code})"
    assert route.call_count == 1


def test_a_503_is_retried_then_succeeds() -> None:
    retries: list[tuple[int, float, str]] = []
    with respx.mock(base_url=ADDR) as mock:
        route = mock.post(REVEAL).mock(
            side_effect=[error(503, "UNAVAILABLE", "down"), httpx.Response(502), httpx.Response(200, json=revealed())]
        )
        result = client(on_retry=lambda *info: retries.append(info)).get_secret(ID)
    assert result.secret.reveal() == SECRET
    assert route.call_count == 3
    assert [attempt for attempt, _, _ in retries] == [1, 2]
    assert all(0 <= delay <= FAST.max_delay for _, delay, _ in retries)


def test_network_errors_are_retried_then_succeed() -> None:
    with respx.mock(base_url=ADDR) as mock:
        route = mock.post(REVEAL).mock(
            side_effect=[
                httpx.ConnectError("connection refused"),
                httpx.ReadTimeout("slow"),
                httpx.Response(200, json=revealed()),
            ]
        )
        assert client().get_secret(ID).secret.reveal() == SECRET
    assert route.call_count == 3


def test_retries_stop_after_the_policy_and_raise_the_last_error() -> None:
    with respx.mock(base_url=ADDR) as mock:
        route = mock.post(REVEAL).mock(return_value=error(503, "UNAVAILABLE", "down"))
        with pytest.raises(ServerError) as raised:
            client().get_secret(ID)
    assert route.call_count == FAST.retries + 1
    assert raised.value.status == 503
    with respx.mock(base_url=ADDR) as mock:
        once = mock.post(REVEAL).mock(return_value=error(503, "UNAVAILABLE", "down"))
        with pytest.raises(ServerError):
            Keyledger(ADDR, TOKEN, retry=None).get_secret(ID)
    assert once.call_count == 1


def test_501_is_not_retried() -> None:
    with respx.mock(base_url=ADDR) as mock:
        route = mock.post(REVEAL).mock(return_value=httpx.Response(501))
        with pytest.raises(ServerError):
            client().get_secret(ID)
    assert route.call_count == 1


def test_retry_after_is_honoured_on_503_and_on_429_when_short_enough() -> None:
    delays: list[float] = []
    policy = RetryPolicy(retries=2, base_delay=0.001, max_delay=2.0)
    keyledger = Keyledger(ADDR, TOKEN, retry=policy, on_retry=lambda _a, delay, _r: delays.append(delay))
    with respx.mock(base_url=ADDR) as mock:
        mock.post(REVEAL).mock(
            side_effect=[
                httpx.Response(503, headers={"retry-after": "1"}),
                httpx.Response(
                    429, headers={"retry-after": "1"}, json={"message": "slow down", "code": "RATE_LIMITED"}
                ),
                httpx.Response(200, json=revealed()),
            ]
        )
        assert keyledger.get_secret(ID).secret.reveal() == SECRET
    assert delays == [1.0, 1.0]
    with respx.mock(base_url=ADDR) as mock:
        route = mock.post(REVEAL).mock(return_value=httpx.Response(429, headers={"retry-after": "60"}))
        with pytest.raises(RateLimitedError) as raised:
            keyledger.get_secret(ID)
    assert raised.value.retry_after == 60.0
    assert route.call_count == 1


def test_backoff_is_full_jitter_exponential_and_bounded() -> None:
    policy = RetryPolicy(retries=5, base_delay=0.2, max_delay=5.0)
    assert backoff_delay(0, policy, rand=lambda: 0.5) == pytest.approx(0.1)
    assert backoff_delay(3, policy, rand=lambda: 0.999) == pytest.approx(1.5984)
    assert backoff_delay(10, policy, rand=lambda: 0.999) == pytest.approx(4.995)
    assert backoff_delay(0, policy, retry_after=3, rand=lambda: 0.0) == 3
    assert backoff_delay(0, policy, retry_after=30, rand=lambda: 0.0) == 5.0
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert parse_retry_after("soon") is None
    with pytest.raises(ValueError):
        RetryPolicy(retries=-1)


def test_an_unreachable_api_is_a_network_error() -> None:
    addr = closed_port_addr()
    with pytest.raises(NetworkError) as raised:
        Keyledger(addr, TOKEN, retry=FAST).get_secret(ID)
    assert raised.value.status is None
    assert str(raised.value) == f"POST {REVEAL}: cannot reach {addr}: connection refused"


def test_redirects_are_refused_so_the_token_goes_nowhere_else() -> None:
    with respx.mock(base_url=ADDR, assert_all_called=False) as mock:
        mock.post(REVEAL).respond(307, headers={"location": "http://elsewhere.test/steal"})
        elsewhere = mock.route(host="elsewhere.test").respond(200, json=revealed())
        with pytest.raises(KeyledgerError) as raised:
            client().get_secret(ID)
    assert raised.value.status == 307
    assert elsewhere.call_count == 0


def test_a_non_json_answer_is_reported_as_not_keyledger() -> None:
    with respx.mock(base_url=ADDR) as mock:
        mock.post(REVEAL).respond(200, text="<html>proxy login</html>")
        with pytest.raises(KeyledgerError, match="something other than JSON"):
            client().get_secret(ID)


def test_configuration_comes_from_the_environment() -> None:
    environ = {"KEYLEDGER_ADDR": ADDR + "/", "KEYLEDGER_TOKEN": TOKEN}
    with respx.mock(base_url=ADDR) as mock:
        route = mock.post(REVEAL).respond(200, json=revealed())
        Keyledger(environ=environ).get_secret(ID)
    assert route.calls.last.request.headers["authorization"] == f"Bearer {TOKEN}"
    with pytest.raises(ValueError, match="KEYLEDGER_ADDR"):
        Keyledger(environ={})
    with pytest.raises(ValueError, match="KEYLEDGER_TOKEN") as raised:
        Keyledger(environ={"KEYLEDGER_ADDR": ADDR})
    with pytest.raises(ValueError, match="must not carry credentials") as raised:
        Keyledger(f"http://user:{TOKEN}@keyledger.test", TOKEN)
    assert TOKEN not in str(raised.value)


def test_neither_token_nor_secret_is_in_repr_errors_tracebacks_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    keyledger = client()
    with respx.mock(base_url=ADDR) as mock:
        mock.post(REVEAL).mock(side_effect=[httpx.Response(503), httpx.Response(200, json=revealed())])
        mock.get(f"/v1/credentials/{ID}").mock(return_value=error(403, "FORBIDDEN", "no grant"))
        result = keyledger.get_secret(ID)
        with pytest.raises(ForbiddenError) as raised:
            keyledger.get_credential(ID)
    printed = [
        repr(keyledger),
        str(keyledger),
        repr(keyledger._core.settings),
        repr(result),
        str(result),
        repr(raised.value),
        str(raised.value),
        "".join(traceback.format_exception(raised.value)),
        caplog.text,
        *(str(record.args) for record in caplog.records),
    ]
    assert any("retry 1 of 3" in line for line in printed)
    for text in printed:
        assert TOKEN not in text
        assert SECRET not in text


async def test_the_async_client_shares_retries_errors_and_parsing() -> None:
    with respx.mock(base_url=ADDR) as mock:
        route = mock.post(REVEAL).mock(
            side_effect=[httpx.ConnectError("refused"), httpx.Response(200, json=revealed())]
        )
        mock.get("/v1/credentials").respond(200, json={"credentials": [masked()], "total": 1})
        mock.post("/v1/credentials/lookup").mock(return_value=error(409, "AMBIGUOUS_LOOKUP", "several match"))
        async with AsyncKeyledger(ADDR, TOKEN, retry=FAST) as keyledger:
            assert (await keyledger.get_secret(ID)).secret.reveal() == SECRET
            assert (await keyledger.get_credential("openai-prod")).id == ID
            with pytest.raises(ConflictError) as raised:
                await keyledger.lookup(host="h", purpose="p")
            assert repr(keyledger) == f"AsyncKeyledger(addr='{ADDR}', cache=off)"
    assert route.call_count == 2
    assert raised.value.code == "AMBIGUOUS_LOOKUP"
