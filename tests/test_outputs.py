"""Output planning from plain values (briefcast.outputs): what the CLI hands it, and the one error it raises."""
from __future__ import annotations

import pytest

from briefcast.document import Article
from briefcast.errors import OutputError, UsageError
from briefcast.narrate.options import NarrateOptions
from briefcast.outputs import (
    audio_folder,
    audio_format,
    audio_target,
    checkpoint_paths,
    episode_format,
    feed_target,
    said_format,
    segment_format,
    text_targets,
)


def test_an_audio_output_is_a_file_or_a_folder_by_its_name(tmp_path):
    assert audio_folder(None, ["a.md"]) is False
    assert audio_folder(str(tmp_path / "briefing.opus"), ["a.md"]) is False
    assert audio_folder(str(tmp_path / "podcast") + "/", ["a.md", "b.md"]) is True
    assert audio_folder(str(tmp_path / "podcast"), ["a.md"]) is True  # no extension: a folder
    with pytest.raises(UsageError, match="unknown audio extension '.flac'"):
        audio_folder(str(tmp_path / "briefing.flac"), ["a.md"])
    with pytest.raises(UsageError, match="several files need -o to be a folder"):
        audio_folder(str(tmp_path / "briefing.mp3"), ["a.md", "b.md"])


def test_the_audio_format_comes_from_the_files_extension(tmp_path):
    assert audio_format(str(tmp_path / "briefing.OPUS"), ["a.md"]) == "opus"
    assert audio_format(str(tmp_path / "podcast") + "/", ["a.md"]) is None  # a folder: the options' format
    assert audio_format(None, ["a.md"]) is None
    assert episode_format("morning.ogg") == "ogg" and episode_format("morning") == "mp3"
    assert said_format("tabqa.OPUS", play=False) == "opus" and said_format(None, play=True) == "wav"
    with pytest.raises(UsageError, match="nothing to do: give -o FILE"):
        said_format(None, play=False)
    with pytest.raises(UsageError, match="unknown audio extension '.flac'"):
        said_format("tabqa.flac", play=True)


def test_articles_in_a_folder_are_named_for_their_titles_and_never_replace_a_file(tmp_path):
    options = NarrateOptions(subtitles=("srt",))
    taken: set = set()
    article = Article(title="Flood Barrier Holds")
    first = audio_target(article, "a.md", str(tmp_path / "out") + "/", True, options, taken, ["a.md", "b.md"])
    second = audio_target(article, "b.md", str(tmp_path / "out") + "/", True, options, taken, ["a.md", "b.md"])
    assert first.parent == second.parent == tmp_path / "out" and first != second and first.suffix == ".mp3"
    (tmp_path / "taken.mp3").write_bytes(b"mine")
    with pytest.raises(OutputError, match="--force"):
        audio_target(article, "a.md", str(tmp_path / "taken.mp3"), False, options, set(), ["a.md"])


def test_transcripts_of_two_inputs_with_one_name_get_distinct_files(tmp_path):
    formats, plan = text_targets(["day1/talk.mp3", "day2/talk.mp3"], str(tmp_path) + "/", "md,srt")
    assert formats == ["md", "srt"]
    one, two = plan("day1/talk.mp3"), plan("day2/talk.mp3")
    assert one == {"md": tmp_path / "talk.md", "srt": tmp_path / "talk.srt"}
    assert two == {"md": tmp_path / "talk-2.md", "srt": tmp_path / "talk-2.srt"}
    assert text_targets(["talk.mp3"], None, None)[1]("talk.mp3") == {"md": None}  # standard output
    with pytest.raises(UsageError, match="one file for 2 formats"):
        text_targets(["talk.mp3"], str(tmp_path / "talk.md"), "md,srt")


def test_a_segmented_article_takes_its_format_from_the_option_then_the_extension(tmp_path):
    assert segment_format(None, None, "a.md", force=False) == "md"  # standard output
    assert segment_format(str(tmp_path / "a.json"), None, "a.md", force=False) == "json"
    assert segment_format(str(tmp_path / "a.txt"), "script", "a.md", force=False) == "script"
    with pytest.raises(UsageError, match="unknown extension '.srt'"):  # an article read from text has no times
        segment_format(str(tmp_path / "a.srt"), None, "a.md", force=False)
    (tmp_path / "kept.md").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match="--force"):
        segment_format(str(tmp_path / "kept.md"), None, "a.md", force=False)
    assert segment_format(str(tmp_path / "kept.md"), None, "a.md", force=True) == "md"


def test_a_feed_is_named_xml_or_rss_and_replaces_only_a_feed_briefcast_wrote(tmp_path):
    assert feed_target(str(tmp_path), None, force=False) == tmp_path / "feed.xml"
    assert feed_target(str(tmp_path), str(tmp_path / "pod.rss"), force=False) == tmp_path / "pod.rss"
    with pytest.raises(UsageError, match=r"a feed is named \*.xml or \*.rss: e.g. -o .*feed.xml"):
        feed_target(str(tmp_path), str(tmp_path / "feed.json"), force=False)
    (tmp_path / "mine.xml").write_text("<notes/>", encoding="utf-8")
    with pytest.raises(OutputError, match="--force"):
        feed_target(str(tmp_path), str(tmp_path / "mine.xml"), force=False)
    assert feed_target(str(tmp_path), str(tmp_path / "mine.xml"), force=True) == tmp_path / "mine.xml"
    (tmp_path / "ours.xml").write_text("<rss><channel><generator>briefcast</generator></channel></rss>",
                                       encoding="utf-8")
    assert feed_target(str(tmp_path), str(tmp_path / "ours.xml"), force=False) == tmp_path / "ours.xml"


def test_a_converted_checkpoint_is_named_pt_and_never_replaces_the_model(tmp_path):
    model = tmp_path / "ct2"
    model.mkdir()
    (model / "model.bin").write_bytes(b"weights")
    (model / "old.pt").write_bytes(b"a checkpoint kept in the model's folder")
    assert checkpoint_paths([str(model), str(tmp_path / "m.pt")], bundled=False, force=False) == (
        model, tmp_path / "m.pt")
    with pytest.raises(UsageError, match="m.bin: an openai-whisper checkpoint is named \\*.pt: e.g. .*m.pt"):
        checkpoint_paths([str(model), str(tmp_path / "m.bin")], bundled=False, force=False)
    with pytest.raises(UsageError, match="give CT2_DIR and OUT.pt"):
        checkpoint_paths([str(model)], bundled=False, force=False)
    with pytest.raises(UsageError, match="with --bundled give only the output file"):
        checkpoint_paths(["a.pt", "b.pt"], bundled=True, force=False)
    with pytest.raises(OutputError, match="is an input"):  # even with force: the model's own file
        checkpoint_paths([str(model), str(model / "old.pt")], bundled=False, force=True)
