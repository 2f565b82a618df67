"""No id is handed out twice, so a new customer, note, item or import never takes a deleted
one's history; and a store that did reuse ids (before 0007) shows each row only its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from custtui.core.customers.history import history, restore_change
from custtui.core.customers.notes import add_note, delete_note
from custtui.core.customers.service import create_customer, delete_customer, update_customer
from custtui.core.errors import NotFoundError
from custtui.core.importing.mapping import auto_map
from custtui.core.importing.read import read_table
from custtui.core.importing.run import run_import
from custtui.core.importing.undo import undo_import
from custtui.core.items.history import item_history
from custtui.core.items.service import create_item, delete_item
from custtui.core.items.values import ItemValues
from custtui.core.store.businesses import Context


def titles(ctx: Context, number: int) -> list[str]:
    return [entry.title for entry in history(ctx, number)]


def test_a_customer_added_after_the_newest_is_deleted_has_only_its_own_history(
    ctx: Context,
) -> None:
    old = create_customer(ctx, {"first_name": "Old", "last_name": "Owner", "company": "Gone"})
    update_customer(ctx, old.number, {"company": "Gone Ltd"})
    add_note(ctx, old.number, "Private to the old owner")
    delete_customer(ctx, old.number)

    new = create_customer(ctx, {"first_name": "New", "last_name": "Owner"})
    assert new.id != old.id
    assert titles(ctx, new.number) == ["Created"]


def write_csv(path: Path, names: list[str]) -> Path:
    path.write_text("First Name,Last Name\n" + "".join(f"{n},Smith\n" for n in names))
    return path


def test_customers_imported_after_an_undo_have_none_of_the_undone_ones_history(
    ctx: Context, tmp_path: Path
) -> None:
    first = write_csv(tmp_path / "first.csv", ["Ann", "Bob"])
    table = read_table(first)
    undone = run_import(ctx, table, auto_map(table.headers), first)
    undo_import(ctx, undone.import_id)

    second = write_csv(tmp_path / "second.csv", ["Cid", "Dee"])
    table = read_table(second)
    again = run_import(ctx, table, auto_map(table.headers), second)
    assert again.import_id != undone.import_id
    ((low, high),) = again.numbers
    for number in range(low, high + 1):
        assert titles(ctx, number) == []


def test_note_and_item_ids_are_not_reused(ctx: Context) -> None:
    ada = create_customer(ctx, {"first_name": "Ada", "last_name": "Byron"})
    note = add_note(ctx, ada.number, "First")
    delete_note(ctx, note.id)
    assert add_note(ctx, ada.number, "Second").id != note.id

    lamp = create_item(ctx, ItemValues("Lamp"))
    delete_item(ctx, lamp.number)
    vase = create_item(ctx, ItemValues("Vase"))
    assert vase.id != lamp.id
    assert [e.action for e in item_history(ctx, vase.number).events] == ["item_created"]


def reuse_ids_as_before_0007(ctx: Context) -> None:
    """Put SQLite's counters back to the highest id held, as a table without
    AUTOINCREMENT counted: the next row takes the id of the newest deleted one."""
    with ctx.store.write() as session:
        session.execute(text("UPDATE sqlite_sequence SET seq = 0"))


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_store_that_reused_an_id_shows_each_customer_only_its_own_history(
    ctx: Context, tmp_path: Path
) -> None:
    old = create_customer(ctx, {"first_name": "Old", "last_name": "Owner", "phone": "4155552671"})
    update_customer(ctx, old.number, {"phone": ""})
    (cleared,) = [e for e in history(ctx, old.number) if e.title == "Changed"]
    delete_customer(ctx, old.number)
    reuse_ids_as_before_0007(ctx)

    new = create_customer(ctx, {"first_name": "New", "last_name": "Owner"})
    assert new.id == old.id
    assert titles(ctx, new.number) == ["Created"]
    with pytest.raises(NotFoundError):
        restore_change(ctx, new.number, cleared.event_id, "phone")

    # An imported customer has no creation event of its own: the deletion still bounds it.
    delete_customer(ctx, new.number)
    reuse_ids_as_before_0007(ctx)
    path = write_csv(tmp_path / "one.csv", ["Eve"])
    table = read_table(path)
    ((number, _),) = run_import(ctx, table, auto_map(table.headers), path).numbers
    assert titles(ctx, number) == []


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_store_that_reused_an_item_id_shows_the_item_only_its_own_history(
    ctx: Context,
) -> None:
    lamp = create_item(ctx, ItemValues("Lamp"))
    delete_item(ctx, lamp.number)
    reuse_ids_as_before_0007(ctx)
    vase = create_item(ctx, ItemValues("Vase"))
    assert vase.id == lamp.id
    assert [e.action for e in item_history(ctx, vase.number).events] == ["item_created"]
