"""What the API answers, as typed objects. Only ``RevealedSecret`` holds a
secret, and it holds it as a ``Secret``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ._errors import KeyledgerError
from ._secret import Secret

Source = Literal["keyledger", "environment"]
FallbackReason = Literal["not_found", "unreachable"]


@dataclass(frozen=True)
class RevealedSecret:
    """A credential's current secret: the answer of a reveal or lookup.

    ``secret`` is a :class:`Secret` (``.reveal()`` for the value). ``source``
    is ``"environment"`` when the value came from ``fallback_env`` because
    the API answered 404 (``fallback_reason="not_found"``) or could not be
    reached (``"unreachable"``); such a value has no ``id``.
    """

    id: str
    name: str
    type: str
    username: str | None
    secret: Secret
    extra: dict[str, Any] = field(default_factory=dict)
    host: str | None = None
    purpose: str | None = None
    secret_version: int = 0
    expires_at: str | None = None
    expired: bool = False
    source: Source = "keyledger"
    fallback_reason: FallbackReason | None = None

    @classmethod
    def from_api(cls, body: object) -> RevealedSecret:
        data = _object(body, "reveal")
        return cls(
            id=_str(data, "id"),
            name=_str(data, "name"),
            type=_str(data, "type"),
            username=_opt_str(data, "username"),
            secret=Secret(_str(data, "secret")),
            extra=_dict(data, "extra"),
            host=_opt_str(data, "host"),
            purpose=_opt_str(data, "purpose"),
            secret_version=_int(data, "secretVersion"),
            expires_at=_opt_str(data, "expiresAt"),
            expired=data.get("expired") is True,
        )


@dataclass(frozen=True)
class Credential:
    """A credential as every route but reveal and lookup returns it: masked."""

    id: str
    tenant: str
    name: str
    type: str
    username: str | None
    host: str | None
    purpose: str | None
    extra: dict[str, Any]
    labels: list[str]
    description: str | None
    status: str
    version: int
    secret_version: int
    secret_preview: str | None
    expires_at: str | None
    expired: bool
    created_at: str
    updated_at: str
    rotated_at: str | None
    last_used_at: str | None
    last_tested_at: str | None
    last_test_status: str | None
    created_by: str
    updated_by: str

    @classmethod
    def from_api(cls, body: object) -> Credential:
        data = _object(body, "credential")
        labels = data.get("labels")
        return cls(
            id=_str(data, "id"),
            tenant=_str(data, "tenant"),
            name=_str(data, "name"),
            type=_str(data, "type"),
            username=_opt_str(data, "username"),
            host=_opt_str(data, "host"),
            purpose=_opt_str(data, "purpose"),
            extra=_dict(data, "extra"),
            labels=[str(label) for label in labels] if isinstance(labels, list) else [],
            description=_opt_str(data, "description"),
            status=_str(data, "status"),
            version=_int(data, "version"),
            secret_version=_int(data, "secretVersion"),
            secret_preview=_opt_str(data, "secretPreview"),
            expires_at=_opt_str(data, "expiresAt"),
            expired=data.get("expired") is True,
            created_at=_str(data, "createdAt"),
            updated_at=_str(data, "updatedAt"),
            rotated_at=_opt_str(data, "rotatedAt"),
            last_used_at=_opt_str(data, "lastUsedAt"),
            last_tested_at=_opt_str(data, "lastTestedAt"),
            last_test_status=_opt_str(data, "lastTestStatus"),
            created_by=_str(data, "createdBy"),
            updated_by=_str(data, "updatedBy"),
        )


class UnexpectedAnswer(KeyledgerError):
    """The API's answer did not have the documented shape (the message names the field, never a value)."""


def _object(body: object, what: str) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise UnexpectedAnswer(f"the {what} answer is not a JSON object")
    return body


def _str(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise UnexpectedAnswer(f"the answer has no string {key}")
    return value


def _opt_str(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None


def _int(data: dict[str, Any], key: str) -> int:
    value = data.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _dict(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return dict(value) if isinstance(value, dict) else {}
