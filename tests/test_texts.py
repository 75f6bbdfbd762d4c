import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.display import shortened
from checker.texts import WIDEN_AT_MOST, SourceText, fold, numbers_in

TEXT = st.text(alphabet=st.sampled_from(list("ab c\n\t\u00a0\u2009’‘“”–—-.,19")), max_size=60)


@given(TEXT)
def test_folded_text_matches_the_folding_of_quotes(text):
    source = SourceText(text)
    assert source.folded.strip() == fold(text)


@given(TEXT, st.integers(0, 59), st.integers(1, 20))
def test_found_spans_map_back_to_the_original(text, start, length):
    source = SourceText(text)
    needle = fold(text[start : start + length])
    span = source.find(needle)
    if needle:
        assert span is not None
        assert fold(text[span[0] : span[1]]) == needle


def test_quote_in_order_search_falls_back_to_the_whole_text():
    source = SourceText("alpha beta gamma beta")
    span, cursor = source.find_folded("gamma", 0)
    assert span == (11, 16)
    span, _ = source.find_folded("alpha", cursor)
    assert span == (0, 5)


def test_closest_passage_is_whole_words():
    text = "Moscow has\nstill not recognised the government in Kabul, officials said."
    score, line, passage = SourceText(text).closest("has not recognized the governmnt")
    assert passage in ("still not recognised the government", "has still not recognised the government")
    assert line == (1 if passage.startswith("has") else 2) and 0 < score < 100
    # Found from the second line on: the line of its first character.
    assert SourceText("Intro line.\n" + text).closest("officials sayd")[1:] == (3, "officials said")


@given(
    st.text(alphabet=st.sampled_from(list("abcdeéж字 ,.\n")), min_size=1, max_size=120),
    st.integers(0, 119),
    st.integers(3, 40),
    st.integers(0, 39),
)
def test_closest_passage_never_cuts_a_word_unless_it_is_too_long(text, at, length, typo):
    source = SourceText(text)
    at %= len(text)
    quote = text[at : at + length]  # a piece of the text with a typo, as a mistyped quote is
    quote = quote[: typo % max(len(quote), 1)] + "q" + quote[typo % max(len(quote), 1) + 1 :]
    _, line, passage = source.closest(quote)
    folded = source.folded
    if not passage:
        return
    assert passage == passage.strip() and passage in folded
    start = folded.find(passage)
    while start >= 0:  # some occurrence of it stands on word edges, or was widened as far as allowed
        end = start + len(passage)
        before = start == 0 or not (folded[start - 1].isalnum() and folded[start].isalnum())
        after = end == len(folded) or not (folded[end - 1].isalnum() and folded[end].isalnum())
        if before and after:
            break
        start = folded.find(passage, start + 1)
    else:
        longest_word = max(len(word) for word in folded.replace(",", " ").replace(".", " ").split())
        assert longest_word > WIDEN_AT_MOST


def test_shortened_cuts_at_a_space():
    assert shortened("short", 10) == "short"
    assert shortened("the ruling suspended the ban on the group", 14) == "the ruling…"
    assert shortened("x" * 30, 10) == "x" * 9 + "…"
    assert all(len(shortened("word " * n, 12)) <= 12 for n in range(10))


def test_numbers_in_reads_digits_and_words():
    assert numbers_in("over two decades, 275,000 tonnes and 12.42 billion") >= {2.0, 275000.0, 12.42}


def test_numbers_in_reads_composites_scales_scripts_and_decimal_commas():
    assert {7.315e9, 7.0, 315.0} <= numbers_in("exports of 7 billion 315 million")
    assert {2.04e9} <= numbers_in("two billion and forty million dollars")
    assert {170e6, 6e6} <= numbers_in("US$170m and 6m tonnes")
    assert {2.0} <= numbers_in("twice as much")
    assert {12.4} <= numbers_in("۱۲٫۴ میلیون تن")
    assert {12.42} <= numbers_in("12,42 млрд долларов", ",") and 12.42 not in numbers_in("12,42", ".")


def test_number_words_are_whole_words_and_read_in_the_sources_language():
    """ "späten" holds no "ten"; "sechs" is six in a German text and no number in an English
    one, where "cent" and "sept" are no numbers either; an article is no "one"."""
    assert 10.0 not in numbers_in("am späten Mittwochabend", ",", "de")
    assert {6.0, 7.0} <= numbers_in("nach sechs Wochen und mehr als sieben Monaten", ",", "de")
    assert {5.0} <= numbers_in("tem cinco das 12 turbinas", ",", "pt-BR")
    assert {22.0} <= numbers_in("vingt-deux pays", ",", "fr")
    assert 6.0 not in numbers_in("nach sechs Wochen", ".", "en")
    assert not numbers_in("per cent, Sept. 3", ".", "en") & {100.0, 7.0}
    assert 1.0 not in numbers_in("ein Streik und une grève", ",", "de")


def test_a_multiple_states_its_percentage():
    """ "More than three times the July average" states 300 %; "twice" 200 %; "2.5 times"
    250 %; a plain "three" states no 300."""
    assert {300.0, 3.0} <= numbers_in("more than three times the July average of 46 mm")
    assert 200.0 in numbers_in("twice the level of a year earlier")
    assert 250.0 in numbers_in("2.5 times as much")
    assert 300.0 not in numbers_in("three dams")
    assert 12.0 in numbers_in("one of more than a dozen pending")


def test_stated_weekdays_are_found_next_to_their_dates():
    from checker.texts import stated_weekdays

    assert stated_weekdays("on Friday, 3 May 2024, and Monday May 6th; 7 May (Tuesday)") == [
        (3, 5, 4),
        (6, 5, 0),
        (7, 5, 1),
    ]


def test_russian_weekdays_are_read_beside_their_dates():
    from checker.texts import stated_weekdays

    assert stated_weekdays("в понедельник, 19 августа 2025 года") == [(19, 8, 0)]
    assert stated_weekdays("заявил в среду, 20 августа") == [(20, 8, 2)]
    assert stated_weekdays("19 августа 2025 года") == []


@pytest.mark.parametrize(
    "quote, stated",
    [
        ("am Montag, 3. März 2025 teilte das Ministerium mit", [(3, 3, 0)]),
        ("lundi 3 mars, la compagnie a cessé ses vols", [(3, 3, 0)]),
        ("el lunes 3 de marzo", [(3, 3, 0)]),
        ("na segunda-feira, 17 de novembro", [(17, 11, 0)]),
        ("martedì 10 giugno", [(10, 6, 1)]),
        ("Op dinsdag 14 juli brak de dijk", [(14, 7, 1)]),
        # Portuguese "segunda" alone is "second": no weekday.
        ("a segunda 17 de novembro", []),
        ("le 3 mars", []),
    ],
)
def test_weekdays_are_read_beside_their_dates_in_the_languages_of_the_sources(quote, stated):
    from checker.texts import stated_weekdays

    assert stated_weekdays(quote) == stated


def test_a_share_in_words_is_read_in_the_language_of_its_source():
    from checker.texts import numbers_in

    assert 25.0 in numbers_in("más de una cuarta parte de la red", language="es")
    assert 66.7 in numbers_in("deux tiers des salariés", language="fr")
    assert 50.0 in numbers_in("die Hälfte der Anlagen", language="de")
    assert 25.0 not in numbers_in("más de una cuarta parte de la red")  # not in an English source


def test_a_part_of_a_year_is_read_in_the_languages_of_the_sources():
    from checker.texts import months_in

    for quote in ("eind 2027 zijn afgerond", "bis Ende 2027", "à la fin 2027", "a finales de 2027", "entro fine 2027"):
        assert months_in(quote) == {9, 10, 11, 12}, quote
    assert months_in("Anfang 2026") == {1, 2, 3, 4} and months_in("a mediados de 2026") == set(range(4, 10))
    assert months_in("la meta 2026") == set()  # a target, not the middle of the year


def test_figures_display_without_misleading_signs_or_ratios():
    from checker.display import quantity, ratio
    from checker.rules.derived import _time_between

    # Between negative ends a dash reads as a minus sign.
    assert quantity(-18.5e6, -17.5e6, -18e6, 1.0, "USD", "range") == "-18.5 million to -17.5 million USD"
    assert quantity(17.5e6, 18.5e6, 18e6, 1.0, "USD", "range") == "17.5 million–18.5 million USD"
    # Close figures show how far apart they are, not '1×'.
    assert ratio(212_840, 212_480) == "0.17 %" and ratio(1e9, 12.42e9) == "12.4×"
    year = 365.25 * 86400
    assert _time_between(1.71 * year, 1.74 * year, year) == "1.7 years"
    assert _time_between(0.5 * year, 0.6 * year, year) == "6.0–7.2 months"


@pytest.mark.parametrize(
    "quote, number",
    [
        ("Velsen became only the fourth country to recognise", 4),
        ("enters into force on the thirtieth day following the exchange", 30),
        ("the twenty-first session of the commission", 21),
        ("Nearly nine in ten of the new arrivals are women and children", 90),
        ("seven out of 10 voters backed it", 70),
        ("3 in 5 households", 60),
        ("about one in sixteen residents is over 80", 6.25),
        ("one in twenty households", 5),
        ("accurate to within 3 points, 19 times out of 20", 95),
        ("spending of ₹1.5 lakh crore", 1.5e12),
        ("some 4.9 lakh people", 490_000),
        # Indian digit grouping, as budgets print it: lakhs and crores of the number itself.
        ("a budget of Rs 4,09,549 crore", 4_095_490_000_000),
        ("Rs.30,70,000 crore", 30_700_000_000_000),
        ("Rs 1,16,000 crore in 2025-26", 1_160_000_000_000),
    ],
)
def test_ordinals_and_shares_in_words_state_their_numbers(quote, number):
    assert float(number) in numbers_in(quote)
