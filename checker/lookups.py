"""Answers of slow libraries kept between runs: pint's registry and edtf's grammar.

Building pint's registry takes a fifth of a second and edtf's grammar about 10 ms per
date, so a check that only meets units and dates it has seen before should not pay for
either, nor even import them. A ``LookupCache`` is one JSON file in the user's cache
folder ($CLAIMCHECK_CACHE, else $XDG_CACHE_HOME or ~/.cache, under claimcheck/), named
after the library's version and a hash of the module that asks, so a change to either
starts afresh. Only successful look-ups are stored; the file is written atomically, and
a cache that cannot be read or written is simply not used. CLAIMCHECK_CACHE=off turns
caching off.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any


class LookupCache:
    def __init__(self, name: str, library: str, module: Path):
        self.name, self.library, self.module = name, library, module
        self.entries: dict[str, Any] | None = None
        self.dirty = False

    def path(self) -> Path | None:
        from importlib.metadata import PackageNotFoundError, version

        setting = os.environ.get("CLAIMCHECK_CACHE", "")
        if setting.lower() == "off":
            return None
        try:
            library_version = version(self.library)
            digest = hashlib.sha256(self.module.read_bytes()).hexdigest()[:12]
        except (PackageNotFoundError, OSError):
            return None
        folder = (
            Path(setting)
            if setting
            else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "claimcheck"
        )
        return folder / f"{self.name}-{self.library}{library_version}-{digest}.json"

    def _load(self) -> dict[str, Any]:
        if self.entries is None:
            self.entries = {}
            path = self.path()
            try:
                if path is not None and path.is_file():
                    from checker.files import read_regular

                    loaded = json.loads(read_regular(path).decode("utf-8"))
                    if isinstance(loaded, dict):
                        self.entries = loaded
            except (OSError, ValueError):
                pass
        return self.entries

    def get(self, key: str) -> Any:
        return self._load().get(key)

    def put(self, key: str, value: Any) -> None:
        self._load()[key] = value
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        path = self.path()
        if path is None:
            return
        from checker.files import write_atomic

        try:
            write_atomic(path, json.dumps(self.entries, sort_keys=True))
            self.dirty = False
        except OSError:
            pass
