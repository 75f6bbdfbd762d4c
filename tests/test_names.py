from hypothesis import given
from hypothesis import strategies as st

from checker.names import Resolver, normal_form

ALIASES = {
    "russia-afghanistan-trade": ["bilateral trade", "trade turnover"],
    "afghanistan-foreign-trade": ["Afghanistan trade volume"],
    "lpg-imports": [],
    "lpg-exports": [],
}


def test_resolution_order():
    resolver = Resolver(ALIASES)
    assert resolver.resolve("russia-afghanistan-trade").how == "key"
    assert resolver.resolve("bilateral trade") == resolver.resolve("bilateral trade")
    assert resolver.resolve("bilateral trade").key == "russia-afghanistan-trade"
    assert resolver.resolve("bilateral trade").how == "alias"
    assert resolver.resolve("Russia–Afghanistan Trade").how == "normalised"


def test_fuzzy_match_is_reported_with_its_score():
    resolution = Resolver(ALIASES).resolve("russia-afghanistan-trdae")
    assert resolution.key == "russia-afghanistan-trade"
    assert resolution.how == "fuzzy" and 88 <= resolution.score < 100


def test_two_close_candidates_are_ambiguous():
    resolution = Resolver(ALIASES).resolve("lpg-ports")
    assert resolution.how == "ambiguous"
    assert set(resolution.candidates) == {"lpg-imports", "lpg-exports"}


def test_unknown_names_get_suggestions():
    resolution = Resolver(ALIASES).resolve("afghan wheat trade")
    assert resolution.key is None and resolution.how == "unknown"
    assert "afghanistan-foreign-trade" in resolution.candidates


def test_normal_form():
    assert normal_form("  Islamic State – Khorasan ") == "islamic-state-khorasan"
    assert normal_form("Café") == "cafe"


def test_did_you_mean_names_the_closest_choice_or_nothing():
    from checker.names import did_you_mean

    assert did_you_mean("value-conflit", ["value-conflict", "date-conflict"]) == " (did you mean 'value-conflict'?)"
    assert did_you_mean("zzzz", ["value-conflict", "date-conflict"]) == ""
    assert did_you_mean("", ["value-conflict"]) == ""


def test_a_very_large_vocabulary_resolves_typos_as_the_exhaustive_search_does(monkeypatch):
    """Beyond EXHAUSTIVE_UP_TO names a typo is scored only against its sorted neighbours
    (forwards and backwards): on a vocabulary of many similar keys, single-character typos
    anywhere in a key resolve exactly as the search over every name does."""
    import random

    from checker import names

    rng = random.Random(7)
    words = ["trade", "imports", "exports", "oil", "wheat", "gas", "visits", "flights", "aid", "loans"]
    keys = sorted(
        {f"t{number:06d}-{rng.choice(words)}" for number in rng.sample(range(10**6), 3000)}
        | {f"{rng.choice(words)}-{rng.choice(words)}-{number}" for number in range(400)}
    )
    queries = []
    for key in rng.sample(keys, 150):
        at = rng.randrange(len(key))
        edit = rng.choice(("drop", "swap", "add"))
        letter = rng.choice("abcdefghijklmnopqrstuvwxyz0123456789")
        queries.append(key[:at] + key[at + 1 :] if edit == "drop" else key[:at] + letter + key[at + (edit == "swap") :])
    aliases = {key: [] for key in keys}
    exhaustive = Resolver(aliases).resolve_many(queries)
    monkeypatch.setattr(names, "EXHAUSTIVE_UP_TO", 100)
    monkeypatch.setattr(names, "NEIGHBOURS", 50)
    blocked = Resolver(aliases)
    neighbourhood = blocked.resolve_many(queries)
    assert blocked._neighbours is not None  # the neighbourhood search really ran
    resolved = [query for query in queries if exhaustive[query].how in ("key", "normalised", "fuzzy")]
    assert len(resolved) > 100
    for query in resolved:
        assert (neighbourhood[query].key, neighbourhood[query].how) == (exhaustive[query].key, exhaustive[query].how)


@given(st.lists(st.text(max_size=20), max_size=30))
def test_normal_forms_of_a_batch_are_each_names_normal_form(names):
    from checker.names import normal_forms

    assert normal_forms(names) == [normal_form(name) for name in names]
