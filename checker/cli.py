"""Command line: arguments, exit codes and where output goes; no logic of its own.

Exit codes (the README has the table):

    0  all is well
    1  the check found what the threshold fails on (or coverage is incomplete)
    2  invalid data, configuration, baseline or usage: problems print as
       FILE:LINE: column: message, all of them, with no traceback
    3  an output file could not be written (the old file, if any, is left whole)
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from checker import __version__
from checker.errors import ClaimcheckError, DataError, UsageError, WriteError
from checker.formats import FORMATS, render
from checker.schema import DECISIONS

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID, EXIT_WRITE = 0, 1, 2, 3
SHOWN_TOPICS = 8  # topics named when a check sets claims aside for data errors
# The format of a report file, from its extension (--format overrides it for one file).
EXTENSIONS = {
    ".md": "markdown",
    ".json": "json",
    ".sarif": "sarif",
    ".xml": "junit",
    ".html": "html",
    ".txt": "text",
    ".log": "concise",
}
REPORT_FILES = {
    "markdown": "report.md",
    "html": "report.html",
    "json": "baseline.json",
    "sarif": "report.sarif",
    "junit": "report.junit.xml",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors exit 2 like data errors, without a traceback
        self.print_usage(sys.stderr)
        raise UsageError(message)


def _root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root", type=Path, default=Path("."), help="corpus folder holding seeds/ and claims/ (default: .)"
    )
    parser.add_argument(
        "--config",
        type=Path,
        help="options file (default: the first claimcheck.toml, or pyproject.toml "
        "with [tool.claimcheck], from the corpus folder up)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="claimcheck", description="Reconcile hand-tagged claims and flag where sources conflict.")
    parser.add_argument("--version", action="version", version=f"claimcheck {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("check", help="load, validate and check the corpus")
    _root(check)
    check.add_argument("--format", choices=FORMATS, help="output format (default: text; with -o, the file's extension)")
    check.add_argument(
        "-o",
        "--output",
        type=Path,
        action="append",
        default=[],
        help="write a report to this file (atomically) instead of standard output; repeat for several, "
        "each in the format its extension says ("
        + ", ".join(f"{e} {f}" for e, f in EXTENSIONS.items())
        + "); '-' is standard output, in --format",
    )
    check.add_argument(
        "--fail-on",
        choices=("error", "warning", "note"),
        help="lowest severity that fails (default: error, or the config's fail-on)",
    )
    compare = check.add_mutually_exclusive_group()
    compare.add_argument("--baseline", type=Path, help="compare with a saved JSON report")
    compare.add_argument("--since", metavar="GIT_REF", help="compare with the corpus as it was at a git commit")
    check.add_argument(
        "--select", action="append", default=[], metavar="RULES", help="run only these rules (ids, comma-separated)"
    )
    check.add_argument(
        "--ignore", action="append", default=[], metavar="RULES", help="do not run these rules (ids, comma-separated)"
    )
    check.add_argument("--quiet", action="store_true", help="show only failing findings (text, concise, Markdown)")
    check.add_argument(
        "--statistics", action="store_true", help="print the number of findings per rule instead of the report"
    )
    check.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when findings fail (data and write errors still fail)"
    )
    check.add_argument(
        "--link-base",
        default="",
        metavar="URL",
        help="make Markdown file links absolute, e.g. https://github.com/OWNER/REPO/blob/SHA/",
    )
    check.add_argument(
        "--sarif-reviewed",
        choices=("omit", "suppressed"),
        default="omit",
        help="reviewed findings in SARIF: left out (default; code scanning opens alerts for suppressed results) "
        "or kept with an accepted suppression",
    )
    check.add_argument(
        "--jobs",
        type=_positive,
        default=None,
        metavar="N",
        help="use N local processes: the rules run family by family in N processes (same findings; see Speed and "
        "scale); 1: one process only. Default: on more than one core, the ids and quotes of a large corpus are "
        "checked in a second process while the rest is normalised, and the rules run in one",
    )
    check.add_argument(
        "--dask-scheduler",
        metavar="ADDRESS",
        help="run the rules family by family on the workers of this Dask scheduler (needs claimcheck[dask])",
    )
    check.add_argument("--today", help=argparse.SUPPRESS)

    baseline = commands.add_parser("baseline", help="write the JSON baseline of the current findings")
    _root(baseline)
    baseline.add_argument("-o", "--output", type=Path, help="baseline file (default: ROOT/reports/baseline.json)")

    reports = commands.add_parser(
        "reports", help="write every report of the corpus into a folder (markdown, html, json, sarif, junit)"
    )
    _root(reports)
    reports.add_argument("--dir", type=Path, help="folder (default: ROOT/reports)")
    reports.add_argument("--today", help=argparse.SUPPRESS)

    review = commands.add_parser("review", help="record an editor's decision on a finding in claims/reviews.csv")
    _root(review)
    review.add_argument("fingerprint", help="the finding's fingerprint (a unique prefix is enough)")
    review.add_argument("--decision", required=True, choices=DECISIONS)
    review.add_argument("--note", required=True, help="why, for the next reader")
    review.add_argument("--reviewer", default="", help="who decided")
    review.add_argument("--date", default=None, help="when (YYYY-MM-DD; default today)")
    review.add_argument("--expires", default="", help="date after which the decision must be taken again")

    rules = commands.add_parser("rules", help="list every rule, or explain one with its examples and options")
    rules.add_argument("rule", nargs="?", help="a rule id to explain")

    cover = commands.add_parser("coverage", help="which number and date mentions of each text a claim covers")
    _root(cover)

    export = commands.add_parser(
        "export",
        help="write the corpus for other tools: schema.org ClaimReview of confirmed "
        "errors, W3C Web Annotations of claims, or a Frictionless Data Package",
    )
    _root(export)
    export.add_argument("kind", choices=("claimreview", "annotations", "datapackage"))
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        help="file to write (atomically; default: ROOT/claimreview.jsonld, "
        "ROOT/annotations.jsonld or ROOT/datapackage.json); '-' is standard output",
    )
    export.add_argument(
        "--base",
        default="",
        metavar="IRI",
        help="annotations: the address the export will be published "
        "at; its IRIs are made absolute against it (default: relative)",
    )
    export.add_argument("--today", help=argparse.SUPPRESS)

    drafting = commands.add_parser(
        "draft",
        help="propose claim rows for the mentions of a text no claim covers "
        "(claims/drafts/SOURCE-ID.csv), or accept chosen rows",
    )
    _root(drafting)
    drafting.add_argument("source", help="the source id")
    drafting.add_argument(
        "--accept",
        action="append",
        default=[],
        metavar="ROW-IDS",
        help="move these draft rows (ids, comma-separated) into claims/tagged/SOURCE-ID.csv",
    )

    reanchor = commands.add_parser(
        "reanchor", help="find where the quotes of a revised text went, and propose updated quotes"
    )
    _root(reanchor)
    reanchor.add_argument(
        "--write", action="store_true", help="apply the proposed quotes to the claims tables (atomically)"
    )
    reanchor.add_argument("--record", action="store_true", help="write claims/anchors.csv: each quote with its context")
    return parser


def entry() -> int:
    """The console script: tune the cyclic garbage collector for a check, then run.

    A check allocates millions of short-lived containers and creates few reference
    cycles; at the default thresholds the collector runs thousands of times and more than
    doubles the time spent reading a large corpus. Only the process's own entry point
    changes this, never ``main`` (which tests and other programs call).

    On the way out, every object still alive is frozen: the interpreter's last collection
    would otherwise walk them all (pandas', pint's and edtf's tables among them) only to
    find nothing to free before the process ends, a tenth of a second or more of every
    run. Reports are written and closed by then; output streams are still flushed and
    at-exit handlers still run."""
    import gc

    gc.set_threshold(200_000, 50, 50)
    status = main()
    gc.freeze()
    return status


def main(argv: list[str] | None = None) -> int:
    from checker.display import visible

    try:
        arguments = _utf8_arguments(sys.argv[1:] if argv is None else argv)
        args = build_parser().parse_args(arguments)
        return COMMANDS[args.command](args)
    except DataError as error:
        # Said plainly: nothing could be trusted, so no finding was looked for.
        _print_problems(
            error.problems, "no rule ran: these problems leave no claim that can be checked alone; fix them first"
        )
        return EXIT_INVALID
    except WriteError as error:
        print(f"claimcheck: {visible(str(error))}", file=sys.stderr)
        return EXIT_WRITE
    except ClaimcheckError as error:
        print(f"claimcheck: {visible(str(error))}", file=sys.stderr)
        return EXIT_INVALID
    except MemoryError:
        print("claimcheck: the input needs more memory than this machine has", file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


def _print_problems(problems, outcome: str) -> None:
    """The problems of the input data on standard error, each as FILE:LINE: column: message,
    then what was checked despite them, then their count."""
    from checker.display import visible

    for problem in problems:
        print(visible(str(problem)), file=sys.stderr)
    print(f"claimcheck: {outcome}", file=sys.stderr)
    print(f"claimcheck: {len(problems)} problem(s) in the input data", file=sys.stderr)


def _set_aside_said(aside: dict) -> str:
    """What a check with data errors left out, in a sentence."""
    if not aside["claims"]:  # an empty claims file, a header with no rows: nothing was left out
        return "the rules ran on every claim: these problems touch none; fix them all the same"
    topics = aside["topics"]
    named = ", ".join(topics[:SHOWN_TOPICS]) + (
        f" and {len(topics) - SHOWN_TOPICS} more" if len(topics) > SHOWN_TOPICS else ""
    )
    return (
        f"the rules ran without the {aside['claims']} claim(s) these problems touch and the rest of their "
        f"topic families ({len(topics)} topic(s): {named}); fix them to check those too"
    )


def _utf8_arguments(arguments: list[str]) -> list[str]:
    """Arguments that are valid UTF-8 (the operating system hands undecodable bytes over as
    lone surrogates); anything else is a usage error before anything is read or written."""
    for argument in arguments:
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError as error:
            shown = argument.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            raise UsageError(
                f"argument '{shown}' is not valid UTF-8 (byte at position {error.start}); "
                "write command-line text in UTF-8"
            ) from None
    return arguments


def _load(root: Path, jobs: int | None = None, partial: bool = False):
    """The normalised corpus, or DataError with every problem (``jobs``: as ``normalise``).
    ``partial``: with problems, the corpus without the claims they touch and their topic
    families (``setaside``), when any can be trusted; the problems stay in it."""
    from checker.corpus import load_corpus
    from checker.normalise import normalise

    if not (root / "claims").is_dir():
        raise UsageError(f"no claims/ folder under {root}: run in a corpus folder or pass --root")
    normalised = normalise(load_corpus(root), jobs=jobs)
    from checker import dates, quantities
    from checker.tables import release_memory

    release_memory()  # the raw tables are gone now: hand their buffers back before the rules run

    # The answers of pint and edtf this run looked up, kept for the next run (lookups.py).
    quantities.LOOKUPS.save()
    dates.LOOKUPS.save()
    if normalised.problems:
        from checker.setaside import partial as without_problems

        trusted = without_problems(normalised, root) if partial else None
        if trusted is None:
            raise DataError(normalised.problems)
        return trusted
    return normalised


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a positive whole number")
    return value


def _check(
    root: Path,
    config_path: Path | None,
    fail_on: str | None = None,
    select=(),
    ignore=(),
    progress=None,
    jobs: int | None = None,
    scheduler: str | None = None,
    for_report: bool = False,
    partial: bool = False,
):
    """Load, normalise and check; ``for_report``: a report of this run will be built, so its
    inputs are hashed and git is asked about the corpus in threads while the rules run
    (report.inputs_hash and report.build take the results); ``partial``: as ``_load``."""
    from dataclasses import replace

    from checker import engine
    from checker.config import load_config
    from checker.rules import RULES

    config = load_config(root, RULES, config_path)
    rules = _chosen_rules(RULES, select, ignore)
    if progress:
        progress("loading the corpus")
    normalised = _load(root, jobs, partial)
    if fail_on:
        config = replace(config, fail_on=fail_on)
    if (jobs or 1) > 1 or scheduler:
        from checker import partition

        return partition.run(normalised, config, rules=rules, jobs=jobs or 1, scheduler=scheduler, progress=progress)
    if for_report:  # only here, in one process: no thread is running when partition.run forks
        from checker import report

        report.hash_inputs_in_background(root, report.input_files(normalised))
        report.ask_git_in_background(root)
    return engine.run(normalised, config, rules=rules, progress=progress)


def _chosen_rules(rules, select, ignore) -> tuple:
    """The rules --select and --ignore leave (ids, comma-separated, repeatable)."""
    known = {rule.ID for rule in rules}

    def ids(values) -> set[str]:
        chosen = {part.strip() for value in values for part in value.split(",") if part.strip()}
        for rule_id in sorted(chosen - known):
            from checker.names import did_you_mean

            raise UsageError(
                f"unknown rule '{rule_id}'{did_you_mean(rule_id, sorted(known))}; `claimcheck rules` lists them"
            )
        return chosen

    selected, ignored = ids(select), ids(ignore)
    return tuple(rule for rule in rules if (not selected or rule.ID in selected) and rule.ID not in ignored)


def _today(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--today '{text}' is not an ISO date") from None


def _record(args: argparse.Namespace, with_claims: bool, partial: bool = False):
    """Check, compare with the baseline, apply reviews: the record every format renders.
    ``partial``: with data errors, the check of what they do not touch, and the errors."""
    from checker import baseline, report, reviews

    result = _check(
        args.root,
        args.config,
        getattr(args, "fail_on", None),
        getattr(args, "select", ()),
        getattr(args, "ignore", ()),
        getattr(args, "progress", None),
        getattr(args, "jobs", None),
        getattr(args, "dask_scheduler", None),
        for_report=True,
        partial=partial,
    )
    aside = result.normalised.set_aside
    comparison = revisions = None
    if getattr(args, "baseline", None):
        records, label = baseline.load_report(args.baseline)
        if aside:  # what was not checked is neither resolved nor still there
            records = [record for record in records if not _covered(aside, record)]
        comparison = baseline.compare(result.findings, records, label)
    elif getattr(args, "since", None):

        def at_revision(old: Path):
            from checker.reanchor import revisions as revised_since

            nonlocal revisions
            revisions = revised_since(old, args.root)  # "source revised": passages then and now
            # One process when asked; else as the check allows (report threads run by now, so nothing forks).
            jobs = 1 if getattr(args, "jobs", None) == 1 else None
            return _check(
                old, None, select=getattr(args, "select", ()), ignore=getattr(args, "ignore", ()), jobs=jobs
            ).findings

        records = baseline.findings_at_revision(args.root, args.since, at_revision)
        if aside:
            records = [record for record in records if not _covered(aside, record)]
        comparison = baseline.compare(result.findings, records, f"git:{args.since}")
    ledger, problems = reviews.load(args.root)
    if problems:
        raise DataError(problems)
    if aside:  # a review of a finding that was not checked is not stale
        ledger = {key: review for key, review in ledger.items() if not aside.covers(review["topic"], review["claims"])}
    holding, stale = reviews.apply(result.findings, ledger, _today(getattr(args, "today", None)))
    record = report.build(
        result,
        args.root,
        comparison=comparison,
        reviews=holding,
        stale=stale,
        with_claims=with_claims,
        revisions=revisions,
    )
    if aside:
        report.add_problems(record, result.normalised.problems, aside)
    return record


def _covered(aside, record) -> bool:
    """Whether a finding of a saved report reads claims this check set aside."""
    return aside.covers(record.get("topic", ""), [claim.get("claim_id", "") for claim in record.get("claims", [])])


def guard_output(path: Path, root: Path, config: Path | None = None) -> None:
    """Refuse an output path that is part of the corpus: a file under claims/ or seeds/, or
    the configuration. Reports must never replace the data they are made from."""
    from checker.config import find_config

    target = Path(path).resolve()
    corpus = Path(root).resolve()
    for folder in ("claims", "seeds"):
        protected = (corpus / folder).resolve()
        if target == protected or protected in target.parents:
            raise UsageError(
                f"refusing to write {path}: it is inside the corpus's {folder}/ folder; "
                "write reports elsewhere (e.g. reports/)"
            )
    for file in (corpus / "pyproject.toml", corpus / "claimcheck.toml", find_config(corpus), config):
        if file is not None and target == Path(file).resolve():
            raise UsageError(f"refusing to write {path}: it is the corpus's configuration")


def write_output(path: Path, text: str) -> None:
    """Write a report atomically; a failure is a WriteError naming the file and the cause."""
    from checker.files import write_atomic

    if Path(path).is_dir():
        raise WriteError(f"cannot write {path}: it is a folder (give a file name)")
    try:
        write_atomic(path, text)
    except OSError as error:
        raise WriteError(f"cannot write {path}: {error.strerror or error}") from None


def _rules(args: argparse.Namespace) -> int:
    from checker.examples import without_examples
    from checker.rules import RULES, description

    if args.rule:
        by_id = {rule.ID: rule for rule in RULES}
        if args.rule not in by_id:
            _chosen_rules(RULES, [args.rule], [])  # the usage error with a did-you-mean
        rule = by_id[args.rule]
        print(f"{rule.ID} ({rule.SEVERITY}): {description(rule)}\n")
        print(without_examples(rule.__doc__))
        print("\nexamples (each a corpus that tests/test_rule_examples.py runs through the rule):")
        for example in rule.EXAMPLES:
            print("\n".join(f"  {line}" for line in example.shown()))
        print("\noptions ([tool.claimcheck.rules." + rule.ID + "] or claimcheck.toml [rules." + rule.ID + "]):")
        for name, option in rule.OPTIONS.items():
            print(f"  {name}: {option.shown()}")
        print("  enabled: bool, default true: run the rule at all")
        print(f"  severity: error, warning or note, default {rule.SEVERITY}: the level of its findings")
        return EXIT_OK
    width = max(len(rule.ID) for rule in RULES)
    for rule in RULES:
        print(f"{rule.ID:<{width}}  {rule.SEVERITY:<7}  {description(rule)}")
    return EXIT_OK


def _coverage(args: argparse.Namespace) -> int:
    from checker.coverage import coverage, render_coverage

    normalised = _load(args.root)
    result = coverage(normalised, args.root)
    if result.problems:
        raise DataError(result.problems)
    sys.stdout.write(render_coverage(result, normalised.texts))
    return EXIT_FINDINGS if any(m.status == "missing" for m in result.mentions) else EXIT_OK


def _draft(args: argparse.Namespace) -> int:
    from checker import draft
    from checker.display import visible

    sys.stdout.write(visible(draft.run(args.root, args.source, args.accept, _load), keep_newlines=True))
    return EXIT_OK


def _reanchor(args: argparse.Namespace) -> int:
    from checker import reanchor
    from checker.display import visible

    text, status = reanchor.run(args.root, write=args.write, record=args.record)
    sys.stdout.write(visible(text, keep_newlines=True))  # passages of a text may hold control characters
    return status


def _outputs(args: argparse.Namespace) -> list[tuple[Path | None, str]]:
    """Where each report goes and in which format: files from -o (their extension, or
    --format for a single file), else standard output."""
    if not args.output:
        return [(None, args.format or "text")]
    outputs: list[tuple[Path | None, str]] = []
    for path in args.output:
        if str(path) == "-":  # standard output, in the --format given (text by default)
            outputs.append((None, args.format or "text"))
            continue
        fmt = EXTENSIONS.get(Path(path).suffix.lower())
        if args.format and (len(args.output) == 1 or fmt is None):
            fmt = args.format
        if fmt is None:
            raise UsageError(
                f"cannot tell the format of {path} from its extension: give --format, or end it in "
                + ", ".join(EXTENSIONS)
            )
        outputs.append((path, fmt))
    return outputs


def _render_options(fmt: str, args: argparse.Namespace, to_terminal: bool) -> dict:
    import os

    if fmt == "text":
        return {"colour": to_terminal and sys.stdout.isatty() and not os.environ.get("NO_COLOR")}
    if fmt == "markdown":
        return {"link_base": args.link_base}
    if fmt == "sarif":
        return {"reviewed": args.sarif_reviewed}
    return {}


def _check_command(args: argparse.Namespace) -> int:
    outputs = _outputs(args)
    for path, _ in outputs:
        if path is not None:
            guard_output(path, args.root, args.config)
    args.progress = _progress() if not args.quiet else None
    try:
        record = _record(args, with_claims=any(fmt == "html" for _, fmt in outputs), partial=True)
    except DataError as error:
        # The reports are still written, with the data errors located, so CI shows them
        # where it shows findings; then the problems print and the exit code is 2.
        if args.output or (args.format or "text") != "text":
            from checker.config import load_config
            from checker.report import errors_record
            from checker.rules import RULES

            try:
                fail_on = load_config(args.root, RULES, args.config).fail_on
            except DataError:
                fail_on = "error"
            _emit(errors_record(error.problems, args.root, RULES, fail_on), outputs, args)
        raise
    finally:
        if args.progress:
            args.progress(None)
    if args.statistics:
        sys.stdout.write(_statistics(record))
    else:
        _emit(record, outputs, args)
    if record.get("errors"):  # checked without what the data errors touch: still invalid data
        from checker.errors import Problem

        problems = [Problem(e["file"], e["line"], e["column"], e["message"]) for e in record["errors"]]
        _print_problems(problems, _set_aside_said(record["run"]["set_aside"]))
        return EXIT_INVALID
    return EXIT_FINDINGS if record["summary"]["failing"] and not args.exit_zero else EXIT_OK


def _emit(record, outputs, args: argparse.Namespace) -> None:
    from checker.formats.text import summary_line

    for path, fmt in outputs:
        shown = _quiet(record) if args.quiet and fmt in ("text", "concise", "markdown") else record
        text = render(shown, fmt, **_render_options(fmt, args, path is None))
        if path is None:
            sys.stdout.write(text)
        else:
            write_output(path, text)
            print(f"{path}: {summary_line(record)}", file=sys.stderr)


def _quiet(record):
    """The record with only the findings that fail."""
    return {**record, "findings": [finding for finding in record["findings"] if finding["failing"]], "resolved": []}


def _statistics(record) -> str:
    """Findings per rule: count, failing, and the rule's description (as ruff --statistics)."""
    rules = {rule["id"]: rule for rule in record["rules"]}
    counts: dict[str, list[int]] = {}
    for finding in record["findings"]:
        entry = counts.setdefault(finding["rule"], [0, 0])
        entry[0] += 1
        entry[1] += bool(finding["failing"])
    lines = [
        f"{count:>6} {failing:>6} failing  {rule_id:<24} {rules[rule_id]['description']}"
        for rule_id, (count, failing) in sorted(counts.items(), key=lambda item: (-item[1][0], item[0]))
    ]
    errors = record.get("errors", [])
    if errors:
        lines.insert(0, f"{len(errors):>6} {len(errors):>6} failing  {'data-error':<24} problems in the input data")
    return "\n".join(lines) + ("\n" if lines else "")


def _progress():
    """A progress display on standard error when it is a terminal (tqdm), else nothing."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    bar = tqdm(total=None, file=sys.stderr, leave=False, bar_format="{desc} {elapsed}")

    def step(stage):
        if stage is None:
            bar.close()
        else:
            bar.set_description_str(f"claimcheck: {stage}")
            bar.update()

    return step


def _baseline(args: argparse.Namespace) -> int:
    output = args.output or args.root / "reports" / "baseline.json"
    guard_output(output, args.root, args.config)
    record = _record(args, with_claims=False)
    write_output(output, render(record, "json"))
    print(f"{output}: {len(record['findings'])} finding(s) recorded")
    return EXIT_OK


def _reports(args: argparse.Namespace) -> int:
    folder = args.dir or args.root / "reports"
    for name in REPORT_FILES.values():
        guard_output(folder / name, args.root, args.config)
    record = _record(args, with_claims=True)
    for fmt, name in REPORT_FILES.items():
        write_output(folder / name, render(record, fmt))
    print(f"{folder}: {', '.join(REPORT_FILES.values())}")
    return EXIT_OK


def _review(args: argparse.Namespace) -> int:
    from checker import reviews

    result = _check(args.root, args.config)
    matches = [f for f in result.findings if f.fingerprint.startswith(args.fingerprint)]
    if len(matches) != 1:
        known = ", ".join(f.fingerprint for f in result.findings[:5])
        raise UsageError(
            f"no finding has fingerprint '{args.fingerprint}'"
            if not matches
            else f"'{args.fingerprint}' is ambiguous: {', '.join(f.fingerprint for f in matches)}"
            + ("" if matches else f" (findings: {known}{', …' if len(result.findings) > 5 else ''})")
        )
    try:
        outcome = reviews.record(
            args.root,
            matches[0],
            args.decision,
            args.note,
            args.reviewer,
            args.date or dt.date.today().isoformat(),
            args.expires,
        )
    except OSError as error:
        raise WriteError(f"cannot write {reviews.LEDGER}: {error.strerror or error}") from None
    print(f"{outcome} review of {matches[0].fingerprint} ({matches[0].rule}, {matches[0].topic}): {args.decision}")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    """One export of the corpus (checker/exports), to a file or standard output."""
    from checker import reviews
    from checker.exports import DEFAULT_FILES, EXPORTS, Inputs

    output = args.output or args.root / DEFAULT_FILES[args.kind]
    to_stdout = str(output) == "-"
    if not to_stdout:
        guard_output(output, args.root, args.config)

    def reviewed():
        result = _check(args.root, args.config)
        ledger, problems = reviews.load(args.root)
        if problems:
            raise DataError(problems)
        return result, reviews.apply(result.findings, ledger, _today(args.today))[0]

    text = EXPORTS[args.kind](
        Inputs(
            root=args.root,
            output=None if to_stdout else Path(output),
            base=args.base,
            load=lambda: _load(args.root),
            reviewed=reviewed,
        )
    )
    if to_stdout:
        sys.stdout.write(text)
    else:
        write_output(output, text)
        print(f"{output}: {args.kind} export", file=sys.stderr)
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": _check_command,
    "baseline": _baseline,
    "reports": _reports,
    "review": _review,
    "rules": _rules,
    "coverage": _coverage,
    "export": _export,
    "draft": _draft,
    "reanchor": _reanchor,
}
