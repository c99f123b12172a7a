"""The secret never shows itself: not in repr, str, f-strings, pickles or copies."""

from __future__ import annotations

import copy
import pickle

import pytest

from keyledger import RevealedSecret, Secret

VALUE = "hunter2-sup3r-s3cret"


def test_a_secret_is_masked_wherever_it_is_printed() -> None:
    secret = Secret(VALUE)
    assert repr(secret) == "Secret('********')"
    assert str(secret) == "********"
    assert f"{secret}" == "********"
    assert f"{secret:>10}" == "  ********"
    assert "%s %r" % (secret, secret) == "******** Secret('********')"  # noqa: UP031 (the logging style)
    assert VALUE not in repr([secret, {"k": secret}])


def test_it_gives_its_value_only_when_asked() -> None:
    secret = Secret(VALUE)
    assert secret.reveal() == VALUE
    assert secret.value == VALUE
    assert Secret(VALUE) == secret
    assert Secret("other") != secret
    assert bool(Secret("")) is False


def test_it_refuses_to_be_pickled_and_copies_stay_masked() -> None:
    secret = Secret(VALUE)
    with pytest.raises(TypeError) as refused:
        pickle.dumps(secret)
    assert VALUE not in str(refused.value)
    assert copy.deepcopy(secret).reveal() == VALUE
    with pytest.raises(TypeError):
        Secret(123)  # type: ignore[arg-type]


def test_a_revealed_secret_prints_its_metadata_but_not_its_secret() -> None:
    revealed = RevealedSecret(
        id="0b6f2b4e-8d7c-4a3e-9f10-2a4b6c8d0e1f",
        name="openai-prod",
        type="openai",
        username=None,
        secret=Secret(VALUE),
    )
    text = repr(revealed) + str(revealed)
    assert "openai-prod" in text
    assert VALUE not in text
    assert "Secret('********')" in text
