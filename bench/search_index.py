"""Benchmark of the in-memory search index: build time, memory and per-keystroke latency.

Run alone: `python bench/search_index.py [--rows N ...]` (default: 100,000 then 1,000,000).
Each size runs in a fresh subprocess so that RSS is not inflated by the previous one. Prints
figures only; no assertions.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from custtui.core.runtime.steps import finish  # noqa: E402
from custtui.core.search.haystack import SearchRow  # noqa: E402
from custtui.core.search.index import SearchIndex  # noqa: E402
from custtui.core.search.orders import SortKey  # noqa: E402

FIRST = (
    "James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara "
    "Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Nancy Matthew Lisa Anthony "
    "Betty Mark Sandra Paul Ashley Steven Emily Andrew Donna Joshua Michelle Kevin Carol Brian "
    "Amanda Emma Olivia Liam Noah Ava Sophia Isabella Mia Lucas Ethan Amelia Harper Evelyn "
    "Grace Lily Hannah Nora Riley Aria Leo Mateo Zoe Zoë Chloé José André Renée Noël Søren "
    "Björn François Jürgen Maëlle Inés Łukasz Dvořák Håkon Ñusta Zoltán Siân Aoife Grégoire"
).split()
LAST = (
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez "
    "Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris "
    "Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill "
    "Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Smithson "
    "Goldsmith Müller Schäfer Núñez Peña Ibáñez Kovačević Øvergaard Brontë Gómez O'Brien "
    "Łapiński Fernández Doğan Söderström Ó'Súilleabháin Nakamura Kim Patel Okafor Novák Dubois"
).split()
COMPANIES = (
    "Acme Corp|Globex|Initech|Umbrella Holdings|Stark Industries|Wayne Enterprises|Hooli|"
    "Vandelay Industries|Pied Piper|Soylent|Wonka Industries|Cyberdyne Systems|Tyrell Corp|"
    "Massive Dynamic|Oceanic Airlines|Sterling Cooper|Dunder Mifflin|Bluth Company|Café Müller|"
    "Zoë's Antiques|Señor Frog's|Bayside Motors|Oak Street Garage|Vintage Finds|Côte d'Azur Art"
).split("|")
FREEMAIL = ["gmail.com"] * 8 + ["yahoo.com"] * 4 + ["outlook.com"] * 3 + ["icloud.com", "aol.com"]
TYPING = ["smith", "555-1", "gmail", "zo", "a", "john sm"]


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if c.isascii() and c.isalnum())
    return plain.lower()


def _phone(rnd: random.Random) -> str:
    return f"({rnd.randint(201, 989)}) {rnd.randint(200, 999)}-{rnd.randint(0, 9999):04d}"


def make_rows(count: int, seed: int = 7) -> list[SearchRow]:
    rnd = random.Random(seed)
    rows = []
    for i in range(1, count + 1):
        first, last = rnd.choice(FIRST), rnd.choice(LAST)
        company = rnd.choice(COMPANIES) if rnd.random() < 0.3 else None
        roll = rnd.random()
        if company and roll < 0.6:
            email: str | None = f"{_ascii(first)}.{_ascii(last)}@{_ascii(company)}.com"
        elif roll < 0.92:
            sep = rnd.choice([".", "_", ""])
            suffix = str(rnd.randint(1, 99)) if rnd.random() < 0.4 else ""
            local = f"{_ascii(first)}{sep}{_ascii(last)}{suffix}"
            email = f"{local}@{rnd.choice(FREEMAIL)}"
        else:
            email = None
        rows.append(
            SearchRow(
                id=i,
                number=i,
                first_name=first,
                last_name=last,
                company=company,
                email=email,
                phone=_phone(rnd) if rnd.random() < 0.85 else None,
                mobile_phone=_phone(rnd) if rnd.random() < 0.4 else None,
                is_consignor=rnd.random() < 0.05,
            )
        )
    return rows


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def keystrokes(word: str) -> list[str]:
    """The query after each key: typed char by char, then deleted back char by char."""
    typed = [word[:i] for i in range(1, len(word) + 1)]
    return typed + typed[-2::-1]


def timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):7.2f}  p95 {p95:7.2f}  max {ordered[-1]:7.2f} ms"


def read_all(index: SearchIndex, query: str, sort: SortKey, descending: bool) -> object:
    """Every match in a sort, as the list reads them (reversed: the same, back to front)."""
    return finish(index.view_steps(query, sort=sort, descending=descending))


def run(count: int) -> None:
    print(f"\n=== {count:,} rows ===")
    base = rss_mb()
    rows = make_rows(count)
    with_rows = rss_mb()
    start = time.perf_counter()
    index = SearchIndex(rows)
    build = time.perf_counter() - start
    del rows
    gc.collect()
    after = rss_mb()
    print(f"build {build:.2f} s")
    print(
        f"RSS after build {after:.0f} MB (process before rows {base:.0f} MB, "
        f"with rows generated {with_rows:.0f} MB; index alone ~{after - base:.0f} MB)"
    )
    print(f"first page, empty query {timed(partial(index.first, '', 60)):.2f} ms")
    for sort in ("first_name", "number", "company"):
        first_use = timed(partial(index.first, "", 60, sort=sort))
        print(f"first use of sort {sort}: {first_use:.0f} ms")
    print(f"RSS with all four sort orders {rss_mb():.0f} MB")
    sorts: tuple[SortKey, ...] = ("last_name", "first_name", "number", "company")
    for sort in sorts:
        # A reversed sort reads the same order back to front: no sorting again, so it costs
        # what the ascending one does.
        index.count("smith")
        for descending in (False, True):
            every = timed(partial(read_all, index, "", sort, descending))
            page = timed(partial(index.first, "", 60, sort=sort, descending=descending))
            some = timed(partial(read_all, index, "smith", sort, descending))
            some_page = timed(partial(index.first, "smith", 60, sort=sort, descending=descending))
            print(
                f"sort {sort:10} {'↓' if descending else '↑'} every row {every:6.2f} ms"
                f"  first page {page:5.2f} ms;  'smith' {some:6.2f} ms  first page"
                f" {some_page:5.2f} ms"
            )
    print(f"customer by number (C-…, #…) {timed(partial(index.by_number, count // 2)):.2f} ms")
    for word in TYPING:
        firsts: list[float] = []
        counts: list[float] = []
        worst = ""
        for query in keystrokes(word):
            f_ms = timed(partial(index.first, query, 60))
            c_ms = timed(partial(index.count, query))
            firsts.append(f_ms)
            counts.append(c_ms)
            worst += f" {query!r}:{f_ms:.0f}/{c_ms:.0f}"
        print(f"typing {word!r:9} first(q, 60) {summary(firsts)}")
        print(f"{'':16} count(q)     {summary(counts)}")
        print(f"{'':16} per key first/count ms:{worst}")
    for query in ("smith", "5551234", "gmail", "john smith", "zz"):
        # A pasted query (or `custtui find`) finds nothing cached to narrow from.
        index.forget_results()
        f_ms = timed(partial(index.first, query, 60))
        index.forget_results()
        c_ms = timed(partial(index.count, query))
        print(f"pasted {query!r:12} (cold cache) first {f_ms:7.2f} ms  count {c_ms:7.2f} ms")
    change = SearchRow(count + 1, count + 1, "Zoë", "Aardvark", None, None, None, None, True)
    print(f"upsert (new row, all sorts built) {timed(lambda: index.upsert(change)):.2f} ms")
    print(f"remove {timed(lambda: index.remove(1)):.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, action="append", help="rows to index (repeatable)")
    parser.add_argument("--inline", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = args.rows or [100_000, 1_000_000]
    if args.inline or len(sizes) == 1:
        for size in sizes:
            run(size)
        return
    for size in sizes:
        subprocess.run([sys.executable, __file__, "--rows", str(size), "--inline"], check=True)


if __name__ == "__main__":
    main()
