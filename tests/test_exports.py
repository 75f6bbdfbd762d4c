"""`claimcheck export`: each export is read back by the tool it is written for.

- claimreview: expanded by pyld (a JSON-LD processor) against schema.org's own context,
  vendored in tests/fixtures/schema-org (no network), then checked for the properties
  Google's ClaimReview guidelines require;
- annotations: validated against the W3C Web Annotation test suite's JSON Schemas,
  vendored in tests/fixtures/web-annotation, and every selector resolved in its text;
- datapackage: `frictionless validate` on a copy of the bundled corpus.

A consumer that is not installed skips its test with the reason (and fails it under CI);
`make test` installs them all (the `test` extra).
"""

from __future__ import annotations

import copy
import csv
import importlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from checker.cli import main
from checker.exports.web_annotations import unique_context
from conftest import ROOT, build_corpus, claim

FIXTURES = Path(__file__).parent / "fixtures"
SCHEMA_ORG = "http://schema.org/"
# Claims of the bundled corpus's confirmed errors (claims/reviews.csv), with the rating each
# gets: 1 (False) where the finding's rule names the claim at fault, 3 (Contradicted) for a
# side of a conflict whose rule names none. The amu headline and the LPG demand are only
# the evidence of findings that name the claim at fault, so they get no review.
CONFIRMED = {
    "capss-ban-lifted": 1,
    "capss-trade-2024": 1,
    "orf-lpg-transit-contract": 1,
    "orf-trade-2024": 3,
    "orf-ban-suspended": 3,
    "uns-ban-suspended": 3,
}


def consumer(module: str, what: str):
    """The consumer's module, or skip (fail under CI) saying what is missing."""
    try:
        return importlib.import_module(module)
    except ImportError:
        message = f"{what} is not installed (`make test` installs the test extra: pip install -e '.[test]')"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def export(capsys, *arguments: str) -> tuple[int, str, str]:
    code = main(["export", *arguments])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def corpus_copy(tmp_path: Path) -> Path:
    """The bundled corpus in a folder of its own, where a package may be written."""
    root = tmp_path / "corpus"
    for folder in ("claims", "seeds"):
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def bundled_claims() -> dict[str, dict[str, str]]:
    return {
        row["id"]: {**row, "source": path.stem}
        for path in sorted((ROOT / "claims" / "tagged").glob("*.csv"))
        for row in rows(path)
    }


# ---------------------------------------------------------------- ClaimReview


def schema_org_loader():
    """A pyld document loader that serves the vendored schema.org context for every
    schema.org address and refuses anything else, so no test touches the network."""
    context = json.loads((FIXTURES / "schema-org" / "jsonldcontext.jsonld").read_text(encoding="utf-8"))
    served = []

    def load(url, options=None):
        address = url.rstrip("/").removesuffix("/docs/jsonldcontext.jsonld").removesuffix("/docs/jsonldcontext.json")
        if address not in ("http://schema.org", "https://schema.org"):
            raise AssertionError(f"the test would have fetched {url}")
        served.append(url)
        return {"contextUrl": None, "documentUrl": url, "document": copy.deepcopy(context)}

    return load, served


def values(node: dict, name: str) -> list:
    return node.get(SCHEMA_ORG + name, [])


def literal(node: dict, name: str):
    found = values(node, name)
    assert len(found) == 1 and "@value" in found[0], f"{name}: {found}"
    return found[0]["@value"]


def test_claimreview_of_the_bundled_corpus_expands_to_complete_schema_org_claim_reviews(tmp_path, capsys):
    jsonld = consumer("pyld.jsonld", "pyld (a JSON-LD processor)")
    output = tmp_path / "claimreview.jsonld"
    code, _, err = export(capsys, "claimreview", "--root", str(ROOT), "-o", str(output))
    assert code == 0, err
    load, served = schema_org_loader()
    expanded = jsonld.expand(json.loads(output.read_text(encoding="utf-8")), {"documentLoader": load})
    assert served, "the schema.org context was never loaded"
    reviews = [node for node in expanded if SCHEMA_ORG + "ClaimReview" in node.get("@type", [])]
    assert len(reviews) == len(expanded) == len(CONFIRMED)

    claims = bundled_claims()
    sources = {row["id"]: row for row in rows(ROOT / "claims" / "sources.csv")}
    ledger = {row["fingerprint"]: row for row in rows(ROOT / "claims" / "reviews.csv")}
    seen = {}
    for review in reviews:
        # What Google's ClaimReview guidelines require: claimReviewed, reviewRating (with
        # ratingValue, bestRating, worstRating), itemReviewed, author, and url or datePublished.
        (item,) = values(review, "itemReviewed")
        assert SCHEMA_ORG + "Claim" in item["@type"]
        claim_id = literal(item, "identifier")
        assert literal(review, "claimReviewed") == claims[claim_id]["quote"]
        (rating,) = values(review, "reviewRating")
        assert SCHEMA_ORG + "Rating" in rating["@type"]
        assert (literal(rating, "worstRating"), literal(rating, "bestRating")) == (1, 5)
        seen[claim_id] = literal(rating, "ratingValue")
        assert literal(rating, "alternateName") == {1: "False", 3: "Contradicted"}[seen[claim_id]]
        assert values(review, "author") and all(values(author, "name") for author in values(review, "author"))
        assert values(review, "url") or values(review, "datePublished")
        # Every review it draws on is a confirmed error of the ledger, by its reviewer, on its date.
        fingerprints = [value["@value"] for value in values(review, "identifier")]
        assert fingerprints and all(ledger[f]["decision"] == "confirmed-error" for f in fingerprints)
        assert {value["@value"] for author in values(review, "author") for value in values(author, "name")} == {
            ledger[f]["reviewer"] for f in fingerprints
        }
        assert literal(review, "datePublished") == max(ledger[f]["date"] for f in fingerprints)
        assert values(review, "datePublished")[0]["@type"] == SCHEMA_ORG + "Date"
        # The claim's author and where it appears come from the sources table.
        source = sources[claims[claim_id]["source"]]
        names = {value["@value"] for author in values(item, "author") for value in values(author, "name")}
        assert names == {name.strip() for name in source["author"].split(";") if name.strip()} or names == {
            source["publisher"]
        }
        if not any(source[column] for column in ("title", "author", "publisher", "published", "url")):
            assert set(item) == {"@type", SCHEMA_ORG + "identifier"}  # an unsigned, undated text: nothing invented
            continue
        assert literal(item, "datePublished") == source["published"]
        (appearance,) = values(item, "appearance")
        assert literal(appearance, "headline") == source["title"]
        if source["url"]:
            assert values(appearance, "url") == [{"@id": source["url"]}]  # an IRI, as schema.org's context says
    assert seen == CONFIRMED


def test_claimreview_exports_confirmed_errors_only(corpus_dir, tmp_path, capsys):
    root = corpus_dir(
        {
            "a": [
                claim("a-trade", "trade", "US$1 billion", period="2024"),
                claim("a-overdoses", "overdoses", "40 person"),
            ],
            "b": [
                claim("b-trade", "trade", "US$3 billion", period="2024"),
                claim("b-overdoses", "overdoses", "60 person"),
            ],
        }
    )
    code, out, _ = export(capsys, "claimreview", "--root", str(root), "-o", "-")
    assert code == 0 and json.loads(out) == {"@context": "https://schema.org", "@graph": []}

    from checker.cli import _check

    findings = {finding.topic: finding for finding in _check(root, None).findings}
    assert {"trade", "overdoses"} <= set(findings)
    with (root / "claims" / "reviews.csv").open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "fingerprint,decision,reviewer,date,note\n"
            f"{findings['trade'].fingerprint},confirmed-error,desk,2025-02-01,One of them is wrong.\n"
            f"{findings['overdoses'].fingerprint},accepted-difference,desk,2025-02-01,Different counts.\n"
        )
    code, out, _ = export(capsys, "claimreview", "--root", str(root), "-o", "-")
    graph = json.loads(out)["@graph"]
    assert code == 0
    assert sorted(node["itemReviewed"]["identifier"] for node in graph) == ["a-trade", "b-trade"]
    assert {node["reviewRating"]["ratingValue"] for node in graph} == {3}  # a conflict names no side at fault
    assert all(
        node["datePublished"] == "2025-02-01" and node["reviewBody"] == "One of them is wrong." for node in graph
    )


# ---------------------------------------------------------------- Web Annotation


def annotation_schemas():
    """The W3C assertions by document kind: (assertion file, schema), and a validator
    factory that resolves their references among the vendored definitions."""
    jsonschema = consumer("jsonschema", "jsonschema")
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    folder = FIXTURES / "web-annotation"
    registry = Registry()
    for path in sorted((folder / "definitions").glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        registry = registry.with_resource(schema["id"], Resource.from_contents(schema, default_specification=DRAFT4))

    def assertions(*names: str) -> list[tuple[str, dict]]:
        found = []
        for name in names:
            if name.endswith(".test"):
                listed = json.loads((folder / name).read_text(encoding="utf-8"))["assertions"]
            else:
                listed = [name]
            for assertion in listed:
                found.append((assertion, json.loads((folder / assertion).read_text(encoding="utf-8"))))
        return found

    validators: dict[tuple[str, bool], object] = {}

    def failures(document: dict, checks, formats: bool) -> list[str]:
        problems = []
        for name, schema in checks:
            assert schema["expectedResult"] == "valid"  # as every assertion of the suite expects
            if (name, formats) not in validators:
                resource = Resource.from_contents(schema, default_specification=DRAFT4)
                validators[name, formats] = jsonschema.Draft4Validator(
                    schema,
                    registry=registry.with_resource(schema["id"], resource),
                    format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER if formats else None,
                )
            problems += [f"{name}: {error.message}" for error in validators[name, formats].iter_errors(document)]
        return problems

    annotation = assertions(
        "annotations/annotationMusts.test",
        *(
            f"annotations/{name}.json"
            for name in (
                "specificResource/4.2-selectorFound",
                "specificResource/4.2.4-textQuoteSelector",
                "specificResource/4.2.5-textPositionSelector",
                "3.1-bodyKeyFound",
                "3.3.5-annotationMotivationImplemented",
                "bodiesTargets/3.2.4-bodyETB",
                "bodiesTargets/3.2.4-bodyETBTypeTextualBody",
                "bodiesTargets/3.3.5-bodyPurpose",
                "bodiesTargets/3.2.1-bodyFormat",
                "bodiesTargets/4-targSpecificResource",
            )
        ),
    )
    collection = assertions(
        "collections/collectionMusts.test",
        "collections/pages/pageMusts.test",
        *(f"collections/5.1-collection{name}Implemented.json" for name in ("Total", "First", "Label")),
    )
    edges = {
        "prefix": assertions("annotations/specificResource/4.2.4-prefix.json"),
        "suffix": assertions("annotations/specificResource/4.2.4-suffix.json"),
    }
    return annotation, collection, edges, failures


@pytest.mark.parametrize("base", ["", "https://corpus.example/published/"])
def test_annotations_meet_every_must_of_the_w3c_web_annotation_tests(tmp_path, capsys, base):
    annotation_checks, collection_checks, edges, failures = annotation_schemas()
    root = corpus_copy(tmp_path)
    output = root / "annotations.jsonld"  # where it belongs: the address --base gives is the corpus folder's
    code, _, err = export(
        capsys, "annotations", "--root", str(root), "-o", str(output), *(["--base", base] if base else [])
    )
    assert code == 0, err
    document = json.loads(output.read_text(encoding="utf-8"))
    # IRIs are absolute under --base, and then checked as the working group's harness
    # checked them (format uri); without it they are relative to the file, which only a
    # JSON-LD processor resolves (against the file's address).
    formats = bool(base)
    if formats:
        consumer("rfc3986_validator", "rfc3986-validator (jsonschema's check of the uri format)")
    assert failures(document, collection_checks, formats) == []
    items = document["first"]["items"]
    assert document["total"] == len(items) == len(bundled_claims())
    problems = []
    for item in items:
        # An annotation on its own carries the context; in a page it shares the collection's.
        alone = {"@context": document["@context"], **item}
        problems += failures(alone, annotation_checks, formats)
        # A quote has a prefix and a suffix unless it starts or ends its text.
        start, end = item["target"]["selector"][1]["start"], item["target"]["selector"][1]["end"]
        text_length = len(
            (root / unquote(item["target"]["source"]["id"].removeprefix(base))).read_text(encoding="utf-8-sig")
        )
        for side, at_edge in (("prefix", start == 0), ("suffix", end == text_length)):
            assert (side in item["target"]["selector"][0]) != at_edge, item["id"]
            if not at_edge:
                problems += failures(alone, edges[side], formats)
    assert problems == []
    # The schemas do reject what breaks the model: a position without its end, a quote
    # selector without its exact text, a relative id where an IRI is required.
    broken = copy.deepcopy({"@context": document["@context"], **items[0]})
    del broken["target"]["selector"][1]["end"]
    assert any("TextDataPositionSelectorValid" in problem for problem in failures(broken, annotation_checks, formats))
    del broken["target"]["selector"][0]["exact"]
    assert any("textQuoteSelectorValid" in problem for problem in failures(broken, annotation_checks, formats))
    if formats:
        assert any(
            "annotationIdValidated" in problem
            for problem in failures({**broken, "id": "#relative"}, annotation_checks, formats)
        )
    if base:
        assert all(
            item["id"].startswith(base) and item["target"]["source"]["id"].startswith(base + "seeds/") for item in items
        )


def test_every_selector_finds_its_quote_exactly_once(tmp_path, capsys):
    output = tmp_path / "out" / "annotations.jsonld"  # below the corpus's parent: targets climb with ../
    root = corpus_copy(tmp_path)
    code, _, err = export(capsys, "annotations", "--root", str(root), "-o", str(output))
    assert code == 0, err
    items = json.loads(output.read_text(encoding="utf-8"))["first"]["items"]
    claims = bundled_claims()
    assert sorted(item["id"].removeprefix("#") for item in items) == sorted(claims)
    for item in items:
        source = item["target"]["source"]["id"]
        assert source.startswith("../corpus/seeds/")
        text = (output.parent / unquote(source)).read_text(encoding="utf-8-sig")
        quote, position = item["target"]["selector"]
        assert (quote["type"], position["type"]) == ("TextQuoteSelector", "TextPositionSelector")
        prefix, exact, suffix = quote.get("prefix", ""), quote["exact"], quote.get("suffix", "")
        whole = prefix + exact + suffix
        at = text.find(whole)
        assert at >= 0 and text.find(whole, at + 1) < 0, (
            f"{item['id']}: the quote selector matches {text.count(whole)} places"
        )
        assert (at + len(prefix), at + len(prefix) + len(exact)) == (position["start"], position["end"])
        assert text[position["start"] : position["end"]] == exact
        claim_row = claims[item["id"].removeprefix("#")]
        assert (
            " ".join(exact.split()) == " ".join(claim_row["quote"].split())
            or claim_row["quote"] in exact
            or exact.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"') == claim_row["quote"].strip()
        )
        bodies = {body["purpose"]: body["value"] for body in item["body"]}
        assert bodies["describing"].startswith(claim_row["value"])


def test_prefix_and_suffix_grow_until_the_quote_is_unique():
    sentence = "Trade rose to US$1 billion."
    text = "A" * 50 + " " + sentence + " " + "B" * 40 + " then " + "A" * 50 + " " + sentence + " " + "B" * 40 + " end"
    start = text.rfind(sentence)
    prefix, suffix = unique_context(text, start, start + len(sentence))
    assert len(prefix) > 32 or len(suffix) > 32
    assert text.count(prefix + sentence + suffix) == 1
    assert unique_context("x" + sentence + "y", 1, 1 + len(sentence)) == ("x", "y")  # short at the ends of the text


# ---------------------------------------------------------------- Data Package


def frictionless_report(package: Path):
    frictionless = consumer("frictionless", "frictionless (the Frictionless Data validator)")
    return frictionless.validate(str(package))


def errors_of(report) -> list[tuple[str, str]]:
    return [(task.name, error.type) for task in report.tasks for error in task.errors] + [
        ("package", error.type) for error in report.errors
    ]


def test_datapackage_of_the_bundled_corpus_passes_frictionless_validate(tmp_path, capsys):
    root = corpus_copy(tmp_path)
    package = root / "datapackage.json"
    code, _, err = export(capsys, "datapackage", "--root", str(root))  # the default file: ROOT/datapackage.json
    assert code == 0, err
    report = frictionless_report(package)
    assert report.valid, errors_of(report)
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    resources = {resource["name"]: resource for resource in descriptor["resources"]}
    tagged = sorted((root / "claims" / "tagged").glob("*.csv"))
    assert set(resources) == {"sources", "topics", "entities", "reviews", "ignore"} | {
        f"claims-{p.stem}" for p in tagged
    }
    assert len(report.tasks) == len(resources)
    assert {resource["path"] for resource in resources.values()} == {
        path.relative_to(root).as_posix() for path in [*tagged, *(root / "claims").glob("*.csv")]
    }
    assert resources["sources"]["schema"]["primaryKey"] == ["id"]
    assert resources["topics"]["schema"]["primaryKey"] == ["key"]
    claims = resources["claims-orf-zakharov-2025"]["schema"]
    assert claims["primaryKey"] == ["id"]
    assert {field["name"] for field in claims["fields"] if field.get("constraints", {}).get("required")} == {
        "id",
        "topic",
        "value",
        "quote",
    }
    references = {(key["fields"][0], key["reference"]["resource"]) for key in claims["foreignKeys"]}
    assert {("topic", "topics"), ("subject", "entities"), ("cites", "sources")} <= references
    aliases = next(field for field in resources["topics"]["schema"]["fields"] if field["name"] == "aliases")
    assert (aliases["type"], aliases["delimiter"]) == ("list", ";")


def test_datapackage_keys_are_enforced_by_the_validator(tmp_path, capsys):
    """What the package declares, frictionless checks: a claim added afterwards with a topic
    no topic row has breaks the foreign key, and a duplicate id the primary key."""
    root = corpus_copy(tmp_path)
    assert export(capsys, "datapackage", "--root", str(root))[0] == 0
    table = root / "claims" / "tagged" / "orf-zakharov-2025.csv"
    first = rows(table)[0]
    with table.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(first), lineterminator="\n")
        writer.writerow({**first, "id": "orf-new", "topic": "no-such-topic"})
        writer.writerow(first)
    errors = errors_of(frictionless_report(root / "datapackage.json"))
    assert ("claims-orf-zakharov-2025", "foreign-key") in errors
    assert ("claims-orf-zakharov-2025", "primary-key") in errors


def test_datapackage_declares_only_the_foreign_keys_that_hold(tmp_path, capsys):
    root = build_corpus(
        tmp_path / "corpus",
        {
            "a": [
                claim("a1", "bilateral trade", "US$1 billion", period="2024"),  # an alias of the topic 'trade'
                claim("a2", "lpg-demand", "700000 t/year", period="2024", subject="ISKP"),
            ]
        },
    )
    code, _, err = export(capsys, "datapackage", "--root", str(root))
    assert code == 0, err
    claims = next(
        r
        for r in json.loads((root / "datapackage.json").read_text(encoding="utf-8"))["resources"]
        if r["name"] == "claims-a"
    )
    # The topic and the subject are written as aliases, which a generic validator cannot
    # resolve; the empty columns reference nothing that is missing.
    assert [key["fields"] for key in claims["schema"].get("foreignKeys", [])] == [["attributed_to"], ["cites"]]
    report = frictionless_report(root / "datapackage.json")
    assert report.valid, errors_of(report)


def test_datapackage_paths_never_leave_the_package_folder(tmp_path, capsys):
    root = corpus_copy(tmp_path)
    code, _, err = export(capsys, "datapackage", "--root", str(root), "-o", str(root / "reports" / "datapackage.json"))
    assert code == 2 and "corpus folder or a folder above it" in err
    assert not (root / "reports" / "datapackage.json").exists()
    code, _, err = export(capsys, "datapackage", "--root", str(root), "-o", str(tmp_path / "datapackage.json"))
    assert code == 0, err
    paths = [
        resource["path"]
        for resource in json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    ]
    assert paths and all(path.startswith("corpus/claims/") for path in paths)


# ---------------------------------------------------------------- every export


@pytest.mark.parametrize("kind", ["claimreview", "annotations", "datapackage"])
def test_exports_are_byte_identical_and_standard_output_is_the_file(tmp_path, capsys, kind):
    root = corpus_copy(tmp_path)
    texts = []
    for run in range(2):
        output = root / f"{kind}-{run}.json"
        code, _, err = export(capsys, kind, "--root", str(root), "-o", str(output), "--today", "2025-06-01")
        assert code == 0 and err == f"{output}: {kind} export\n"
        texts.append(output.read_bytes())
    code, out, _ = export(capsys, kind, "--root", str(root), "-o", "-", "--today", "2025-06-01")
    assert code == 0
    # Another process, another hash seed: sets and dicts iterate in another order.
    process = subprocess.run(
        [sys.executable, "-m", "checker", "export", kind, "--root", str(root), "-o", "-", "--today", "2025-06-01"],
        check=False,
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": "4242"},
    )
    assert process.returncode == 0, process.stderr
    assert texts[0] == texts[1] == out.encode("utf-8") == process.stdout
    assert texts[0].endswith(b"}\n")


@pytest.mark.parametrize("kind", ["claimreview", "annotations", "datapackage"])
def test_invalid_data_is_located_and_nothing_is_written(tmp_path, capsys, kind):
    output = tmp_path / "export.json"
    code, out, err = export(capsys, kind, "--root", str(FIXTURES / "broken"), "-o", str(output))
    assert code == 2 and out == ""
    assert "Traceback" not in err and err.splitlines()[-1].endswith("problem(s) in the input data")
    assert any(line.startswith("claims/") and ": " in line for line in err.splitlines())
    assert not output.exists()


def test_an_export_never_replaces_corpus_files(tmp_path, capsys):
    root = corpus_copy(tmp_path)
    before = (root / "claims" / "sources.csv").read_bytes()
    code, _, err = export(capsys, "datapackage", "--root", str(root), "-o", str(root / "claims" / "sources.csv"))
    assert code == 2 and "refusing to write" in err
    assert (root / "claims" / "sources.csv").read_bytes() == before


def test_a_base_that_is_not_an_absolute_iri_is_a_usage_error(tmp_path, capsys):
    output = tmp_path / "annotations.jsonld"
    code, _, err = export(
        capsys, "annotations", "--root", str(ROOT), "-o", str(output), "--base", "example.org/corpus/"
    )
    assert code == 2 and "not an absolute IRI" in err
    assert not output.exists()


def test_the_command_line_offers_every_export():
    from checker.cli import build_parser
    from checker.exports import DEFAULT_FILES, EXPORTS

    export_parser = build_parser()._subparsers._group_actions[0].choices["export"]
    kind = next(action for action in export_parser._actions if action.dest == "kind")
    assert set(kind.choices) == set(EXPORTS) == set(DEFAULT_FILES)
