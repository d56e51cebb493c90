"""The episode's wording read back from a transcript (segmenter/programme.py): the brief's own templates, matched
the way a recogniser writes them."""
from __future__ import annotations

from briefcast.narrate.script import render_template
from briefcast.segmenter.programme import (
    CLOSING,
    OPENING,
    STORY_INTRO,
    StoryIntro,
    read_closing,
    read_intro,
    read_opening,
)


def test_the_story_intro_the_brief_says_is_read_back():
    said = render_template(STORY_INTRO, {"publisher": "MSN", "title": "Nintendo's first iPhone game"})
    assert said == "From MSN: Nintendo's first iPhone game."
    assert read_intro([said]) == StoryIntro("Nintendo's first iPhone game", "MSN", 1)


def test_a_recognisers_punctuation_is_forgiven():
    assert read_intro(["From CNN Money, the birth lottery and economic mobility."]) == StoryIntro(
        "The birth lottery and economic mobility", "CNN Money", 1)
    # the sentence ended after the source: the next one is the headline
    assert read_intro(["From BuzzFeed.", "Student dies after diet pills."]) == StoryIntro(
        "Student dies after diet pills", "BuzzFeed", 2)


def test_a_stop_heard_inside_the_source_is_told_apart_by_the_rundown():
    lines = ["From ours, Technica.", "Just release Minecraft exploit makes it easy to crash game servers."]
    rundown = "In this briefing: just release Minecraft exploit makes it easy to crash game servers."
    assert read_intro(lines) == StoryIntro("Technica", "ours", 1)  # no rundown to tell
    assert read_intro(lines, rundown=rundown) == StoryIntro(
        "Just release Minecraft exploit makes it easy to crash game servers", "ours, Technica", 2)


def test_lines_that_do_not_say_the_intro_are_not_one():
    assert read_intro(["Nintendo and Apple shocked the world."]) is None
    assert read_intro(["Fromage is good."]) is None
    assert read_intro(["From the start of the year the price of every kind of grain rose, he said."]) is None


def test_the_closing_gives_the_title():
    said = render_template(CLOSING, {"title": "Morning Briefing"})
    assert read_closing(said) == "Morning Briefing"
    assert read_closing("That was test briefing") == "test briefing"
    assert read_closing("So it goes.") is None
    # misheard, but close to the closing said with the title the episode opened with
    opening = "Test Briefing May 1st, 2024, in this briefing, Nintendo's first iPhone game will launch."
    assert read_closing("I want to test briefing.", opening=opening) == "Test Briefing"
    assert read_closing("Thanks for listening.", opening=opening) is None


def test_the_opening_gives_the_title_before_its_date():
    said = render_template(OPENING, {"title": "Morning Briefing", "date": "May 1st, 2024"})
    assert read_opening(said) == "Morning Briefing"
    assert read_opening("Test Briefing May 1st, 2024, in this briefing, Nintendo's first iPhone game.") == (
        "Test Briefing")
    assert read_opening("In this briefing, Nintendo's first iPhone game.") is None  # no date: no title said
