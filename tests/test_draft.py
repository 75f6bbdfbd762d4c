"""`claimcheck draft`: value phrases read around uncovered mentions, draft rows, accepting
them, and how many hand-tagged claims the draft recovers when they are hidden."""

from __future__ import annotations

import math
import re
import shutil

import pytest

from checker import dates, quantities
from checker.cli import main
from checker.corpus import load_corpus
from checker.coverage import coverage
from checker.draft import DRAFTS, propose
from checker.errors import ParseError
from checker.normalise import normalise
from checker.numbers import decimal_mark
from checker.phrases import read_sentence, sentences
from conftest import ROOT, build_corpus, claim

README = (ROOT / "README.md").read_text(encoding="utf-8")


def phrases_of(text: str) -> list[tuple[str, str]]:
    return [(phrase.kind, phrase.value) for phrase in read_sentence(text, 0, len(text))]


# ---------------------------------------------------------------------------------------
# Reading value phrases (sentences written for the test, not taken from the corpus)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Exports reached €1.2 billion in 2023.", [("quantity", "€1.2 billion"), ("date", "2023")]),
        ("Imports fell to 3.5bn roubles.", [("quantity", "3.5bn RUB")]),
        ("The plant makes about 40,000 tonnes a year.", [("quantity", "~40,000 t/year")]),
        ("Some 12 million cubic metres of gas (about 8.6 million tonnes) flowed.", [("quantity", "~12 million m^3")]),
        ("Fewer than 300 people were evacuated.", [("count", "<300 person")]),
        ("Unemployment rose to 7.5 per cent.", [("quantity", "7.5 %")]),
        ("The war lasted nearly a decade.", [("quantity", "nearly 1 decade")]),
        ("It ended a thirty-year dispute.", [("quantity", "30 year")]),
        ("It held at least fifteen meetings.", [("count", ">=15")]),
        (
            "The firm shipped 2 million tons of coal, 1 million tons of ore and 500,000 tons of scrap annually.",
            [("quantity", "2 million t/year"), ("quantity", "1 million t/year"), ("quantity", "500,000 t/year")],
        ),
        ("It opened its 4th plant.", [("count", "4")]),
        ("Sales doubled.", [("multiple", "x2")]),
        # Thousands grouped by spaces, as a ministry's release writes them: one number each.
        (
            "The quota is 388 500 tonnes, up to 20 000 tonnes more.",
            [("quantity", "388,500 t"), ("quantity", "<=20,000 t")],
        ),
    ],
)
def test_quantities_are_read_with_qualifier_currency_scale_unit_and_rate(text, expected):
    assert phrases_of(text) == expected


def test_a_conversion_in_parentheses_is_kept_with_the_figure():
    [phrase] = read_sentence(
        text := "Some 12 million cubic metres of gas (about 8.6 million tonnes) flowed.", 0, len(text)
    )
    assert phrase.converted == "~8.6 million t"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The treaty was signed on 3 March 2019.", "2019-03-03"),
        ("The treaty was signed on March 3, 2019.", "2019-03-03"),
        ("The treaty was signed in March 2019.", "2019-03"),
        ("The treaty was signed in late March 2019.", "2019-03"),
        ("The talks ran from 2008 to 2012.", "2008/2012"),
        ("The talks ran between 2008 and 2012.", "2008/2012"),
        ("The talks ran in 2008–12.", "2008/2012"),
        ("The talks ran in 2008-2012.", "2008/2012"),
        ("It was built in the 1970s.", "197X"),
        ("It was built in the early 1970s.", "1970/1974"),
        ("It was built in the late 1970s.", "1975/1979"),
        ("It was finished by June 2001.", "../2001-06"),
        ("It was finished after 9 May 2001.", "2001-05-10/.."),
        ("It was finished after 2001.", "2002/.."),
        ("It has held since 1998.", "1998"),
    ],
)
def test_dates_are_read_as_edtf(text, expected):
    assert phrases_of(text) == [("date", expected)]
    dates.parse_date(expected)  # every reading is a date the checker itself reads


def test_numbers_that_are_names_or_amounts_are_not_years():
    assert phrases_of("The COVID-19 crisis hit.") == []
    assert phrases_of("It cost over 2000 dollars.") == [("quantity", ">2000 USD")]
    assert ("count", "9") not in phrases_of("It happened after 9/11.")


def test_sentences_end_at_full_stops_but_not_at_abbreviations_or_initials():
    text = "The U.S. Army left in 2021. Gen. X. Example stayed.² Then talks began."
    assert [text[a:b] for a, b in sentences(text)] == [
        "The U.S. Army left in 2021.",
        "Gen. X. Example stayed.²",
        "Then talks began.",
    ]


# ---------------------------------------------------------------------------------------
# Draft rows on a small corpus

TEXT = (
    "Bilateral trade reached US$2.5 billion in 2023, up from US$1.1 billion in 2021.\n"
    "The ministry expects to sign a contract for 40,000 tonnes of wheat in May 2025.\n"
    "On 3 March 2024, the court ruled on the ban.\n"
)


@pytest.fixture
def small(corpus_dir):
    first = "Bilateral trade reached US$2.5 billion in 2023"
    return corpus_dir({"alpha": [claim("a1", "trade", "US$2.5 billion", first, period="2023")]}, texts={"alpha": TEXT})


def test_every_uncovered_mention_gets_a_row_and_covered_ones_none(small):
    normalised = normalise(load_corpus(small))
    proposals = propose(normalised, small, "alpha")
    missing = [m for m in coverage(normalised, small).mentions if m.status == "missing"]
    assert missing
    for mention in missing:
        assert any(p.start <= mention.start < p.end and mention.text in p.mentions for p in proposals), mention
    values = {p.row["value"] for p in proposals}
    assert "US$2.5 billion" not in values  # a claim covers it
    assert {"US$1.1 billion", "40,000 t", "2024-03-03", "2025-05"} <= values


def test_rows_carry_period_modality_topic_and_verbatim_quotes(small):
    normalised = normalise(load_corpus(small))
    text = normalised.texts["alpha"].text
    rows = {p.row["value"]: p for p in propose(normalised, small, "alpha")}
    earlier = rows["US$1.1 billion"].row
    assert earlier["period"] == "2021" and earlier["topic"] == "trade" and earlier["modality"] == ""
    contract = rows["40,000 t"].row
    assert contract["modality"] == "plan" and contract["period"] == "2025-05"
    assert rows["2024-03-03"].row["topic"] == "court-ruling"
    for proposal in rows.values():
        assert text[proposal.start : proposal.end] == proposal.row["quote"]
        assert "\n" not in proposal.row["quote"]
        assert 0 <= float(proposal.row["confidence"]) <= 1
        if proposal.row["topic"]:
            assert proposal.row["topic_candidates"].startswith(proposal.row["topic"] + " (")
    # The year that is only the period of a figure is a row too, but a doubtful one.
    assert float(rows["2021"].row["confidence"]) < 0.5


def test_draft_writes_only_the_draft_file(small, capsys):
    before = {path: path.read_bytes() for path in (small / "claims").rglob("*.csv")}
    assert main(["draft", "alpha", "--root", str(small)]) == 0
    draft = small / "claims" / "drafts" / "alpha.csv"
    after = {path: path.read_bytes() for path in (small / "claims").rglob("*.csv") if path != draft}
    assert after == before
    header = draft.read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == list(DRAFTS.names)
    assert "alpha-l1c" in capsys.readouterr().out


def test_check_ignores_drafts(small, capsys):
    assert main(["check", "--root", str(small), "--format", "json"]) in (0, 1)
    without = capsys.readouterr().out
    (small / "claims" / "drafts").mkdir()
    (small / "claims" / "drafts" / "alpha.csv").write_text('id,topic\nbroken,"never closed\n', encoding="utf-8")
    assert main(["check", "--root", str(small), "--format", "json"]) in (0, 1)
    assert capsys.readouterr().out == without


def test_unknown_source_is_a_usage_error(small, capsys):
    assert main(["draft", "alhpa", "--root", str(small)]) == 2
    assert "did you mean 'alpha'" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------
# Accepting rows


def _draft(root) -> dict[str, str]:
    assert main(["draft", "alpha", "--root", str(root)]) == 0
    text = (root / "claims" / "drafts" / "alpha.csv").read_text(encoding="utf-8")
    return {line.split(",", 1)[0]: line for line in text.splitlines()[1:]}


def test_accept_appends_rows_and_keeps_every_byte(small, capsys):
    table = small / "claims" / "tagged" / "alpha.csv"
    table.write_bytes(table.read_bytes().replace(b"\n", b"\r\n"))  # a table saved with Windows line ends
    old_table = table.read_bytes()
    rows = _draft(small)
    chosen = [row_id for row_id, line in rows.items() if ",trade," in line or ",court-ruling," in line]
    assert len(chosen) == 2
    old_draft = (small / "claims" / "drafts" / "alpha.csv").read_bytes()
    assert main(["draft", "alpha", "--root", str(small), "--accept", ",".join(chosen)]) == 0
    new_table = table.read_bytes()
    assert new_table.startswith(old_table) and new_table.count(b"\r\n") == old_table.count(b"\r\n") + 2
    assert b"\n" not in new_table.replace(b"\r\n", b"")
    new_draft = (small / "claims" / "drafts" / "alpha.csv").read_bytes()
    expected = b"".join(
        line for line in old_draft.splitlines(keepends=True) if line.split(b",", 1)[0].decode() not in chosen
    )
    assert new_draft == expected
    capsys.readouterr()
    assert main(["check", "--root", str(small), "--format", "json"]) in (0, 1)
    assert '"errors": []' in capsys.readouterr().out


def test_accept_refuses_rows_with_empty_required_cells_and_writes_nothing(small, capsys):
    rows = _draft(small)
    empty = next(row_id for row_id, line in rows.items() if line.split(",")[1] == "")
    draft = small / "claims" / "drafts" / "alpha.csv"
    line_number = draft.read_text(encoding="utf-8").splitlines().index(rows[empty]) + 1
    before = {path: path.read_bytes() for path in (small / "claims").rglob("*.csv")}
    capsys.readouterr()
    assert main(["draft", "alpha", "--root", str(small), "--accept", empty]) == 2
    error = capsys.readouterr().err
    assert f"claims/drafts/alpha.csv:{line_number}: topic: empty" in error and "Traceback" not in error
    assert {path: path.read_bytes() for path in (small / "claims").rglob("*.csv")} == before


def test_accept_refuses_an_unknown_topic_and_an_id_in_use(small, capsys):
    rows = _draft(small)
    draft = small / "claims" / "drafts" / "alpha.csv"
    first, second = list(rows)[:2]
    text = draft.read_text(encoding="utf-8")
    text = text.replace(rows[first], rows[first].replace(first, "a1", 1))
    fields = rows[second].split(",")
    fields[1] = "trdae-volume"
    text = text.replace(rows[second], ",".join(fields))
    draft.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["draft", "alpha", "--root", str(small), "--accept", f"a1,{second}"]) == 2
    error = capsys.readouterr().err
    assert ":2: id: 'a1' is already a claim id" in error and ":3: topic: unknown topic 'trdae-volume'" in error


# ---------------------------------------------------------------------------------------
# Recovery on the bundled corpus: each text's claims hidden in turn


def _equal(draft_value: str, tagged_value: str, kind: str, decimal: str) -> bool:
    """The same value once parsed: a date's days, or a quantity's magnitude, dimension and
    qualifier."""
    try:
        if kind == "date":
            first, second = dates.parse_date(draft_value), dates.parse_date(tagged_value)
            return (first.start, first.end) == (second.start, second.end)
        first, second = (
            quantities.parse_quantity(draft_value, decimal),
            quantities.parse_quantity(tagged_value, decimal),
        )
    except ParseError:
        return False
    return (
        math.isclose(first.magnitude, second.magnitude, rel_tol=1e-9)
        and first.dimension == second.dimension
        and first.qualifier == second.qualifier
    )


def measure(source: str, tmp_path, bundled) -> dict[str, int]:
    """Hide the source's claims (a copy of the corpus without its claims table), draft, and
    count: its quantity, count and date claims; those a proposal recovers (the same parsed
    value and an overlapping quote span); of those, the ones whose topic the draft fills in
    right and the ones whose topic is among the candidates; the proposals; the proposals
    that recover no claim of the source (noise), all and at confidence 0.5 or more."""
    copy = tmp_path / source
    shutil.copytree(ROOT / "seeds", copy / "seeds")
    shutil.copytree(ROOT / "claims", copy / "claims")
    (copy / "claims" / "tagged" / f"{source}.csv").unlink()
    hidden = normalise(load_corpus(copy))
    assert hidden.problems == []
    proposals = propose(hidden, copy, source)
    claims = bundled.claims[
        (bundled.claims["source"] == source) & bundled.claims["kind"].isin(["quantity", "count", "date"])
    ]
    useful: set[int] = set()
    counts = dict(claims=len(claims), recovered=0, topic=0, candidates=0, proposals=len(proposals))
    language = dict(zip(bundled.sources["id"], bundled.sources["language"]))
    for row in claims.itertuples():
        decimal = decimal_mark(language.get(row.source, ""))
        hits = [
            index
            for index, p in enumerate(proposals)
            if p.start < row.quote_end
            and row.quote_start < p.end
            and _equal(p.row["value"], row.value, "date" if row.kind == "date" else "quantity", decimal)
        ]
        useful.update(hits)
        if hits:
            counts["recovered"] += 1
            counts["topic"] += any(proposals[i].row["topic"] == row.topic for i in hits)
            counts["candidates"] += any(
                re.search(rf"(?:^|; ){re.escape(row.topic)} \(", proposals[i].row["topic_candidates"]) for i in hits
            )
    noise = [p for index, p in enumerate(proposals) if index not in useful]
    counts["noise"] = len(noise)
    counts["sure_noise"] = sum(float(p.row["confidence"]) >= 0.5 for p in noise)
    return counts


def recovery_rows(results: dict[str, dict[str, int]]) -> list[str]:
    """The README table rows, generated from the measurement."""

    def row(name: str, c: dict[str, int]) -> str:
        return (
            f"| {name} | {c['claims']} | {c['recovered']} ({100 * c['recovered'] / c['claims']:.0f} %) | {c['topic']} | "
            f"{c['candidates']} | {c['proposals']} | {c['noise']} | {c['sure_noise']} |"
        )

    total = {key: sum(c[key] for c in results.values()) for key in next(iter(results.values()))}
    return [row(f"`{source}`", counts) for source, counts in sorted(results.items())] + [row("total", total)]


@pytest.fixture(scope="module")
def recovery(tmp_path_factory):
    bundled = normalise(load_corpus(ROOT))
    tmp = tmp_path_factory.mktemp("hidden")
    return {source: measure(source, tmp, bundled) for source in sorted(bundled.texts)}


def test_the_draft_recovers_the_hidden_claims(recovery):
    for line in recovery_rows(recovery):
        print(line)
    claims = sum(c["claims"] for c in recovery.values())
    recovered = sum(c["recovered"] for c in recovery.values())
    # The floor is what the draft achieves (79 of 94: 84 %; "nearly a decade" is drafted as
    # below a decade, where the editors tagged "~"); the target is 80 %.
    assert recovered >= 79 and recovered / claims >= 0.80
    # Where a text states its values, nearly all are found; the misses are values read
    # from context or footnotes (the README lists them).
    assert recovery["unsigned-2025"]["recovered"] == recovery["unsigned-2025"]["claims"]
    assert recovery["orf-zakharov-2025"]["recovered"] >= recovery["orf-zakharov-2025"]["claims"] - 1
    noise = sum(c["noise"] for c in recovery.values())
    assert noise <= 0.25 * sum(c["proposals"] for c in recovery.values())


def test_readme_reports_the_measured_recovery(recovery):
    for line in recovery_rows(recovery):
        assert line in README, f"README recovery table is stale; it should have:\n{line}"


_PIECES = [
    "May ",
    "2024",
    " million",
    " tonnes",
    "over ",
    "by ",
    "after ",
    "early ",
    "1990s",
    "twenty",
    " a year",
    " per cent",
    "US$",
    "9/11",
    "th",
    "\n",
    "’",
    "bn",
    "a ",
    " of gas ",
    "(about ",
    ") ",
    ". ",
    ", ",
    "12,500",
    "3.5",
    "In ",
    "the ",
]


def test_any_text_gets_a_draft_that_accounts_for_every_mention(tmp_path_factory):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=25)
    @given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30).map("".join))
    def check(text):
        root = build_corpus(
            tmp_path_factory.mktemp("any"),
            {"alpha": [claim("a1", "trade", "US$1 billion", "It was US$1 billion")]},
            texts={"alpha": "It was US$1 billion.\n" + text},
        )
        normalised = normalise(load_corpus(root))
        assert normalised.problems == []
        proposals = propose(normalised, root, "alpha")
        original = normalised.texts["alpha"].text
        for mention in (m for m in coverage(normalised, root).mentions if m.status == "missing"):
            assert any(p.start <= mention.start < p.end for p in proposals), (text, mention)
        for proposal in proposals:
            assert (
                original[proposal.start : proposal.end] == proposal.row["quote"] and "\n" not in proposal.row["quote"]
            )
            if float(proposal.row["confidence"]) >= 0.5:  # a value read surely is one the checker reads
                if proposal.kind == "date":
                    dates.parse_date(proposal.row["value"])
                else:
                    quantities.parse_quantity(proposal.row["value"])

    check()


def test_coverage_reads_thousands_grouped_by_spaces_and_times_of_day_as_one_mention():
    from checker.coverage import find_mentions

    found = [text for _, _, text in find_mentions("The quota is 388 500 tonnes; 57 475 in 2024.")]
    assert found == ["388 500", "57 475", "2024"]
    # A time of day is one mention too, not its hour and its minutes.
    assert [text for _, _, text in find_mentions("Crews came at 6:00 p.m. and 9.40am on Friday")] == [
        "6:00 p.m.",
        "9.40am",
    ]
