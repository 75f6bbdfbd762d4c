"""Shared helpers: build a small corpus on disk from a few dicts, run the real pipeline."""

from __future__ import annotations

import csv
import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from checker.corpus import load_corpus
from checker.normalise import normalise
from checker.schema import CLAIMS, ENTITIES, SOURCES, TOPICS

ROOT = Path(__file__).resolve().parent.parent

# Hypothesis profiles: "ci" (whenever CI is set, as .ci/run sets it) is thorough; "dev"
# (make test on a development machine) runs fewer examples of the same properties. Neither has a deadline: tests never depend on timing
# (the unit registry alone takes a fifth of a second to build on first use).
settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev")
settings.load_profile(PROFILE)


def scaled(examples: int) -> int:
    """A slow property's number of examples: all of them in CI's thorough profile, a
    quarter (at least four) in the quick local one. Both run the same assertions."""
    return examples if PROFILE == "ci" else max(4, examples // 4)


@pytest.fixture(autouse=True, scope="session")
def _lookup_cache(tmp_path_factory):
    """Tests keep the look-up caches in a folder of their own, not the user's."""
    import os

    os.environ["CLAIMCHECK_CACHE"] = str(tmp_path_factory.mktemp("lookup-cache"))
    yield


SHARED = ROOT.parent / "shared"


def write_table(path: Path, schema, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(schema.names), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: row.get(key, "") for key in schema.names})


DEFAULT_TOPICS = [
    {
        "key": "trade",
        "kind": "quantity",
        "unit": "USD",
        "aliases": "bilateral trade; trade turnover",
        "part_of": "total-trade",
    },
    {"key": "total-trade", "kind": "quantity", "unit": "USD"},
    {"key": "lpg-imports", "kind": "quantity", "unit": "t", "substance": "lpg", "bounded_by": "lpg-demand"},
    {"key": "lpg-demand", "kind": "quantity", "unit": "t/year", "substance": "lpg"},
    {"key": "lpg-contract", "kind": "quantity", "unit": "t", "substance": "lpg", "bounded_by": "lpg-demand"},
    {"key": "overdoses", "kind": "count", "unit": "person"},
    {"key": "court-ruling", "kind": "date", "event": "Court ruling"},
    {"key": "listing", "kind": "date", "event": "Group listed"},
    {"key": "ban-duration", "kind": "quantity", "unit": "year"},
    {"key": "recognition", "kind": "status", "states": "recognised; not-recognised"},
]
DEFAULT_ENTITIES = [
    {"key": "ministry", "label": "Ministry of Commerce", "aliases": "commerce ministry"},
    {"key": "iskp", "label": "Islamic State Khorasan Province", "aliases": "ISKP; IS-K"},
]


def build_corpus(
    root: Path,
    claims: dict[str, list[dict]],
    texts: dict[str, str] | None = None,
    topics: list[dict] | None = None,
    entities: list[dict] | None = None,
    sources: list[dict] | None = None,
) -> Path:
    """Write a corpus: one source per key of ``claims``; each text defaults to the claims'
    quotes joined, so quotes are always found unless a test says otherwise."""
    texts = dict(texts or {})
    for source, rows in claims.items():
        texts.setdefault(source, "\n".join(row.get("quote", "") for row in rows) + "\n")
    for source, text in texts.items():
        (root / "seeds").mkdir(parents=True, exist_ok=True)
        (root / "seeds" / f"{source}.txt").write_text(text, encoding="utf-8")
    if sources is None:
        sources = [{"id": source, "file": f"{source}.txt", "published": "2025-12-31"} for source in texts]
    write_table(root / "claims" / "sources.csv", SOURCES, sources)
    write_table(root / "claims" / "topics.csv", TOPICS, DEFAULT_TOPICS if topics is None else topics)
    write_table(root / "claims" / "entities.csv", ENTITIES, DEFAULT_ENTITIES if entities is None else entities)
    for source, rows in claims.items():
        write_table(root / "claims" / "tagged" / f"{source}.csv", CLAIMS, rows)
    return root


def claim(id: str, topic: str, value: str, quote: str | None = None, **fields) -> dict:
    """One claims row; the quote defaults to a sentence stating the value."""
    return {"id": id, "topic": topic, "value": value, "quote": quote or f"{id} says {value}.", **fields}


@pytest.fixture
def corpus_dir(tmp_path):
    """Each call writes a fresh corpus folder, so a test can build several."""
    counter = iter(range(1_000_000))

    def make(claims, **kwargs):
        return build_corpus(tmp_path / f"corpus-{next(counter)}", claims, **kwargs)

    return make


@pytest.fixture
def normalised(corpus_dir):
    """Build a corpus from claims and return its Normalised result (problems included)."""

    def make(claims, **kwargs):
        return normalise(load_corpus(corpus_dir(claims, **kwargs)))

    return make


def run_rules(result, *rules, **options):
    """Run some rules on a Normalised result through the engine; options override defaults."""
    from checker import engine
    from checker.config import Config, RuleSettings

    assert result.problems == [], [str(p) for p in result.problems]
    from checker.options import defaults

    config = Config(rules={rule.ID: RuleSettings(True, None, {**defaults(rule.OPTIONS), **options}) for rule in rules})
    return engine.run(result, config, rules=tuple(rules)).findings


def ids(findings) -> list[tuple[str, tuple[str, ...]]]:
    """What a test asserts on: rule id and claim ids, not message wording."""
    return sorted((finding.rule, finding.claim_ids) for finding in findings)


def git(root: Path, *args: str) -> None:
    """Run git in a test repository, with a fixed identity and dates and no user settings."""
    subprocess.run(
        ["git", *args],
        cwd=root,
        check=True,
        capture_output=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
            "GIT_AUTHOR_DATE": "2025-01-01T00:00:00",
            "GIT_COMMITTER_DATE": "2025-01-01T00:00:00",
            "HOME": str(root),
            "PATH": os.environ["PATH"],
        },
    )
