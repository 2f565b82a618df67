"""History from the audit log, restoring an overwritten value, and the same-name check."""

from __future__ import annotations

from datetime import date

import pytest

from custtui.core.customers.history import history, restore_change
from custtui.core.customers.lookup import get_customer, reveal_sensitive, same_name
from custtui.core.customers.notes import add_note
from custtui.core.customers.profile import load_profile
from custtui.core.customers.service import create_customer, update_customer
from custtui.core.errors import NotFoundError, RuleError, ValidationError
from custtui.core.items.bulk import NewItem, add_items
from custtui.core.store.businesses import Context, open_context


def test_history_is_newest_first_with_who_and_what_changed(ctx: Context) -> None:
    ada = create_customer(ctx, {"first_name": "Ada", "last_name": "Byron", "phone": "4155552671"})
    maria = open_context(ctx.store, None, "maria")
    update_customer(maria, ada.number, {"phone": "", "company": "Engines"})
    add_note(ctx, ada.number, "Asked for a call")
    entries = history(ctx, ada.number)
    assert [(e.title, e.actor) for e in entries] == [
        ("Note added", "tester"),
        ("Changed", "maria"),
        ("Created", "tester"),
    ]
    changed = {c.label: (c.old, c.new) for c in entries[1].changes}
    assert changed == {"Company": ("", "Engines"), "Phone": ("(415) 555-2671", "")}


def test_encrypted_fields_show_only_that_they_changed(ctx: Context) -> None:
    ada = create_customer(ctx, {"first_name": "Ada", "last_name": "Byron"})
    update_customer(ctx, ada.number, {"driver_license": "D1234567"})
    reveal_sensitive(ctx, ada.number)
    revealed, changed, _ = history(ctx, ada.number)
    assert revealed.title == "Revealed driver license"
    (change,) = changed.changes
    assert (change.label, change.old, change.new, change.restorable) == (
        "Driver license",
        "",
        "",
        False,
    )


def test_restore_puts_back_a_cleared_field_as_a_new_audited_change(ctx: Context) -> None:
    ada = create_customer(ctx, {"first_name": "Ada", "last_name": "Byron", "phone": "4155552671"})
    update_customer(ctx, ada.number, {"phone": ""})
    cleared = history(ctx, ada.number)[0]
    restored = restore_change(ctx, ada.number, cleared.event_id, "phone")
    assert restored.phone == "+14155552671"
    assert get_customer(ctx, ada.number).phone == "+14155552671"
    titles = [e.title for e in history(ctx, ada.number)]
    assert titles == ["Changed", "Changed", "Created"]


def test_restore_refuses_what_it_cannot_restore(ctx: Context) -> None:
    ada = create_customer(ctx, {"first_name": "Ada", "last_name": "Byron"})
    update_customer(ctx, ada.number, {"driver_license": "D1"})
    created, changed = history(ctx, ada.number)[::-1]
    with pytest.raises(RuleError, match="Driver license can't be restored"):
        restore_change(ctx, ada.number, changed.event_id, "driver_license")
    with pytest.raises(RuleError):
        restore_change(ctx, ada.number, created.event_id, "first_name")
    other = create_customer(ctx, {"first_name": "Bo", "last_name": "Z"})
    with pytest.raises(NotFoundError):
        restore_change(ctx, other.number, changed.event_id, "driver_license")


def test_restore_goes_through_the_rules(ctx: Context) -> None:
    ada = create_customer(ctx, {"first_name": "Ada", "last_name": "B", "email": "a@example.com"})
    update_customer(ctx, ada.number, {"email": "ada@example.com"})
    create_customer(ctx, {"first_name": "Al", "last_name": "C", "email": "a@example.com"})
    with pytest.raises(ValidationError, match="Another customer with this email already exists."):
        restore_change(ctx, ada.number, history(ctx, ada.number)[0].event_id, "email")


def test_same_name_ignores_case_accents_and_spaces(ctx: Context) -> None:
    zoe = create_customer(ctx, {"first_name": "Zoë", "last_name": "Van  Dyke"})
    create_customer(ctx, {"first_name": "Zoe", "last_name": "Vandyke"})
    assert [c.number for c in same_name(ctx, " zoe ", "van dyke")] == [zoe.number]
    assert same_name(ctx, "", "Van Dyke") == []


def test_profile_reads_every_panel(ctx: Context) -> None:
    ada = create_customer(ctx, {"first_name": "Ada", "last_name": "B", "is_consignor": True})
    bob = create_customer(ctx, {"first_name": "Bob", "last_name": "C"})
    add_note(ctx, ada.number, "hello")
    add_items(
        ctx,
        [
            NewItem("Omega", "Watches", "Sold", 50000, 45000, date(2026, 1, 5), ada.id),
            NewItem(
                "Rolex", "Watches", "Collection", 90000, consignor_id=ada.id, commission_bp=2000
            ),
            NewItem(
                "Seiko",
                "Watches",
                "Sold",
                10000,
                9000,
                date(2026, 2, 1),
                bob.id,
                consignor_id=ada.id,
                commission_bp=1500,
            ),
        ],
    )
    profile = load_profile(ctx, ada.number)
    assert profile.customer.first_name == "Ada"
    assert [n.text for n in profile.notes] == ["hello"]
    assert (profile.purchases.count, profile.purchases.total_cents) == (1, 45000)
    assert profile.consignments is not None
    assert [i.title for i in profile.consignments.active] == ["Rolex"]
    assert profile.consignments.commission_cents == 1350
    assert load_profile(ctx, bob.number).consignments is None


def test_item_and_ledger_events_show_in_the_customers_history(ctx: Context) -> None:
    from custtui.core.items import ledger
    from custtui.core.items.service import create_item, sell_item
    from custtui.core.items.values import ItemValues

    consignor = create_customer(
        ctx, {"first_name": "Ann", "last_name": "Lee", "consignor_code": "ANN"}
    )
    item = create_item(ctx, ItemValues("Omega", consignor_id=consignor.id, commission_bp=4000))
    sell_item(ctx, item.number, 9000)
    ledger.post_payout(ctx, consignor.id)
    titles = [entry.title for entry in history(ctx, consignor.number)]
    assert titles[:3] == ["Paid out $54.00", "Item sold I-000001", "Item added I-000001"]
