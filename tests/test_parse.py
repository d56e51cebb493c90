"""Article parsing: metadata, body, sections and boilerplate, on the real scraped sample and on other wordings."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefcast.segmenter.boilerplate import is_boilerplate
from briefcast.segmenter.markup import clean_inline
from briefcast.segmenter.parse import parse_article, read_article


def words(text: str) -> list[str]:
    return text.split()


def sentence_words(article) -> list[str]:  # type: ignore[no-untyped-def]
    return [w for s in article.sentences for w in words(s.text)]


def test_raqqa_metadata(raqqa_text: str) -> None:
    a = parse_article(raqqa_text)
    assert a.title == "Video: Syrian Army Advancing in Raqqa Province, Withdrawal of ISIS"
    assert a.byline == "South Front"
    assert a.publisher == "Global Research"
    assert a.published == "2017-06-10"
    assert a.source.to_dict() == {"name": "South Front", "published": "2017-06-09"}
    assert a.tags == {"region": ["Middle East & North Africa"], "theme": ["Terrorism", "US NATO War Agenda"],
                      "in_depth_report": ["SYRIA"]}
    assert a.credits == {"voiceover": "Lance Ramsay", "author": "South Front"}


def test_raqqa_body_is_the_nine_story_paragraphs_word_for_word(raqqa_text: str) -> None:
    a = parse_article(raqqa_text)
    paragraphs = [p.text for p in a.paragraphs]
    assert len(paragraphs) == 9
    assert paragraphs[0].startswith("ISIS terrorists have lost large chunks")
    assert paragraphs[-1].endswith("2,500 ISIS members inside the city.")
    body = raqqa_text[raqqa_text.index("ISIS terrorists"):raqqa_text.index("Voiceover by")]
    assert sentence_words(a) == words(body)  # every word, in order, once
    assert all(s.spoken for s in a.sentences)


def test_raqqa_boilerplate_is_removed_with_its_kind(raqqa_text: str) -> None:
    a = parse_article(raqqa_text)
    for clutter in ("PayPal", "donate", "Copyright", "Disclaimer", "fair use", "Facebook", "Become a Member",
                    "media inquiries", "Featured image", "Voiceover", "original source"):
        assert clutter.lower() not in a.body_text.lower()
    kinds = {r.kind for r in a.removed}
    assert {"donation", "copyright", "disclaimer", "fair_use", "contact", "social", "membership", "caption",
            "source_note", "credit", "metadata"} <= kinds
    assert [r.text for r in a.removed if r.kind == "fair_use"][0].startswith("www.globalresearch.ca contains")


def test_nothing_is_dropped_silently(raqqa_text: str, sample_path) -> None:  # type: ignore[no-untyped-def]
    for text in (raqqa_text, sample_path.read_text(encoding="utf-8")):
        a = parse_article(text)
        kept = [w for s in a.sections for w in words(s.heading or "")] + sentence_words(a)
        dropped = [w for r in a.removed for w in words(r.text)]
        assert Counter(kept + dropped) == Counter(words(clean_inline(text.replace("#", ""))))


def test_bundled_sample(sample_path) -> None:  # type: ignore[no-untyped-def]
    a = read_article(sample_path)
    assert a.title == "Video: Flood Barrier Holds as River Thames Reaches Record Level"
    assert (a.byline, a.publisher, a.published) == ("Harbour Desk", "Coastline Review", "2024-03-14")
    assert a.source.published == "2024-03-13"
    assert a.tags["region"] == ["Europe", "United Kingdom"]
    assert a.credits["voiceover"] == "Maya Okafor"
    assert [s.heading for s in a.sections] == [None, "What comes next"]
    assert [len(s.paragraphs) for s in a.sections] == [3, 2]
    assert "donation" not in a.body_text and "press@" not in a.body_text


OTHER_SITE = """\
# Council approves new cycle lanes

*By Jo Bloggs* | Riverside Post | 3 March 2023

The city council voted on Tuesday to build 14 km of protected cycle lanes across the centre.

Read more: [Why cyclists are leaving the city](https://example.com/x)

Photo: John Smith/Riverside Post

Work will begin in May and should finish before the end of next year, officials said.

## Reaction

Local shop owners were divided, with some fearing the loss of parking spaces.

Image credit: Getty Images

Support our journalism. Donate now and help keep local news free for everyone.

© 2023 Riverside Post. All rights reserved.

Follow us on Twitter and Instagram

Share this article

Sign up for our newsletter

Subscribe

Click here to read our coverage of the budget

Comments

## Related articles

[Bus fares to rise in April](https://example.com/a)

[New bridge opens to traffic](https://example.com/b)
"""


def test_other_wordings_of_boilerplate_are_removed() -> None:
    a = parse_article(OTHER_SITE)
    assert (a.title, a.byline, a.publisher, a.published) == (
        "Council approves new cycle lanes", "Jo Bloggs", "Riverside Post", "2023-03-03")
    assert [p.text for p in a.paragraphs] == [
        "The city council voted on Tuesday to build 14 km of protected cycle lanes across the centre.",
        "Work will begin in May and should finish before the end of next year, officials said.",
        "Local shop owners were divided, with some fearing the loss of parking spaces.",
    ]
    assert [s.heading for s in a.sections] == [None, "Reaction"]
    kinds = {r.text: r.kind for r in a.removed}
    assert kinds["Read more: Why cyclists are leaving the city"] == "navigation"
    assert kinds["Photo: John Smith/Riverside Post"] == "caption"
    assert kinds["Image credit: Getty Images"] == "caption"
    assert kinds["Support our journalism. Donate now and help keep local news free for everyone."] == "donation"
    assert kinds["© 2023 Riverside Post. All rights reserved."] == "copyright"
    assert kinds["Follow us on Twitter and Instagram"] == "social"
    assert kinds["Share this article"] == "social"
    assert kinds["Sign up for our newsletter"] == "membership"
    assert kinds["Subscribe"] == "membership"
    assert kinds["Click here to read our coverage of the budget"] == "navigation"
    assert kinds["Comments"] == "social"
    assert kinds["Related articles"] == kinds["New bridge opens to traffic"] == "navigation"


def test_story_text_that_mentions_clutter_words_stays() -> None:
    for prose in (
        "Shares fell 4 percent on Monday, while analysts had expected $2.52 a share on revenue of $27 billion.",
        "The court ruled that the copyright on the song had expired, ending a dispute that had lasted for a decade.",
        "Facebook said it would share data with researchers, and Twitter announced a similar plan later that week.",
        "He says donations have risen sharply this year, but the charity still struggles to pay its staff on time.",
        "The refugee camp first appeared in 2014, when people fleeing the fighting arrived at the border crossing.",
    ):
        assert is_boilerplate(prose) is None, prose
        assert parse_article(prose + "\n\nA second paragraph follows here.").paragraphs[0].text == prose


def test_markdown_headings_links_and_emphasis() -> None:
    a = parse_article("Intro with a [link](https://x.org) and **bold** and _italic_ words.\n\n"
                      "## First part\n\nText of the first part.\n\n### Second part\n\nMore `code` text, snake_case.")
    assert a.title is None
    assert [s.heading for s in a.sections] == [None, "First part", "Second part"]
    assert a.paragraphs[0].text == "Intro with a link and bold and italic words."
    assert a.paragraphs[2].text == "More code text, snake_case."


def test_plain_paragraphs_without_metadata() -> None:
    text = "The first paragraph is plain prose. It has two sentences.\n\nThe second one\nis hard-wrapped over lines."
    a = parse_article(text, fmt="text")
    assert a.title is None and a.removed == []
    assert [p.text for p in a.paragraphs] == ["The first paragraph is plain prose. It has two sentences.",
                                              "The second one is hard-wrapped over lines."]


def test_short_first_line_is_the_title_but_a_lone_line_is_body() -> None:
    a = parse_article("Storm closes ferry routes\n\nAll ferries were cancelled on Friday.")
    assert a.title == "Storm closes ferry routes"
    assert a.body_text == "All ferries were cancelled on Friday."
    assert parse_article("Just one line").body_text == "Just one line"


def test_read_article_detects_html(tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "page.txt"
    page.write_text("<!DOCTYPE html><html><head><title>Rain due</title></head><body><article><h1>Rain due</h1>"
                    + "<p>Heavy rain is expected across the north of the country on Sunday evening.</p>" * 3
                    + "</article></body></html>", encoding="utf-8")
    a = read_article(page)
    assert a.title == "Rain due"
    assert a.paragraphs and "Heavy rain" in a.body_text and "<p>" not in a.body_text


_WORD = st.from_regex(r"[a-z]{1,9}", fullmatch=True)
_SENTENCE = st.lists(_WORD, min_size=3, max_size=14).map(lambda ws: " ".join(ws).capitalize() + ".")
_PARAGRAPH = st.lists(_SENTENCE, min_size=1, max_size=4).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PARAGRAPH, min_size=1, max_size=6))
def test_plain_prose_never_loses_a_word(paragraphs: list[str]) -> None:
    a = parse_article("\n\n".join(paragraphs))
    assert sentence_words(a) == words(" ".join(paragraphs))


_HOSTILE = st.lists(st.sampled_from(list("ab #*_[]()<>!:\n\t-=|©@.,\"'`\\é") + [
    "Copyright ", "By ", "Region: ", "](#)", "\n\n", "Read more", "**", "June 10, 2017"]), max_size=80).map("".join)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(), _HOSTILE))
def test_hostile_text_never_crashes(text: str) -> None:
    a = parse_article(text)
    assert isinstance(a.to_json(), str)
    for s in a.sentences:
        assert s.text.strip()


def test_five_megabyte_article_parses(raqqa_text: str) -> None:
    body = raqqa_text[raqqa_text.index("ISIS terrorists"):raqqa_text.index("Voiceover by")]
    big = raqqa_text.replace(body, body * (5_000_000 // len(body) + 1))
    a = parse_article(big)
    assert len(a.paragraphs) >= 9 * (5_000_000 // len(body))
    assert a.title and a.credits["voiceover"] == "Lance Ramsay"
    assert re.search("2,500 ISIS members inside the city.$", a.body_text)


def test_our_own_transcript_markdown_reads_back_as_an_article():
    from briefcast.writers.text import MarkdownWriter

    md = ("# Army Advances on Raqqa\n\n- By South Front\n- Published: Global Research, 2017-06-10\n"
          "- Source: South Front, 2017-06-09\n- Voiceover: Lance Ramsay\n- Duration: 01:16\n\n## Raqqa\n\n"
          "[00:11] The army advanced. It took the town.\n\n[1:02:03] A late paragraph.\n")
    article = parse_article(md)
    assert (article.title, article.byline, article.publisher, article.published) == (
        "Army Advances on Raqqa", "South Front", "Global Research", "2017-06-10")
    assert (article.source.name, article.source.published, article.duration) == ("South Front", "2017-06-09", 76.0)
    assert [s.text for s in article.sentences] == ["The army advanced.", "It took the town.", "A late paragraph."]
    assert [p.start for p in article.paragraphs] == [11.0, 3723.0]
    assert MarkdownWriter(timestamps=True).render(article) == md


def test_control_characters_are_stripped_at_the_parser():
    article = parse_article("# Bad\x1b title\x07\n\nThe army\x00 advanced.\n")
    assert article.title == "Bad title"
    assert [s.text for s in article.sentences] == ["The army advanced."]


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_western_legacy_encodings_are_read_right(tmp_path, encoding):
    from briefcast.segmenter.parse import read_article

    text = "Señor Pérez arrived in Zürich.\n\nThe café owners said the naïve résumé was fine."
    if encoding == "cp1252":
        text += " “We will win,” he said — at 5°C, for £45."
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    article = read_article(path)
    assert " ".join(s.text for s in article.sentences) == " ".join(text.split())


def test_other_scripts_are_left_to_the_detector_and_a_weak_guess_is_logged(caplog):
    from briefcast.fileio import decode_legacy

    russian = "Война и мир. Толстой написал роман."
    assert decode_legacy(russian.encode("cp1251")) == russian
    assert decode_legacy(b"plain ascii") is None
    with caplog.at_level("WARNING"):
        decode_legacy(bytes([0x81, 0x8D, 0x41, 0xE9, 0x20]) * 3, "x.txt")
    assert any(r.levelname == "WARNING" and "x.txt" in r.getMessage() for r in caplog.records)


def test_a_paragraph_that_announces_what_follows_is_found_by_its_words(raqqa_text: str) -> None:
    """A colon at its end, "here are", "listed below", "the following" at its end: looked for before the pattern."""
    from briefcast.segmenter import parse

    for text in ("Here are the resources:", "The tools you may need are listed below.", "Consider the following.",
                 "The steps: \n"):
        assert parse._announces(text), text
    for text in ("He said: no.", "The following day it rained.", "Nothing is below the line: see above."):
        assert not parse._announces(text), text
    paragraphs = [p for p in raqqa_text.split("\n") if p.strip()]
    assert all(parse._announces(p) == bool(parse._ANNOUNCES.search(p)) for p in paragraphs)
