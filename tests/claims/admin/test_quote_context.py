"""The quote shown in its paragraph: marked, escaped, found by offsets or by search."""

from claims.admin.quote_context import LONG_PARAGRAPH, quote_in_context

TEXT = (
    "First paragraph about something else.\n\n"
    "Mexico has agreed to mobilize up to 6,000 National Guard troops to its southern border.\n\n"
    "Last paragraph."
)
QUOTE = "up to 6,000 National Guard troops"


def test_the_quote_is_marked_inside_its_own_paragraph_only():
    html = quote_in_context(TEXT, QUOTE)
    assert html == (
        "Mexico has agreed to mobilize <mark>up to 6,000 National Guard troops</mark> "
        "to its southern border."
    )


def test_everything_from_the_source_is_escaped_except_the_mark():
    text = 'A <script>alert(1)</script> said "up to <b>6,000</b>" & more.'
    html = quote_in_context(text, "up to <b>6,000</b>")
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>up to &lt;b&gt;6,000&lt;/b&gt;</mark>" in html
    assert "&amp; more." in html


def test_stored_offsets_pick_the_right_occurrence():
    text = "He said 6,000 troops. Later: 6,000 troops."
    second = text.rindex("6,000 troops")
    html = quote_in_context(text, "6,000 troops", second, second + len("6,000 troops"))
    assert html == "He said 6,000 troops. Later: <mark>6,000 troops</mark>."


def test_offsets_that_do_not_hold_fall_back_to_finding_the_quote():
    html = quote_in_context(TEXT, QUOTE, 0, len(QUOTE))
    assert f"<mark>{QUOTE}</mark>" in html


def test_a_quote_not_in_the_text_or_a_source_without_text_gives_nothing():
    assert quote_in_context(TEXT, "80,500 migrants") is None
    assert quote_in_context("", QUOTE) is None


def test_line_breaks_inside_a_paragraph_are_kept():
    html = quote_in_context("Line one,\nthen up to 6,000 troops.", "up to 6,000 troops")
    assert html == "Line one,<br>then <mark>up to 6,000 troops</mark>."


def test_a_huge_paragraph_is_cut_to_a_window_with_ellipses():
    filler = "word " * (LONG_PARAGRAPH // 2)
    text = filler + QUOTE + " " + filler
    html = quote_in_context(text, QUOTE)
    assert html.startswith("…word") and html.endswith("word…")
    assert f"<mark>{QUOTE}</mark>" in html
    assert len(html) < LONG_PARAGRAPH
