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
