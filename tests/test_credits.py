"""Credit roles in one table: what the article says, what the outro speaks and what assembly reads back agree."""
from __future__ import annotations

import pytest

from briefcast.narrate.script import credit_lines
from briefcast.segmenter.assemble import credit_clauses
from briefcast.segmenter.credits import ROLES, credit_line, role_key
from briefcast.segmenter.parse import parse_article

BODY = ("Flood barriers along the river held overnight as the water reached a record level.\n\n"
        "Engineers said the defences had been raised twice since the last major flood.\n\n")


def test_edited_by_survives_parse_outro_and_transcription():
    article = parse_article("# River Barriers Hold\n\n" + BODY + "Edited by Jane Doe.\n")
    assert article.credits == {"editor": "Jane Doe"}
    assert credit_lines(article) == ["Edited by Jane Doe"]
    assert credit_clauses("Edited by Jane Doe.") == [("credit", "editor", "Jane Doe")]


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.key)
def test_every_role_spoken_in_the_outro_is_read_back_as_itself(role):
    line = credit_line(role.key, "Jane Doe")
    assert line == f"{role.spoken} by Jane Doe"
    assert credit_clauses(line + ".") == [("credit", role.key, "Jane Doe")]


@pytest.mark.parametrize("role", [r for r in ROLES if r.in_text], ids=lambda r: r.key)
def test_every_role_written_in_an_article_is_a_credit(role):
    article = parse_article("# River Barriers Hold\n\n" + BODY + f"{role.spoken} by Jane Doe.\n")
    assert article.credits == {role.key: "Jane Doe"}


@pytest.mark.parametrize(("phrase", "key"), [("Voice-over", "voiceover"), ("voice over", "voiceover"),
                                             ("Narration", "narrator"), ("read", "narrator"),
                                             ("Photos", "photography"), ("Sound design", "sound_design")])
def test_phrasings_map_to_one_key(phrase, key):
    assert role_key(phrase) == key


def test_a_caption_is_not_a_credit():
    article = parse_article("# River Barriers Hold\n\n" + BODY + "Photo: Jane Doe.\n")
    assert "photography" not in article.credits


def test_a_credit_for_the_pictures_is_tagged_but_not_said():
    article = parse_article("# River Barriers Hold\n\n" + BODY + "Edited by Jane Doe.\n\n"
                            "Photography by Alexey Druzhinin/Sputnik/AFP via Getty Images.\n")
    assert set(article.credits) == {"editor", "photography"}
    assert credit_lines(article, heard=True) == ["Edited by Jane Doe"]  # the outro: a listener sees no picture
    assert len(credit_lines(article)) == 2  # the file's tags keep both
