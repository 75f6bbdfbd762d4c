"""One source for the version: checker.__version__, which pyproject.toml reads, the command
line prints and every report carries; the README's examples quote the same."""

import json
import re
import subprocess
import sys
import tomllib

from checker import __version__
from checker.cli import main
from conftest import ROOT, build_corpus, claim


def test_pyproject_reads_the_version_from_the_package():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "checker.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_the_command_line_prints_it():
    shown = subprocess.run([sys.executable, "-m", "checker", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert shown.returncode == 0 and shown.stdout.strip() == f"claimcheck {__version__}"


def test_json_and_sarif_reports_carry_it(tmp_path):
    root = build_corpus(tmp_path / "corpus", {"a": [claim("a1", "trade", "US$1 billion", period="2024")]})
    assert main(["check", "--root", str(root), "-o", str(tmp_path / "r.json"), "-o", str(tmp_path / "r.sarif")]) == 0
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["tool"]["version"] == __version__
    driver = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))["runs"][0]["tool"]["driver"]
    assert driver["version"] == __version__


def test_the_readme_quotes_it():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quoted = re.findall(r'"version": "([^"]+)"', readme) + re.findall(r"rev: v(\S+)", readme)
    assert quoted and set(quoted) == {__version__}
