"""What every export reads, and how it writes IRIs, paths and JSON."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote


@dataclass(frozen=True)
class Inputs:
    """What an export may read. ``load`` and ``reviewed`` do the work only when called:
    the normalised corpus (or a DataError with every problem), and the check result with
    the reviews that hold for its findings."""

    root: Path
    output: Path | None  # the file written; None for standard output
    base: str  # the address the export will be published at ('' : IRIs stay relative)
    load: Callable[[], Any]
    reviewed: Callable[[], tuple[Any, dict[str, dict]]]

    @property
    def folder(self) -> Path:
        """Where relative paths start: the output file's folder, or the corpus folder when
        the export goes to standard output."""
        return Path(self.output).parent if self.output is not None else Path(self.root)

    def relative(self, corpus_path: str) -> str:
        """A corpus path (``seeds/x.txt``) relative to ``folder``, with forward slashes."""
        target = (Path(self.root) / corpus_path).resolve()
        return Path(os.path.relpath(target, self.folder.resolve())).as_posix()

    def iri(self, corpus_path: str) -> str:
        """A corpus file as an IRI: relative to the export, or absolute under ``base``."""
        return resolve(self.base, quote(self.relative(corpus_path), safe="/._-~"))


def resolve(base: str, reference: str) -> str:
    """A relative reference made absolute against ``base``, or left as it is without one."""
    from urllib.parse import urljoin

    return urljoin(base, reference) if base else reference


def dump(document: Any) -> str:
    """JSON as every export writes it: keys sorted, two-space indent, UTF-8 characters
    kept, a final line break."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
