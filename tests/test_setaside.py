"""Data errors set aside what they touch, with every claim of its topic families, and the
rules run on the rest: the findings of untouched families are still reported, nothing of
a touched family is, and the exit code stays 2 (invalid data)."""

import json
from xml.etree import ElementTree

from checker.cli import EXIT_INVALID, main
from conftest import build_corpus, claim

TOPICS = [
    {"key": "trade", "kind": "quantity", "unit": "USD"},
    {"key": "total", "kind": "quantity", "unit": "USD", "sum_of": "part-a; part-b"},
    {"key": "part-a", "kind": "quantity", "unit": "USD"},
    {"key": "part-b", "kind": "quantity", "unit": "USD"},
    {"key": "displaced", "kind": "count", "unit": "person", "aliases": "people displaced"},
]


def _corpus(root, late_extra=(), early_extra=()):
    """Two sources that disagree on trade (a value conflict in a family of its own) and
    agree on a sum; ``*_extra``: more rows."""
    return build_corpus(
        root,
        {
            "early": [
                claim("e-trade", "trade", "US$1 billion", period="2024"),
                claim("e-total", "total", "US$10 million", period="2024"),
                claim("e-a", "part-a", "US$4 million", period="2024"),
                *early_extra,
            ],
            "late": [
                claim("l-trade", "trade", "US$3 billion", period="2024"),
                claim("l-b", "part-b", "US$6 million", period="2024"),
                claim("l-displaced", "displaced", "5,000", period="2024"),
                *late_extra,
            ],
        },
        topics=TOPICS,
        entities=[],
    )


def _check(root, tmp_path, capsys, *args):
    report = tmp_path / f"{root.name}.json"
    code = main(["check", "--root", str(root), "-o", str(report), *args])
    return code, json.loads(report.read_text(encoding="utf-8")), capsys.readouterr().err


def _found(record):
    return sorted((finding["rule"], finding["topic"]) for finding in record["findings"])


def test_a_bad_value_sets_aside_its_family_and_the_rest_is_still_checked(tmp_path, capsys):
    root = _corpus(tmp_path / "corpus", late_extra=[claim("l-bad", "part-a", "lots of money", period="2024")])
    code, record, err = _check(root, tmp_path, capsys)
    assert code == EXIT_INVALID
    assert _found(record) == [("value-conflict", "trade")]  # the family no problem touches
    # The whole sum family is set aside: its total and parts are never checked without a part.
    assert record["run"]["set_aside"] == {"claims": 4, "topics": ["part-a", "part-b", "total"]}
    assert [(e["file"], e["line"], e["column"]) for e in record["errors"]] == [("claims/tagged/late.csv", 5, "value")]
    lines = err.splitlines()
    assert lines[-1] == "claimcheck: 1 problem(s) in the input data"
    assert "rules ran without the 4 claim(s)" in lines[-2] and "part-a, part-b, total" in lines[-2]


def test_without_the_problem_the_same_families_give_the_same_findings(tmp_path, capsys):
    """What the partial check reports of the untouched family is what the whole check
    reports of it; the touched family, once fixed, is checked again."""
    broken = _corpus(tmp_path / "broken", late_extra=[claim("l-bad", "part-a", "US$5 million", period="2024")])
    with (broken / "claims" / "tagged" / "late.csv").open("a", encoding="utf-8") as handle:
        handle.write("l-worse,part-b,US$6 million,2024,,,,,,,,,,l-worse says US$6 million.,,extra\n")
    code, partial, _ = _check(broken, tmp_path, capsys)
    fixed = _corpus(tmp_path / "fixed", late_extra=[claim("l-bad", "part-a", "US$5 million", period="2024")])
    _, whole, _ = _check(fixed, tmp_path, capsys)
    assert code == EXIT_INVALID and partial["errors"][0]["column"] == "-"  # a field too many
    assert _found(partial) == [("value-conflict", "trade")]
    # Fixed, the sum family is checked: part-a is now given twice, 4 and 5 million.
    assert ("value-conflict", "trade") in _found(whole) and ("value-conflict", "part-a") in _found(whole)
    trade = [f["fingerprint"] for f in partial["findings"]]
    assert trade == [f["fingerprint"] for f in whole["findings"] if f["topic"] == "trade"]


def test_a_quote_never_closed_sets_aside_every_topic_of_the_lines_it_swallows(tmp_path, capsys):
    root = _corpus(tmp_path / "corpus")
    path = root / "claims" / "tagged" / "late.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(1, 'l-open,displaced,"5,000,2024,,,,,,,,,,l-open says 5,000.,\n')  # the rest of the file is one cell
    path.write_text("".join(lines), encoding="utf-8")
    code, record, err = _check(root, tmp_path, capsys)
    assert code == EXIT_INVALID
    # The whole file was not read: every topic it names is set aside with its family (part-b
    # with total and part-a, of which only the early file's claims were read), and nothing
    # is left to check.
    assert record["findings"] == [] and "no rule ran" in err
    from checker.corpus import load_corpus
    from checker.normalise import normalise
    from checker.setaside import partial

    assert partial(normalise(load_corpus(root)), root) is None


def test_an_unknown_topic_sets_aside_the_topics_it_might_have_meant(tmp_path, capsys):
    root = _corpus(tmp_path / "corpus", late_extra=[claim("l-typo", "tarde", "US$2 billion", period="2024")])
    code, record, err = _check(root, tmp_path, capsys)
    assert code == EXIT_INVALID and "unknown topic 'tarde'" in err
    assert "trade" in record["run"]["set_aside"]["topics"]
    assert ("value-conflict", "trade") not in _found(record)


def test_a_topic_row_with_a_problem_sets_aside_its_family(tmp_path, capsys):
    root = _corpus(tmp_path / "corpus")
    topics = root / "claims" / "topics.csv"
    topics.write_text(topics.read_text(encoding="utf-8").replace("part-b,quantity,,,USD", "part-b,quantity,,,zorgs"))
    code, record, err = _check(root, tmp_path, capsys)
    assert code == EXIT_INVALID and "claims/topics.csv:5: unit: unknown unit 'zorgs'" in err
    assert record["run"]["set_aside"]["topics"] == ["part-a", "part-b", "total"]
    assert _found(record) == [("value-conflict", "trade")]


def test_a_problem_that_cannot_be_placed_stops_every_rule(tmp_path, capsys):
    root = _corpus(tmp_path / "corpus")
    sources = root / "claims" / "sources.csv"
    header, *rows = sources.read_text(encoding="utf-8").splitlines(keepends=True)
    sources.write_text(header.replace("published", "publishd", 1) + "".join(rows), encoding="utf-8")
    code, record, err = _check(root, tmp_path, capsys)
    assert code == EXIT_INVALID and record["findings"] == [] and "set_aside" not in record["run"]
    assert "claimcheck: no rule ran" in err


def test_a_baseline_finding_of_a_family_set_aside_is_neither_resolved_nor_new(tmp_path, capsys):
    clean = _corpus(tmp_path / "clean", late_extra=[claim("l-a", "part-a", "US$5 million", period="2024")])
    baseline = tmp_path / "baseline.json"
    assert main(["baseline", "--root", str(clean), "-o", str(baseline)]) == 0
    saved = {finding["topic"] for finding in json.loads(baseline.read_text())["findings"]}
    assert {"trade", "part-a"} <= saved
    broken = _corpus(
        tmp_path / "broken",
        late_extra=[
            claim("l-a", "part-a", "US$5 million", period="2024"),
            claim("l-bad", "part-b", "lots of money", period="2024"),
        ],
    )
    capsys.readouterr()
    code, record, _ = _check(broken, tmp_path, capsys, "--baseline", str(baseline))
    assert code == EXIT_INVALID
    assert record["resolved"] == []  # part-a's conflict was not checked, so it is not resolved
    assert [(f["topic"], f["status"]) for f in record["findings"]] == [("trade", "unchanged")]


def test_a_review_of_a_finding_set_aside_is_not_stale(tmp_path, capsys):
    root = _corpus(tmp_path / "corpus", late_extra=[claim("l-a", "part-a", "US$5 million", period="2024")])
    _, record, _ = _check(root, tmp_path, capsys)
    (fingerprint,) = [f["fingerprint"] for f in record["findings"] if f["topic"] == "part-a"]
    assert main(["review", fingerprint, "--root", str(root), "--decision", "accepted-difference", "--note", "n"]) == 0
    with (root / "claims" / "tagged" / "early.csv").open("a", encoding="utf-8") as handle:
        handle.write("e-bad,part-b,lots of money,2024,,,,,,,,,,e-bad says lots of money.,\n")
    (root / "seeds" / "early.txt").write_text(
        (root / "seeds" / "early.txt").read_text() + "e-bad says lots of money.\n", encoding="utf-8"
    )
    capsys.readouterr()
    code, record, _ = _check(root, tmp_path, capsys)
    assert code == EXIT_INVALID and "part-a" in record["run"]["set_aside"]["topics"]
    assert record["stale_reviews"] == []


def test_every_format_carries_the_errors_and_the_findings(tmp_path, capsys):
    from test_ci_outputs import _validate_sarif

    root = _corpus(tmp_path / "corpus", late_extra=[claim("l-bad", "part-a", "lots of money", period="2024")])
    out = tmp_path / "out"
    files = {ext: out / f"r.{ext}" for ext in ("sarif", "xml", "md", "html", "log", "txt")}
    assert main(["check", "--root", str(root), *[arg for f in files.values() for arg in ("-o", str(f))]]) == 2
    sarif = _validate_sarif(files["sarif"].read_text())["runs"][0]
    assert sorted(result["ruleId"] for result in sarif["results"]) == ["data-error", "value-conflict"]
    junit = ElementTree.fromstring(files["xml"].read_bytes())
    failing = sorted(case.get("classname") or "" for case in junit.iter("testcase") if case.find("failure") is not None)
    assert len(failing) == 2
    markdown = files["md"].read_text()
    assert "### Data errors (1)" in markdown and "Not checked: part-a, part-b, total." in markdown
    assert "`value-conflict`" in markdown
    html = files["html"].read_text()
    assert "Not checked: part-a, part-b, total." in html and "value-conflict" in html
    assert files["log"].read_text().startswith("claims/tagged/late.csv:5: error data-error value:")
    assert "3 claims checked (4 set aside)" in files["txt"].read_text().splitlines()[0]
    assert "claims set aside" in markdown and "4 set aside" in html
    summary = files["txt"].read_text().splitlines()[-1]
    assert summary.startswith("1 problem(s) in the input data: 4 claim(s) in 3 topic(s) not checked; 1 error(s)")


def test_a_plain_number_of_people_is_read_under_a_count_topic(tmp_path, capsys):
    """'5,000' under a count topic counted in people is 5,000 people, not a data error."""
    root = _corpus(tmp_path / "corpus")
    code, record, err = _check(root, tmp_path, capsys)
    assert "errors" not in record or record["errors"] == []
    assert code != EXIT_INVALID and err.count("problem") == 0


def test_a_problem_that_touches_no_claim_says_so(tmp_path, capsys):
    """An empty claims file holds no claim: every claim is still checked, and the summary
    says the problems touch none instead of naming zero claims left out."""
    root = _corpus(tmp_path / "corpus")
    (root / "claims" / "tagged" / "late.csv").write_text("", encoding="utf-8")
    code, record, err = _check(root, tmp_path, capsys)
    assert code == EXIT_INVALID
    assert record["run"]["set_aside"]["claims"] == 0
    lines = err.splitlines()
    assert "every claim checked" in lines[0] and "not checked" not in lines[0]  # the summary
    assert "empty file" in lines[1]
    assert "these problems touch none" in lines[-2] and "ran without" not in lines[-2]
