"""Encryption of sensitive fields. The key lives in a file outside the database, never in it."""

from __future__ import annotations

import json
import os
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from custtui.core.errors import KeyFileError

KEY_FILE_NOTE = (
    "custtui encryption key. Keep a copy somewhere safe: without it, dates of birth and "
    "driver licenses can't be read. Every machine sharing one database needs the same file."
)


@dataclass
class KeyRing:
    """All keys known to this install; new values are always written under `current`."""

    path: Path
    current: str
    keys: dict[str, bytes]
    _fernets: dict[str, Fernet] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._fernets = {kid: Fernet(key) for kid, key in self.keys.items()}

    def encrypt(self, plaintext: str | None) -> str | None:
        if plaintext is None:
            return None
        token = self._fernets[self.current].encrypt(plaintext.encode("utf-8"))
        return f"{self.current}:{token.decode('ascii')}"

    def decrypt(self, stored: str | None) -> str | None:
        if stored is None:
            return None
        kid, _, token = stored.partition(":")
        fernet = self._fernets.get(kid)
        if fernet is None:
            raise KeyFileError(
                f"The key file {self.path} lacks key {kid!r}, which this database's encrypted "
                "fields need. Point CUSTTUI_KEY_FILE at the key file this database was made with."
            )
        try:
            return fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except (InvalidToken, ValueError) as exc:
            raise KeyFileError(
                f"The key in {self.path} can't decrypt this database's encrypted fields: "
                "it is not the key they were written with."
            ) from exc

    def key_id_of(self, stored: str) -> str:
        return stored.partition(":")[0]

    def with_new_current(self) -> KeyRing:
        kid = secrets.token_hex(4)
        keys = dict(self.keys)
        keys[kid] = Fernet.generate_key()
        return KeyRing(self.path, kid, keys)

    def only_current(self) -> KeyRing:
        return KeyRing(self.path, self.current, {self.current: self.keys[self.current]})

    def save(self) -> None:
        """Write atomically with mode 0600, so a crash never leaves a half-written key file."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "note": KEY_FILE_NOTE,
            "current": self.current,
            "keys": {kid: key.decode("ascii") for kid, key in self.keys.items()},
        }
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.path)


def new_key_ring(path: Path) -> KeyRing:
    kid = secrets.token_hex(4)
    return KeyRing(path, kid, {kid: Fernet.generate_key()})


def load_key_ring(path: Path) -> KeyRing:
    """Read the key file, refusing one that other users can read."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise KeyFileError(
            f"Key file {path} not found. This database's encrypted fields need the key it was "
            "made with: restore the file or point CUSTTUI_KEY_FILE at it."
        ) from None
    if os.name == "posix" and info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyFileError(
            f"Key file {path} can be read by other users; custtui won't use it. "
            f"Run: chmod 600 {path}"
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        keys = {kid: key.encode("ascii") for kid, key in data["keys"].items()}
        ring = KeyRing(path, data["current"], keys)
        if ring.current not in keys:
            raise KeyError(ring.current)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise KeyFileError(f"Key file {path} is damaged or not a custtui key file.") from exc
    return ring
