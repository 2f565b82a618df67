"""Key rotation: re-encrypt every sensitive value under a new key without losing one."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select, update

from custtui.core.store.engine import KEY_CHECK, KEY_CHECK_TEXT, Store
from custtui.core.store.models import Customer, Meta

BATCH = 1000


@dataclass(frozen=True)
class Rotation:
    old_ids: tuple[str, ...]
    new_id: str
    values: int


def rotate_key(store: Store) -> Rotation:
    """New key first (old ones kept in the file), then re-encrypt in batches, then drop the old.

    An interruption at any point leaves every value readable with the file as it stands, and
    running the rotation again finishes the job.
    """
    old = store.keys
    ring = old.with_new_current()
    ring.save()
    store.keys = ring
    prefix = ring.current + ":"
    values = 0
    last_id = 0
    while True:
        with store.write() as session:
            rows = session.execute(
                select(Customer.id, Customer.date_of_birth, Customer.driver_license)
                .where(
                    Customer.id > last_id,
                    or_(Customer.date_of_birth.is_not(None), Customer.driver_license.is_not(None)),
                )
                .order_by(Customer.id)
                .limit(BATCH)
            ).all()
            if not rows:
                break
            for cid, dob, dl in rows:
                changes = {}
                for name, stored in (("date_of_birth", dob), ("driver_license", dl)):
                    if stored is not None and not stored.startswith(prefix):
                        changes[name] = ring.encrypt(ring.decrypt(stored))
                        values += 1
                if changes:
                    session.execute(update(Customer).where(Customer.id == cid).values(**changes))
            last_id = rows[-1][0]
    with store.write() as session:
        session.execute(
            update(Meta).where(Meta.key == KEY_CHECK).values(value=ring.encrypt(KEY_CHECK_TEXT))
        )
    final = ring.only_current()
    final.save()
    store.keys = final
    return Rotation(tuple(k for k in old.keys if k != ring.current), ring.current, values)
