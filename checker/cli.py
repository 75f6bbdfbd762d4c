"""Command line: arguments, exit codes and where output goes; no logic of its own.

Exit codes: 0 all is well; 1 the check found what the threshold fails on; 2 invalid data
or usage (the problems are printed as FILE:LINE: column: message, all of them).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from checker import __version__
from checker.errors import ClaimcheckError, DataError, UsageError

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2 like data errors, without a traceback
        self.print_usage(sys.stderr)
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="claimcheck", description="Reconcile hand-tagged claims and flag where sources conflict.")
    parser.add_argument("--version", action="version", version=f"claimcheck {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("check", help="load, validate and check the corpus")
    check.add_argument("--root", type=Path, default=Path("."), help="corpus folder holding seeds/ and claims/ (default: .)")

    commands.add_parser("rules", help="list every rule with its id, severity and description")

    cover = commands.add_parser("coverage", help="which number and date mentions of each text a claim covers")
    cover.add_argument("--root", type=Path, default=Path("."), help="corpus folder (default: .)")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return _run(args)
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"claimcheck: {len(error.problems)} problem(s) in the input data", file=sys.stderr)
        return EXIT_INVALID
    except ClaimcheckError as error:
        print(f"claimcheck: {error}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130


def _load(root: Path):
    """The normalised corpus, or DataError with every problem."""
    from checker.corpus import load_corpus
    from checker.normalise import normalise

    if not (root / "claims").is_dir():
        raise UsageError(f"no claims/ folder under {root}: run in a corpus folder or pass --root")
    normalised = normalise(load_corpus(root))
    if normalised.problems:
        raise DataError(normalised.problems)
    return normalised


def _run(args: argparse.Namespace) -> int:
    if args.command == "coverage":
        from checker.coverage import coverage, render_coverage

        normalised = _load(args.root)
        result = coverage(normalised, args.root)
        if result.problems:
            raise DataError(result.problems)
        sys.stdout.write(render_coverage(result, normalised.texts))
        return EXIT_FINDINGS if any(m.status == "missing" for m in result.mentions) else EXIT_OK
    if args.command == "rules":
        from checker.rules import RULES, description

        width = max(len(rule.ID) for rule in RULES)
        for rule in RULES:
            print(f"{rule.ID:<{width}}  {rule.SEVERITY:<7}  {description(rule)}")
        return EXIT_OK
    if args.command == "check":
        from checker import engine, report
        from checker.config import load_config
        from checker.formats.text import render_text
        from checker.rules import RULES

        normalised = _load(args.root)
        config = load_config(args.root, RULES)
        result = engine.run(normalised, config)
        record = report.build(result, args.root)
        sys.stdout.write(render_text(record, colour=sys.stdout.isatty()))
        return EXIT_FINDINGS if record["summary"]["failing"] else EXIT_OK
    raise UsageError(f"unknown command {args.command}")
