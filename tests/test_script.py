"""The narration script as previewed by `briefcast narrate --script`, and speech-sized pieces of long sentences."""
from __future__ import annotations

import json

from click.testing import CliRunner

from briefcast.cli import main
from briefcast.narrate.options import NarrateOptions
from briefcast.narrate.script import MAX_UTTERANCE, build_script, preview, split_for_speech
from briefcast.segmenter.parse import parse_article

ARTICLE = """# Troops Reach the River

By Jane Doe

The army reached the river on Monday. It crossed at dawn.

A second paragraph follows here.

## Aftermath

Voiceover by Lance Ramsay
"""


def test_script_prints_each_utterance_with_the_pause_after_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["narrate", "a.md", "--script"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert "The army reached the river on Monday. [sentence]" in lines
    assert "It crossed at dawn. [paragraph]" in lines
    assert any(line.startswith("By Jane Doe.") for line in lines)  # the intro is there
    assert lines[-1].endswith("[end]") and "Lance Ramsay" in lines[-1]  # and the outro
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]  # no audio written


def test_script_json_is_the_same_as_data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    text = CliRunner().invoke(main, ["narrate", "a.md", "--script"]).output.strip().splitlines()
    data = json.loads(CliRunner().invoke(main, ["narrate", "a.md", "--script", "--json"]).output)
    assert [f"{u['text']} [{u['pause_after']}]" for u in data] == text
    assert {u["kind"] for u in data} >= {"intro", "body", "outro"}


def test_the_preview_is_what_the_engine_is_given():
    article = parse_article(ARTICLE)
    options = NarrateOptions()
    assert [u.text for u in preview(article, options)] == [u.text for u in build_script(article, options).utterances]


def test_a_huge_sentence_is_said_in_bounded_pieces_and_the_document_keeps_it():
    cells = ", ".join(f"the row {i} has the value {i * 7}" for i in range(1500))  # over 30,000 characters, no stop
    article = parse_article(f"Title\n\nThe table reads {cells}.")
    assert max(len(s.text) for s in article.sentences) > 30_000  # one sentence in the document
    body = [u for u in build_script(article, NarrateOptions()).utterances if u.kind == "body"]
    assert len(body) > 50 and all(len(u.text) <= MAX_UTTERANCE for u in body)
    assert {u.level for u in body[1:]} == {"clause"} and len({u.sentence for u in body}) == 1
    assert " ".join(u.text for u in body).split() == article.sentences[0].spoken.split()


def test_a_long_quotation_is_said_sentence_by_sentence():
    quote = " ".join(["We will fight on the beaches and in the fields, and we shall never surrender."] * 5)
    pieces = split_for_speech(f'He said: "{quote}" Then he left.')
    assert len(pieces) == 6 and pieces[-1] == "Then he left."
    assert split_for_speech("A short sentence, said at once.") == ["A short sentence, said at once."]


def test_a_run_without_spaces_is_cut_too():
    assert all(len(p) <= MAX_UTTERANCE for p in split_for_speech("x" * 30_000))


def test_a_sentence_said_in_pieces_is_timed_from_its_first_piece_to_its_last():
    from briefcast.narrate.cache import RenderManifest
    from briefcast.narrate.narrator import _timed_article

    cells = ", ".join(f"the row {i} has the value {i * 7}" for i in range(200))  # (prose: bare figures are data)
    article = parse_article(f"Title\n\nThe table reads {cells}. It ends here.")
    script = build_script(article, NarrateOptions(intro=False, outro=False))
    spans = [(float(i), i + 0.5) for i in range(len(script.utterances))]  # one second per utterance
    pieces = [i for i, u in enumerate(script.utterances) if u.sentence == 0]
    assert len(pieces) > 1
    timed = _timed_article(article, script, RenderManifest(float(len(spans)), -16.0, -1.5, tuple(spans), ()))
    first = timed.sentences[0]
    assert (first.start, first.end) == (spans[pieces[0]][0], spans[pieces[-1]][1])
    assert timed.sentences[1].start == spans[pieces[-1] + 1][0]
