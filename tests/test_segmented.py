"""`briefcast segment` is one library call: segment_input reads, parses, renders and writes; the CLI only reports."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from briefcast.cli import main
from briefcast.document import Article
from briefcast.errors import OutputError
from briefcast.segmented import SegmentOptions, segment_input


def test_an_article_is_segmented_into_json_on_disk_and_keeps_what_it_removed(raqqa_path, tmp_path):
    out = tmp_path / "raqqa.json"
    done = segment_input(str(raqqa_path), str(out), options=SegmentOptions(format="json"))
    assert done.target == out and done.format == "json"
    assert out.read_text(encoding="utf-8") == done.text
    article = Article.from_dict(json.loads(done.text))
    assert article.title == "Video: Syrian Army Advancing in Raqqa Province, Withdrawal of ISIS"
    assert ("metadata", "By South Front") in [(r.kind, r.text) for r in done.removed]

    shown = CliRunner().invoke(main, ["segment", str(raqqa_path), "--show-removed", "-q"])
    assert shown.exit_code == 0, shown.output
    assert "removed [metadata] By South Front" in shown.stderr
    assert shown.stdout == segment_input(str(raqqa_path)).text  # md to standard output, nothing written


def test_sentences_make_no_article_and_nothing_is_removed(raqqa_path):
    done = segment_input(str(raqqa_path), options=SegmentOptions(format="sentences"))
    assert done.article is None and done.removed == [] and done.target is None
    assert done.text.splitlines()[0] == "Video: Syrian Army Advancing in Raqqa Province, Withdrawal of ISIS"


def test_the_output_is_checked_before_the_input_is_read(tmp_path):
    existing = tmp_path / "kept.md"
    existing.write_text("mine\n", encoding="utf-8")
    with pytest.raises(OutputError, match="already exists"):  # not "no such file": the input is never opened
        segment_input(str(tmp_path / "absent.txt"), str(existing))
    assert existing.read_text(encoding="utf-8") == "mine\n"


def test_the_input_formats_offered_are_the_parsers():
    from briefcast.segmented import INPUT_FORMATS
    from briefcast.segmenter.parse import FORMATS

    assert INPUT_FORMATS == FORMATS
