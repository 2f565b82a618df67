"""A customer as the picker lists and shows them: name, number, a way to reach them, code."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content

from custtui.core.customers.record import CustomerRecord, format_number
from custtui.core.directory.list_rows import ListRow
from custtui.core.fields.contact import format_phone


@dataclass(frozen=True)
class Chosen:
    id: int
    number: int
    name: str
    contact: str = ""  # email, else phone
    code: str = ""  # consignor code

    @property
    def label(self) -> str:
        return format_number(self.number)

    @classmethod
    def of_row(cls, row: ListRow, region: str, code: str = "") -> Chosen:
        phone = row.phone or row.mobile_phone
        contact = row.email or (format_phone(phone, region) if phone else "")
        return cls(row.id, row.number, row.name, contact, code)

    @classmethod
    def of_record(cls, record: CustomerRecord, region: str) -> Chosen:
        phone = record.phone or record.mobile_phone
        contact = record.email or (format_phone(phone, region) if phone else "")
        return cls(record.id, record.number, record.name, contact, record.consignor_code or "")

    def details(self) -> str:
        """What follows the name: "C-000002 · ann@example.org · code AB1"."""
        parts = [self.label, self.contact, f"code {self.code}" if self.code else ""]
        return " · ".join(p for p in parts if p)

    def line(self) -> Content:
        """A match in the list: the name stands out, the rest is quieter."""
        return Content.assemble((self.name, "bold"), "  ", (self.details(), "$text-muted"))
