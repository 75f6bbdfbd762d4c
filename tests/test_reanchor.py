"""`claimcheck reanchor` on a revised copy of a bundled text: a changed figure, changed
punctuation, a moved paragraph, and a quote that occurs twice."""

from __future__ import annotations

import csv
import io
import shutil

import pytest

from checker.cli import main
from checker.reanchor import ANCHORS_FILE, describe_change, examine, replace_quotes
from conftest import ROOT, git

TEXT = "seeds/orf-zakharov-2025.txt"
TABLE = "claims/tagged/orf-zakharov-2025.csv"
PULL_QUOTE = (
    "Russian and Taliban representatives are expected to sign a contract transitioning 50 million cubic metres "
    "(about 26.3 million tonnes) of LPG at the KazanForum in May 2025."
)


def revise(text: str) -> str:
    """The outlet's correction: one figure, one comma, a paragraph moved down, and the body
    copy of a sentence the text repeats as a pull quote (the pull quote left as it was)."""
    assert text.count("worth US$80 million") == 1 and text.count(PULL_QUOTE) == 2
    text = text.replace("worth US$80 million", "worth US$85 million")
    text = text.replace("On 17 April 2025, the Russian Supreme Court", "On 17 April 2025 the Russian Supreme Court")
    lines = text.split("\n")
    moved = next(index for index, line in enumerate(lines) if line.startswith("The process has gained momentum"))
    paragraph = lines.pop(moved)
    lines.insert(moved + 2, paragraph)
    text = "\n".join(lines)
    return text.replace(PULL_QUOTE, PULL_QUOTE.replace("in May 2025", "in June 2025"), 1)


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpus"
    for folder in ("seeds", "claims"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


@pytest.fixture
def revised(corpus, capsys):
    assert main(["reanchor", "--record", "--root", str(corpus)]) == 0
    capsys.readouterr()
    path = corpus / TEXT
    path.write_text(revise(path.read_text(encoding="utf-8")), encoding="utf-8")
    return corpus


def outcomes_by_claim(root):
    outcomes, _, _ = examine(root)
    return {outcome.claim: outcome for outcome in outcomes}


def test_an_unrevised_corpus_has_every_quote_intact(corpus, capsys):
    assert main(["reanchor", "--root", str(corpus)]) == 0
    assert "0 moved, 0 not found, 0 changed at their anchor" in capsys.readouterr().out
    assert not (corpus / ANCHORS_FILE).exists()  # only --record and --write write it


def test_changed_punctuation_is_proposed(revised):
    outcome = outcomes_by_claim(revised)["orf-supreme-court-date"]
    assert outcome.status == "orphan" and outcome.change == "spacing or punctuation only" and outcome.score >= 95
    assert (
        outcome.proposed == "On 17 April 2025 the Russian Supreme Court suspended the terrorist status of the Taliban"
    )
    # A status claim on the same clause: punctuation alone does not change what it says.
    assert outcomes_by_claim(revised)["orf-ban-suspended"].proposed == outcome.proposed


def test_a_changed_figure_is_shown_and_never_written_over_the_value(revised):
    outcomes = outcomes_by_claim(revised)
    figure = outcomes["orf-flour-2024"]
    assert figure.status == "orphan" and "a figure changed" in figure.change and "US$85" in figure.change
    assert figure.proposed == "" and "US$80 million is no longer in the passage" in figure.reason
    assert "US$85 million" in figure.passage
    # The status claim on the same sentence: its words changed, an editor must read it.
    assert outcomes["orf-flour-top-buyer"].proposed == ""


def test_a_moved_paragraph_is_found_where_it_went(revised):
    outcomes = outcomes_by_claim(revised)
    moved = outcomes["orf-ministries-proposal"]
    assert moved.status == "moved" and not moved.revised
    text = (revised / TEXT).read_text(encoding="utf-8")
    assert text[moved.start : moved.end] == moved.quote
    # Quotes of untouched paragraphs below the edits are intact although their offsets moved.
    assert outcomes["orf-not-recognised"].status == "intact"


def test_a_quote_that_occurs_twice_follows_its_anchor(revised):
    outcomes = outcomes_by_claim(revised)
    # The body copy was corrected (May → June); the pull quote still reads verbatim, so
    # without anchors the change would go unseen. The anchor recorded the body copy.
    figure = outcomes["orf-lpg-transit-contract"]
    assert figure.status == "changed" and figure.change == "a word changed: 'May' → 'June'"
    assert figure.proposed.endswith("at the KazanForum in June 2025.")  # 50 million m^3 still stated
    date = outcomes["orf-contract-signing"]
    assert date.status == "changed" and date.proposed == "" and "2025-05 is no longer in the passage" in date.reason
    text = (revised / TEXT).read_text(encoding="utf-8")
    assert (
        text.count(PULL_QUOTE) == 1 and text.find(PULL_QUOTE) > figure.start
    )  # the proposal is the body, not the copy


def test_without_anchors_the_repeated_quote_is_taken_as_intact(revised):
    (revised / ANCHORS_FILE).unlink()
    outcomes = outcomes_by_claim(revised)
    assert outcomes["orf-lpg-transit-contract"].status == "intact"
    assert outcomes["orf-flour-2024"].status == "orphan"  # orphans are found all the same


def test_write_applies_proposals_cell_by_cell(revised, capsys):
    table = revised / TABLE
    before = table.read_bytes()
    assert main(["reanchor", "--write", "--root", str(revised)]) == 1  # the changed figure still needs an editor
    output = capsys.readouterr().out
    assert "3 updated quote(s) proposed, 3 written" in output and "still need an editor" in output
    after = table.read_bytes()
    old_rows = list(csv.reader(io.StringIO(before.decode("utf-8"))))
    new_rows = list(csv.reader(io.StringIO(after.decode("utf-8"))))
    changed = {row[0] for old, row in zip(old_rows, new_rows) if old != row}
    assert changed == {"orf-supreme-court-date", "orf-ban-suspended", "orf-lpg-transit-contract"}
    for old, row in zip(old_rows, new_rows):
        if old != row:
            assert [a for a, b in zip(old, row) if a != b] == [old[old_rows[0].index("quote")]]  # only the quote cell
    # Every other line is byte for byte the same.
    old_lines, new_lines = before.split(b"\n"), after.split(b"\n")
    assert [a for a, b in zip(old_lines, new_lines) if a != b] == [old_lines[3], old_lines[5], old_lines[6]]
    outcomes = outcomes_by_claim(revised)
    assert outcomes["orf-supreme-court-date"].status == "intact"
    assert outcomes["orf-lpg-transit-contract"].status == "intact"
    assert outcomes["orf-flour-2024"].status == "orphan"


def test_anchors_record_context_and_offsets(corpus, capsys):
    assert main(["reanchor", "--record", "--root", str(corpus)]) == 0
    rows = list(csv.DictReader(io.StringIO((corpus / ANCHORS_FILE).read_text(encoding="utf-8"))))
    anchor = next(row for row in rows if row["claim"] == "orf-flour-2024")
    text = (corpus / TEXT).read_text(encoding="utf-8")
    assert text[int(anchor["start"]) : int(anchor["end"])] == anchor["exact"]
    assert len(anchor["prefix"]) == len(anchor["suffix"]) == 32
    assert text[: int(anchor["start"])].endswith(anchor["prefix"])  # this paragraph has no folded characters
    assert text[int(anchor["end"]) :].startswith(anchor["suffix"])
    # Recording twice gives the same bytes (sorted, deterministic).
    first = (corpus / ANCHORS_FILE).read_bytes()
    assert main(["reanchor", "--record", "--root", str(corpus)]) == 0
    assert (corpus / ANCHORS_FILE).read_bytes() == first


def test_check_output_does_not_depend_on_drafts_or_anchors(corpus, capsys):
    assert main(["check", "--root", str(corpus), "--format", "json"]) == 0
    without = capsys.readouterr().out
    assert main(["reanchor", "--record", "--root", str(corpus)]) == 0
    (corpus / "claims" / "drafts").mkdir()
    (corpus / "claims" / "drafts" / "orf-zakharov-2025.csv").write_text(
        "id,topic,value,quote\nx,,1,nowhere\n", encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["check", "--root", str(corpus), "--format", "json"]) == 0
    assert capsys.readouterr().out == without


def test_a_malformed_anchors_file_is_a_located_error(corpus, capsys):
    (corpus / ANCHORS_FILE).write_text(
        "source,claim,exact,prefix,suffix,start,end\na,b,c,d,e,one,2\n", encoding="utf-8"
    )
    assert main(["reanchor", "--root", str(corpus)]) == 2
    assert "claims/anchors.csv:2: start: offsets must be whole numbers" in capsys.readouterr().err


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("It rose 5%, to 10 tonnes.", "It rose 5 %, to 10 tonnes", "spacing or punctuation only"),
        ("It rose to 10 tonnes.", "It rose to 12 tonnes.", "a figure changed: '10' → '12'"),
        ("It rose to 10 tonnes.", "It fell to 10 tonnes.", "a word changed: 'rose' → 'fell'"),
    ],
)
def test_describe_change(old, new, expected):
    assert describe_change(old, new) == expected


def test_replace_quotes_keeps_other_cells_byte_for_byte():
    data = b'id,quote,note\r\nc1,"a, b",  "kept ""as is""" \r\nc2,old quote,x\r\n'
    assert replace_quotes(data, {3: 'new, "quoted"'}) == (
        b'id,quote,note\r\nc1,"a, b",  "kept ""as is""" \r\nc2,"new, ""quoted""",x\r\n'
    )


def test_the_ci_diff_marks_findings_of_a_revised_source(corpus, capsys):
    """A pull request corrects the body copy of the LPG sentence (the pull quote keeps the
    old wording, so every quote is still found and the check runs): the findings on
    orf-lpg-transit-contract show its passage before and now. The baseline's own quotes
    are the anchors; no anchors file is needed."""
    git(corpus, "init", "-q")
    git(corpus, "add", "-A")
    git(corpus, "commit", "-qm", "baseline")
    path = corpus / TEXT
    path.write_text(
        path.read_text(encoding="utf-8").replace(PULL_QUOTE, PULL_QUOTE.replace("in May 2025", "in June 2025"), 1),
        encoding="utf-8",
    )
    assert main(["check", "--root", str(corpus), "--since", "HEAD", "--format", "markdown"]) == 0
    markdown = capsys.readouterr().out
    heading = next(line for line in markdown.splitlines() if "stated-conversion" in line and line.startswith("####"))
    assert heading.endswith("· source revised")
    row = next(line for line in markdown.splitlines() if line.startswith("| `orf-lpg-transit-contract`"))
    assert "a word changed\\: 'May' → 'June'" in row and "in May 2025.” | “" in row and row.endswith("in June 2025.” |")
    assert markdown.count("source revised") == sum(
        "orf-lpg-transit-contract" in line and line.startswith("> ") for line in markdown.splitlines()
    )
    assert main(["check", "--root", str(corpus), "--since", "HEAD", "--format", "html"]) == 0
    html = capsys.readouterr().out
    assert html.count('<span class="badge revised" style="background:#6f42c1">source revised</span>') == heading.count(
        "source revised"
    )
    assert "in June 2025.”" in html and "before</div>“Russian and Taliban" in html
    # Without a comparison nothing is marked: the reports of an unrevised run stay as they were.
    assert main(["check", "--root", str(corpus), "--format", "markdown"]) == 0
    assert "source revised" not in capsys.readouterr().out
