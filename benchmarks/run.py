"""Benchmark: synthetic corpora of 10k, 100k, 1M and 3M claims, against two reference points.

For each size, in the same run on the same files (the two references and the end-to-end
run timed as the best of three runs below a million claims, of two up to three million,
one beyond; the peak memory the highest of those runs): the bare ``pandas.read_csv`` of the
claims tables, the value-conflict rule written as a DuckDB self-join over the raw CSVs,
and claimcheck's load+normalise, per-rule check, end-to-end wall time (a whole
``claimcheck check --format json`` process), its peak memory, per claim, and its processor
time in user mode and in the kernel (where page faults are counted). It checks
that every injected conflict was found and nothing else, prints each target of the speed
issue with met or not met, compares at 1M the default check with one process only
(``--jobs 1``) and with the rules over two (``--jobs 2``), and with pandas' Python string
storage instead of Arrow's (time, memory, and that the reports are byte-identical), and measures
the cold start on the bundled corpus against
``python -c "import pandas, pint"`` with the look-up cache warm and with it off (best of ten
rounds, the three taken in turn in each round, the package's bytecode compiled first).

    python benchmarks/run.py [--sizes 10000 100000 1000000 3000000] [--repeat 3]

Ten million claims, run once (the generated corpus is about 1.8 GB on disk; the check
needs about 10 GiB and two and a half minutes per pass):

    python benchmarks/run.py --sizes 10000000 --repeat 1
"""

from __future__ import annotations

import argparse
import glob
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
sys.path.insert(0, str(ROOT))

DUCKDB_VALUE_CONFLICT = r"""
WITH raw AS (
    SELECT * FROM read_csv(?, all_varchar = true, header = true, filename = true)
), parsed AS (
    SELECT id, topic, period, modality,
           regexp_extract(value, '^\s*(~|>|<|=)?', 1) AS qualifier,
           regexp_extract(value, '(\d[\d,]*(\.\d+)?)', 1) AS number,
           lower(regexp_extract(value, '\d[\d,]*(?:\.\d+)?\s*(billion|million|thousand|bn|mn|k)?\b', 1)) AS scale,
           CASE WHEN value LIKE '%USD%' OR value LIKE '%US$%' THEN 'USD'
                WHEN value LIKE '%kt%' THEN 'kt' WHEN value LIKE '%tonnes%' OR value LIKE '% t%' THEN 't'
                WHEN value LIKE '%person%' THEN 'person' ELSE '' END AS unit
    FROM raw
    WHERE coalesce(modality, 'actual') IN ('actual', 'estimate') AND period IS NOT NULL AND regexp_matches(value, '\d')
), normalised AS (
    SELECT id, topic, period, unit,
           CAST(replace(number, ',', '') AS DOUBLE)
             * CASE scale WHEN 'billion' THEN 1e9 WHEN 'bn' THEN 1e9 WHEN 'million' THEN 1e6 WHEN 'mn' THEN 1e6
                          WHEN 'thousand' THEN 1e3 WHEN 'k' THEN 1e3 ELSE 1 END
             * CASE unit WHEN 'kt' THEN 1000 ELSE 1 END AS magnitude,
           CASE WHEN position('.' IN number) > 0
                THEN pow(10, -(length(number) - position('.' IN number)))
                ELSE pow(10, length(replace(number, ',', '')) - length(rtrim(replace(number, ',', ''), '0'))) END
             * CASE scale WHEN 'billion' THEN 1e9 WHEN 'bn' THEN 1e9 WHEN 'million' THEN 1e6 WHEN 'mn' THEN 1e6
                          WHEN 'thousand' THEN 1e3 WHEN 'k' THEN 1e3 ELSE 1 END
             * CASE unit WHEN 'kt' THEN 1000 ELSE 1 END AS step,
           qualifier
    FROM parsed
), bounds AS (
    SELECT id, topic, period, CASE WHEN unit = 'kt' THEN 't' ELSE unit END AS unit,
           CASE qualifier WHEN '=' THEN magnitude WHEN '~' THEN magnitude - greatest(step / 2, magnitude * 0.1)
                          WHEN '>' THEN magnitude WHEN '<' THEN -1e308 ELSE magnitude - least(step / 2, magnitude * 0.05) END AS low,
           CASE qualifier WHEN '=' THEN magnitude WHEN '~' THEN magnitude + greatest(step / 2, magnitude * 0.1)
                          WHEN '>' THEN 1e308 WHEN '<' THEN magnitude ELSE magnitude + least(step / 2, magnitude * 0.05) END AS high
    FROM normalised
)
SELECT a.id, b.id
FROM bounds a JOIN bounds b ON a.topic = b.topic AND a.period = b.period AND a.unit = b.unit AND a.id < b.id
WHERE a.low * 0.98 > b.high * 1.02 OR b.low * 0.98 > a.high * 1.02
"""


def ensure_corpus(size: int):
    from checker.synthetic import generate

    root = DATA / f"claims-{size}"
    marker = root / ".expected"
    if not marker.exists():
        if root.exists():
            import shutil
            shutil.rmtree(root)
        expected = generate(root, size, seed=size)
        marker.write_text("\n".join(f"{rule}\t{' '.join(ids)}" for rule, ids in sorted(expected.findings)) + "\n")
    expected = set()
    for line in marker.read_text().splitlines():
        rule, ids = line.split("\t")
        expected.add((rule, tuple(ids.split())))
    return root, expected


def timed(function, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return min(times), result


def bare_read(root: Path):
    import pandas as pd

    for path in sorted(glob.glob(str(root / "claims" / "tagged" / "*.csv"))):
        pd.read_csv(path, dtype=str, keep_default_na=False)


def duckdb_value_conflict(root: Path):
    import duckdb

    connection = duckdb.connect()
    connection.execute("SET threads TO 2")
    rows = connection.execute(DUCKDB_VALUE_CONFLICT, [str(root / "claims" / "tagged" / "*.csv")]).fetchall()
    connection.close()
    return rows


def in_process(root: Path):
    import gc

    from checker import engine
    from checker.config import Config
    from checker.corpus import load_corpus
    from checker.normalise import normalise

    gc.set_threshold(200_000, 50, 50)  # as the command line does
    started = time.perf_counter()
    normalised = normalise(load_corpus(root))
    loaded = time.perf_counter() - started
    result = engine.run(normalised, Config())
    return loaded, result


@dataclass(frozen=True)
class Run:
    """One whole `claimcheck check` process: wall time, its peak memory (MiB; a stage run
    beside it in a second process counted), and the processor time it used in user mode
    and in the kernel (page faults are kernel time)."""

    wall: float
    peak: float
    user: float
    system: float


@dataclass(frozen=True)
class Size:
    """Everything measured at one corpus size: the references, the in-process stages, the
    fastest whole process and the highest peak of all of them, and the injected conflicts
    found."""

    claims: int
    bare: float
    duck: float
    loaded: float
    timings: dict[str, float]
    fastest: Run
    peak: float
    injected: int
    hit: int

    @property
    def check(self) -> float:
        return sum(self.timings.values())

    @property
    def wall(self) -> float:
        return self.fastest.wall


def end_to_end(root: Path, *options: str, storage: str | None = None, output: str = os.devnull) -> Run:
    """A whole `claimcheck check --format json` process: its wall time, its peak memory as
    the process itself reports it (benchmarks/peak.py; with a stage in a second process,
    the higher of that and both processes' memory as the second one ended), and its processor time as the
    kernel counts it when the process is reaped (the benchmark runs one child at a time).
    ``storage``: pandas' string storage, when not the checker's own (Arrow)."""
    wrapper = [sys.executable, str(HERE / "peak.py"), *([f"--string-storage={storage}"] if storage else [])]
    command = [*wrapper, "check", "--root", str(root), "--format", "json", "-o", output]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.run([*command, *options], cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode not in (0, 1):
        raise SystemExit(f"claimcheck failed on {root}:\n{process.stderr[-2000:]}")
    peaks = [int(line.split()[1]) for line in process.stderr.splitlines() if line.startswith("peak-kib ")]
    # With a stage beside the check, both processes' memory as the second one ended.
    both = [int(line.split()[1]) for line in process.stderr.splitlines() if line.startswith("beside-kib ")]
    return Run(
        wall,
        max(peaks[-1:] + both) / 1024 if peaks else float("nan"),
        after.ru_utime - before.ru_utime,
        after.ru_stime - before.ru_stime,
    )


def string_storage(arrow: Size) -> tuple[Run, bool]:
    """The check at the same size with pandas' Python string storage instead of Arrow's (as
    many runs as the Arrow measure, the fastest and the highest peak), and whether the two
    reports are byte-identical."""
    root = ensure_corpus(arrow.claims)[0]
    with tempfile.TemporaryDirectory() as folder:
        reports = {name: Path(folder) / f"{name}.json" for name in ("arrow", "python")}
        end_to_end(root, output=str(reports["arrow"]))  # the report to compare with, not timed
        runs = [end_to_end(root, storage="python", output=str(reports["python"])) for _ in range(2)]
        same = reports["arrow"].read_bytes() == reports["python"].read_bytes()
    fastest = min(runs, key=lambda run: run.wall)
    return replace(fastest, peak=max(run.peak for run in runs)), same


def crowded_groups(size: int = 20_000) -> tuple[float, float, dict[str, float], int]:
    """Every pairing rule facing one huge group: `size` claims on one topic and period.
    Wall time and peak memory of a whole check process, per-rule times, findings."""
    from checker.synthetic import crowded

    root = DATA / f"crowded-{size}"
    if not (root / "claims").exists():
        crowded(root, size)
    _, result = in_process(root)
    run = end_to_end(root)
    return run.wall, run.peak, result.timings, len(result.findings)


def html_report(root: Path) -> dict[str, float] | None:
    """The editorial report of a corpus in headless Chromium (Debian's package): file size,
    time to load until its script is ready, time for a filter click to apply, and time to
    build the topics without findings on demand. None without Chromium or Playwright."""
    import shutil
    import tempfile

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if chromium is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.html"
        subprocess.run([sys.executable, "-m", "checker", "check", "--root", str(root), "-o", str(report)], cwd=ROOT, capture_output=True)
        measures = {"MiB": report.stat().st_size / 2**20}
        with sync_playwright() as engine:
            browser = engine.chromium.launch(executable_path=chromium, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"])
            page = browser.new_page()
            started = time.perf_counter()
            page.goto(report.as_uri())
            page.locator('body[data-ready="true"]').wait_for(timeout=120_000)  # selector waits: the policy forbids eval
            measures["load s"] = time.perf_counter() - started
            started = time.perf_counter()
            page.locator('input[data-group="severity"][value="error"]').uncheck()
            page.evaluate("document.getElementById('shown').textContent")
            measures["filter s"] = time.perf_counter() - started
            measures["elements"] = page.evaluate("document.getElementsByTagName('*').length")
            if page.locator("#more-topics").count():
                before = page.locator("#other-topics .topic").count()
                started = time.perf_counter()
                page.locator("#more-topics").click()
                page.locator("#other-topics .topic").nth(before).wait_for(timeout=120_000)
                measures["more topics s"] = time.perf_counter() - started
            browser.close()
    return measures


def cold_start(rounds: int) -> tuple[float, float, float]:
    """Best of ``rounds`` rounds, each running in turn the import of pandas and pint, the
    check with the look-up cache warm and the check with it off, so that a slow spell of
    this shared machine falls on all three alike.

    The package's bytecode is compiled first, as pip compiles an installed package's: under
    PYTHONDONTWRITEBYTECODE an editable install would otherwise compile claimcheck's
    sources afresh at every start, which no installed copy does."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "checker")], check=True)
    check = [sys.executable, "-m", "checker", "check"]
    subprocess.run(check, cwd=ROOT, capture_output=True)  # warms the cache
    commands = {
        "reference": ([sys.executable, "-c", "import pandas, pint"], {}),
        "warm": (check, {}),
        "off": (check, {"CLAIMCHECK_CACHE": "off"}),
    }
    best = dict.fromkeys(commands, float("inf"))
    for _ in range(rounds):
        for name, (command, environment) in commands.items():
            started = time.perf_counter()
            subprocess.run(command, cwd=ROOT, capture_output=True, env=dict(os.environ, **environment))
            best[name] = min(best[name], time.perf_counter() - started)
    return best["warm"], best["off"], best["reference"]


def verdict(value: float, target: float, unit: str = "") -> str:
    return f"{value:.2f}{unit} (target ≤ {target:g}{unit}: {'met' if value <= target else 'NOT met'})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000, 3_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {platform.system()} {platform.release()}, Python {platform.python_version()}, "
          f"{len(__import__('os').sched_getaffinity(0))} cores")
    failures = []
    rows = []
    for size in args.sizes:
        root, expected = ensure_corpus(size)
        # Best of several runs (this shared machine varies by ±10 % and more between runs):
        # every measure of a size the same number of times; the peak is the highest seen.
        repeat = args.repeat if size < 1_000_000 else (2 if size <= 3_000_000 else 1)
        bare, _ = timed(lambda root=root: bare_read(root), repeat)
        duck, duck_rows = timed(lambda root=root: duckdb_value_conflict(root), repeat)
        loaded, result = in_process(root)
        found = {(f.rule, f.claim_ids) for f in result.findings}
        timings = result.timings
        del result  # the in-process table is not held while the separate process runs
        runs = [end_to_end(root) for _ in range(repeat)]
        missing, extra = expected - found, found - expected
        duck_expected = {ids for rule, ids in expected if rule == "value-conflict"}
        duck_found = {tuple(sorted(row)) for row in duck_rows}
        if missing or extra:
            failures.append(f"{size}: {len(missing)} injected conflicts missed, {len(extra)} unexpected findings")
        if duck_found != duck_expected:
            failures.append(f"{size}: the DuckDB reference found {len(duck_found)} value conflicts, expected {len(duck_expected)}")
        fastest, peak = min(runs, key=lambda run: run.wall), max(run.peak for run in runs)
        rows.append(Size(size, bare, duck, loaded, timings, fastest, peak, len(expected), len(found & expected)))
    print()
    print(f"{'claims':>9} {'read_csv':>9} {'duckdb':>8} {'load+norm':>10} {'check':>7} {'end-to-end':>11} {'peak MiB':>9} "
          f"{'KiB/claim':>10} {'e2e/read':>9} {'e2e/duckdb':>11} {'found':>11} {'user+system':>13}")
    for row in rows:
        print(f"{row.claims:>9,} {row.bare:>8.2f}s {row.duck:>7.2f}s {row.loaded:>9.2f}s {row.check:>6.2f}s "
              f"{row.wall:>10.2f}s {row.peak:>9.0f} {row.peak * 1024 / row.claims:>10.2f} {row.wall / row.bare:>8.1f}× "
              f"{row.wall / row.duck:>10.1f}× {row.hit:>5}/{row.injected:<5} {row.fastest.user:>6.2f}+{row.fastest.system:.2f}s")
    print()
    print("check time per rule (seconds):")
    for row in rows:
        print(f"  {row.claims:>9,}: " + ", ".join(f"{rule} {seconds:.2f}" for rule, seconds in row.timings.items()))
    by_size = {row.claims: row for row in rows}
    print("\ntargets:")
    for size in (1_000_000, 3_000_000):
        if size in by_size:
            row = by_size[size]
            print(f"  {size:>9,} claims: end to end ÷ DuckDB {verdict(row.wall / row.duck, 5, '×')}, "
                  f"÷ read_csv {verdict(row.wall / row.bare, 6, '×')}, KiB per claim {verdict(row.peak * 1024 / size, 1.2)}")
    if 1_000_000 in by_size:
        single = by_size[1_000_000].wall
        root = ensure_corpus(1_000_000)[0]
        # Alternating, so that the machine's drift between runs falls on both alike.
        pairs = [(end_to_end(root), end_to_end(root, "--jobs", "1")) for _ in range(2)]
        default = min((pair[0] for pair in pairs), key=lambda run: run.wall)
        alone = min((pair[1] for pair in pairs), key=lambda run: run.wall)
        print(f"  1,000,000 claims with --jobs 1 (one process; by default the ids and quotes are checked in a second one "
              f"beside normalisation), alternating with the default: {alone.wall:.2f}s end to end against "
              f"{default.wall:.2f}s, {alone.wall / default.wall:.2f}× the default; "
              f"{alone.peak * 1024 / 1_000_000:.2f} KiB per claim against {default.peak * 1024 / 1_000_000:.2f}")
        split = min(end_to_end(root, "--jobs", "2").wall for _ in range(2))  # as the single run
        print(f"  1,000,000 claims with --jobs 2 (rules over two processes, families partitioned): {split:.2f}s end to end, "
              f"{single / split:.2f}× the default ({single:.2f}s)")
        python, same = string_storage(by_size[1_000_000])
        print(f"  1,000,000 claims with pandas' Python string storage instead of Arrow's: {python.wall:.2f}s end to end, "
              f"{python.wall / single:.2f}× the Arrow run, {python.peak * 1024 / 1_000_000:.2f} KiB per claim "
              f"({by_size[1_000_000].peak * 1024 / 1_000_000:.2f}); reports {'identical' if same else 'DIFFERENT'}")
        if not same:
            failures.append("1,000,000: the report with Python string storage differs from the report with Arrow's")
    if 1_000_000 in by_size and 3_000_000 in by_size:
        small, large = by_size[1_000_000].fastest, by_size[3_000_000].fastest
        # The processor time, split: page faults (first touches of memory) are kernel time.
        print(f"  growth 1M → 3M in time: {verdict(large.wall / small.wall, 3.1, '×')}; in user processor time "
              f"{large.user / small.user:.2f}×, in kernel time {large.system / small.system:.2f}×")
    if 100_000 in by_size:
        measures = html_report(DATA / "claims-100000")
        if measures is None:
            print("\nHTML report at 100,000 claims: not measured (no Chromium or Playwright)")
        else:
            print(f"\nHTML report at 100,000 claims: {measures['MiB']:.1f} MiB, {measures['elements']:,.0f} elements, "
                  f"loads in {measures['load s']:.2f}s, a filter click applies in {measures['filter s']:.3f}s, "
                  f"a page of topics without findings builds in {measures.get('more topics s', 0):.2f}s (target: under 10 MB, responsive)")
    wall, peak, timings, count = crowded_groups()
    print(f"\ncrowded groups (20,000 claims on one topic and period, every pairing rule): {wall:.2f}s end to end, "
          f"{peak:.0f} MiB peak, {count} findings (groups summarised)")
    print("  " + ", ".join(f"{rule} {seconds:.2f}" for rule, seconds in timings.items()))
    warm, off, reference = cold_start(max(10, args.repeat))
    print(f"cold start on the bundled corpus: import pandas+pint {reference:.2f}s; claimcheck check {warm:.2f}s with the look-up "
          f"cache warm, {verdict(warm / reference, 1.3, '×')}; {off:.2f}s with it off, {verdict(off / reference, 1.8, '×')}")
    if failures:
        print("\nFAILED: " + "; ".join(failures))
        return 1
    print("\nall injected conflicts found, nothing else")
    return 0


if __name__ == "__main__":
    sys.exit(main())
