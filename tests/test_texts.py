from hypothesis import given
from hypothesis import strategies as st

from checker.texts import SourceText, fold, numbers_in

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


def test_numbers_in_reads_digits_and_words():
    assert numbers_in("over two decades, 275,000 tonnes and 12.42 billion") >= {2.0, 275000.0, 12.42}


def test_numbers_in_reads_composites_scales_scripts_and_decimal_commas():
    assert {7.315e9, 7.0, 315.0} <= numbers_in("exports of 7 billion 315 million")
    assert {2.04e9} <= numbers_in("two billion and forty million dollars")
    assert {170e6, 6e6} <= numbers_in("US$170m and 6m tonnes")
    assert {2.0} <= numbers_in("twice as much")
    assert {12.4} <= numbers_in("۱۲٫۴ میلیون تن")
    assert {12.42} <= numbers_in("12,42 млрд долларов", ",") and 12.42 not in numbers_in("12,42", ".")


def test_stated_weekdays_are_found_next_to_their_dates():
    from checker.texts import stated_weekdays

    assert stated_weekdays("on Friday, 3 May 2024, and Monday May 6th; 7 May (Tuesday)") == [
        (3, 5, 4),
        (6, 5, 0),
        (7, 5, 1),
    ]
