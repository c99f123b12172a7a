"""A secret value that does not print itself."""

from __future__ import annotations

import hmac
from typing import NoReturn

MASK = "********"


class Secret:
    """Holds a secret string; ``repr``, ``str`` and f-strings show a mask.

    Read the value on purpose with :meth:`reveal` (or :attr:`value`). It
    cannot be pickled or copied into a log by accident; two secrets compare
    in constant time.
    """

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError("Secret holds a str")
        self._value = value

    def reveal(self) -> str:
        """The secret itself: use it, never log it."""
        return self._value

    @property
    def value(self) -> str:
        """The secret itself, as :meth:`reveal`."""
        return self._value

    def __repr__(self) -> str:
        return f"Secret('{MASK}')"

    def __str__(self) -> str:
        return MASK

    def __format__(self, spec: str) -> str:
        return format(MASK, spec)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        return hmac.compare_digest(self._value.encode(), other._value.encode())

    def __hash__(self) -> int:
        return hash((Secret, self._value))

    def __bool__(self) -> bool:
        return self._value != ""

    def __reduce__(self) -> NoReturn:
        raise TypeError("a Secret is not pickled: reveal() it where it is used")

    def __copy__(self) -> Secret:
        return self

    def __deepcopy__(self, memo: object) -> Secret:
        return self
