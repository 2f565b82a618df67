"""The store itself: migrations, SQLite settings, encryption at rest, key file rules, races."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import insert, inspect, select, text

from custtui.core.customers.lookup import get_customer, reveal_sensitive
from custtui.core.customers.profile import load_profile
from custtui.core.customers.service import create_customer
from custtui.core.errors import KeyFileError, StoreError, ValidationError
from custtui.core.items.customer_items import Consignments
from custtui.core.runtime.config import Settings, sqlite_url
from custtui.core.store.businesses import Context, open_context
from custtui.core.store.engine import HEAD_REVISION, Store, make_engine
from custtui.core.store.keys import rotate_key
from custtui.core.store.migrate import head_revision, migrate
from custtui.core.store.models import Customer


def test_a_new_database_is_built_by_the_migrations(store: Store) -> None:
    with store.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        version = conn.execute(text("select version_num from alembic_version")).scalar()
    assert {
        "customers",
        "customer_notes",
        "items",
        "audit_events",
        "businesses",
        "team_members",
    } <= tables
    assert version == head_revision()


def test_reopening_keeps_data_and_schema(settings: Settings, ctx: Context) -> None:
    create_customer(ctx, {"first_name": "Ada", "last_name": "L", "driver_license": "D99"})
    again = Store.open(settings.database_url, settings.key_file)
    try:
        record = get_customer(open_context(again, None, "tester"), 1)
        assert record.name == "Ada L"
        assert reveal_sensitive(open_context(again, None, "tester"), 1).driver_license == "D99"
    finally:
        again.close()


def test_the_head_revision_constant_names_the_newest_migration() -> None:
    assert HEAD_REVISION == head_revision()


def test_sqlite_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    store = Store.open(sqlite_url(tmp_path / "x.db"), tmp_path / "key.json")
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        store.close()


def old_database(path: Path, revision: str, first: str, last: str) -> None:
    """A SQLite file at schema `revision` holding one business and one customer."""
    engine = make_engine(sqlite_url(path))
    migrate(engine, sqlite_url(path), target=revision)
    engine.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO businesses (slug, name, plan, region, team_locked, "
            "next_customer_number, created_at) VALUES ('main', 'Shop', 'premium', "
            "'US', 0, 2, '2024-01-01 00:00:00')"
        )
        conn.execute(
            "INSERT INTO customers (business_id, number, first_name, last_name, "
            "country, preferred_contact, is_consignor, contact_by_email, "
            "contact_by_sms, active, on_hold, created_at, created_by, updated_at, "
            "updated_by, version) VALUES (1, 1, ?, ?, 'US', "
            "'No Preference', 0, 0, 0, 1, 0, '2024-01-01 00:00:00', 'old', "
            "'2024-01-01 00:00:00', 'old', 1)",
            (first, last),
        )


def test_an_older_sqlite_database_is_upgraded_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    # A customer as the first release wrote it, straight into its schema.
    old_database(path, "0001", "Zoë", "Åberg")

    store = Store.open(sqlite_url(path), tmp_path / "key.json")
    try:
        with store.engine.connect() as conn:
            indexes = {i["name"] for i in inspect(conn).get_indexes("customers")}
            version = conn.execute(text("select version_num from alembic_version")).scalar()
            key = conn.execute(text("select name_key from customers")).scalar()
        assert version == HEAD_REVISION
        assert {"ix_customers_business_name", "ix_customers_business_name_key"} <= indexes
        assert key == "aberg\x1fzoe"
        ctx = open_context(store, None, "tester")
        assert get_customer(ctx, 1).name == "Zoë Åberg"
        assert create_customer(ctx, {"first_name": "New", "last_name": "One"}).label == "C-000002"
    finally:
        store.close()
    (backup,) = tmp_path.glob("old.db.before-0001-*")
    with sqlite3.connect(backup) as conn:
        assert conn.execute("select version_num from alembic_version").fetchone() == ("0001",)
        assert conn.execute("select first_name from customers").fetchone() == ("Zoë",)


def test_a_database_from_a_newer_release_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store.open(sqlite_url(path), tmp_path / "key.json").close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="newer release"):
        Store.open(sqlite_url(path), tmp_path / "key.json")


def test_a_database_with_foreign_tables_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE accounts (id integer)")
    with pytest.raises(StoreError, match="no custtui schema"):
        Store.open(sqlite_url(path), tmp_path / "key.json")


def test_sensitive_fields_never_hit_the_disk_in_plaintext(tmp_path: Path) -> None:
    path = tmp_path / "raw.db"
    store = Store.open(sqlite_url(path), tmp_path / "key.json")
    ctx = open_context(store, None, "tester")
    create_customer(
        ctx,
        {
            "first_name": "Plain",
            "last_name": "Text",
            "date_of_birth": "1971-08-13",
            "driver_license": "ZX9876543",
        },
    )
    store.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("raw.db*"))
    assert b"Plain" in raw  # the check can see plaintext: names are not encrypted
    for secret in (b"1971-08-13", b"ZX9876543", b"08/13/1971", b"9876543"):
        assert secret not in raw


def test_key_file_is_created_private_and_outside_the_database(
    settings: Settings, store: Store
) -> None:
    assert settings.key_file.exists()
    assert settings.key_file.stat().st_mode & 0o777 == 0o600
    key = json.loads(settings.key_file.read_text())["keys"]
    with store.engine.connect() as conn:
        dump = " ".join(str(v) for row in conn.execute(text("select * from meta")) for v in row)
    assert not any(k in dump for k in key.values())


def test_a_key_file_readable_by_others_is_refused(settings: Settings, store: Store) -> None:
    os.chmod(settings.key_file, 0o644)
    with pytest.raises(KeyFileError, match="chmod 600"):
        Store.open(settings.database_url, settings.key_file)


def test_a_missing_key_is_reported_not_replaced(settings: Settings, store: Store) -> None:
    settings.key_file.unlink()
    with pytest.raises(KeyFileError, match="not found"):
        Store.open(settings.database_url, settings.key_file)
    assert not settings.key_file.exists()


def test_a_wrong_key_is_refused(settings: Settings, store: Store, tmp_path: Path) -> None:
    other = tmp_path / "other" / "key.json"
    Store.open(sqlite_url(tmp_path / "other.db"), other).close()
    with pytest.raises(KeyFileError):
        Store.open(settings.database_url, other)


def test_key_rotation_loses_nothing(settings: Settings, ctx: Context) -> None:
    for i in range(30):
        create_customer(
            ctx,
            {
                "first_name": f"P{i}",
                "last_name": "R",
                "date_of_birth": f"1980-01-{i % 28 + 1:02d}",
                "driver_license": f"DL{i:05d}",
            },
        )
    before = json.loads(settings.key_file.read_text())["current"]
    rotation = rotate_key(ctx.store)
    assert rotation.values == 60 and rotation.old_ids == (before,)
    data = json.loads(settings.key_file.read_text())
    assert list(data["keys"]) == [rotation.new_id] != [before]
    # A fresh open with the rotated file reads every value.
    again = Store.open(settings.database_url, settings.key_file)
    try:
        fresh = open_context(again, None, "tester")
        for i in range(30):
            secret = reveal_sensitive(fresh, i + 1)
            assert secret.driver_license == f"DL{i:05d}"
            assert secret.date_of_birth is not None and secret.date_of_birth.day == i % 28 + 1
        with again.read() as session:
            stored = session.scalars(select(Customer.driver_license)).all()
        assert all(s is not None and s.startswith(rotation.new_id + ":") for s in stored)
    finally:
        again.close()


def test_unique_email_race_lets_exactly_one_win(settings: Settings, ctx: Context) -> None:
    """Two connections insert the same email at once: the database itself refuses one."""
    stores = [Store.open(settings.database_url, settings.key_file) for _ in range(2)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def insert(store: Store, n: int) -> None:
        worker = open_context(store, None, f"terminal{n}")
        barrier.wait()
        try:
            create_customer(
                worker, {"first_name": f"T{n}", "last_name": "R", "email": "race@example.com"}
            )
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(exc.errors["email"])

    threads = [threading.Thread(target=insert, args=(s, n)) for n, s in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in stores:
        s.close()
    assert sorted(outcomes) == sorted(
        ["ok", "A customer with this email already exists for this business."]
    )


def test_email_index_refuses_duplicates_even_past_the_service(store: Store, ctx: Context) -> None:
    """The unique index, not only the service's check, guards the email."""
    create_customer(ctx, {"first_name": "A", "last_name": "B", "email": "same@example.com"})
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), store.write() as session:
        session.execute(
            insert(Customer).values(
                business_id=ctx.business.id,
                number=99,
                first_name="X",
                last_name="Y",
                email="SAME@example.com",
                email_key="same@example.com",
                country="US",
                preferred_contact="No Preference",
                is_consignor=False,
                contact_by_email=False,
                contact_by_sms=False,
                active=True,
                on_hold=False,
                created_by="x",
                updated_by="x",
                version=1,
                created_at=get_customer(ctx, 1).created_at,
                updated_at=get_customer(ctx, 1).created_at,
            )
        )


def test_an_unreachable_server_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="Can't reach the database"):
        Store.open(
            "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2", tmp_path / "key.json"
        )


def test_a_bad_url_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="Not a usable database URL"):
        Store.open("nonsense://", tmp_path / "key.json")


def test_money_is_exact(ctx: Context) -> None:
    from custtui.core.items.bulk import NewItem, add_items

    consignor = create_customer(ctx, {"first_name": "C", "last_name": "S", "consignor_code": "C1"})
    add_items(ctx, [NewItem("x", retail_cents=10, consignor_id=consignor.id)] * 3)
    assert _consigned(ctx, consignor.number).active_value_cents == 30


def test_a_0003_database_with_customers_gains_saved_import_mappings(tmp_path: Path) -> None:
    from custtui.core.importing.saved import save_mapping, starting_mapping

    path = tmp_path / "v3.db"
    old_database(path, "0003", "Ada", "Lovelace")

    store = Store.open(sqlite_url(path), tmp_path / "key.json")
    try:
        with store.engine.connect() as conn:
            version = conn.execute(text("select version_num from alembic_version")).scalar()
            tables = set(inspect(conn).get_table_names())
        assert version == HEAD_REVISION
        assert "import_mappings" in tables
        ctx = open_context(store, None, "tester")
        assert get_customer(ctx, 1).name == "Ada Lovelace"
        headers = ["Name", "Mail"]
        with store.write() as session:
            save_mapping(session, ctx, headers, ["full_name", "email"])
        assert starting_mapping(ctx, headers) == (["full_name", "email"], True)
    finally:
        store.close()
    (backup,) = tmp_path.glob("v3.db.before-0003-*")
    with sqlite3.connect(backup) as conn:
        assert conn.execute("select version_num from alembic_version").fetchone() == ("0003",)


def _consigned(ctx: Context, number: int) -> Consignments:
    consigned = load_profile(ctx, number).consignments
    assert consigned is not None
    return consigned


def test_a_0004_database_with_items_gets_numbers_terms_and_a_ledger(tmp_path: Path) -> None:
    from custtui.core.items.ledger import balance_of
    from custtui.core.items.listing import find_items

    path = tmp_path / "v4.db"
    old_database(path, "0004", "Ann", "Lee")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE customers SET is_consignor = 1, consignor_code = 'ANN'")
        for title, status, sold, consignor in (
            ("Omega", "Sold", 9000, 1),
            ("Rolex", "Collection", None, 1),
            ("Vinyl", "Sold", 2500, None),
        ):
            conn.execute(
                "INSERT INTO items (business_id, title, status, sold_cents, sale_date, "
                "consignor_id, commission_bp, created_at, updated_at) VALUES "
                "(1, ?, ?, ?, ?, ?, ?, '2024-03-01 10:00:00', '2024-03-01 10:00:00')",
                (
                    title,
                    status,
                    sold,
                    "2024-04-01" if sold else None,
                    consignor,
                    4000 if consignor else None,
                ),
            )

    store = Store.open(sqlite_url(path), tmp_path / "key.json")
    try:
        ctx = open_context(store, None, "tester")
        view, line = find_items(ctx, "")
        assert line == "3 items"
        by_title = {item.title: item for item in view}
        assert [by_title[t].label for t in ("Omega", "Rolex", "Vinyl")] == [
            "I-000001",
            "I-000002",
            "I-000003",
        ]
        rolex = by_title["Rolex"]
        assert (rolex.intake_date, rolex.expiry_date, rolex.at_expiry) == (
            date(2024, 3, 1),
            date(2024, 5, 30),
            "return",
        )
        with store.read() as session:
            assert balance_of(session, 1) == 5400  # the old sale, credited at 60 %
        from custtui.core.items.service import create_item
        from custtui.core.items.values import ItemValues

        assert create_item(ctx, ItemValues("Lamp")).label == "I-000004"
    finally:
        store.close()


def test_a_newer_release_s_store_is_refused_without_a_backup_copy_each_time(
    tmp_path: Path,
) -> None:
    path = tmp_path / "new.db"
    Store.open(sqlite_url(path), tmp_path / "key.json").close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    for _ in range(3):
        with pytest.raises(StoreError, match="newer release"):
            Store.open(sqlite_url(path), tmp_path / "key.json")
    assert sorted(p.name for p in tmp_path.iterdir() if "before" in p.name) == []


def test_a_0006_database_keeps_every_row_and_never_reuses_an_id_the_log_names(
    tmp_path: Path,
) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from custtui.core.customers.history import history
    from custtui.core.customers.notes import list_notes
    from custtui.core.customers.service import delete_customer
    from custtui.core.items.ledger import balance_of
    from custtui.core.items.service import create_item
    from custtui.core.items.values import ItemValues
    from custtui.core.store.models import Base

    path = tmp_path / "v6.db"
    old_database(path, "0006", "Ann", "Lee")
    stamp = "'2024-03-01 10:00:00'"
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE customers SET is_consignor = 1, consignor_code = 'ANN'")
        conn.execute("UPDATE businesses SET next_customer_number = 3, next_item_number = 2")
        conn.execute(
            "INSERT INTO customers (business_id, number, first_name, last_name, country, "
            "preferred_contact, is_consignor, contact_by_email, contact_by_sms, active, "
            f"on_hold, created_at, created_by, updated_at, updated_by, version) VALUES "
            f"(1, 2, 'Bo', 'Ek', 'US', 'No Preference', 0, 0, 0, 1, 0, {stamp}, 'old', "
            f"{stamp}, 'old', 1)"
        )
        conn.execute(
            "INSERT INTO customer_notes (customer_id, author, text, created_at) "
            f"VALUES (2, 'old', 'Likes lamps', {stamp})"
        )
        conn.execute(
            "INSERT INTO items (business_id, number, title, status, sold_cents, sale_date, "
            "consignor_id, commission_bp, intake_date, created_at, created_by, updated_at, "
            f"updated_by, version) VALUES (1, 1, 'Omega', 'Sold', 9000, '2024-04-01', 1, "
            f"4000, '2024-03-01', {stamp}, 'old', {stamp}, 'old', 1)"
        )
        conn.execute(
            "INSERT INTO ledger_entries (business_id, consignor_id, kind, amount_cents, "
            f"entry_date, item_id, created_at, created_by) VALUES (1, 1, 'sale', 5400, "
            f"'2024-04-01', 1, {stamp}, 'old')"
        )
        # Customer 9 and item 12 were deleted long ago: only the log still names them.
        for action, customer, item in (("customer_deleted", 9, None), ("item_deleted", 1, 12)):
            conn.execute(
                "INSERT INTO audit_events (business_id, actor, action, customer_id, item_id, "
                f"at, changes) VALUES (1, 'old', ?, ?, ?, {stamp}, '{{}}')",
                (action, customer, item),
            )

    store = Store.open(sqlite_url(path), tmp_path / "key.json")
    try:
        with store.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
            tables = conn.exec_driver_sql(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND sql LIKE "
                "'%AUTOINCREMENT%'"
            ).scalar()
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert tables == 9
        ctx = open_context(store, None, "tester")
        assert [get_customer(ctx, n).name for n in (1, 2)] == ["Ann Lee", "Bo Ek"]
        assert [n.text for n in list_notes(ctx, 2)] == ["Likes lamps"]
        assert [i.title for i in _consigned(ctx, 1).sold] == ["Omega"]
        with store.read() as session:
            assert balance_of(session, 1) == 5400

        added = create_customer(ctx, {"first_name": "New", "last_name": "One"})
        assert added.id == 10
        assert [e.title for e in history(ctx, added.number)] == ["Created"]
        assert create_item(ctx, ItemValues("Lamp")).id == 13
        # The keys still hold: deleting a customer takes its notes with it.
        delete_customer(ctx, 2)
        with store.read() as session:
            assert session.execute(text("SELECT count(*) FROM customer_notes")).scalar() == 0
    finally:
        store.close()


def test_a_0007_database_gets_whole_second_times_in_the_format_queries_bind(
    tmp_path: Path,
) -> None:
    from datetime import UTC, datetime

    from custtui.core.activity.log import activity_page
    from custtui.core.store.models import AuditEvent

    path = tmp_path / "v7.db"
    old_database(path, "0007", "Ann", "Lee")
    with sqlite3.connect(path) as conn:
        # As the release before wrote a batch: whole seconds without ".000000", 30 at one time.
        conn.executemany(
            "INSERT INTO audit_events (business_id, actor, action, customer_id, at, changes) "
            "VALUES (1, 'old', 'note_added', 1, '2024-03-01 10:00:00', '{}')",
            [()] * 30,
        )
    store = Store.open(sqlite_url(path), tmp_path / "key.json")
    try:
        at = datetime(2024, 3, 1, 10, tzinfo=UTC)
        with store.read() as session:
            same = session.execute(text("SELECT count(*) FROM audit_events WHERE length(at) = 19"))
            assert same.scalar() == 0
            assert (
                len(session.scalars(select(AuditEvent.id).where(AuditEvent.at == at)).all()) == 30
            )
        ctx = open_context(store, None, "tester")
        first = activity_page(ctx, limit=20)
        assert first.more is not None
        rest = activity_page(ctx, after=first.more, limit=20)
        ids = [r.id for r in first.rows + rest.rows]
        assert len(ids) == len(set(ids)) == 30
    finally:
        store.close()
