"""`transcribe --script`: the printed article aligned to the voice reading it, and what the reader changed, on a
real reader (LibriVox, Sense and Sensibility) and on briefcast's own narration (whose sentence times are exact)."""
from __future__ import annotations

import dataclasses
import json
import shutil
import wave
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from briefcast.cli import main
from briefcast.document import Article, Word
from briefcast.segmenter.parse import parse_article
from briefcast.transcribe.align import LOOSE, NAMES_ALIKE, SOUNDS_ALIKE, align_script, keys_of, match
from briefcast.transcribe.options import AlignOptions
from briefcast.transcribe.pipeline import Recognised, recognise_words
from briefcast.transcribe.sounds import broad_similarity, broad_within, similarity, sound_similarity
from conftest import one_error_line

pytestmark = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed")

# The printed wording of the five LibriVox clips (tests/data/sense_printed.json, read by scripts/measure_align.py too)
SENSE = [(c["clip"], c["printed"]) for c in
         json.loads((Path(__file__).parent / "data" / "sense_printed.json").read_text("utf-8"))["clips"]]
STORY = """# Harbour Lights Dimmed for Survey

By Harbour Desk

The harbour lights at Fenwick Quay were switched off on Monday night for a survey of the sea wall.

Engineers led by Margaret Holloway measured the stones for six hours.

The council said the lights will return on Friday.
"""


def _wav(path: Path, audio: np.ndarray, rate: int = 16000) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(rate)
        w.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes())
    return path


# --- the comparison ----------------------------------------------------------------------------------------------

def test_both_sides_are_compared_as_they_are_said():
    assert keys_of("Dr. Whitfield paid $5 in 1961.") == ["doctor", "whitfield", "paid", "five", "dollars", "in",
                                                         "nineteen", "sixty", "one"]
    assert keys_of("Cold-hearted, isn't it?") == ["cold", "hearted", "isn't", "it"]


def test_a_misheard_name_is_matched_and_a_changed_one_is_a_gap():
    printed = "doctor anna whitfield said the gates held".split()
    heard = "doctor anna whitfeld said the gate held".split()
    times = [(float(i), i + 0.5) for i in range(len(heard))]
    assert all(j is not None for j in match(printed, heard, times, 10.0).matched)
    changed = match(printed, "doctor anna pemberton said the gates held".split(), times, 10.0)
    assert changed.matched[2] is None
    assert [(g.printed, g.heard) for g in changed.gaps] == [([2], [2])]


def test_words_that_sound_alike_are_told_from_words_spelt_alike():
    """A name the recogniser turned into a word that sounds like it is more likely misheard than changed."""
    assert sound_similarity("Quay", "he") >= SOUNDS_ALIKE > similarity("quay", "he")
    assert sound_similarity("unmanned", "the man") >= SOUNDS_ALIKE
    assert sound_similarity("Pemberton", "Holloway") < LOOSE


def test_a_name_is_looked_for_in_the_sound_of_what_was_heard():
    """Broad classes of sound: a misheard name keeps most of its sound; a name is not found in a shorter word that
    sounds like a part of it ('Pemberton' in 'Jettin': 'tan' is no 'Pemberton')."""
    assert broad_similarity("Hamamt", "Hanans and") >= NAMES_ALIKE > broad_similarity("Pemberton", "Anna")
    assert broad_within("Hamamt", "Hanans and")[0] >= NAMES_ALIKE
    assert broad_within("Zenobia", "Hanans and Nobi")[0] >= NAMES_ALIKE
    assert broad_within("Pemberton", "Hanans and Nobi")[0] < NAMES_ALIKE
    assert broad_within("Pemberton", "Jettin")[0] < NAMES_ALIKE


# --- a real reader -----------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sense(shared_data, tmp_path_factory) -> tuple[Path, Article]:
    """The five clips joined with half a second between them, transcribed with their printed text as the script
    (`-o FOLDER --format changes,srt,json`): the output folder and the article read back from its JSON."""
    from briefcast.media import decode

    folder = shared_data / "speech" / "librivox_sense_and_sensibility"
    tmp = tmp_path_factory.mktemp("sense")
    gap = np.zeros(8000, np.float32)
    audio = np.concatenate([x for n, _ in SENSE
                            for x in (decode(folder / f"sense_and_sensibility_01_austen_64kb-{n}.wav"), gap)])
    media = _wav(tmp / "sense.wav", audio)
    script = tmp / "page.md"
    script.write_text(" ".join(text for _, text in SENSE), encoding="utf-8")
    out = tmp / "out"
    result = CliRunner().invoke(main, ["transcribe", str(media), "--script", str(script), "-o", f"{out}/",
                                       "--format", "changes,srt,json", "-q"])
    assert result.exit_code == 0, result.output
    return out, Article.from_json((out / "sense.json").read_text(encoding="utf-8"))


def test_a_real_reading_times_every_printed_sentence_in_its_printed_wording(sense):
    _, article = sense
    assert [s.text for s in article.sentences][0].startswith("And Mr. John Dashwood")
    assert all(s.start is not None and s.end is not None for s in article.sentences)
    starts = [s.start for s in article.sentences]
    assert starts == sorted(starts)
    words = [w.text for s in article.sentences for w in s.words]
    assert "Mr." in words and "ill-disposed" in words  # the printed words carry the times


def test_a_reading_as_printed_reports_no_change(sense):
    """The reader follows the print but for the repeated 'a' in 0920, which tiny.en does not write either ('a more
    amiable'): nothing is reported, although 'Mr.' was said 'mister' and 'ill-disposed' heard as one word."""
    out, article = sense
    assert [q for q in article.qa if q.severity == "change"] == []
    assert (out / "sense.changes.txt").read_text(encoding="utf-8") == "No changes: read as printed.\n"


def test_subtitles_are_in_the_printed_wording(sense):
    out, _ = sense
    assert "Mr. John Dashwood" in (out / "sense.srt").read_text(encoding="utf-8")


# --- briefcast's own narration -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def narrated(tmp_path_factory) -> tuple[Path, Article, Recognised]:
    """STORY narrated by the bundled voice (the narration records each sentence's start; one job, so the same audio
    each run), the narration's timed article, and the words recognised in it (recognised once for the tests that
    align other prints with it)."""
    from briefcast.narrate.narrator import narrate
    from briefcast.narrate.options import NarrateOptions

    printed = parse_article(STORY)
    options = NarrateOptions(format="wav", jobs=1)
    result = narrate(printed, tmp_path_factory.mktemp("story") / "story.wav", options=options)
    return result.path, result.article, recognise_words(result.path)


def test_narrated_sentences_start_where_the_narration_put_them(narrated):
    media, truth, recognised = narrated
    article = align_script(media, parse_article(STORY), recognised=recognised)
    errors = [abs(a.start - b.start) for a, b in zip(truth.sentences, article.sentences)]
    assert len(errors) == 3 and max(errors) <= 0.15, errors
    assert not [q for q in article.qa if q.severity == "change"]  # the intro and outro are no change


def test_a_sentence_whose_first_word_was_heard_otherwise_starts_where_it_was_said(narrated):
    media, truth, recognised = narrated
    printed = parse_article(STORY.replace("The council said", "A council said"))  # "A" matches no heard word
    article = align_script(media, printed, recognised=recognised)
    assert abs(article.sentences[2].start - truth.sentences[2].start) <= 0.15  # not where "council" was heard


def test_edits_to_the_print_are_reported_as_changes(narrated):
    media, _, recognised = narrated
    edited = STORY.replace("Margaret Holloway", "Margaret Pemberton").replace(
        "The council said the lights will return on Friday.\n", "")
    article = align_script(media, parse_article(edited), recognised=recognised)
    changes = {(q.kind, q.text) for q in article.qa if q.severity == "change"}
    assert ("said_differently", "Pemberton") in changes
    assert any(kind == "not_printed" and "Friday" in text for kind, text in changes), changes
    assert len(changes) == 2, changes


def test_bad_scripts_get_one_clear_line_and_no_output(narrated, tmp_path, shared_data):
    media, _, _ = narrated
    out = tmp_path / "out.md"
    empty = tmp_path / "empty.md"
    empty.write_text("\n", encoding="utf-8")
    other = tmp_path / "other.md"
    other.write_text(json.loads((shared_data / "speech" / "index.json").read_text())[0]["text"] * 3,
                     encoding="utf-8")
    runner = CliRunner()
    for script, needle in [(tmp_path / "missing.md", "missing.md"), (empty, "empty"),
                           (other, "does not read the script")]:
        result = runner.invoke(main, ["transcribe", str(media), "--script", str(script), "-o", str(out), "-q"])
        one_error_line(result, 1, needle)
        assert not out.exists()


def test_the_script_options_are_declared_once_and_reach_transcribe():
    from briefcast.optionspec import flags
    from briefcast.transcribe.options import AlignOptions

    params = {o: p for p in main.commands["transcribe"].params for o in (*p.opts, *p.secondary_opts)}
    for _, flag in flags(AlignOptions, "transcribe"):
        assert params[flag.names[0].split("/")[0]].help == flag.help
    assert "--script" not in {o for p in main.commands["roundtrip"].params for o in p.opts}


@pytest.mark.slow
def test_batch_aligns_a_recording_with_the_article_beside_it_or_paired_in_a_list(narrated, tmp_path):
    """NAME.article.md beside NAME.wav is that recording's printed article, and so is the article an @list pairs
    with a recording (`MEDIA<TAB>ARTICLE`): aligned with it, not narrated."""
    media, _, _ = narrated
    src = tmp_path / "in"
    src.mkdir()
    shutil.copyfile(media, src / "story.wav")
    (src / "story.article.md").write_text(STORY, encoding="utf-8")
    shutil.copyfile(media, tmp_path / "harbour.wav")
    (tmp_path / "page.md").write_text(STORY, encoding="utf-8")
    (tmp_path / "videos.txt").write_text("harbour.wav\tpage.md\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(src), f"@{tmp_path / 'videos.txt'}", "-o", str(out), "-t", "json",
                                       "--json", "-q"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert sorted(Path(d["input"]).name for d in report["done"]) == ["harbour.wav", "story.wav"]
    for name in ("story", "harbour"):
        article = Article.from_json((out / f"{name}.json").read_text(encoding="utf-8"))
        assert article.title == "Harbour Lights Dimmed for Survey"
        assert "Fenwick Quay" in article.sentences[0].text and article.sentences[0].start is not None


def test_paragraphs_read_two_apart_are_moves_not_a_crash(raqqa_text):
    """The sample's first and third paragraphs read in each other's place (the words as printed, timed one after
    another): a move's edges can take the whole of another differing stretch, which was then looked for elsewhere
    with no words left (ValueError: min() arg is an empty sequence)."""
    article = parse_article(raqqa_text)
    paragraphs = [[w for s in p.sentences for w in s.text.split()] for p in article.paragraphs]
    order = list(range(len(paragraphs)))
    order[0], order[2] = order[2], order[0]
    words, t = [], 0.0
    for i in order:
        for w in paragraphs[i]:
            words.append(Word(w, round(t, 2), round(t + 0.3, 2), 0.9))
            t += 0.35
        t += 0.7
    timed = align_script("unused.wav", article, recognised=Recognised(words, t + 1.0),
                         align_options=AlignOptions(reprime=False))
    assert all(s.start is not None for s in timed.sentences)
    moved = " ".join(q.text for q in timed.qa if q.kind == "moved")
    assert article.paragraphs[0].sentences[0].text in moved or article.paragraphs[2].sentences[0].text in moved


def _sound(spans: list[tuple[float, float]], seconds: float) -> np.ndarray:
    """A recording that is loud over `spans` (seconds) and near silent elsewhere (16 kHz)."""
    rng = np.random.default_rng(0)
    audio = rng.uniform(-1e-4, 1e-4, int(seconds * 16000)).astype(np.float32)
    for a, b in spans:
        audio[int(a * 16000):int(b * 16000)] = rng.uniform(-0.1, 0.1, int(b * 16000) - int(a * 16000))
    return audio


def _words(text: str, start: float, end: float) -> list[Word]:
    """The words of `text` heard one after another from `start` to `end`, equally long."""
    tokens = text.split()
    step = (end - start) / len(tokens)
    return [Word(w, round(start + n * step, 3), round(start + (n + 1) * step, 3), 0.9) for n, w in enumerate(tokens)]


def test_a_sentence_starts_where_its_sound_does_wherever_the_recogniser_put_its_first_word():
    """Whisper puts a sentence's first word after the short vowel and the stop's closure it opens with ('a|ccording'
    heard from the 'c'), or stretches it back over the pause before it ('WeWork' heard from the end of 'so'), or
    hears it as two words and matches the print with the second ('We work'): each sentence starts where its sound
    begins after the pause."""
    from briefcast.transcribe.energy import Energy

    text = "The lights went out. According to the council, they return on Friday. WeWork said so. WeWork agreed."
    audio = _sound([(0.5, 1.5), (2.1, 2.16), (2.2, 3.6), (4.2, 5.0), (5.6, 6.4)], 7.0)  # a, closure, ccording
    words = (_words("The lights went out.", 0.5, 1.5) + _words("According to the council, they return on Friday.",
                                                                2.2, 3.6)
             + _words("WeWork", 3.6, 4.5) + _words("said so.", 4.5, 5.0) + _words("We work agreed.", 5.6, 6.4))
    heard = Recognised(words, 7.0, energy=Energy.of(audio))
    timed = align_script("unused.wav", parse_article(text), recognised=heard, align_options=AlignOptions(reprime=False))
    starts = [s.start for s in timed.sentences]
    assert np.allclose(starts, [0.5, 2.1, 4.2, 5.6], atol=0.03), starts
    assert [s.words[0].start for s in timed.sentences] == starts


# tiny.en's own hearings of the Raqqa narration's names (scripts/measure_align.py), each for the printed words
MISHEARD = {"al-Qusur,": "Al-Kosir,", "Hamamt": "Hanans and", "Abbasiyah": "Abacy",
            "an Iranian-made": "in uranium a child"}


def _heard(article: Article, said: dict[str, str]) -> Recognised:
    """The article as briefcast's narration says it (intro and outro too) as heard words, 0.35 s each, with the
    printed words of `said` heard otherwise, with low confidence."""
    from briefcast.narrate.options import NarrateOptions
    from briefcast.narrate.script import build_script

    text = " ".join(u.text for u in build_script(article, NarrateOptions()).utterances)
    for printed, heard in said.items():  # (marked to be heard with low confidence, as tiny.en hears them)
        text = text.replace(printed, " ".join(f"{w}\0" for w in heard.split()), 1)
    words = [Word(w.rstrip("\0"), round(0.35 * n, 2), round(0.35 * n + 0.3, 2), 0.4 if w.endswith("\0") else 0.9)
             for n, w in enumerate(text.split())]
    return Recognised(words, 0.35 * len(words) + 1.0)


def test_names_heard_as_words_that_sound_like_them_are_misheard_not_changed(raqqa_text):
    """A small recogniser writes the Arabic names it does not know as other words ('Hanans and' for 'Hamamt'); they
    sound alike in broad classes of sound, so they are the printed names misheard: timed, recorded as `misheard`,
    not changes. A name the reader changed still is one ('Pemberton' printed, 'Raqqa' said)."""
    article = parse_article(raqqa_text)
    timed = align_script("unused.wav", article, recognised=_heard(article, MISHEARD),
                         align_options=AlignOptions(reprime=False))
    assert [q for q in timed.qa if q.severity == "change"] == []
    misheard = {q.text for q in timed.qa if q.kind == "misheard"}
    assert {"al-Qusur,", "Hamamt", "Abbasiyah"} <= misheard and any("Iranian" in t for t in misheard)
    said = {w.text for s in timed.sentences for w in s.words}
    assert {"Hamamt", "al-Qusur,", "Iranian-made"} <= said  # timed in the printed wording

    changed = parse_article(raqqa_text.replace("encircle the", "encircle the Pemberton", 1).replace(
        "the Raqqa province", "the Pemberton province", 1))
    timed = align_script("unused.wav", changed, recognised=_heard(article, MISHEARD),
                         align_options=AlignOptions(reprime=False))
    changes = [(q.kind, q.text) for q in timed.qa if q.severity == "change"]
    assert ("said_differently", "Pemberton") in changes and len(changes) == 2, changes  # and one not said


def test_a_name_changed_among_misheard_names_is_still_a_change(raqqa_text):
    """'Bir Qassab' heard 'Burkhasa' (with low confidence, as tiny.en heard it) is two names misheard; printed
    'Bir Pemberton' against the same speech, 'Pemberton' is nowhere in what was heard: a change, however unsure the
    recogniser was of its words."""
    article = parse_article(raqqa_text)
    heard = _heard(article, {"Bir Qassab": "Burkhasa", **MISHEARD})
    timed = align_script("unused.wav", article, recognised=heard, align_options=AlignOptions(reprime=False))
    assert [q for q in timed.qa if q.severity == "change"] == []
    assert "Bir Qassab" in {q.text for q in timed.qa if q.kind == "misheard"}
    changed = parse_article(raqqa_text.replace("Bir Qassab", "Bir Pemberton"))
    timed = align_script("unused.wav", changed, recognised=heard, align_options=AlignOptions(reprime=False))
    changes = [(q.kind, q.text) for q in timed.qa if q.severity == "change"]
    assert len(changes) == 1 and changes[0][0] == "said_differently" and "Pemberton" in changes[0][1], changes


def test_two_paragraphs_read_in_each_others_place_are_one_move(raqqa_text):
    """The Raqqa sample's fourth and fifth paragraphs printed in each other's place: 'in the Raqqa province' of the
    one and 'In the province of Homs' of the other were paired across by the in-place alignment, which left a
    'province' not said and one not printed beside the move. The moved paragraph is aligned with the run of speech
    that says it, the rest with the rest: one change, the move."""
    article = parse_article(raqqa_text)
    swapped = parse_article(raqqa_text)
    paragraphs = swapped.sections[0].paragraphs
    body = [n for n, p in enumerate(paragraphs) if not p.kind and p.sentences]
    paragraphs[body[3]], paragraphs[body[4]] = paragraphs[body[4]], paragraphs[body[3]]
    timed = align_script("unused.wav", swapped, recognised=_heard(article, MISHEARD),
                         align_options=AlignOptions(reprime=False))
    changes = [(q.kind, q.text) for q in timed.qa if q.severity == "change"]
    assert changes == [("moved", article.paragraphs[body[3]].sentences[0].text)], changes
    assert all(s.start is not None for s in timed.sentences)


@pytest.fixture(scope="module")
def sense_heard(shared_data, tmp_path_factory) -> tuple[Path, Recognised]:
    """The five clips joined as in `sense`, and the words tiny.en hears in them."""
    from briefcast.media import decode

    folder = shared_data / "speech" / "librivox_sense_and_sensibility"
    gap = np.zeros(8000, np.float32)
    audio = np.concatenate([x for n, _ in SENSE
                            for x in (decode(folder / f"sense_and_sensibility_01_austen_64kb-{n}.wav"), gap)])
    media = _wav(tmp_path_factory.mktemp("sense_heard") / "sense.wav", audio)
    return media, recognise_words(media)


@pytest.mark.slow
def test_a_name_heard_as_other_words_is_misheard_when_the_sound_supports_it(sense_heard):
    """'Dashwood' heard as words that neither sound nor are spelt like it (as tiny.en heard 'Baghdad' as 'They
    get'): the recording supports 'Dashwood' better than the article's other names in its place, so it is misheard,
    not a change; printed 'Pemberton' against the same speech is supported less than them, and is a change."""
    media, recognised = sense_heard
    words = [Word("then", w.start, w.end, w.probability) if w.text == "Dashwood" else w for w in recognised.words]
    heard = dataclasses.replace(recognised, words=words)
    text = " ".join(t for _, t in SENSE)
    timed = align_script(media, parse_article(text), recognised=heard)
    assert [q for q in timed.qa if q.severity == "change"] == []
    assert "Dashwood" in {q.text for q in timed.qa if q.kind == "misheard"}
    assert "Dashwood" in {w.text for w in timed.sentences[0].words}
    timed = align_script(media, parse_article(text.replace("Dashwood", "Pemberton")), recognised=heard)
    changes = [(q.kind, q.text) for q in timed.qa if q.severity == "change"]
    assert changes == [("said_differently", "Pemberton")], changes
