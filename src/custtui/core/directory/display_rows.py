"""What each list row shows, by customer id, held compressed: no object per customer."""

from __future__ import annotations

import threading
import zlib
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate, chain, islice

__all__ = ["DisplayRows", "RowsTuning"]

# Bytes UTF-8 never holds (not even for a lone surrogate), so they can't clash with any text.
_END = b"\xff"  # between the rows of a block
_GONE = b"\xfe"  # the row of an id the block's range holds but the load didn't have
_WINDOW = 1 << 15  # deflate reaches back at most 32 KiB: a longer preset dictionary is wasted


@dataclass(frozen=True, slots=True)
class RowsTuning:
    """DisplayRows' sizes. Tests shrink them so that a few rows make many blocks and chunks.

    Chosen by bench/display_rows.py at 1M (rows() of 40 random ids, p50): 16 ids a block
    take 40-43 MB but 0.61-0.66 ms; 8 ids a block 0.51 ms. Level 3 keeps those 8 under
    45 MB (level 2: ~46) at ~3 s of deflating; level 6 saves 1.2 MB more for 1.5 s more.
    """

    block: int = 8  # ids per block: a random id inflates this many rows
    level: int = 3  # zlib's compression level
    chunk: int = 256  # deflated blocks kept together as one bytes
    cached: int = 128  # inflated blocks kept: a page of 40 random ids, and the page before it
    sample: int = 4096  # first rows the dictionary is taken from (every 13th, up to 32 KiB)


_DEFAULT_TUNING = RowsTuning()


class DisplayRows:
    """Display text by customer id, zlib-compressed, without an object per customer.

    Loaded rows sit in blocks of `RowsTuning.block` consecutive ids, each block deflated on
    its own against one preset dictionary sampled from the first rows: at 1M demo customers
    the rows take ~44 MB where plain UTF-8 took ~117, and reading one inflates only its block
    (~7 us). The last `RowsTuning.cached` blocks read stay inflated, so a page in id order
    inflates each block once and scrolling back inflates nothing. Changes since the load go
    to a small dict.
    """

    def __init__(self, tuning: RowsTuning = _DEFAULT_TUNING) -> None:
        # Read on every row drawn: attributes of their own, not the tuning's.
        self._block_size = tuning.block
        self._chunk_size = tuning.chunk
        self._cached_blocks = tuning.cached
        self._keys = array("q")  # customer id // block of each block, ascending
        self._ends = array("I")  # end of each deflated block within its chunk
        self._chunks: list[bytes] = []
        self._preset = b""
        self._cache: OrderedDict[int, list[bytes]] = OrderedDict()
        self._lock = threading.Lock()  # the cache only: reads may come from any thread
        self._changed: dict[int, str | None] = {}

    @classmethod
    def load(
        cls, rows: Iterable[tuple[int, str]], tuning: RowsTuning = _DEFAULT_TUNING
    ) -> DisplayRows:
        """Rows by ascending id, as the database hands them out."""
        loaded = cls(tuning)
        rows = iter(rows)
        head = list(islice(rows, tuning.sample))
        sample = (text.encode("utf-8", "surrogatepass") for _, text in head[::13])
        loaded._preset = _END.join(sample)[-_WINDOW:]
        # Raw deflate (negative wbits): no header or checksum spent on every small block.
        deflate = zlib.compressobj(tuning.level, zlib.DEFLATED, -15, zdict=loaded._preset)
        deflated: list[bytes] = []
        for block in loaded._blocks(chain(head, rows)):
            one = deflate.copy()  # primed with the dictionary: far cheaper than priming anew
            deflated.append(one.compress(block) + one.flush())
            if len(deflated) == tuning.chunk:
                loaded._add_chunk(deflated)
                deflated = []
        if deflated:
            loaded._add_chunk(deflated)
        return loaded

    def _blocks(self, rows: Iterable[tuple[int, str]]) -> Iterator[bytes]:
        """The text of each block in turn, noting each block's key."""
        size = self._block_size
        keys = self._keys
        texts: list[bytes] = []
        key = last = None
        for cid, text in rows:
            if last is not None and cid <= last:
                raise ValueError("display rows must load in ascending id order")
            last = cid
            block, at = divmod(cid, size)
            if block != key:
                if texts:
                    yield _END.join(texts)
                    texts = []
                keys.append(block)
                key = block
            if at > len(texts):
                texts.extend([_GONE] * (at - len(texts)))
            texts.append(text.encode("utf-8", "surrogatepass"))
        if texts:
            yield _END.join(texts)

    def _add_chunk(self, deflated: list[bytes]) -> None:
        self._ends.extend(accumulate(map(len, deflated)))
        self._chunks.append(b"".join(deflated))

    def get(self, customer_id: int) -> str | None:
        changed = self._changed
        if changed and customer_id in changed:
            return changed[customer_id]
        key, at = divmod(customer_id, self._block_size)
        texts = self._block(key)
        if texts is None or at >= len(texts) or texts[at] == _GONE:
            return None
        return texts[at].decode("utf-8", "surrogatepass")

    def _block(self, key: int) -> list[bytes] | None:
        """The rows of the block `key`, inflated (or from the cache); None when not loaded."""
        cache = self._cache
        with self._lock:
            texts = cache.get(key)
            if texts is not None:
                cache.move_to_end(key)
                return texts
        keys = self._keys
        # Ids without gaps put a block at its key's distance from the first: no search.
        i = key - keys[0] if keys else -1
        if not (0 <= i < len(keys) and keys[i] == key):
            i = bisect_left(keys, key)
            if i == len(keys) or keys[i] != key:
                return None
        chunk, at = divmod(i, self._chunk_size)
        start = self._ends[i - 1] if at else 0
        deflated = self._chunks[chunk][start : self._ends[i]]
        texts = zlib.decompressobj(-15, zdict=self._preset).decompress(deflated).split(_END)
        with self._lock:
            cache[key] = texts
            if len(cache) > self._cached_blocks:
                cache.popitem(last=False)
        return texts

    def __setitem__(self, customer_id: int, text: str) -> None:
        self._changed[customer_id] = text

    def __delitem__(self, customer_id: int) -> None:
        self._changed[customer_id] = None  # ids are never reused
