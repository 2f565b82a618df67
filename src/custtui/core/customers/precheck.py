"""Checking a new customer without creating it, for a form that asks something before it
saves (is this the customer already there?): the question is worth asking only of a customer
that could then be saved."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select

from custtui.core.customers.lookup import email_owners_in
from custtui.core.customers.record import require_customers
from custtui.core.customers.service import (
    CODE_TAKEN,
    EMAIL_TAKEN_ON_CREATE,
    clean_new_customer,
)
from custtui.core.errors import ValidationError
from custtui.core.fields.contact import email_key
from custtui.core.fields.normalize import normalize_field
from custtui.core.store.businesses import Context
from custtui.core.store.models import Customer


def check_new_customer(ctx: Context, values: Mapping[str, object]) -> None:
    """Every rule `create_customer` applies, without creating: each field's rule, and whether
    the email or consignor code is taken. Raises ValidationError naming every fault found."""
    require_customers(ctx)
    errors: dict[str, str] = {}
    try:
        clean = clean_new_customer(ctx, values)
    except ValidationError as exc:
        errors = dict(exc.errors)
        # A valid email may still be taken: say so now too, not after the next save.
        clean = {}
        if "email" not in errors:
            clean["email"] = normalize_field("email", values.get("email"))
    email = clean.get("email")
    code = clean.get("consignor_code")
    with ctx.store.read() as session:
        if isinstance(email, str) and email_owners_in(session, ctx, [email_key(email)]):
            errors["email"] = EMAIL_TAKEN_ON_CREATE
        if isinstance(code, str):
            owner = select(Customer.id).where(
                Customer.business_id == ctx.business.id, Customer.consignor_code == code
            )
            if session.scalar(owner.limit(1)) is not None:
                errors["consignor_code"] = CODE_TAKEN
    if errors:
        raise ValidationError(errors)
