"""The shared document model: lossless JSON round-trip and derived views."""
from __future__ import annotations

from briefcast.document import Article, Paragraph, QAItem, Removed, Section, Sentence, Source, Word


def make_article() -> Article:
    words = [Word("Hello", 0.0, 0.4, 0.98), Word("world.", 0.45, 0.9, 0.91)]
    return Article(
        title="Video: A Test",
        standfirst="A summary under the headline.",
        byline="South Front",
        publisher="Global Research",
        published="2017-06-10",
        source=Source("South Front", "2017-06-09"),
        tags={"region": ["Middle East & North Africa"], "theme": ["Terrorism", "US NATO War Agenda"]},
        credits={"voiceover": "Lance Ramsay"},
        sections=[
            Section(None, [Paragraph([Sentence("Hello world.", "Hello world.", 0.0, 0.9, words)])]),
            Section("Next", [Paragraph([Sentence("2,500 left.", "two thousand five hundred left.")]),
                             Paragraph([Sentence("print('hi')\nexit()", "")], kind="code")]),
        ],
        removed=[Removed("copyright", "Copyright © South Front, 2017")],
        duration=3.5,
        qa=[QAItem("repetition", 1.0, 2.0, "'again' repeats 3+ times in a row", "kept", text="again again")],
        narration=[Sentence("Video: A Test.", start=0.0, end=0.8, words=[Word("Video:", 0.0, 0.4),
                                                                         Word("A", 0.45, 0.5),
                                                                         Word("Test.", 0.5, 0.8)])],
    )


def test_json_round_trip_is_lossless():
    article = make_article()
    again = Article.from_json(article.to_json())
    assert again == article
    assert again.to_dict() == article.to_dict()


def test_json_keys_are_the_documented_ones():
    d = make_article().to_dict()
    assert {"title", "byline", "publisher", "published", "source", "tags", "credits", "sections", "removed"} <= set(d)
    assert d["source"] == {"name": "South Front", "published": "2017-06-09"}
    sentence = d["sections"][0]["paragraphs"][0]["sentences"][0]
    assert sentence["text"] == "Hello world." and sentence["start"] == 0.0 and sentence["words"][1]["text"] == "world."


def test_untimed_sentences_omit_times_and_paragraph_times_come_from_sentences():
    article = make_article()
    untimed = article.to_dict()["sections"][1]["paragraphs"][0]["sentences"][0]
    assert "start" not in untimed and "words" not in untimed
    first = article.paragraphs[0]
    assert (first.start, first.end) == (0.0, 0.9)
    assert article.paragraphs[1].start is None


def test_body_text_joins_paragraphs_without_headings():
    article = make_article()
    assert article.body_text == "Hello world.\n\n2,500 left.\n\nprint('hi')\nexit()"  # code as written
    assert [s.text for s in article.sentences] == ["Hello world.", "2,500 left.", "print('hi')\nexit()"]
    assert not article.is_empty and Article().is_empty


def test_the_standfirst_survives_markdown_and_is_no_body_paragraph():
    from briefcast.segmenter.parse import parse_article
    from briefcast.writers.text import MarkdownWriter

    text = ("# Council approves the bridge\n\n*The vote ends ten years of argument over the crossing, at last.*\n\n"
            "By Jo Bloggs\n\nThe council voted on Monday. The bridge opens in 2027.\n")
    art = parse_article(text, fmt="markdown")
    assert art.standfirst == "The vote ends ten years of argument over the crossing, at last."
    assert art.byline == "Jo Bloggs" and art.body_text.startswith("The council voted")
    again = parse_article(MarkdownWriter().render(art), fmt="markdown")
    assert (again.title, again.standfirst, again.body_text) == (art.title, art.standfirst, art.body_text)
