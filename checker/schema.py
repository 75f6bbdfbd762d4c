"""The tables of a corpus: every column, whether the header must have it and every row
fill it, what it means, and an example. The README's column tables are checked against
these declarations by a test, so neither can drift from the other."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = False  # the header must have it
    mandatory: bool = False  # every row must fill it
    doc: str = ""
    example: str = ""


@dataclass(frozen=True)
class TableSchema:
    name: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)


SOURCES = TableSchema(
    "sources",
    (
        Column(
            "id",
            True,
            True,
            "Short unique id; the claims table of the source is claims/tagged/ID.csv.",
            "orf-zakharov-2025",
        ),
        Column(
            "file",
            doc="The text under seeds/, if the corpus holds it. Empty for a work known only from a citation.",
            example="orf-zakharov-2025.txt",
        ),
        Column(
            "title",
            doc="Title as the text states it; empty when it states none.",
            example="Understanding Russias Taliban gauntlet",
        ),
        Column("author", doc="Authors as stated, separated by semicolons.", example="Harsh V. Pant; Aleksei Zakharov"),
        Column("publisher", doc="Outlet or publisher as stated.", example="Observer Research Foundation"),
        Column(
            "published", doc="Publication date (EDTF). The as-of time of a claim with no period.", example="2025-07-28"
        ),
        Column("url", doc="Address, when stated.", example="https://tass.com/politics/1793853"),
        Column(
            "dateline",
            doc="The text's own dateline, verbatim, when it has one (checked against the text).",
            example="Published – July 28, 2025 12:08 am IST",
        ),
        Column(
            "cited_in",
            doc="The source whose footnote cites this one. A cited work without a text of its own has its claims' quotes (its headline, as the footnote gives it) found in that source's text.",
            example="capss-patro-2025",
        ),
        Column(
            "citation",
            doc="The footnote as it appears in the citing text, verbatim.",
            example='"Afghanistan\'s trade volume surpasses \\$12 billion in 2024: Statement," *Amu TV*, January 05, 2025',
        ),
        Column(
            "language",
            doc="The text's language (a BCP 47 code such as en, ru, de, fa); numbers in its quotes and claims use that language's decimal mark (12,42 in ru is 12.42). Empty: English.",
            example="ru",
        ),
        Column(
            "currency",
            doc="The currency a bare $ (and cents) means in this text, as an ISO code: CAD for a Canadian paper, AUD for an Australian one. Empty: the US dollar.",
            example="CAD",
        ),
        Column("note", doc="Anything an editor should know: where a field comes from, doubts."),
    ),
)

TOPICS = TableSchema(
    "topics",
    (
        Column("key", True, True, "Canonical topic key, lower case with hyphens.", "russia-afghanistan-trade"),
        Column("kind", True, True, "quantity, count, date or status.", "quantity"),
        Column("label", doc="Human-readable name.", example="Russia–Afghanistan bilateral trade"),
        Column(
            "aliases",
            doc="Other names editors use, separated by semicolons.",
            example="bilateral trade; trade turnover",
        ),
        Column(
            "unit", doc="Display unit, which fixes the expected dimension (quantity and count topics).", example="USD"
        ),
        Column(
            "tolerance",
            doc="Relative tolerance when comparing values (0.02 = 2 %); empty takes the rule's default.",
            example="0.02",
        ),
        Column(
            "substance",
            doc="What is measured, when a density links volume and mass: "
            + ", ".join(("lpg", "wheat", "flour", "gasoline", "diesel", "crude-oil", "natural-gas"))
            + ".",
            example="lpg",
        ),
        Column(
            "states",
            doc="Status topics: the allowed states, separated by semicolons.",
            example="recognised; not-recognised",
        ),
        Column(
            "part_of",
            doc="A topic whose value this topic's value can never exceed (a part of that whole).",
            example="afghanistan-foreign-trade",
        ),
        Column(
            "bounded_by",
            doc="A topic whose value bounds this one within an order of magnitude (annual demand bounds an annual contract).",
            example="afghanistan-lpg-demand",
        ),
        Column(
            "aggregation",
            doc="Quantity and count topics: flow (a sum over its period: trade, deliveries), stock (a level at an instant: population, a price) or cumulative (a running total as of a date: a death toll). Empty: flow for amounts of money, mass, volume and energy, stock for everything else.",
            example="flow",
        ),
        Column(
            "rounding",
            doc="How an unqualified round number of this topic reads: a largest relative half-width (5 % by default: 1 billion is 0.95–1.05 billion), stated (the full precision of its significant digits) or exact.",
            example="10%",
        ),
        Column(
            "sum_of",
            doc="Topics whose values add up to this topic's, separated by semicolons.",
            example="afghanistan-exports; afghanistan-imports",
        ),
        Column(
            "share_of",
            doc="A share topic (in %): the part and the whole it is the share of, as PART / WHOLE; a claim of it must "
            "be the part's figure over the whole's for the same time.",
            example="us-coffee-exports / brazil-coffee-exports",
        ),
        Column(
            "year_start",
            doc="The month the topic's fiscal, marketing or crop years begin, by name or number; with it a "
            "period may be a split year (2024/25, FY2024-25) or a fiscal year named by the year it ends in "
            "(FY2025, fiscal 2025), or a quarter or half of one (Q1 FY25).",
            example="April",
        ),
        Column(
            "event",
            doc="Date topics: what happened, for reports.",
            example="Supreme Court suspends the ban on the Taliban",
        ),
        Column("note", doc="Definitions and caveats."),
    ),
)

ENTITIES = TableSchema(
    "entities",
    (
        Column("key", True, True, "Canonical entity key.", "iskp"),
        Column("label", doc="Display name.", example="Islamic State Khorasan Province"),
        Column("kind", doc="organisation, person, country, ministry, court, media…", example="organisation"),
        Column(
            "aliases",
            doc="Other names, separated by semicolons.",
            example="ISKP; IS-K; Islamic State Khorasan Province",
        ),
        Column("note", doc="Anything an editor should know."),
    ),
)

CLAIMS = TableSchema(
    "claims",
    (
        Column("id", True, True, "Claim id, unique across the whole corpus.", "orf-trade-2024"),
        Column("topic", True, True, "Topic key or alias.", "russia-afghanistan-trade"),
        Column("value", True, True, "Quantity, count, date (EDTF) or state, as the text gives it.", "US$1 billion"),
        Column(
            "quote",
            True,
            True,
            "The sentence or clause that carries the claim, verbatim from the source text.",
            "from US$170 million in 2022 to US$1 billion in 2024",
        ),
        Column(
            "period",
            doc="The time a figure covers, or the time a status holds (EDTF). Empty: the source's publication date.",
            example="2024",
        ),
        Column(
            "scope",
            doc="What the figure covers when a topic has several scopes; claims compare only within one scope.",
            example="bilateral",
        ),
        Column(
            "modality",
            doc="actual (default), estimate, forecast, target, plan, agreement or superseded (a figure since revised). "
            "Only actual and estimate figures conflict.",
            example="target",
        ),
        Column("subject", doc="The entity the claim is about, when the topic does not say it.", example="taliban"),
        Column(
            "attributed_to",
            doc="Who the text says the claim comes from (an entity).",
            example="Taliban Ministry of Industry and Commerce",
        ),
        Column("cites", doc="The source id of the work a footnote cites for this claim.", example="orf-zakharov-2025"),
        Column("converted", doc="A conversion the text states itself, as a second value.", example="~26.3 million t"),
        Column(
            "relation",
            doc="A relation the text states: x2 (a multiple), +16% / -5% (a change), increase, decrease, since.",
            example="x2",
        ),
        Column(
            "relative_to",
            doc="What the relation refers to: a period of the same topic, or for 'since' a date topic.",
            example="2023",
        ),
        Column(
            "inferred",
            doc="yes when the value is read from context rather than stated in digits or number words (the note must say how).",
            example="yes",
        ),
        Column("note", doc="Editor's note."),
    ),
)

# The decisions an editor records on a finding (claims/reviews.csv).
DECISIONS = ("confirmed-error", "accepted-difference", "false-positive")

REVIEWS = TableSchema(
    "reviews",
    (
        Column("fingerprint", True, True, "The finding's fingerprint, from any report.", "3f9c0a7e1b2d4c5a"),
        Column(
            "decision", True, True, "confirmed-error, accepted-difference or false-positive.", "accepted-difference"
        ),
        Column("reviewer", doc="Who decided.", example="desk editor"),
        Column("date", doc="When (ISO date).", example="2025-08-01"),
        Column("note", doc="Why, for the next reader.", example="Different scopes: bilateral vs total trade."),
        Column("expires", doc="Optional date after which the decision must be taken again.", example="2026-01-01"),
        Column(
            "rule",
            doc="Rule id of the finding, recorded for readers and stale-review reports.",
            example="value-conflict",
        ),
        Column("topic", doc="Topic of the finding, recorded for readers.", example="russia-afghanistan-trade"),
        Column(
            "claims",
            doc="Claim ids of the finding, recorded for readers and stale-review reports.",
            example="orf-trade-2024; capss-trade-2024",
        ),
    ),
)

IGNORES = TableSchema(
    "ignore",
    (
        Column("source", True, True, "Source id, or * for every source.", "capss-patro-2025"),
        Column(
            "pattern",
            True,
            True,
            "A regular expression; every mention it matches is left out of coverage.",
            r"Accessed on \w+ \d{2}, \d{4}",
        ),
        Column("reason", True, True, "Why these mentions carry no claim.", "access dates of footnotes"),
    ),
)

ANCHORS = TableSchema(
    "anchors",
    (
        Column("source", True, True, "Source id of the claim (its claims table).", "orf-zakharov-2025"),
        Column("claim", True, True, "Claim id.", "orf-flour-2024"),
        Column(
            "exact",
            True,
            True,
            "The quote, as the claims table has it (a TextQuoteSelector's exact).",
            "purchasing products worth US$80 million",
        ),
        Column(
            "prefix",
            True,
            doc="Up to 32 characters of the text before the quote (folded: single spaces, plain quotes and dashes).",
            example="top buyer of Russian flour in 2024, ",
        ),
        Column(
            "suffix",
            True,
            doc="Up to 32 characters of the text after the quote (folded).",
            example=", twice as much as the previous",
        ),
        Column("start", True, True, "Offset of the quote's first character in the text (characters from 0).", "1234"),
        Column("end", True, True, "Offset just after its last character.", "1273"),
    ),
)
