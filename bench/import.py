"""Import speed end to end (read + map + validate + write) and peak memory.

Run: python bench/import.py [--rows N]
Builds once, under bench/.cache, a CSV and an .xlsx of N demo customers with first and last
name columns (the .xlsx twice: with openpyxl's inline strings and with shared strings, as
Excel saves), and the same CSV with one Full Name column instead; imports each into a fresh
SQLite store in a child process of its own, so each peak RSS is that file's alone (plus, on
Linux, the peak of the worker process that checks phone numbers ahead).
Targets: CSV at least 10,000 rows/s, .xlsx at least 5,000 rows/s.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

from custtui.core.demo.generate import generate_customers
from custtui.core.importing.mapping import auto_map
from custtui.core.importing.read import read_table
from custtui.core.importing.run import run_import
from custtui.core.runtime.config import sqlite_url
from custtui.core.store.businesses import open_context
from custtui.core.store.engine import Store

CACHE = Path(__file__).with_name(".cache")
COLUMNS = (
    ("Company", "company"),
    ("Email", "email"),
    ("Phone", "phone"),
    ("Mobile", "mobile_phone"),
    ("Street", "street"),
    ("Street 2", "street2"),
    ("City", "city"),
    ("State", "state"),
    ("Zip", "postal_code"),
    ("Country", "country"),
    ("Notes", "notes"),
)
KINDS = ("csv", "xlsx", "xlsx-shared", "csv-full-name")
SHEET = "xl/worksheets/sheet1.xml"
_INLINE = re.compile(
    r'<c r="([A-Z]+\d+)" t="inlineStr"><is><t(?: xml:space="preserve")?>(.*?)</t></is></c>'
)


def _rows(count: int, full_name: bool) -> Iterator[list[str]]:
    names = ["Full Name"] if full_name else ["First Name", "Last Name"]
    yield names + [header for header, _ in COLUMNS]
    for customer in generate_customers(count, seed=5):
        f = customer.fields
        name = [f"{f['first_name']} {f['last_name']}"] if full_name else [
            str(f["first_name"]),
            str(f["last_name"]),
        ]
        yield name + [str(f[key]) if f[key] is not None else "" for _, key in COLUMNS]


def build(kind: str, count: int) -> Path:
    suffix = ".xlsx" if kind.startswith("xlsx") else ".csv"
    path = CACHE / f"import-{kind}-{count}{suffix}"
    if path.exists():
        return path
    CACHE.mkdir(exist_ok=True)
    part = path.with_name(path.name + ".part")
    rows = _rows(count, full_name=kind == "csv-full-name")
    if kind in ("xlsx", "xlsx-shared"):
        from openpyxl import Workbook

        # openpyxl writes every text cell as an inline string, which it also reads several
        # times slower than the shared strings Excel and LibreOffice write: "xlsx" is such a
        # file, "xlsx-shared" the same cells turned into shared strings, as Excel saves them.
        workbook = Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.title = "Customers"
        for row in rows:
            # Phones as numbers, the way a spreadsheet holds a column of digits; empty
            # cells left out, as Excel leaves them out.
            sheet.append([int(c) if c.isdigit() and len(c) >= 7 else c or None for c in row])
        workbook.save(part)
        if kind == "xlsx-shared":
            _share_strings(part)
    else:
        with part.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)
    part.replace(path)
    return path


def _share_strings(path: Path) -> None:
    """Rewrite an openpyxl workbook's inline strings as one shared-strings table."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    index: dict[str, int] = {}

    def shared(match: re.Match[str]) -> str:
        number = index.setdefault(match.group(2), len(index))
        return f'<c r="{match.group(1)}" t="s"><v>{number}</v></c>'

    parts[SHEET] = _INLINE.sub(shared, parts[SHEET].decode("utf-8")).encode("utf-8")
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    items = "".join(f'<si><t xml:space="preserve">{text}</t></si>' for text in index)
    parts["xl/sharedStrings.xml"] = (
        f'<sst xmlns="{main}" count="{len(index)}" uniqueCount="{len(index)}">{items}</sst>'
    ).encode()
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{kind}" /></Types>'.encode(),
    )
    relation = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Type="{relation}" Target="sharedStrings.xml" Id="rIdShared" />'
        "</Relationships>".encode(),
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def _children_peak_kib() -> int:
    """Peak RSS of this process's children (the import's worker), from Linux's /proc.

    Not getrusage(RUSAGE_CHILDREN): a child forked to exec the worker counts this whole
    process's memory as its own peak.
    """
    peak = 0
    try:
        for task in Path("/proc/self/task").iterdir():
            for pid in (task / "children").read_text().split():
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
    except OSError:
        pass  # not Linux, or the child just ended
    return peak


def measure(path: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(sqlite_url(Path(tmp) / "bench.db"), Path(tmp) / "key.json")
        ctx = open_context(store, None, "bench")
        source = Path(tmp) / path.name  # rejects land beside it, in the temporary folder
        source.symlink_to(path.resolve())
        started = time.perf_counter()
        table = read_table(source)
        read = time.perf_counter() - started
        worker_kib = 0

        def progress(done: int, total: int) -> None:
            nonlocal worker_kib
            worker_kib = max(worker_kib, _children_peak_kib())

        result = run_import(ctx, table, auto_map(table.headers), source, progress=progress)
        total = time.perf_counter() - started
        store.close()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "rows": result.rows,
        "imported": result.imported,
        "read": read,
        "total": total,
        "peak_mib": peak_kib / 1024,
        "worker_mib": worker_kib / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--one", help=argparse.SUPPRESS)  # child process: measure one file
    parser.add_argument("--build", help=argparse.SUPPRESS)  # child process: build one file
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(Path(args.one))))
        return
    if args.build:
        print(build(args.build, args.rows))
        return
    print(f"import benchmark: {args.rows:,} rows per file, fresh SQLite store each")
    for kind in KINDS:
        # Built in a child too: a fork inherits the parent's peak, which would then be
        # reported as the import's.
        built = subprocess.run(
            [sys.executable, __file__, "--build", kind, "--rows", str(args.rows)],
            capture_output=True,
            text=True,
            check=True,
        )
        path = Path(built.stdout.strip())
        child = subprocess.run(
            [sys.executable, __file__, "--one", str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        m = json.loads(child.stdout)
        print(
            f"{kind:<14} {m['rows'] / m['total']:>8,.0f} rows/s end to end "
            f"({m['total']:.1f} s; reading {m['read']:.1f} s; {m['imported']:,} imported, "
            f"{m['rows'] - m['imported']:,} skipped); peak RSS {m['peak_mib']:,.0f} MiB"
            f" + worker {m['worker_mib']:,.0f} MiB"
        )


if __name__ == "__main__":
    main()
