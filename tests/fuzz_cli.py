"""A fuzz campaign against the command line, run as processes the way CI runs claimcheck.

Each trial starts from a small valid corpus and breaks it in one or more random ways:
table bytes and cells (hostile text, control characters, formulas, huge numbers, rows of
the wrong width), the configuration (TOML of any shape), a baseline (JSON of any shape),
the arguments (commands, formats, options, odd values), and paths (named pipes, folders,
links out of the corpus, outputs inside it). Then it runs ``python -m checker …`` with a
time limit and checks what a user depends on:

* no traceback, and an exit code in the documented set (0, 1, 2, 3);
* no hang: every run ends within the time limit;
* every report written parses with a strict parser (json, xml.etree, html.parser), and
  text output holds no raw control character;
* the claims tables are never modified.

    python tests/fuzz_cli.py --trials 2000 [--seed 1] [--workers 2]   (make fuzz)

The test suite runs a few dozen trials (tests/test_fuzz.py); the README gives the figures
of the last large run.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from checker.schema import CLAIMS, ENTITIES, SOURCES, TOPICS  # noqa: E402

EXIT_CODES = {0, 1, 2, 3}
TIME_LIMIT = 20.0
FORMATS = ("text", "markdown", "json", "sarif", "junit", "html")
HOSTILE = [
    "<script>alert(1)</script>",
    "=cmd|' /C calc'!A0",
    "\x1b[2J\x1b]8;;http://x\x07",
    "\x00",
    "\x01\x0c\x7f",
    "\u202e\u2066",
    "\ud7ff\ufffe",
    "$x^2$",
    "[a](javascript:x)",
    "**_`~|",
    "1e309",
    "-0",
    "NaN",
    "inf",
    "9" * 400,
    "١٢٣",
    "12,42",
    "..",
    "../../etc/passwd",
    '"',
    "a,b",
    "\n",
    "\r\n",
    " ",
    "",
    "US$",
    "0x10",
    "2024-02-30",
    "1403 SH",
    "2024-05-02T25:00",
    "🙂" * 50,
    "\t",
    "; ;",
    "x" * 25_000,
]
VALUES = [
    "US$1 billion",
    "USD 12.42 billion",
    "~700,000 t/year",
    ">275,000 t",
    "50 million m^3",
    "2 decades",
    "7 billion 315 million USD",
    "6m tonnes",
    "fourteen",
    "recognised",
    "2024-03-22",
    "3",
    "=1 t",
    "<5 t",
]


@dataclass
class Outcome:
    trial: int
    problems: list[str] = field(default_factory=list)
    command: list[str] = field(default_factory=list)


def write_table(path: Path, names, rows) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(names), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: row.get(key, "") for key in names})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def valid_corpus(root: Path) -> None:
    quotes = [
        "a1 says US$1 billion in 2024.",
        "b1 says USD 12.42 billion in 2024.",
        "b2 says recognised.",
        "a2 says recognised in 2025.",
        "a3 says ~700,000 t/year.",
    ]
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "a.txt").write_text("\n".join(q for q in quotes if q.startswith("a")) + "\n")
    (root / "seeds" / "b.txt").write_text("\n".join(q for q in quotes if q.startswith("b")) + "\n")
    write_table(
        root / "claims" / "sources.csv",
        SOURCES.names,
        [
            {"id": "a", "file": "a.txt", "published": "2025-01-01"},
            {"id": "b", "file": "b.txt", "published": "2025-02-01"},
        ],
    )
    write_table(
        root / "claims" / "topics.csv",
        TOPICS.names,
        [
            {"key": "trade", "kind": "quantity", "unit": "USD"},
            {"key": "status", "kind": "status", "states": "recognised; not-recognised"},
            {"key": "demand", "kind": "quantity", "unit": "t/year", "substance": "lpg"},
        ],
    )
    write_table(root / "claims" / "entities.csv", ENTITIES.names, [{"key": "ministry"}])
    write_table(
        root / "claims" / "tagged" / "a.csv",
        CLAIMS.names,
        [
            {"id": "a1", "topic": "trade", "value": "US$1 billion", "period": "2024", "quote": quotes[0]},
            {"id": "a2", "topic": "status", "value": "recognised", "period": "2025", "quote": quotes[3]},
            {"id": "a3", "topic": "demand", "value": "~700,000 t/year", "quote": quotes[4], "modality": "estimate"},
        ],
    )
    write_table(
        root / "claims" / "tagged" / "b.csv",
        CLAIMS.names,
        [
            {"id": "b1", "topic": "trade", "value": "USD 12.42 billion", "period": "2024", "quote": quotes[1]},
            {"id": "b2", "topic": "status", "value": "recognised", "quote": quotes[2]},
        ],
    )


def _text(rng: random.Random) -> str:
    choice = rng.random()
    if choice < 0.45:
        return rng.choice(HOSTILE)
    if choice < 0.75:
        return rng.choice(VALUES)
    return "".join(
        chr(rng.choice([rng.randrange(0, 0x80), rng.randrange(0x80, 0x3000), rng.randrange(0x1F300, 0x1F600)]))
        for _ in range(rng.randrange(0, 12))
    )


def break_tables(root: Path, rng: random.Random) -> None:
    tables = sorted(path for path in (root / "claims").rglob("*.csv") if path.is_file() and not path.is_symlink())
    if not tables:  # every table already broken into something that is not a file
        return
    path = rng.choice(tables)
    # Earlier breakage may have left bytes that are not UTF-8: keep them as they are.
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8", "surrogateescape"))))
    how = rng.randrange(6)
    if how == 0:  # random bytes somewhere
        data = bytearray(path.read_bytes())
        for _ in range(rng.randrange(1, 6)):
            data.insert(rng.randrange(len(data) + 1), rng.randrange(256))
        path.write_bytes(bytes(data))
        return
    if how == 1 and len(rows) > 1:  # a row of the wrong width
        row = rng.choice(rows[1:])
        if rng.random() < 0.5:
            row.extend(_text(rng) for _ in range(rng.randrange(1, 4)))
        else:
            del row[rng.randrange(len(row)) :]
    elif how == 2:  # the header
        if rows:
            rows[0][rng.randrange(len(rows[0]))] = _text(rng)
    else:  # cells
        for _ in range(rng.randrange(1, 5)):
            if len(rows) > 1:
                row = rng.choice(rows[1:])
                if row:
                    row[rng.randrange(len(row))] = _text(rng)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=rng.choice(["\n", "\r\n"])).writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8", "surrogateescape"))


def break_config(root: Path, rng: random.Random) -> None:
    values = ["1", "[1]", '"x"', "nan", "-0.5", "0", "1e400", "true", "{ a = 1 }", '"warning"', "0.05", "3"]
    lines = rng.choice(
        [
            ["[tool.claimcheck]"],
            ["[tool]"],
            [],
            ["tool = 1"],
            ["[tool.claimcheck.rules.value-conflict]"],
            ["[tool.claimcheck.rules.magnitude-plausibility]"],
            ["[tool.claimcheck.rules.nope]"],
        ]
    )
    for _ in range(rng.randrange(0, 4)):
        key = rng.choice(
            [
                "fail-on",
                "rules",
                "tolerance",
                "max_ratio",
                "enabled",
                "severity",
                "claimcheck",
                "slack_days",
                "reversals",
                "min_digits",
                "match_tolerance",
                _text(rng).replace("\n", ""),
            ]
        )
        lines.append(
            f'"{key}" = {rng.choice(values)}' if key and not key.isidentifier() else f"{key} = {rng.choice(values)}"
        )
    name = rng.choice(["pyproject.toml", "claimcheck.toml"])
    (root / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def make_baseline(folder: Path, rng: random.Random) -> Path:
    path = folder / "baseline.json"
    shapes = [
        {"findings": [{"fingerprint": 1}]},
        {"schema_version": 1, "findings": [{"fingerprint": "abc", "rule": None}]},
        {"schema_version": 1, "findings": []},
        {"schema_version": 2},
        [1, 2, 3],
        {
            "schema_version": 1,
            "findings": [
                {
                    "fingerprint": "f",
                    "identity": "i",
                    "rule": "r",
                    "severity": "error",
                    "topic": "t",
                    "message": _text(rng),
                    "diagnosis": "",
                    "claims": [{"claim_id": 1}],
                }
            ],
        },
        {
            "schema_version": 1,
            "findings": [
                {
                    "fingerprint": "f",
                    "identity": "i",
                    "rule": "value-conflict",
                    "severity": "error",
                    "topic": "trade",
                    "message": _text(rng),
                    "diagnosis": "",
                    "status": "new",
                    "claims": [
                        {
                            "source": "a",
                            "claim_id": "a1",
                            "file": "x",
                            "line": 2,
                            "quote": _text(rng),
                            "value": "v",
                            "normalised": "n",
                            "period": "p",
                        }
                    ],
                }
            ],
        },
    ]
    choice = rng.random()
    if choice < 0.15:
        path.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randrange(0, 40))))
    else:
        text = json.dumps(rng.choice(shapes))
        path.write_text(text if rng.random() < 0.9 else text[: rng.randrange(len(text) + 1)], encoding="utf-8")
    return path


def break_paths(root: Path, rng: random.Random, outside: Path) -> None:
    target = rng.choice(
        ["claims/topics.csv", "claims/tagged/a.csv", "seeds/a.txt", "seeds", "claims/tagged", "claims/reviews.csv"]
    )
    path = root / target
    if not path.parent.is_dir():  # an earlier break turned a folder on the way into something else
        return
    how = rng.randrange(3)
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    if how == 0:
        os.mkfifo(path)
    elif how == 1:
        (outside / "elsewhere").mkdir(exist_ok=True)
        (outside / "elsewhere" / "a.csv").write_text("id,topic,value,quote\nx,trade,US$9 billion,secret\n")
        path.symlink_to(
            outside / "elsewhere" if target in ("seeds", "claims/tagged") else outside / "elsewhere" / "a.csv"
        )
    else:
        path.mkdir()


def arguments(root: Path, folder: Path, rng: random.Random) -> tuple[list, Path | None, str]:
    command = rng.choice(["check"] * 6 + ["baseline", "reports", "review", "rules", "coverage", "nonsense"])
    fmt = rng.choice(FORMATS)
    args = [command]
    output = None
    if command in ("check", "baseline", "reports", "review", "coverage"):
        args += ["--root", str(root) if rng.random() < 0.9 else rng.choice(["/nonexistent", str(folder), "/dev/null"])]
    if command == "check":
        args += ["--format", fmt if rng.random() < 0.95 else _text(rng)]
        if rng.random() < 0.5:
            output = rng.choice(
                [
                    folder / f"report.{fmt}",
                    folder,
                    root / "claims" / "tagged" / "a.csv",
                    folder / "a-file" / "x",
                    root / "pyproject.toml",
                    Path(os.devnull),
                    folder / "nested" / "deep" / "report",
                ]
            )
            args += ["-o", str(output)]
        if rng.random() < 0.3:
            args += ["--baseline", str(make_baseline(folder, rng))]
        if rng.random() < 0.2:
            args += ["--fail-on", rng.choice(["error", "warning", "note", "bogus"])]
    elif command == "baseline" and rng.random() < 0.5:
        output = rng.choice([folder / "b.json", root / "claims" / "sources.csv", folder])
        args += ["-o", str(output)]
    elif command == "reports":
        output = rng.choice([folder / "out", root / "claims", root / "seeds", folder / "a-file"])
        args += ["--dir", str(output)]
    elif command == "review":
        args += [
            rng.choice(["0", "ff", _text(rng) or "x"]),
            "--decision",
            rng.choice(["false-positive", "bogus"]),
            "--note",
            _text(rng),
        ]
    if rng.random() < 0.1:
        args.append(_text(rng) or "--bogus")
    if command == "review" and rng.random() < 0.3:
        args[args.index("--note") + 1] = b"not \xff utf-8"  # bytes the terminal could hand over
    # The operating system cannot pass a NUL inside an argument; everything else goes.
    return [arg.replace("\x00", "") if isinstance(arg, str) else arg for arg in args], output, fmt


class _StrictHTML(HTMLParser):
    def error(self, message):  # pragma: no cover - html.parser calls this on what it cannot read
        raise ValueError(message)


def parse_report(text: bytes, fmt: str) -> str | None:
    """Why a strict parser rejects a report, or None."""
    try:
        if fmt in ("json", "sarif"):
            json.loads(text.decode("utf-8"))
        elif fmt == "junit":
            ElementTree.fromstring(text)
        elif fmt == "html":
            parser = _StrictHTML()
            parser.feed(text.decode("utf-8"))
            parser.close()
        elif fmt == "text":
            decoded = text.decode("utf-8")
            raw = [c for c in decoded if (ord(c) < 0x20 and c not in "\n") or 0x7F <= ord(c) < 0xA0]
            if raw:
                return f"raw control characters in text output: {raw[:3]!r}"
        else:
            text.decode("utf-8")
    except Exception as error:  # any failure of the parser is what we look for
        return f"{fmt} does not parse: {error}"
    return None


def trial(number: int, seed: int) -> Outcome:
    rng = random.Random(seed * 1_000_003 + number)
    outcome = Outcome(number)
    with tempfile.TemporaryDirectory(prefix="claimcheck-fuzz-") as temporary:
        folder = Path(temporary)
        root = folder / "corpus"
        valid_corpus(root)
        (folder / "a-file").write_text("a file, not a folder")
        for _ in range(rng.randrange(0, 3)):
            rng.choice(
                [break_tables, break_tables, lambda r, g: break_config(r, g), lambda r, g: break_paths(r, g, folder)]
            )(root, rng)
        tables = {
            path: path.read_bytes()
            for path in (root / "claims").rglob("*.csv")
            if path.is_file() and not path.is_symlink()
        }
        args, output, fmt = arguments(root, folder, rng)
        outcome.command = args
        environment = {
            **os.environ,
            "CLAIMCHECK_CACHE": str(folder / "cache"),
            "PYTHONHASHSEED": str(rng.randrange(1000)),
        }
        try:
            process = subprocess.run(
                [sys.executable, "-m", "checker", *args],
                capture_output=True,
                cwd=ROOT,
                timeout=TIME_LIMIT,
                env=environment,
            )
        except subprocess.TimeoutExpired:
            outcome.problems.append(f"no answer within {TIME_LIMIT:.0f} s")
            return outcome
        if b"Traceback" in process.stderr:
            outcome.problems.append("traceback: " + process.stderr.decode("utf-8", "replace")[-800:])
        if process.returncode not in EXIT_CODES:
            outcome.problems.append(
                f"exit code {process.returncode}: {process.stderr.decode('utf-8', 'replace')[-300:]}"
            )
        if args[0] == "check" and process.returncode in (0, 1):
            written = output.read_bytes() if output is not None and output.is_file() else process.stdout
            problem = parse_report(written, fmt)
            if problem and not (output is not None and output == Path(os.devnull)):
                outcome.problems.append(problem)
        stderr_raw = [
            c
            for c in process.stderr.decode("utf-8", "replace")
            if (ord(c) < 0x20 and c not in "\n") or 0x7F <= ord(c) < 0xA0
        ]
        if stderr_raw:
            outcome.problems.append(f"raw control characters on stderr: {stderr_raw[:3]!r}")
        for path, data in tables.items():
            changed = not path.is_file() or path.read_bytes() != data
            if changed and (path.name != "reviews.csv" or args[0] != "review"):
                outcome.problems.append(f"{path.relative_to(root)} was modified")
    return outcome


def _guarded(number: int, seed: int) -> Outcome:
    """A trial whose own set-up failed is reported as such, not as a crash of the campaign."""
    try:
        return trial(number, seed)
    except Exception as error:  # the harness's fault, not the checker's: say so
        return Outcome(number, [f"the harness failed to set up the trial: {error!r}"])


def campaign(trials: int, seed: int = 1, workers: int = 2) -> list[Outcome]:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda number: _guarded(number, seed), range(trials)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    outcomes = campaign(args.trials, args.seed, args.workers)
    failed = [outcome for outcome in outcomes if outcome.problems]
    for outcome in failed[:20]:
        print(f"trial {outcome.trial}: claimcheck {' '.join(map(str, outcome.command))}")
        for problem in outcome.problems:
            print(f"  {problem}")
    print(
        f"{len(outcomes)} trials, {len(failed)} with problems (tracebacks, hangs over {TIME_LIMIT:.0f} s, "
        f"exit codes outside {sorted(EXIT_CODES)}, reports a strict parser rejects, modified tables)"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
