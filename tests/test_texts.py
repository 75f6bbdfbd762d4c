from hypothesis import given, strategies as st

from checker.texts import SourceText, fold, numbers_in

TEXT = st.text(alphabet=st.sampled_from(list("ab c\n\t\u00a0\u2009’‘“”–—-.,19")), max_size=60)


@given(TEXT)
def test_folded_text_matches_the_folding_of_quotes(text):
    source = SourceText(text)
    assert source.folded.strip() == fold(text)


@given(TEXT, st.integers(0, 59), st.integers(1, 20))
def test_found_spans_map_back_to_the_original(text, start, length):
    source = SourceText(text)
    needle = fold(text[start:start + length])
    span = source.find(needle)
    if needle:
        assert span is not None
        assert fold(text[span[0]:span[1]]) == needle


def test_quote_in_order_search_falls_back_to_the_whole_text():
    source = SourceText("alpha beta gamma beta")
    span, cursor = source.find_folded("gamma", 0)
    assert span == (11, 16)
    span, _ = source.find_folded("alpha", cursor)
    assert span == (0, 5)


def test_numbers_in_reads_digits_and_words():
    assert numbers_in("over two decades, 275,000 tonnes and 12.42 billion") >= {2.0, 275000.0, 12.42}
