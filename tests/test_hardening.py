"""Bad input never crashes the checker: every parser and table either gives valid claims or
the project's own error with file and line; paths cannot escape the corpus; output does not
depend on the hash seed or the order the file system lists files in."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import tables as tables_module
from checker.cli import main
from checker.corpus import load_corpus
from checker.errors import Problem
from checker.normalise import normalise
from checker.schema import CLAIMS
from conftest import ROOT, build_corpus, claim, scaled

HEADER = ",".join(CLAIMS.names)
GOOD_ROW = 'c1,trade,US$1 billion,"c1 says US$1 billion.",2024,,,,,,,,,,'


def problems_for(root: Path) -> list[Problem]:
    return normalise(load_corpus(root)).problems


def corpus_with_claims_bytes(root: Path, data: bytes) -> Path:
    build_corpus(root, {"alpha": [claim("c1", "trade", "US$1 billion", period="2024")]})
    (root / "claims" / "tagged" / "alpha.csv").write_bytes(data)
    return root


CASES = {
    "empty file": (b"", "claims/tagged/alpha.csv:1: -: empty file"),
    "header only": (HEADER.encode() + b"\n", None),
    "missing column": (
        b"id,topic,value\nc1,trade,US$1 billion\n",
        "claims/tagged/alpha.csv:1: -: missing column 'quote'",
    ),
    "extra column": (
        (HEADER + ",colour\n" + GOOD_ROW + ",red\n").encode(),
        "claims/tagged/alpha.csv:1: colour: unknown column",
    ),
    "typo in header": (
        HEADER.replace("quote", "qoute").encode() + b"\n",
        "claims/tagged/alpha.csv:1: qoute: unknown column (did you mean 'quote'?)",
    ),
    "semicolons": (
        HEADER.replace(",", ";").encode() + b"\n",
        "claims/tagged/alpha.csv:1: -: fields are separated by semicolons; use commas",
    ),
    "unbalanced quote": (
        (HEADER + "\n" + GOOD_ROW + '\nc2,trade,"US$1 billion,2024\n').encode(),
        "claims/tagged/alpha.csv:3: -: a double quote opened here is never closed",
    ),
    "too many fields": (
        (HEADER + "\n" + GOOD_ROW + ",x,y\n").encode(),
        "claims/tagged/alpha.csv:2: -: 17 fields where the header has 15",
    ),
    "not utf-8": (
        (HEADER + "\n" + GOOD_ROW.replace("says", "sa\xefs") + "\n").encode("latin-1"),
        "claims/tagged/alpha.csv:2: -: not UTF-8: byte 0xef at offset",
    ),
    "nan value": (
        (HEADER + "\n" + GOOD_ROW.replace("US$1 billion,", "nan,") + "\n").encode(),
        "claims/tagged/alpha.csv:2: value: no number in 'nan'",
    ),
    "inf value": (
        (HEADER + "\n" + GOOD_ROW.replace("US$1 billion,", "1e999 USD,") + "\n").encode(),
        "claims/tagged/alpha.csv:2: value: '1e999' is not a finite number",
    ),
    "negative amount": (  # money, ratios and flows may be negative, a head count (a level) may not
        (HEADER + "\n" + 'c1,overdoses,-5 person,"c1 says -5 people.",2024,,,,,,,,,,' + "\n").encode(),
        "claims/tagged/alpha.csv:2: value: a negative amount makes no sense here",
    ),
    "impossible date": (
        (HEADER + "\n" + GOOD_ROW.replace(",2024,", ",2024-02-30,") + "\n").encode(),
        "claims/tagged/alpha.csv:2: period: '2024-02-30' is not a valid date (February 2024 has no day 30)",
    ),
    "unknown unit": (
        (HEADER + "\n" + GOOD_ROW.replace("US$1 billion,", "1 billion dollarz,") + "\n").encode(),
        "claims/tagged/alpha.csv:2: value: unknown unit 'dollarz'",
    ),
    "long field": (
        (HEADER + "\n" + GOOD_ROW.replace(',"c1 says', ',"' + "x" * 30000 + " c1 says") + "\n").encode(),
        "claims/tagged/alpha.csv:2: -: a cell is longer than 20000 characters",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_malformed_claims_tables_get_a_located_error(name, tmp_path, capsys):
    data, expected = CASES[name]
    root = corpus_with_claims_bytes(tmp_path / "corpus", data)
    code = main(["check", "--root", str(root)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if expected is None:
        assert code == 0
    else:
        assert code == 2 and expected in err, err


def test_byte_order_mark_and_windows_line_endings_are_read(tmp_path):
    data = ("\ufeff" + HEADER + "\r\n" + GOOD_ROW + "\r\n" + GOOD_ROW.replace("c1", "c2") + "\r\n").encode("utf-8")
    root = corpus_with_claims_bytes(tmp_path / "corpus", data.replace(b"c2 says", b"c1 says"))
    result = normalise(load_corpus(root))
    assert result.problems == []
    assert list(result.claims["line"]) == [2, 3]


def test_duplicate_ids_across_files(corpus_dir):
    root = corpus_dir(
        {
            "alpha": [claim("c1", "trade", "US$1 billion", period="2024")],
            "beta": [claim("c1", "trade", "US$1 billion", period="2024")],
        }
    )
    assert [str(p) for p in problems_for(root)] == [
        "claims/tagged/beta.csv:2: id: duplicate id 'c1' (first at claims/tagged/alpha.csv:2)"
    ]


def test_file_size_limit_is_a_clear_error(tmp_path, monkeypatch):
    root = corpus_with_claims_bytes(tmp_path / "corpus", (HEADER + "\n" + GOOD_ROW + "\n").encode())
    monkeypatch.setattr(tables_module, "MAX_TABLE_BYTES", 100)
    assert any("above the limit of 100" in str(p) for p in problems_for(root))


CSV_TEXT = st.text(alphabet=st.sampled_from(list('ab,"\n\r;\t 1.$%-/=é\x00')), max_size=200)


@settings(max_examples=scaled(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=CSV_TEXT, header=st.booleans())
def test_arbitrary_table_content_never_raises(tmp_path_factory, body, header):
    root = tmp_path_factory.mktemp("fuzz")
    data = ((HEADER + "\n") if header else "") + body
    corpus_with_claims_bytes(root, data.encode("utf-8", "surrogatepass"))
    result = normalise(load_corpus(root))
    for problem in result.problems:
        assert problem.file and isinstance(problem.line, int) and problem.column


TABLES = ("tagged/alpha.csv", "sources.csv", "topics.csv", "entities.csv", "reviews.csv", "ignore.csv")
TABLE_HEADERS = {
    "sources.csv": "id,file,published",
    "topics.csv": "key,kind,unit,states,aliases,tolerance,substance,part_of,bounded_by",
    "entities.csv": "key,label,aliases",
    "reviews.csv": "fingerprint,decision,date,expires",
    "ignore.csv": "source,pattern,reason",
    "tagged/alpha.csv": HEADER,
}


@settings(max_examples=scaled(120), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    table=st.sampled_from(TABLES),
    body=CSV_TEXT,
    raw=st.binary(max_size=80),
    use_raw=st.booleans(),
    header=st.booleans(),
)
def test_every_table_with_arbitrary_content_never_raises(tmp_path_factory, table, body, raw, use_raw, header):
    """Whatever a table holds, every command reports problems; none raises or hangs."""
    root = tmp_path_factory.mktemp("tables")
    build_corpus(root, {"alpha": [claim("c1", "trade", "US$1 billion", period="2024")]})
    data = (
        raw if use_raw else (((TABLE_HEADERS[table] + "\n") if header else "") + body).encode("utf-8", "surrogatepass")
    )
    (root / "claims" / table).write_bytes(data)
    for command in (["check"], ["coverage"]):
        assert main([*command, "--root", str(root)]) in (0, 1, 2)


@pytest.mark.parametrize("path", ["../outside.txt", "/etc/passwd", "sub/../../outside.txt"])
def test_source_paths_cannot_escape_the_corpus(tmp_path, path):
    root = build_corpus(
        tmp_path / "corpus",
        {"alpha": [claim("c1", "trade", "US$1 billion", period="2024")]},
        sources=[{"id": "alpha", "file": path, "published": "2025-01-01"}],
    )
    (tmp_path / "outside.txt").write_text("c1 says US$1 billion.")
    problems = [str(p) for p in problems_for(root)]
    assert f"claims/sources.csv:2: file: '{path}' is outside seeds/; give a path inside it" in problems


def test_symlinks_out_of_the_corpus_are_refused(tmp_path):
    root = build_corpus(tmp_path / "corpus", {"alpha": [claim("c1", "trade", "US$1 billion", period="2024")]})
    outside = tmp_path / "secret.txt"
    outside.write_text("c1 says US$1 billion.")
    (root / "seeds" / "alpha.txt").unlink()
    (root / "seeds" / "alpha.txt").symlink_to(outside)
    problems = [str(p) for p in problems_for(root)]
    assert "claims/sources.csv:2: file: 'alpha.txt' is outside seeds/; give a path inside it" in problems


def test_unknown_rule_or_option_in_the_configuration(tmp_path, capsys):
    root = build_corpus(tmp_path / "corpus", {"alpha": [claim("c1", "trade", "US$1 billion", period="2024")]})
    (root / "claimcheck.toml").write_text(
        'fail-on = "error"\n[rules.value-conflcit]\ntolerance = 0.1\n'
        '[rules.date-conflict]\nslack = 2\n[rules.magnitude-plausibility]\nmax_ratio = "ten"\n'
    )
    assert main(["check", "--root", str(root)]) == 2
    err = capsys.readouterr().err
    assert "claimcheck.toml:2: value-conflcit: unknown rule 'value-conflcit' (did you mean 'value-conflict'?)" in err
    assert "claimcheck.toml:5: slack: unknown option 'slack' for rule 'date-conflict'" in err
    assert (
        "claimcheck.toml:7: max_ratio: option 'max_ratio' of rule 'magnitude-plausibility' must be a number, not 'ten'"
        in err
    )


def _reports(root: Path, seed: str, out: Path) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run(
        [sys.executable, "-m", "checker", "reports", "--root", str(root), "--dir", str(out)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return {path.name: path.read_bytes() for path in sorted(out.iterdir())}


def test_reports_do_not_depend_on_the_hash_seed_or_listing_order(tmp_path):
    claims = {
        "orf": [
            claim("orf-2024", "trade", "US$1 billion", period="2024"),
            claim("orf-court", "court-ruling", "2025-04-17", quote="on 17 April 2025"),
        ],
        "capss": [
            claim("capss-2024", "trade", "USD 12.42 billion", period="2024"),
            claim("capss-court", "court-ruling", "2025-04-21", quote="on April 21, 2025"),
        ],
    }
    first = build_corpus(tmp_path / "one", claims)
    # The same corpus written in the opposite order: files created in reverse, rows reversed.
    second = build_corpus(
        tmp_path / "two", {source: list(reversed(rows)) for source, rows in reversed(list(claims.items()))}
    )
    a = _reports(first, "1", tmp_path / "out-a")
    b = _reports(first, "12345", tmp_path / "out-b")
    assert a == b
    c = _reports(second, "99", tmp_path / "out-c")
    assert set(c) == set(a)
    import json

    def fingerprints(reports):
        return sorted(f["fingerprint"] for f in json.loads(reports["baseline.json"])["findings"])

    assert fingerprints(a) == fingerprints(c) and len(fingerprints(a)) == 2
