"""Answers of slow libraries kept between runs: pint's registry and edtf's grammar.

Building pint's registry takes a tenth of a second and importing edtf's grammar about as
much, so a check that only meets units and dates it has seen before should not pay for
either, nor even import them. A ``LookupCache`` is one JSON file in the user's cache
folder ($CLAIMCHECK_CACHE, else $XDG_CACHE_HOME or ~/.cache, under claimcheck/), named
after the library's version and a hash of the module that asks, so a change to either
starts afresh (the old file is removed when the new one is written). Only successful
look-ups are stored; the file is written atomically, and a cache that cannot be read or
written is simply not used. CLAIMCHECK_CACHE=off turns caching off.
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
        setting = os.environ.get("CLAIMCHECK_CACHE", "")
        if setting.lower() == "off":
            return None
        try:
            library_version = _installed(self.library)
            digest = hashlib.sha256(self.module.read_bytes()).hexdigest()[:12]
        except OSError:
            return None
        if library_version is None:
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
            # The files of other versions of the library or of the asking module are stale.
            for stale in path.parent.glob(f"{self.name}-{self.library}*.json"):
                if stale != path:
                    stale.unlink(missing_ok=True)
        except OSError:
            pass


def _installed(library: str) -> str | None:
    """Which installation of a library is here, without importing it: its version, read
    from the name of the metadata folder beside the package (importlib.metadata scans every
    installed distribution for it, several milliseconds of each run), else from
    importlib.metadata; None when it is not installed."""
    from importlib.util import find_spec

    spec = find_spec(library)
    if spec is None or not spec.origin:
        return None
    package = Path(spec.origin).parent
    found = sorted(package.parent.glob(f"{library}-*.dist-info"))
    if len(found) == 1:
        return found[0].name[len(library) + 1 : -len(".dist-info")]
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(library)
    except PackageNotFoundError:
        return None
