"""Speech normalisation: what the narrator says for written news."""
from __future__ import annotations

import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefcast.segmenter import speech
from briefcast.segmenter.acronyms import is_pronounceable, say_acronym
from briefcast.segmenter.sentences import split_sentences
from briefcast.segmenter.speech import speak, speak_date


@pytest.mark.parametrize(
    "written, spoken",
    [
        ("about 2,500 ISIS members", "about two thousand five hundred Isis members"),
        ("the 17th Division", "the seventeenth Division"),
        ("in 2017.", "in twenty seventeen."),
        ("in 1982", "in nineteen eighty two"),
        ("in 2000", "in two thousand"),
        ("in 2005", "in two thousand five"),
        ("the 1990s", "the nineteen nineties"),
        ("June 10, 2017", "June tenth, twenty seventeen"),
        ("9 June 2017", "the ninth of June, twenty seventeen"),
        ("on 2017-06-09", "on June ninth, twenty seventeen"),
        ("on Sept. 30", "on September thirtieth"),
        ("a 7.4 magnitude quake", "a seven point four magnitude quake"),
        ("$5", "five dollars"),
        ("$1", "one dollar"),
        ("$3.50", "three dollars fifty cents"),
        ("£45,000", "forty five thousand pounds"),
        ("€1.2 million", "one point two million euros"),
        ("$3bn", "three billion dollars"),
        ("30%", "thirty percent"),
        ("40 km away", "forty kilometres away"),
        ("12 km/h", "twelve kilometres per hour"),
        ("5 kg", "five kilograms"),
        ("10 m", "ten metres"),
        ("30°C", "thirty degrees Celsius"),
        ("-5 degrees", "minus five degrees"),
        ("2010-2015", "twenty ten to twenty fifteen"),
        ("10-12 km", "ten to twelve kilometres"),
        ("at 9:30", "at nine thirty"),
        ("at 5 a.m. today", "at five a m today"),
        ("He left at 6 P.M.", "He left at six p m."),
        ("the U.S. Army", "the U S Army"),
        ("He moved to the U.S.", "He moved to the U S."),
        ("US-backed SDF", "U S-backed S D F"),
        ("Dr. Smith", "Doctor Smith"),
        ("Lt. Col. Ford", "Lieutenant Colonel Ford"),
        ("No. 17", "number seventeen"),
        ("St. Michael's Church is on Main St. near", "Saint Michael's Church is on Main Street near"),
        ("J. R. R. Tolkien and George W. Bush", "J R R Tolkien and George W Bush"),
        ("e.g. apples, i.e. fruit", "for example apples, that is fruit"),
        ("Pitt, Briggs & Co.", "Pitt, Briggs and Company."),
        ("World War II", "World War two"),
        ("www.globalresearch.ca contains", "globalresearch dot ca contains"),
        ("contact: publications@globalresearch.ca", "contact: publications at globalresearch dot ca"),
        ("via: <https://www.patreon.com/southfront>", "via: patreon dot com slash southfront"),
        ("By [South Front](#)", "By South Front"),
        ("Voiceover by **Lance Ramsay**", "Voiceover by Lance Ramsay"),
        ("the author(s).", "the authors."),
        ("forces (SDF) west of Tabqa", "forces, S D F, west of Tabqa"),
        ("Copyright © [South Front](#), 2017", "Copyright South Front, twenty seventeen"),
        ("Iranian-made Shahhed-129.", "Iranian-made Shahhed one hundred twenty nine."),
    ],
)
def test_normalisation(written, spoken):
    assert speak(written) == spoken


def test_speak_date_for_the_intro():
    assert speak_date("2017-06-10") == "June tenth, twenty seventeen"
    assert f"From Global Research, {speak_date('2017-06-10')}" == speak("From Global Research, June 10, 2017")


@pytest.mark.parametrize(
    "acronym, spoken",
    [
        # the table
        ("US", "U S"), ("UK", "U K"), ("EA", "E A"), ("BBC", "B B C"), ("WHO", "W H O"),
        ("NATO", "Nato"), ("ISIS", "Isis"), ("NASA", "Nasa"), ("UNESCO", "Unesco"), ("OK", "okay"),
        # the rule, for acronyms in no table
        ("SDF", "S D F"), ("FBI", "F B I"), ("IMF", "I M F"), ("USSR", "U S S R"), ("HTML", "H T M L"),
        ("UNHCR", "U N H C R"), ("NYPD", "N Y P D"), ("OPEC", "Opec"), ("NAFTA", "Nafta"), ("SPAR", "Spar"),
        ("MPs", "M P's"),
    ],
)
def test_acronyms(acronym, spoken):
    assert say_acronym(acronym) == spoken


def test_pronounceability_rule_without_the_table():
    assert [w for w in ["NATO", "NASA", "UNESCO", "ISIS", "ASEAN", "FIFA", "SHALL"] if is_pronounceable(w)] == [
        "NATO", "NASA", "UNESCO", "ISIS", "ASEAN", "FIFA", "SHALL"]
    assert not any(is_pronounceable(w) for w in ["SDF", "BBC", "CNN", "IMF", "USSR", "NYPD", "EU", "UNHCR"])


def test_raqqa_sentences_are_speakable(raqqa_text):
    spoken = [speak(s) for s in split_sentences(raqqa_text)]
    assert ("The airstrikes destroyed technical vehicles in the Khibrat al-Shami area at the Damascus, Baghdad "
            "highway, forty kilometres away from the U S garrison.") in spoken
    assert "Global Research, June tenth, twenty seventeen" in spoken
    assert not [s for s in spoken if any(ch.isdigit() or ch in "[]()*#<>@" for ch in s)]


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_speak_never_crashes_nor_goes_silent(text):
    spoken = speak(text)
    assert isinstance(spoken, str)
    if any(ch.isalnum() for ch in text):
        assert spoken.strip()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    ["2,500", "17th", "2017", "$", "£", "3.5", "bn", "%", "km", "-", "–", ":", "30", "U.S.", "SDF", "Dr.", "No.",
     "June", "10,", "@", "www.", ".ca", "[", "](", ")", "**", "&", " ", "\n", "°C", "St.", "a.m.", "/"])).map("".join))
@example(".ca$2,500")  # (a country's dollars are written in capitals: "ca" before "$" is none)
def test_speak_survives_news_like_noise(text):
    spoken = speak(text)
    if any(ch.isalnum() for ch in text):
        assert spoken.strip()


def test_a_sentence_s_edges_are_stripped_of_every_kind_of_whitespace_and_its_pauses():
    """speech strips whitespace, commas, semicolons and colons from both ends; its list of whitespace is every
    character Python's str.isspace holds (the list is written out: reading the whole of Unicode took 0.1 s)."""
    assert set(speech._WHITESPACE) == {ch for ch in map(chr, range(sys.maxunicode + 1)) if ch.isspace()}
    assert speech._strip_edges("\u2003, ;: a, b ;\u3000\n") == "a, b"
    assert speech.speak("\u00a0; Yes, she said:\u2003") == "Yes, she said"


def test_faces_are_looked_for_where_their_shape_is():
    """A face drawn with punctuation is not said; a colon or semicolon of prose is not searched for one."""
    assert not speech._emoticon_gate("Note: the vote; then x = 5.")
    assert speech._emoticon_gate("Great :) see you") and speech._emoticon_gate("I <3 it")
    assert speak("Great :) see you.") == "Great see you."
    assert speak("I <3 it ¯\\_(ツ)_/¯") == "I it"
