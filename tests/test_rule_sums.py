from checker.rules import sums
from conftest import claim, ids, run_rules

TOPICS = [
    {"key": "exports", "kind": "quantity", "unit": "USD", "label": "exports"},
    {"key": "imports", "kind": "quantity", "unit": "USD", "label": "imports"},
    {"key": "turnover", "kind": "quantity", "unit": "USD", "label": "trade turnover", "sum_of": "exports; imports"},
]


def _trade(exports: str, imports: str, total: str, source_of_total: str = "a"):
    rows = {"a": [claim("exp", "exports", exports, period="2024"), claim("imp", "imports", imports, period="2024")]}
    rows.setdefault(source_of_total, []).append(claim("tot", "turnover", total, period="2024"))
    return rows


def _parts_and_total(normalised, parts, total, kind: str = "quantity", unit: str = "") -> list:
    """Part topics and their total, each a (key, value) claim of one source for 2025 (the
    claim's id is its topic's key), through the rule."""
    fields = {"kind": kind, **({"unit": unit} if unit else {})}
    topics = [{"key": key, "label": key, **fields} for key, _ in parts]
    topics.append({"key": total[0], "label": total[0], **fields, "sum_of": "; ".join(key for key, _ in parts)})
    rows = {"a": [claim(key, key, value, period="2025") for key, value in (*parts, total)]}
    return run_rules(normalised(rows, topics=topics, entities=[]), sums)


def test_parts_that_add_up_within_precision_pass(normalised):
    result = normalised(_trade("US$2.61 billion", "US$7.35 billion", "US$9.96 billion"), topics=TOPICS, entities=[])
    assert run_rules(result, sums) == []
    result = normalised(_trade("US$2.6 billion", "US$7.4 billion", "US$9.96 billion"), topics=TOPICS, entities=[])
    assert run_rules(result, sums) == []


def test_about_figures_add_up_at_their_stated_digits(normalised):
    """'About 6.1 million' and 'about 2.3 million' make 8.4 million to their rounding, not
    9.4 million, which a tenth either way of each would let pass; rounded as stated, 6.1
    and 3.3 do make about 9.4."""
    wrong = normalised(_trade("about US$6.1 billion", "about US$2.3 billion", "about US$9.4 billion"), topics=TOPICS)
    assert ids(run_rules(wrong, sums)) == [("sum-consistency", ("exp", "imp", "tot"))]
    right = normalised(_trade("about US$6.1 billion", "about US$3.3 billion", "about US$9.4 billion"), topics=TOPICS)
    assert run_rules(right, sums) == []


def test_a_transposed_digit_is_diagnosed(normalised):
    result = normalised(_trade("US$2.16 billion", "US$7.35 billion", "US$9.96 billion"), topics=TOPICS, entities=[])
    (finding,) = run_rules(result, sums)
    assert finding.claim_ids == ("exp", "imp", "tot")
    assert finding.diagnosis.startswith("digit transposition") and "2.61" in finding.diagnosis


def test_a_swap_that_leaves_more_than_a_rounding_is_no_transposition(normalised):
    """Parts of 3.04, 0.62 and 1.53 billion against a total of 4.99: swapping 1.53 to 1.35
    gives 5.01, two hundredths off figures stated to the hundredth: no transposition (the
    slip was 1.33 written 1.53). Swapping to the exact sum is one."""

    def diagnosis(other: str, total: str) -> str:
        parts = [("tolls", "US$3.04 billion"), ("fees", "US$0.62 billion"), ("other", other)]
        (finding,) = _parts_and_total(normalised, parts, ("revenue", total), unit="USD")
        return finding.diagnosis

    assert diagnosis("US$1.53 billion", "US$4.99 billion") == "the parts do not add up to the total"
    assert diagnosis("US$1.53 billion", "US$5.01 billion").startswith("digit transposition: other gives 1.53")


def test_a_total_from_another_source_that_leaves_out_a_part(normalised):
    result = normalised(
        _trade("US$2.61 billion", "US$7.35 billion", "US$7.35 billion", source_of_total="b"), topics=TOPICS, entities=[]
    )
    (finding,) = run_rules(result, sums)
    assert "across sources" in finding.message and finding.diagnosis.startswith("a part dropped")


def test_some_parts_already_above_the_total(normalised):
    result = normalised(
        {
            "a": [
                claim("exp", "exports", "US$12 billion", period="2024"),
                claim("tot", "turnover", "US$9.96 billion", period="2024"),
            ]
        },
        topics=TOPICS,
        entities=[],
    )
    assert ids(run_rules(result, sums)) == [("sum-consistency", ("exp", "tot"))]


def test_parts_for_another_period_are_not_added(normalised):
    result = normalised(
        {
            "a": [
                claim("exp", "exports", "US$2.61 billion", period="2023"),
                claim("imp", "imports", "US$7.35 billion", period="2024"),
                claim("tot", "turnover", "US$7.35 billion", period="2024"),
            ]
        },
        topics=TOPICS,
        entities=[],
    )
    assert run_rules(result, sums) == []


def test_an_unknown_part_is_a_data_error(normalised):
    topics = TOPICS[:2] + [{"key": "turnover", "kind": "quantity", "unit": "USD", "sum_of": "exports; imprts"}]
    result = normalised({"a": [claim("tot", "turnover", "US$1 billion", period="2024")]}, topics=topics, entities=[])
    assert any(problem.column == "sum_of" and "imprts" in problem.message for problem in result.problems)


def test_one_sources_wrong_parts_are_not_hidden_by_anothers_right_ones(normalised):
    """Source a gives exports 2.61 and imports 7.35, adding up to b's total of 9.96; source c
    gives exports 3.61 with the same imports, 10.96 in all: c's parts disagree with b's total
    although the widest of every source's parts would still meet it."""
    result = normalised(
        {
            "a": [
                claim("a-exp", "exports", "US$2.61 billion", period="2024"),
                claim("a-imp", "imports", "US$7.35 billion", period="2024"),
            ],
            "b": [claim("b-tot", "turnover", "US$9.96 billion", period="2024")],
            "c": [
                claim("c-exp", "exports", "US$3.61 billion", period="2024"),
                claim("c-imp", "imports", "US$7.35 billion", period="2024"),
            ],
        },
        topics=TOPICS,
        entities=[],
    )
    (finding,) = run_rules(result, sums)
    assert finding.claim_ids == ("b-tot", "c-exp", "c-imp")
    assert "parts from one other source" in finding.message


def test_a_figure_another_source_confirms_is_not_blamed_as_transposed(normalised):
    """Exports 2.61 and imports 7.35 against a total of 9.51: 2.16 for 2.61 would fit, but
    source b gives exports as 2.61 too, so the total is at fault, not a transposition."""
    rows = _trade("US$2.61 billion", "US$7.35 billion", "US$9.51 billion")
    (alone,) = run_rules(normalised(rows, topics=TOPICS, entities=[]), sums)
    assert alone.diagnosis.startswith("digit transposition") and alone.subject == "exp"
    rows["b"] = [claim("b-exp", "exports", "US$2.61 billion", period="2024")]
    (confirmed,) = run_rules(normalised(rows, topics=TOPICS, entities=[]), sums)
    assert not confirmed.diagnosis.startswith("digit transposition") and confirmed.subject == "tot"


def test_two_sources_figures_for_one_part_are_shown_as_the_span_they_allow(normalised):
    rows = {
        "a": [
            claim("a-exp", "exports", "US$2.61 billion", period="2024"),
            claim("a-imp", "imports", "US$7.35 billion", period="2024"),
        ],
        "b": [claim("b-exp", "exports", "US$2.16 billion", period="2024")],
        "c": [claim("c-tot", "turnover", "US$12 billion", period="2024")],
    }
    findings = run_rules(normalised(rows, topics=TOPICS, entities=[]), sums)
    across = [finding for finding in findings if "(across sources)" in finding.message]
    assert across and "exports between" in across[0].message


NESTED = [
    {"key": "cost", "kind": "quantity", "unit": "USD", "sum_of": "lenders; state"},
    {"key": "lenders", "kind": "quantity", "unit": "USD", "sum_of": "bank-a; bank-b"},
    {"key": "bank-a", "kind": "quantity", "unit": "USD"},
    {"key": "bank-b", "kind": "quantity", "unit": "USD"},
    {"key": "state", "kind": "quantity", "unit": "USD"},
]


def _financing(bank_b: str):
    """A project's cost from its lenders' parts and the state's, no claim giving the lenders' subtotal."""
    return {
        "a": [
            claim("cost", "cost", "=US$2,470 million", period="2025", quote="US$2,470 million"),
            claim("bank-a", "bank-a", "=US$800 million", period="2025", quote="US$800 million"),
            claim("bank-b", "bank-b", bank_b, period="2025", quote=bank_b.lstrip("=")),
            claim("state", "state", "=US$1,120 million", period="2025", quote="US$1,120 million"),
        ]
    }


def test_a_total_meets_the_parts_of_its_parts_when_no_claim_gives_the_subtotal(normalised):
    assert run_rules(normalised(_financing("=US$550 million"), topics=NESTED, entities=[]), sums) == []
    (finding,) = run_rules(normalised(_financing("=US$900 million"), topics=NESTED, entities=[]), sums)
    assert finding.claim_ids == ("bank-a", "bank-b", "cost", "state")


def test_a_total_adds_up_only_the_parts_of_its_own_subject(normalised):
    """Votes per party: party A's national total is not the sum of party B's regions."""
    topics = [
        {"key": "votes", "kind": "count", "sum_of": "votes-north; votes-south"},
        {"key": "votes-north", "kind": "count"},
        {"key": "votes-south", "kind": "count"},
    ]
    entities = [{"key": "party-a", "kind": "organisation"}, {"key": "party-b", "kind": "organisation"}]
    rows = {
        "a": [
            claim("a-total", "votes", "=1,209,000", period="2025-06-08", quote="1,209,000", subject="party-a"),
            claim("b-north", "votes-north", "=700,000", period="2025-06-08", quote="700,000", subject="party-b"),
            claim("b-south", "votes-south", "=671,408", period="2025-06-08", quote="671,408", subject="party-b"),
        ]
    }
    assert run_rules(normalised(rows, topics=topics, entities=entities), sums) == []
    rows["a"].append(claim("b-total", "votes", "=1,500,000", period="2025-06-08", quote="1,500,000", subject="party-b"))
    (finding,) = run_rules(normalised(rows, topics=topics, entities=entities), sums)
    assert finding.claim_ids == ("b-north", "b-south", "b-total")


def test_a_part_in_another_dimension_is_added_through_its_density(normalised):
    """Crude imports of 108.5 million t: 40.2 million t by pipeline and 68.3 million t by
    sea add up; 40.2 million barrels (5.1 to 6.1 million t) by pipeline do not, and the
    part is no longer left out of the sum."""
    topics = [
        {"key": "pipe", "kind": "quantity", "unit": "t", "substance": "crude-oil", "label": "by pipeline"},
        {"key": "sea", "kind": "quantity", "unit": "t", "substance": "crude-oil", "label": "by sea"},
        {"key": "crude", "kind": "quantity", "unit": "t", "substance": "crude-oil", "sum_of": "pipe; sea"},
    ]

    def findings(pipeline: str):
        rows = {
            "a": [
                claim("pipe", "pipe", pipeline, period="2024"),
                claim("sea", "sea", "68.3 million t", period="2024"),
                claim("all", "crude", "108.5 million t", period="2024"),
            ]
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), sums)

    assert findings("40.2 million t") == []
    assert findings("about 294 million barrels") == []  # 40.2 million t as barrels of crude
    (finding,) = findings("40.2 million barrels")
    assert set(finding.claim_ids) == {"pipe", "sea", "all"}


def test_whole_counts_add_up_exactly_in_a_diagnosis(normalised):
    """181 + 59 + 12 structures against 262: swapping 12 for 21 gives 261, not 262, so no
    transposition is named (counts do not add up to within half a building each)."""
    (finding,) = _parts_and_total(
        normalised, [("homes", "181"), ("shops", "59"), ("sheds", "12")], ("structures", "262"), kind="count"
    )
    assert "transposition" not in finding.diagnosis


def test_another_sources_total_may_differ_as_two_sources_figures_may(normalised):
    # One source's parts make 262.5 million; another's total, a day earlier, is 261 million
    # (0.6 % less): sources round and revise. Within one source the sum is exact.
    across = normalised(_trade("US$144.1 million", "US$118.4 million", "US$261 million", "b"), topics=TOPICS)
    assert run_rules(across, sums) == []
    within = normalised(_trade("US$144.1 million", "US$118.4 million", "US$261 million"), topics=TOPICS)
    assert ids(run_rules(within, sums)) == [("sum-consistency", ("exp", "imp", "tot"))]
    # Beyond what two sources' figures may differ by, it is a finding across sources too.
    far = normalised(_trade("US$144.1 million", "US$118.4 million", "US$251 million", "b"), topics=TOPICS)
    assert ids(run_rules(far, sums)) == [("sum-consistency", ("exp", "imp", "tot"))]


def test_another_bodys_estimate_of_the_total_is_not_added_from_these_parts(normalised):
    # A think tank's estimates of the parts against a university's estimate of the whole.
    def with_total(attributed_to: str) -> list:
        rows = {
            "a": [
                claim("exp", "exports", "US$870 million", period="2024", modality="estimate", attributed_to="ministry"),
                claim("imp", "imports", "US$370 million", period="2024", modality="estimate", attributed_to="ministry"),
                claim(
                    "tot",
                    "turnover",
                    "US$1.5 billion",
                    period="2024",
                    modality="estimate",
                    attributed_to=attributed_to,
                ),
            ]
        }
        return run_rules(normalised(rows, topics=TOPICS), sums)

    assert with_total("iskp") == []
    assert ids(with_total("ministry")) == [("sum-consistency", ("exp", "imp", "tot"))]


def test_a_transposition_between_sources_is_found_within_their_slack(normalised):
    # 1.324 for 1.342: 0.2 % off another source's total, but the swap makes it exact.
    result = normalised(_trade("US$1.324 billion", "US$7.35 billion", "US$8.692 billion", "b"), topics=TOPICS)
    (finding,) = run_rules(result, sums)
    assert finding.diagnosis.startswith("digit transposition") and "1.342" in finding.diagnosis


def test_totals_of_several_texts_off_the_same_parts_are_one_finding(normalised):
    """Three texts give turnover as 9.96 billion and one text's parts add up to 13.96: one
    problem, in the parts (imports 11.35, a slip of 7.35), not three findings; a total
    transposed on its own stays its own finding."""

    def found(third_total: str) -> list:
        rows = _trade("US$2.61 billion", "US$11.35 billion", "US$9.96 billion")
        rows["b"] = [claim("tot-b", "turnover", "US$9.96 billion", period="2024")]
        rows["c"] = [claim("tot-c", "turnover", third_total, period="2024")]
        return run_rules(normalised(rows, topics=TOPICS, entities=[]), sums)

    (finding,) = found("US$9.96 billion")
    assert set(finding.claim_ids) == {"exp", "imp", "tot", "tot-b", "tot-c"}
    assert finding.subject == "" and "a part is the likelier slip" in finding.diagnosis
    assert "(tot)" in finding.message and "(tot-b)" in finding.message and "(tot-c)" in finding.message
    # Totals that differ among themselves are each their own problem.
    assert len(found("US$19.96 billion")) == 2
    # One source's parts against one total: as before, one finding for that total.
    (single,) = run_rules(
        normalised(_trade("US$2.61 billion", "US$11.35 billion", "US$9.96 billion"), topics=TOPICS), sums
    )
    assert set(single.claim_ids) == {"exp", "imp", "tot"}


def test_the_swap_that_makes_the_sum_exact_is_named_not_one_a_rounded_part_absorbs(normalised):
    """A$1.84 billion from a A$1.1 billion loan, a A$540 million placement (450 written 540)
    and A$290 million in cash: 450 makes the sum exact; 209 for the cash only comes within
    the loan's rounding."""
    (finding,) = _parts_and_total(
        normalised,
        [("loan", "A$1.1 billion"), ("placement", "A$540 million"), ("cash", "A$290 million")],
        ("funding", "A$1.84 billion"),
        unit="AUD",
    )
    assert finding.subject == "placement" and "where 450 makes" in finding.diagnosis


def test_a_headline_total_its_own_text_restates_precisely_is_not_blamed(normalised):
    """A wire's "Rs 4.09 lakh crore", cut short from the Rs 409,549 crore it also gives,
    whose parts (311,739 + 71,336 + 26,474) add up exactly: no finding. Without the precise
    restatement, the headline alone is off its parts."""
    topics = [
        {"key": "revenue-spend", "kind": "quantity", "unit": "INR"},
        {"key": "capital-spend", "kind": "quantity", "unit": "INR"},
        {"key": "repayment", "kind": "quantity", "unit": "INR"},
        {"key": "spend", "kind": "quantity", "unit": "INR", "sum_of": "revenue-spend; capital-spend; repayment"},
    ]
    parts = [
        claim("rev", "revenue-spend", "INR 311,739 crore", period="2025-04/2026-03"),
        claim("cap", "capital-spend", "INR 71,336 crore", period="2025-04/2026-03"),
        claim("rep", "repayment", "INR 26,474 crore", period="2025-04/2026-03"),
    ]
    headline = claim("headline", "spend", "INR 4.09 lakh crore", period="2025-04/2026-03")
    exact = claim("exact", "spend", "INR 409,549 crore", period="2025-04/2026-03")
    assert run_rules(normalised({"wire": [*parts, headline, exact]}, topics=topics, entities=[]), sums) == []
    (finding,) = run_rules(normalised({"wire": [*parts, headline]}, topics=topics, entities=[]), sums)
    assert "headline" in finding.claim_ids


def test_a_total_a_later_text_gives_as_since_revised_is_no_evidence(normalised):
    """An early text's preliminary US$9.5 billion, which the release that revises it to
    US$9.96 billion (its parts' sum) names as the earlier figure, was right in its day: no
    finding against the release's parts. The same figure in a text published after the
    release is still checked."""

    def found(early_published: str) -> list:
        rows = _trade("US$2.61 billion", "US$7.35 billion", "US$9.96 billion")
        rows["a"].append(claim("prelim", "turnover", "US$9.5 billion", period="2024", modality="superseded"))
        rows["early"] = [claim("early-tot", "turnover", "US$9.5 billion", period="2024")]
        sources = [
            {"id": "a", "file": "a.txt", "published": "2025-03-01"},
            {"id": "early", "file": "early.txt", "published": early_published},
        ]
        return ids(run_rules(normalised(rows, topics=TOPICS, entities=[], sources=sources), sums))

    assert found("2025-01-15") == []
    assert found("2025-04-15") != [] and all("early-tot" in claims for _, claims in found("2025-04-15"))


def test_a_swap_that_leaves_exactly_a_half_step_is_no_transposition(normalised):
    """Blue whiting "65 000 t" (read as ±500) against a total of 181,400 with 57,900 and
    63,500: swapping to 60,500 leaves 500, the whole half-step, which proves nothing (the
    slip was 60,000 written 65,000)."""
    parts = [("whiting", "65,000 t"), ("herring", "57,900 t"), ("mackerel", "63,500 t")]
    (finding,) = _parts_and_total(normalised, parts, ("pelagic", "181,400 t"), unit="t")
    assert finding.diagnosis == "the parts do not add up to the total"


def test_parts_given_a_season_add_up_in_the_topics_unit_a_year(normalised):
    """Fees of CHF 43 million and CHF 4.5 million a season under a topic in CHF: the sum is
    told as 47.5 million CHF a year, never as francs a second."""
    parts = [("league", "CHF 43 million a season"), ("cup", "CHF 4.5 million a season")]
    (finding,) = _parts_and_total(normalised, parts, ("fee", "CHF 46.5 million a season"), unit="CHF")
    assert "add up to 47.5 million CHF/year" in finding.message


def test_a_part_a_scale_word_off_is_the_slip_not_a_dropped_part(normalised):
    """$104.9 million of US sales and "$7.5 billion" abroad for $112.4 million in all: the
    billion for a million, on the part; the total does not equal the parts without it."""
    (finding,) = _parts_and_total(
        normalised, [("us", "US$104.9 million"), ("abroad", "US$7.5 billion")], ("sales", "US$112.4 million")
    )
    assert finding.subject == "abroad" and finding.diagnosis.startswith("a scale slip: abroad gives")
    assert "1,000 times more" in finding.diagnosis


def test_a_total_another_text_confirms_blames_the_one_part_none_does(normalised):
    """Capital spending (₹11.21 lakh crore) given by two texts, the total (₹50.65 lakh
    crore) by two, and revenue spending only by the release, which no longer adds up: the
    revenue figure is the likelier slip. With the total unconfirmed, the total is named."""
    topics = [
        {"key": "capex", "kind": "quantity", "unit": "INR"},
        {"key": "revex", "kind": "quantity", "unit": "INR"},
        {"key": "total", "kind": "quantity", "unit": "INR", "sum_of": "capex; revex"},
    ]

    def subject(*wire) -> str:
        rows = {
            "mof": [
                claim("capex", "capex", "₹11,21,090 crore", period="2025"),
                claim("revex", "revex", "₹40,44,255 crore", period="2025"),
                claim("total", "total", "₹50,65,345 crore", period="2025"),
            ],
            "wire": [claim("w-capex", "capex", "11.21 trillion rupees", period="2025"), *wire],
        }
        (finding,) = run_rules(normalised(rows, topics=topics, entities=[]), sums)
        return finding.subject

    assert subject(claim("w-total", "total", "50.65 trillion rupees", period="2025")) == "revex"
    assert subject() == "total"


def test_a_level_and_a_running_total_of_one_day_add_up(normalised):
    """The dead and missing (a level) are the bodies recovered so far (a running total) and
    the missing (a level), as of one day: 64 + 227 is 291, not 391."""
    topics = [
        {"key": "bodies", "kind": "count", "unit": "person", "aggregation": "cumulative"},
        {"key": "missing", "kind": "count", "unit": "person", "aggregation": "stock"},
        {"key": "toll", "kind": "count", "unit": "person", "aggregation": "stock", "sum_of": "bodies; missing"},
    ]

    def found(total: str) -> list:
        rows = {
            "a": [
                claim("bodies", "bodies", "64", period="2025-09-25"),
                claim("missing", "missing", "227", period="2025-09-25"),
                claim("toll", "toll", total, period="2025-09-25"),
            ]
        }
        return ids(run_rules(normalised(rows, topics=topics, entities=[]), sums))

    assert found("291") == []
    assert found("391") == [("sum-consistency", ("bodies", "missing", "toll"))]
