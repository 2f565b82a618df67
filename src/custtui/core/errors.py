"""Errors the core raises; every one carries a message fit to show a user."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime


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
