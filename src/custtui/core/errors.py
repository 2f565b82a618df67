"""Errors the core raises; every one carries a message fit to show a user."""

from __future__ import annotations

import errno
from collections.abc import Iterator, Mapping
from datetime import datetime

DISK_FULL = "The disk is full: nothing was saved. Free some space and try again."
# SQLite's result code for "database or disk is full", and PostgreSQL's SQLSTATE disk_full.
SQLITE_FULL = 13
PG_DISK_FULL = "53100"
FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
FULL_WORDS = ("database or disk is full", "no space left on device", "disk quota exceeded")


class CusttuiError(Exception):
    """Base of every error a user may see: str(error) is the message to show."""


class ValidationError(CusttuiError):
    """One or more fields are invalid; `errors` maps field name to its message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        # One sentence per distinct problem, even when it concerns two fields.
        super().__init__(" ".join(dict.fromkeys(self.errors.values())))


class FieldInvalid(ValueError):
    """One value broke its field's rule; `message` names the field and is fit to show.

    A ValueError, so callers that only need "is this value acceptable" can catch that.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotFoundError(CusttuiError):
    pass


class ConflictError(CusttuiError):
    """Someone else saved the record after the editor loaded it."""

    def __init__(
        self, number: str, updated_by: str, updated_at: datetime, noun: str = "Customer"
    ) -> None:
        self.number = number
        self.updated_by = updated_by
        self.updated_at = updated_at
        when = updated_at.strftime("%Y-%m-%d %H:%M UTC")
        super().__init__(
            f"{noun} {number} was changed by {updated_by} at {when} after you opened it."
        )


class RuleError(CusttuiError):
    """An action the business rules refuse (deleting a consignor with items, a plan limit)."""


class KeyFileError(CusttuiError):
    """The encryption key is missing, unsafe, or does not match the database."""


class StoreError(CusttuiError):
    """The database can't be opened, reached or written."""


class AccessError(CusttuiError):
    """The acting user is not allowed in (a locked team list)."""


class DiskFullError(StoreError):
    """The disk (or the user's quota) ran out while writing: the write was undone."""

    def __init__(self, message: str = DISK_FULL) -> None:
        super().__init__(message)


def _causes(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo: list[BaseException | None] = [error]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)  # SQLAlchemy wraps the driver's error
        todo += [orig if isinstance(orig, BaseException) else None]
        todo += [current.__cause__, current.__context__]


def is_disk_full(error: BaseException) -> bool:
    """True when `error`, or what caused it, says the disk or the quota is full."""
    for cause in _causes(error):
        if isinstance(cause, OSError) and cause.errno in FULL_ERRNOS:
            return True
        if getattr(cause, "sqlite_errorcode", None) == SQLITE_FULL:
            return True
        if getattr(cause, "sqlstate", None) == PG_DISK_FULL:
            return True
        if any(words in str(cause).lower() for words in FULL_WORDS):
            return True
    return False


def disk_full_error(error: BaseException) -> DiskFullError | None:
    """The DiskFullError to raise in place of `error`, or None when the disk isn't full."""
    return DiskFullError() if is_disk_full(error) else None
