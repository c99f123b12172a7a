"""Connection URLs for database credentials, built from the revealed fields."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ._models import RevealedSecret

_DEFAULT_PORTS = {"postgres": 5432, "mysql": 3306, "redis": 6379}

# A db_dsn driver (its own name or another usual spelling) to its URL scheme and port.
_DSN_DRIVERS = {
    "postgres": ("postgresql", 5432),
    "postgresql": ("postgresql", 5432),
    "mysql": ("mysql", 3306),
    "mariadb": ("mysql", 3306),
    "sqlserver": ("sqlserver", 1433),
    "mssql": ("sqlserver", 1433),
    "mongodb": ("mongodb", 27017),
    "mongo": ("mongodb", 27017),
}


def _encode(text: str) -> str:
    # Every reserved character escaped: "@", ":", "/", "?", "#", "%" and spaces in
    # a user or password must not end the part they are in.
    return quote(text, safe="")


def connection_string(credential: RevealedSecret) -> str:
    """The URL a database driver takes, for a ``postgres``, ``mysql``, ``redis`` or ``db_dsn`` credential.

    ``postgresql://user:password@host:5432/db?sslmode=require``,
    ``mysql://...``, ``redis[s]://...``; for a ``db_dsn``, the secret itself,
    or (when ``extra.secret_format`` is ``password``) a URL for its driver
    built from host, port, database and user. User, password and database
    are percent-encoded. The result holds the password: keep it in memory,
    never log it.
    """
    kind = credential.type
    extra = credential.extra
    password = credential.secret.reveal()
    if kind == "db_dsn":
        if extra.get("secret_format") != "password":
            return password
        return _dsn_from_parts(credential, password)
    if kind not in _DEFAULT_PORTS:
        raise ValueError(f"connection_string: a {kind} credential is not a database credential")
    host = _host(credential)
    port = _port(extra.get("port"), _DEFAULT_PORTS[kind])
    authority = f"{_encode(credential.username or '')}:{_encode(password)}@{_bracketed(host)}:{port}"
    if kind == "postgres":
        sslmode = extra.get("sslmode")
        query = f"?sslmode={_encode(sslmode)}" if isinstance(sslmode, str) else ""
        return f"postgresql://{authority}/{_encode(str(extra.get('database') or 'postgres'))}{query}"
    if kind == "mysql":
        database = _encode(str(extra["database"])) if extra.get("database") else ""
        ssl_mode = extra.get("ssl_mode")
        query = f"?ssl-mode={_encode(ssl_mode)}" if isinstance(ssl_mode, str) and ssl_mode != "PREFERRED" else ""
        return f"mysql://{authority}/{database}{query}"
    scheme = "rediss" if extra.get("tls") is True else "redis"
    return f"{scheme}://{authority}/{_port(extra.get('db'), 0)}"


def _dsn_from_parts(credential: RevealedSecret, password: str) -> str:
    extra = credential.extra
    driver_name = extra.get("driver") if isinstance(extra.get("driver"), str) else "postgres"
    driver = _DSN_DRIVERS.get(str(driver_name))
    if driver is None:
        raise ValueError(f"connection_string: no URL scheme known for db_dsn driver {driver_name}")
    scheme, default_port = driver
    host = _host(credential)
    port = _port(extra.get("port"), default_port)
    database = _encode(str(extra["database"])) if extra.get("database") else ""
    return f"{scheme}://{_encode(credential.username or '')}:{_encode(password)}@{_bracketed(host)}:{port}/{database}"


def _host(credential: RevealedSecret) -> str:
    host = credential.host or credential.extra.get("host")
    if not isinstance(host, str) or not host:
        raise ValueError(f"connection_string: the {credential.type} credential has no host")
    return host


def _port(value: Any, default: int) -> int:
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValueError("connection_string: the port (or db) is not a number") from None


def _bracketed(host: str) -> str:
    """IPv6 literals need brackets in a URL authority."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host
