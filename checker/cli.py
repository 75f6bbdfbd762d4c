"""Command line: arguments, exit codes and where output goes; no logic of its own.

Exit codes: 0 all is well; 1 the check found what the threshold fails on (or coverage
is incomplete); 2 invalid data or usage (problems print as FILE:LINE: column: message,
all of them, with no traceback).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import sys
from pathlib import Path

from checker import __version__
from checker.errors import ClaimcheckError, DataError, UsageError

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2
FORMATS = ("text", "markdown", "json", "sarif", "junit", "html")
REPORT_FILES = {"markdown": "report.md", "html": "report.html", "json": "baseline.json", "sarif": "report.sarif", "junit": "report.junit.xml"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2 like data errors, without a traceback
        self.print_usage(sys.stderr)
        raise UsageError(message)


def _root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=Path("."), help="corpus folder holding seeds/ and claims/ (default: .)")
    parser.add_argument("--config", type=Path, help="options file (default: ROOT/claimcheck.toml or ROOT/pyproject.toml)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="claimcheck", description="Reconcile hand-tagged claims and flag where sources conflict.")
    parser.add_argument("--version", action="version", version=f"claimcheck {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("check", help="load, validate and check the corpus")
    _root(check)
    check.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    check.add_argument("-o", "--output", type=Path, help="write the report to this file (atomically) instead of standard output")
    check.add_argument("--fail-on", choices=("error", "warning", "note"), help="lowest severity that fails (default: error, or the config's fail-on)")
    compare = check.add_mutually_exclusive_group()
    compare.add_argument("--baseline", type=Path, help="compare with a saved JSON report")
    compare.add_argument("--since", metavar="GIT_REF", help="compare with the corpus as it was at a git commit")
    check.add_argument("--today", help=argparse.SUPPRESS)

    baseline = commands.add_parser("baseline", help="write the JSON baseline of the current findings")
    _root(baseline)
    baseline.add_argument("-o", "--output", type=Path, help="baseline file (default: ROOT/reports/baseline.json)")

    reports = commands.add_parser("reports", help="write every report of the corpus into a folder (markdown, html, json, sarif, junit)")
    _root(reports)
    reports.add_argument("--dir", type=Path, help="folder (default: ROOT/reports)")
    reports.add_argument("--today", help=argparse.SUPPRESS)

    review = commands.add_parser("review", help="record an editor's decision on a finding in claims/reviews.csv")
    _root(review)
    review.add_argument("fingerprint", help="the finding's fingerprint (a unique prefix is enough)")
    review.add_argument("--decision", required=True, choices=("confirmed-error", "accepted-difference", "false-positive"))
    review.add_argument("--note", required=True, help="why, for the next reader")
    review.add_argument("--reviewer", default="", help="who decided")
    review.add_argument("--date", default=None, help="when (YYYY-MM-DD; default today)")
    review.add_argument("--expires", default="", help="date after which the decision must be taken again")

    commands.add_parser("rules", help="list every rule with its id, severity and description")

    cover = commands.add_parser("coverage", help="which number and date mentions of each text a claim covers")
    _root(cover)
    return parser


def main(argv: list[str] | None = None) -> int:
    # A check allocates millions of short-lived containers and creates few reference
    # cycles; at the default thresholds the cyclic collector runs thousands of times and
    # more than doubles the time spent reading a large corpus. Collect far less often.
    gc.set_threshold(200_000, 50, 50)
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
    except BrokenPipeError:
        return EXIT_OK
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


def _check(root: Path, config_path: Path | None, fail_on: str | None = None):
    from dataclasses import replace

    from checker import engine
    from checker.config import load_config
    from checker.rules import RULES

    normalised = _load(root)
    config = load_config(root, RULES, config_path)
    if fail_on:
        config = replace(config, fail_on=fail_on)
    return engine.run(normalised, config)


def _today(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--today '{text}' is not an ISO date") from None


def _record(args: argparse.Namespace, with_claims: bool):
    """Check, compare with the baseline, apply reviews: the record every format renders."""
    from checker import baseline, report, reviews

    result = _check(args.root, args.config, getattr(args, "fail_on", None))
    comparison = None
    if getattr(args, "baseline", None):
        records, label = baseline.load_report(args.baseline)
        comparison = baseline.compare(result.findings, records, label)
    elif getattr(args, "since", None):
        records = baseline.findings_at_revision(args.root, args.since, lambda old: _check(old, None).findings)
        comparison = baseline.compare(result.findings, records, f"git:{args.since}")
    ledger, problems = reviews.load(args.root)
    if problems:
        raise DataError(problems)
    holding, stale = reviews.apply(result.findings, ledger, _today(getattr(args, "today", None)))
    return report.build(result, args.root, comparison=comparison, reviews=holding, stale=stale, with_claims=with_claims)


def render(record, fmt: str, colour: bool = False) -> str:
    from checker.formats.html import render_html
    from checker.formats.json_format import render_json
    from checker.formats.junit import render_junit
    from checker.formats.markdown import render_markdown
    from checker.formats.sarif import render_sarif
    from checker.formats.text import render_text

    if fmt == "text":
        return render_text(record, colour=colour)
    return {"markdown": render_markdown, "json": render_json, "sarif": render_sarif,
            "junit": render_junit, "html": render_html}[fmt](record)


def _run(args: argparse.Namespace) -> int:
    from checker.files import write_atomic

    if args.command == "rules":
        from checker.rules import RULES, description

        width = max(len(rule.ID) for rule in RULES)
        for rule in RULES:
            print(f"{rule.ID:<{width}}  {rule.SEVERITY:<7}  {description(rule)}")
        return EXIT_OK
    if args.command == "coverage":
        from checker.coverage import coverage, render_coverage

        normalised = _load(args.root)
        result = coverage(normalised, args.root)
        if result.problems:
            raise DataError(result.problems)
        sys.stdout.write(render_coverage(result, normalised.texts))
        return EXIT_FINDINGS if any(m.status == "missing" for m in result.mentions) else EXIT_OK
    if args.command == "check":
        record = _record(args, with_claims=args.format == "html")
        text = render(record, args.format, colour=args.output is None and sys.stdout.isatty())
        if args.output:
            write_atomic(args.output, text)
            from checker.formats.text import summary_line

            print(f"{args.output}: {summary_line(record)}", file=sys.stderr)
        else:
            sys.stdout.write(text)
        return EXIT_FINDINGS if record["summary"]["failing"] else EXIT_OK
    if args.command == "baseline":
        record = _record(args, with_claims=False)
        output = args.output or args.root / "reports" / "baseline.json"
        write_atomic(output, render(record, "json"))
        print(f"{output}: {len(record['findings'])} finding(s) recorded")
        return EXIT_OK
    if args.command == "reports":
        record = _record(args, with_claims=True)
        folder = args.dir or args.root / "reports"
        for fmt, name in REPORT_FILES.items():
            write_atomic(folder / name, render(record, fmt))
        print(f"{folder}: {', '.join(REPORT_FILES.values())}")
        return EXIT_OK
    if args.command == "review":
        from checker import reviews

        result = _check(args.root, args.config)
        matches = [f for f in result.findings if f.fingerprint.startswith(args.fingerprint)]
        if len(matches) != 1:
            known = ", ".join(f.fingerprint for f in result.findings[:5])
            raise UsageError(f"no finding has fingerprint '{args.fingerprint}'" if not matches else
                             f"'{args.fingerprint}' is ambiguous: {', '.join(f.fingerprint for f in matches)}"
                             + ("" if matches else f" (findings: {known}{', …' if len(result.findings) > 5 else ''})"))
        outcome = reviews.record(args.root, matches[0], args.decision, args.note, args.reviewer,
                                 args.date or dt.date.today().isoformat(), args.expires)
        print(f"{outcome} review of {matches[0].fingerprint} ({matches[0].rule}, {matches[0].topic}): {args.decision}")
        return EXIT_OK
    raise UsageError(f"unknown command {args.command}")
