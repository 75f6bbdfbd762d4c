"""A synthetic corpus for benchmarks and scale tests, deterministic for a seed.

``generate(root, claims=N, seed=S)`` writes N claims across about N/10 topics and N/1000
sources in the real file formats (texts under seeds/, tables under claims/), with quotes
present in the generated texts, mixed units and scale words, dates of mixed precision and
statuses. Ordinary claims always agree with each other (a figure restated in another unit
or precision, a date at a coarser precision, a status before and after its one change);
on top of them a known number of conflicts of every kind is injected, each in topics of
its own, and ``generate`` returns exactly the findings they must produce.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import string
from dataclasses import dataclass, field
from pathlib import Path

from checker.schema import CLAIMS, ENTITIES, SOURCES, TOPICS

YEARS = range(2015, 2025)


@dataclass
class Expected:
    """The findings the injected conflicts produce: (rule, sorted claim ids)."""

    findings: set[tuple[str, tuple[str, ...]]] = field(default_factory=set)
    injected: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, rule: str, *claim_ids: str) -> None:
        self.findings.add((rule, tuple(sorted(claim_ids))))
        self.injected[kind] = self.injected.get(kind, 0) + 1


def _significant(value: float, digits: int) -> str:
    """A value rounded to some significant digits, written without exponent."""
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{float(mantissa) * 10 ** int(exponent):.0f}"
    return text


class _Writer:
    def __init__(self, root: Path, sources: int, rng: random.Random):
        self.root = root
        self.rng = rng
        self.sources = [f"src{number:05d}" for number in range(sources)]
        self.claims: dict[str, list[dict]] = {source: [] for source in self.sources}
        self.topics: list[dict] = []
        self.next_id = 0

    def topic(self, **row) -> str:
        self.topics.append(row)
        return row["key"]

    def claim(self, source: str, topic: str, value: str, quote_value: str, **fields) -> str:
        claim_id = f"c{self.next_id:07d}"
        self.next_id += 1
        when = fields.get("period") or ""
        quote = f"By {claim_id} the figure for {topic} was {quote_value}{' in ' + when if when else ''}."
        self.claims[source].append({"id": claim_id, "topic": topic, "value": value, "quote": quote, **fields})
        return claim_id

    def pick(self, exclude: str | None = None) -> str:
        while True:
            source = self.rng.choice(self.sources)
            if source != exclude or len(self.sources) == 1:
                return source

    def write(self) -> None:
        seeds, tagged = self.root / "seeds", self.root / "claims" / "tagged"
        seeds.mkdir(parents=True, exist_ok=True)
        tagged.mkdir(parents=True, exist_ok=True)
        _table(
            self.root / "claims" / "sources.csv",
            SOURCES,
            [
                {
                    "id": source,
                    "file": f"{source}.txt",
                    "title": f"Synthetic report {source}",
                    "published": "2025-06-30",
                }
                for source in self.sources
            ],
        )
        _table(self.root / "claims" / "topics.csv", TOPICS, self.topics)
        _table(self.root / "claims" / "entities.csv", ENTITIES, [{"key": "agency", "label": "Statistics agency"}])
        for source, rows in self.claims.items():
            paragraphs = []
            for start in range(0, len(rows), 8):
                paragraphs.append(" ".join(row["quote"] for row in rows[start : start + 8]))
            (seeds / f"{source}.txt").write_text(
                f"Synthetic report {source}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
            )
            _table(tagged / f"{source}.csv", CLAIMS, rows)


def _table(path: Path, schema, rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(schema.names), lineterminator="\n", extrasaction="raise")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: row.get(key, "") for key in schema.names})


# Ordinary figures are written to two significant digits: a precise figure (three or
# more) recurring in another topic is what relabelled-figure flags, and among a hundred
# thousand random topics precise figures would coincide by chance.
def _money(rng: random.Random, value: float) -> str:
    style = rng.randrange(5)
    if style == 0:
        return f"US${_significant(value / 1e9, 2)} billion"
    if style == 1:
        return f"{_significant(value / 1e6, 2)} million USD"
    if style == 2:
        return f"USD {_significant(value / 1e6, 2)} mn"
    if style == 3:
        return f"~US${_significant(value / 1e9, 2)} bn"
    return f"{float(_significant(value, 2)):,.0f} USD"


def _mass(rng: random.Random, value_t: float) -> str:
    style = rng.randrange(4)
    if style == 0:
        return f"{float(_significant(value_t, 2)):,.0f} t"
    if style == 1:
        return f"{_significant(value_t / 1000, 2)} kt"
    if style == 2:
        return f"{_significant(value_t / 1e6, 2)} million tonnes"
    return f"~{_significant(value_t, 2)} t"


def _date(rng: random.Random, day: dt.date) -> str:
    style = rng.randrange(3)
    if style == 0:
        return day.isoformat()
    if style == 1:
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def generate(root: Path, claims: int, seed: int = 0) -> Expected:
    """Write a corpus of about ``claims`` claims under ``root``; return the expected findings."""
    rng = random.Random(seed)
    root = Path(root)
    writer = _Writer(root, max(3, claims // 1000), rng)
    expected = Expected()
    injections = max(1, claims // 2000)
    budget = claims - injections * 25
    topic_count = max(1, budget // 10)
    kinds = ["money"] * 8 + ["mass"] * 3 + ["count"] * 2 + ["date"] * 4 + ["status"] * 3
    per_topic = [budget // topic_count + (1 if index < budget % topic_count else 0) for index in range(topic_count)]
    for index in range(topic_count):
        kind = kinds[index % len(kinds)]
        key = f"t{index:06d}-{kind}"
        base = 10 ** rng.uniform(6, 10)
        if kind in ("money", "mass", "count"):
            unit = {"money": "USD", "mass": "t", "count": "person"}[kind]
            writer.topic(
                key=key, kind="quantity" if kind != "count" else "count", unit=unit, label=f"Synthetic {kind} {index}"
            )
            for _ in range(per_topic[index]):
                year = rng.choice(YEARS)
                truth = base * 1.05 ** (year - YEARS[0])
                if kind == "money":
                    value = _money(rng, truth)
                elif kind == "mass":
                    value = _mass(rng, truth / 1000)
                else:
                    value = f"{float(_significant(truth / 1000, 2)):,.0f} person"
                writer.claim(writer.pick(), key, value, value.replace("~", "about "), period=str(year))
        elif kind == "date":
            writer.topic(key=key, kind="date", event=f"Synthetic event {index}")
            day = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(9000))
            for _ in range(per_topic[index]):
                value = _date(rng, day)
                writer.claim(writer.pick(), key, value, value)
        else:
            writer.topic(key=key, kind="status", states="open; closed")
            change = dt.date(2005, 1, 1) + dt.timedelta(days=rng.randrange(6000))
            for _ in range(per_topic[index]):
                offset = rng.randrange(1, 1000)
                as_of = (
                    change - dt.timedelta(days=offset) if rng.random() < 0.5 else change + dt.timedelta(days=offset - 1)
                )
                state = "open" if as_of < change else "closed"
                writer.claim(writer.pick(), key, state, state, period=as_of.isoformat())
    for number in range(injections):
        _inject(writer, expected, number, rng)
    writer.write()
    return expected


def _inject(writer: _Writer, expected: Expected, number: int, rng: random.Random) -> None:
    tag = f"x{number:05d}"
    one, two = writer.pick(), None
    two = writer.pick(exclude=one)

    topic = writer.topic(key=f"{tag}-trade", kind="quantity", unit="USD")
    precise = f"USD {12.42 + number / 100:.2f} billion"  # a precise figure of its own per injection
    a = writer.claim(one, topic, "US$1 billion", "US$1 billion", period="2024")
    b = writer.claim(two, topic, precise, precise, period="2024")
    expected.add("value conflict", "value-conflict", a, b)

    topic = writer.topic(key=f"{tag}-wheat-exports", kind="quantity", unit="t", aggregation="flow")
    a = writer.claim(one, topic, "2.1 million t", "2.1 million t", period="2024-01/2024-03")
    b = writer.claim(two, topic, "1.8 million t", "1.8 million t", period="2024")
    expected.add("sub-period over its whole", "period-totals", a, b)

    exports = writer.topic(key=f"{tag}-exports", kind="quantity", unit="EUR")
    imports = writer.topic(key=f"{tag}-imports", kind="quantity", unit="EUR")
    total = writer.topic(key=f"{tag}-turnover", kind="quantity", unit="EUR", sum_of=f"{exports}; {imports}")
    true_exports = 1000 * number + 261  # million EUR; written with its last two digits swapped
    written = f"{1000 * number + 216:,} million EUR"
    a = writer.claim(one, exports, written, written, period="2023")
    b = writer.claim(
        one, imports, f"{1000 * number + 735:,} million EUR", f"{1000 * number + 735:,} million EUR", period="2023"
    )
    turnover = f"{true_exports + 1000 * number + 735:,} million EUR"
    c = writer.claim(one, total, turnover, turnover, period="2023")
    expected.add("sum of parts", "sum-consistency", a, b, c)

    diesel = writer.topic(key=f"{tag}-diesel", kind="quantity", unit="t", substance="diesel")
    gasoline = writer.topic(key=f"{tag}-gasoline", kind="quantity", unit="t", substance="gasoline")
    # Figures 10 t apart that all end in 1: a trailing zero would widen a figure's precision
    # to the neighbouring injections' and make one crowd of relabelled figures at scale.
    figure = f"{182_431 + 10 * number:,} t"
    day = (dt.date(2000, 1, 1) + dt.timedelta(days=number)).isoformat()
    a = writer.claim(one, diesel, figure, figure, period=day)
    b = writer.claim(two, gasoline, figure, figure, period=day)
    expected.add("relabelled figure", "relabelled-figure", a, b)

    topic = writer.topic(key=f"{tag}-signing", kind="date")
    a = writer.claim(one, topic, "2024-05-03", "on Thursday, 3 May 2024")
    expected.add("weekday", "date-weekday", a)

    topic = writer.topic(key=f"{tag}-event", kind="date")
    a = writer.claim(one, topic, "2024-03-22", "2024-03-22")
    b = writer.claim(two, topic, "2024-06", "2024-06")
    expected.add("date conflict", "date-conflict", a, b)

    topic = writer.topic(key=f"{tag}-status", kind="status", states="recognised; not-recognised")
    a = writer.claim(one, topic, "recognised", "recognised", period="2025-01-01")
    b = writer.claim(two, topic, "not-recognised", "not-recognised", period="2025-01-01")
    expected.add("status conflict", "status-conflict", a, b)

    demand = writer.topic(key=f"{tag}-demand", kind="quantity", unit="t/year", substance="lpg")
    contract = writer.topic(key=f"{tag}-contract", kind="quantity", unit="t", substance="lpg", bounded_by=demand)
    a = writer.claim(
        one,
        contract,
        "50 million m^3",
        "50 million cubic metres (about 26.3 million tonnes)",
        period="2025",
        modality="plan",
        converted="~26.3 million t",
    )
    b = writer.claim(one, demand, "~700,000 t/year", "about 700,000 t/year", period="2025", modality="estimate")
    expected.add("stated conversion", "stated-conversion", a, b)

    topic = writer.topic(key=f"{tag}-lpg", kind="quantity", unit="t", substance="lpg")
    a = writer.claim(one, topic, "50 million m^3", "50 million m^3", period="2024")
    b = writer.claim(two, topic, "=200,000 t", "200,000 t", period="2024")
    expected.add("unit and dimension", "unit-dimension", a, b)

    whole = writer.topic(key=f"{tag}-whole", kind="quantity", unit="USD")
    part = writer.topic(key=f"{tag}-part", kind="quantity", unit="USD", part_of=whole)
    a = writer.claim(one, part, "US$20 billion", "US$20 billion", period="2024")
    b = writer.claim(two, whole, "US$12 billion", "US$12 billion", period="2024")
    expected.add("part exceeds whole", "magnitude-plausibility", a, b)

    topic = writer.topic(key=f"{tag}-flour", kind="quantity", unit="USD")
    a = writer.claim(
        one,
        topic,
        "US$80 million",
        "US$80 million, twice as much as the previous year",
        period="2024",
        relation="x2",
        relative_to="2023",
    )
    b = writer.claim(two, topic, "US$60 million", "US$60 million", period="2023")
    expected.add("derived figure", "derived-figures", a, b)

    topic = writer.topic(key=f"{tag}-ruling", kind="date")
    a = writer.claim(one, topic, "2025-04-17", "2025-04-17", cites=two)
    b = writer.claim(two, topic, "2025-04-21", "2025-04-21")
    expected.add("citation", "citation-consistency", a, b)
    expected.findings.add(("date-conflict", tuple(sorted((a, b)))))

    word = "".join(rng.choice(string.ascii_lowercase) for _ in range(12))
    topic = writer.topic(key=f"{tag}-{word}", kind="quantity", unit="t")
    swap = next(i for i in range(5, 11) if word[i] != word[i + 1]) if len(set(word[5:])) > 1 else 5
    misspelt = f"{tag}-{word[:swap]}{word[swap + 1]}{word[swap]}{word[swap + 2 :]}"
    if misspelt == topic:  # twelve equal letters: change one instead of swapping two
        misspelt = f"{tag}-{word[:11]}{'b' if word[11] == 'a' else 'a'}"
    a = writer.claim(one, misspelt, "5,000 t", "5,000 t", period="2024")
    expected.add("fuzzy topic name", "name-reconciliation", a)


def crowded(root: Path, claims: int, seed: int = 0) -> dict[str, int]:
    """A corpus where every pairing rule meets one huge comparison group: about ``claims``
    claims, most of them disagreeing with most others on one topic and period. Returns how
    many claims each part holds. A check must summarise these groups, not list every pair."""
    rng = random.Random(seed)
    root = Path(root)
    writer = _Writer(root, 4, rng)
    share = max(2, claims // 10)
    sizes: dict[str, int] = {}

    def add(name: str, count: int, make) -> None:
        sizes[name] = count
        for number in range(count):
            make(number)

    trade = writer.topic(key="trade", kind="quantity", unit="USD", aggregation="flow")
    total = writer.topic(
        key="total-trade", kind="quantity", unit="USD", aggregation="flow", sum_of="trade; other-trade"
    )
    writer.topic(key="other-trade", kind="quantity", unit="USD", aggregation="flow", part_of="total-trade")
    add(
        "value conflicts",
        share,
        lambda n: writer.claim(writer.pick(), trade, f"US${n + 1:,} million", f"US${n + 1:,} million", period="2024"),
    )
    add(
        "sub-periods",
        share,
        lambda n: writer.claim(
            writer.pick(), trade, f"US${n + 1:,} billion", f"US${n + 1:,} billion", period="2024-01/2024-03"
        ),
    )
    add(
        "totals",
        share,
        lambda n: writer.claim(writer.pick(), total, f"US${n + 1:,} thousand", f"US${n + 1:,} thousand", period="2024"),
    )
    add(
        "derived",
        share,
        lambda n: writer.claim(
            writer.pick(),
            trade,
            f"US${n + 7:,} million",
            f"US${n + 7:,} million",
            period="2025",
            relation="x2",
            relative_to="2024",
        ),
    )
    status = writer.topic(key="recognition", kind="status", states="recognised; not-recognised")
    add(
        "statuses",
        share,
        lambda n: writer.claim(
            writer.pick(),
            status,
            ("recognised", "not-recognised")[n % 2],
            ("recognised", "not-recognised")[n % 2],
            period="2024",
        ),
    )
    event = writer.topic(key="signing", kind="date")
    start = dt.date(2000, 1, 1)
    add(
        "dates",
        share,
        lambda n: writer.claim(
            writer.pick(), event, (start + dt.timedelta(days=n)).isoformat(), (start + dt.timedelta(days=n)).isoformat()
        ),
    )
    lpg = writer.topic(key="lpg", kind="quantity", unit="t", substance="lpg")
    add(
        "dimensions",
        share,
        lambda n: writer.claim(
            writer.pick(),
            lpg,
            f"={n + 1:,} t" if n % 2 else f"={n + 1:,} m^3",
            f"{n + 1:,} t" if n % 2 else f"{n + 1:,} m^3",
            period="2024",
        ),
    )
    diesel = writer.topic(key="diesel", kind="quantity", unit="t", substance="diesel")
    gasoline = writer.topic(key="gasoline", kind="quantity", unit="t", substance="gasoline")
    add(
        "relabelled",
        share,
        lambda n: writer.claim(writer.pick(), (diesel, gasoline)[n % 2], "182,431 t", "182,431 t", period="2024"),
    )
    cited = writer.sources[0]
    add(
        "citations",
        share,
        lambda n: writer.claim(
            writer.pick(exclude=cited),
            trade,
            f"US${n + 1:,} million",
            f"US${n + 1:,} million",
            period="2024",
            cites=cited,
        ),
    )
    writer.write()
    return sizes
