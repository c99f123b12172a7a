"""The environment fallback: only on 404 or an unreachable API, reported as such, never logged."""

from __future__ import annotations

import logging

import pytest
import respx

from keyledger import AsyncKeyledger, ForbiddenError, Keyledger, NotFoundError, ServerError

from .fakes import ADDR, FAST, ID, TOKEN, closed_port_addr, error

REVEAL = f"/v1/credentials/{ID}/reveal"
FROM_ENV = "sk-from-the-environment-do-not-print"


def test_a_404_answers_the_environment_variable_and_says_so(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with respx.mock(base_url=ADDR) as mock:
        mock.post(REVEAL).mock(return_value=error(404, "NOT_FOUND", "no such credential"))
        keyledger = Keyledger(ADDR, TOKEN, retry=FAST, environ={"OPENAI_API_KEY": FROM_ENV})
        result = keyledger.get_secret(ID, fallback_env="OPENAI_API_KEY")
    assert result.secret.reveal() == FROM_ENV
    assert (result.source, result.fallback_reason, result.id, result.type) == (
        "environment",
        "not_found",
        "",
        "environment",
    )
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        f"keyledger: {ID} is not found in Keyledger; using the environment variable OPENAI_API_KEY instead"
    ]
    assert FROM_ENV not in caplog.text and FROM_ENV not in repr(result)


def test_an_unreachable_api_answers_the_environment_variable() -> None:
    keyledger = Keyledger(closed_port_addr(), TOKEN, retry=FAST, environ={"DATABASE_URL": FROM_ENV})
    result = keyledger.lookup(host="db.internal", purpose="billing", fallback_env="DATABASE_URL")
    assert (result.secret.reveal(), result.fallback_reason, result.name) == (
        FROM_ENV,
        "unreachable",
        "db.internal/billing",
    )


@pytest.mark.parametrize(
    ("status", "code", "kind"),
    [(403, "FORBIDDEN", ForbiddenError), (500, "INTERNAL", ServerError)],
)
def test_other_failures_are_raised_even_with_a_fallback(status: int, code: str, kind: type[Exception]) -> None:
    with respx.mock(base_url=ADDR) as mock:
        mock.post(REVEAL).mock(return_value=error(status, code, "refused"))
        keyledger = Keyledger(ADDR, TOKEN, retry=None, environ={"OPENAI_API_KEY": FROM_ENV})
        with pytest.raises(kind):
            keyledger.get_secret(ID, fallback_env="OPENAI_API_KEY")


def test_without_the_variable_or_without_the_option_the_error_stays() -> None:
    with respx.mock(base_url=ADDR) as mock:
        mock.post(REVEAL).mock(return_value=error(404, "NOT_FOUND", "no such credential"))
        keyledger = Keyledger(ADDR, TOKEN, environ={"OPENAI_API_KEY": FROM_ENV, "EMPTY": ""})
        with pytest.raises(NotFoundError):
            keyledger.get_secret(ID, fallback_env="UNSET_VARIABLE")
        with pytest.raises(NotFoundError):
            keyledger.get_secret(ID, fallback_env="EMPTY")
        with pytest.raises(NotFoundError):
            keyledger.get_secret(ID)


async def test_the_async_client_falls_back_alike() -> None:
    with respx.mock(base_url=ADDR) as mock:
        mock.get("/v1/credentials").respond(200, json={"credentials": [], "total": 0})
        async with AsyncKeyledger(ADDR, TOKEN, environ={"OPENAI_API_KEY": FROM_ENV}) as keyledger:
            result = await keyledger.get_secret("openai-prod", fallback_env="OPENAI_API_KEY")
    assert (result.secret.reveal(), result.fallback_reason) == (FROM_ENV, "not_found")
