"""Where things live and who is acting: resolved once from flags, environment and platform dirs."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir, user_log_dir

APP = "custtui"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): still a name worth recording
        return "unknown"


@dataclass(frozen=True)
class Settings:
    database_url: str
    key_file: Path
    user: str
    business: str | None = None
    data_dir: Path = Path(user_data_dir(APP))
    log_dir: Path = Path(user_log_dir(APP))

    @classmethod
    def resolve(
        cls,
        *,
        db: str | None = None,
        user: str | None = None,
        business: str | None = None,
        key_file: str | Path | None = None,
        demo: bool = False,
    ) -> Settings:
        """Flags win over the environment, which wins over the platform defaults."""
        env = os.environ
        data_dir = Path(env.get("CUSTTUI_DATA_DIR") or user_data_dir(APP))
        config_dir = Path(env.get("CUSTTUI_CONFIG_DIR") or user_config_dir(APP))
        if demo:
            url = sqlite_url(data_dir / "demo.db")
        else:
            url = db or env.get("CUSTTUI_DATABASE_URL") or sqlite_url(data_dir / "custtui.db")
        key = Path(key_file or env.get("CUSTTUI_KEY_FILE") or config_dir / "key.json")
        return cls(
            database_url=url,
            key_file=key,
            user=(user or env.get("CUSTTUI_USER") or _default_user()).strip(),
            business=business or env.get("CUSTTUI_BUSINESS") or None,
            data_dir=data_dir,
            log_dir=Path(env.get("CUSTTUI_LOG_DIR") or user_log_dir(APP)),
        )
