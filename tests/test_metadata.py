"""Metadata a narrator can say: junk bylines, titles and publishers are cleaned or dropped before the intro."""
from __future__ import annotations

import pytest

from briefcast.narrate.options import NarrateOptions
from briefcast.narrate.script import preview
from briefcast.segmenter.metadata import (
    clean_byline,
    clean_publisher,
    clean_title,
    is_meta_line,
    is_promotion,
    meta_prefix,
    strip_controls,
)
from briefcast.segmenter.parse import parse_article


@pytest.mark.parametrize(
    "byline, spoken",
    [
        ("Username", None),
        ("No Author", None),
        ("admin", None),
        ("escenic", None),
        ("Staff Writer", None),
        ("By Joshua Sokol May", "Joshua Sokol"),
        ("by Lucas Nolan22 Dec 2016651", "Lucas Nolan"),
        ("Steven Davidoff Solomon, STEVEN DAVIDOFF SOLOMON", "Steven Davidoff Solomon"),
        ("JEFFREY GETTLEMAN", "Jeffrey Gettleman"),
        ("Ben Silverman Games Editor", "Ben Silverman"),
        ("Jane Doe, Senior Reporter", "Jane Doe"),
        ("Credit: Clayton Aldern/Grist".split(": ")[1], "Clayton Aldern"),
        ("Jane Doe and John Smith", "Jane Doe and John Smith"),
        ("Ursula von der Leyen", "Ursula von der Leyen"),
        ("jane@example.com", None),
        ("Robert Brum and Isabel KeaneJournal New", "Robert Brum and Isabel Keane"),  # the outlet run in, cut off
        ("Tom McPherson", "Tom McPherson"),
        ("Jane Doe and THE ASSOCIATED PRESS", "Jane Doe, for the Associated Press"),
    ],
)
def test_bylines(byline, spoken):
    assert clean_byline(byline) == spoken


@pytest.mark.parametrize(
    "title, publisher, spoken",
    [
        ("Tokyo rally draws thousands, The Japan Times", "The Japan Times", "Tokyo rally draws thousands"),
        ("Fact-Checker Asks Questions - Breitbart", "Breitbart", "Fact-Checker Asks Questions"),
        ("Markets fall | Reuters", "Reuters", "Markets fall"),
        ("escenic", None, None),
        ("Is it over?.", None, "Is it over?"),
        ("A title\x1b[31m with escapes", None, "A title [31m with escapes"),
        ("Reuters chief steps down", "Reuters", "Reuters chief steps down"),  # the site named in the story stays
        ("Australian &#039;megablaze&#039; &amp; AT&T", None, "Australian 'megablaze' & AT&T"),  # escaped twice
        ("Who rose to the challenges of 2020 | COMMENTARY", None, "Who rose to the challenges of 2020"),  # a section
        ("MARKETS | STOCKS FALL", None, "MARKETS | STOCKS FALL"),  # a headline in capitals keeps its words
    ],
)
def test_titles(title, publisher, spoken):
    assert clean_title(title, publisher=publisher) == spoken


def test_the_headline_is_never_the_publisher():
    headline = "Army advances on Raqqa from the south"
    assert clean_publisher(headline, title=headline) is None
    assert clean_publisher("Global Research", title=headline) == "Global Research"


def test_a_site_promotion_is_not_a_headline():
    assert is_promotion("Take your next trip with Atlas Obscura!", "Atlas Obscura")
    assert not is_promotion("The Deck of Cards That Made Tarot A Global Phenomenon", "Atlas Obscura")


def test_control_characters_are_stripped():
    assert strip_controls("Bad\x00 title\x07\u200b here") == "Bad title here"


def test_a_body_of_text_keeps_its_layout_without_control_characters():
    # the parser and the feed: lines, tabs and joiners (an emoji family, Persian ZWNJ) stay, NUL, bell, CSI go
    joined = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \U0001F468\u200d\U0001F469"
    body = "One\x00 line\tand\x07 a tab\n\n" + joined + "\x9b"
    assert strip_controls(body, one_line=False) == "One line\tand a tab\n\n" + joined
    assert strip_controls("\x00\x07", one_line=False) is None


def test_the_intro_says_no_junk():
    article = parse_article("# Is it over?\n\nBy Username\n\nThe war ended today. Everyone went home.\n")
    intro = [u.text for u in preview(article, NarrateOptions()) if u.kind == "intro"]
    assert article.byline is None
    assert not any("Username" in line or "?." in line for line in intro)


@pytest.mark.parametrize(("line", "names", "meta"), [
    ("Fahad Shabbir (@FahadShabbir) 12 minutes ago Wed 29th April 2020 | 03:32 PM", ["Fahad Shabbir"], True),
    ("13 Jan 2020, 22:11 GMT+10", [], True),
    ("Updated: April 26, 2020 12:40 IST", [], True),
    ("By Evan Symon, August 14, 2022 2:30 pm", ["Evan Symon"], True),
    ("News24", [], False),  # no time: a word (the line above a metadata line may go with it)
    ("By Evan Symon, August 14, 2022 2:30 pm", [], False),  # a name the page does not give: perhaps a sentence
    ("On March 3, 2020, the storm hit Ohio.", [], False),
    ("The meeting is at 7 p.m. Monday.", [], False),
])
def test_a_line_of_the_page_s_metadata_holds_a_time_and_little_else(line: str, names: list[str], meta: bool) -> None:
    assert is_meta_line(line, names) is meta


@pytest.mark.parametrize(("text", "rest"), [
    ("india Updated: Apr 26, 2020 21:43 IST At a time when there is not much awareness", "At a time when"),
    ("Updated 10:45 AM EST Residents of the city woke to snow on Monday morning.", "Residents of"),
    ("In 2019 Apple sold more phones than ever before in its history.", "In 2019 Apple"),  # the lede's own year
])
def test_a_metadata_line_run_into_the_lede_is_cut_off(text: str, rest: str) -> None:
    assert text[meta_prefix(text, []):].startswith(rest)
