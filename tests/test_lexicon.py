"""The pronunciation lexicon: which words it matches (fast), what each engine is given and the audio it makes
(both real engines), the sentence cache keyed on the entries a sentence uses, and a broken file as one error line."""
from __future__ import annotations

import os
import shutil
import wave
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from briefcast.batch.tasks import Job, settings_hash
from briefcast.cli import main
from briefcast.document import Article, Section
from briefcast.errors import InputError
from briefcast.narrate import NarrateOptions, narrate
from briefcast.narrate.audition import say
from briefcast.narrate.engines import get_engine
from briefcast.narrate.lexicon import Lexicon, load_lexicon
from briefcast.narrate.options import SPEAKING
from briefcast.segmenter.parse import read_article
from conftest import one_error_line

ENGINES = ("piper", "pyttsx3")
TABQA = "t'A:bkA:"  # espeak-ng's phonemes for "TAHB-kah"
FANSHAW = "f'anSO:"  # espeak-ng's phonemes for "fanshaw" (IPA fˈænʃɔː), how Featherstonehaugh is said


def lexicon(tmp_path: Path, text: str, name: str = "names.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def said(lex: Lexicon, text: str, engine: str = "pyttsx3") -> str:
    return lex.apply(text, engine, lambda phonemes: f"<{phonemes}>")


# --- fast: matching ----------------------------------------------------------------------------------------------

def test_entries_match_whole_words_and_phrases_ignoring_case_but_capitals_match_only_capitals(tmp_path):
    lex = load_lexicon(str(lexicon(tmp_path, '''
        Tabqa = "TAHB-kah"
        "Khibrat al-Shami" = "KIB-raht al-SHAH-mee"
        Khibrat = "KIB-raht"
        US = "United States"
        ISIS = "EYE-sis"
        "9/11" = "September the eleventh"
        Olayanieh = "[[oUl,aI@n'i:@]]"
    ''')), ("piper", "pyttsx3"))
    assert said(lex, "West of Tabqa, TABQA and tabqa.") == "West of TAHB-kah, TAHB-kah and TAHB-kah."
    assert said(lex, "The Ithriyah-Tabqa road, Tabqa's dam") == "The Ithriyah-TAHB-kah road, TAHB-kah's dam"
    assert said(lex, "Tabqadam and Tabqa2 stay") == "Tabqadam and Tabqa2 stay"  # never inside a longer word
    assert said(lex, "at Khibrat  al-Shami and Khibrat") == "at KIB-raht al-SHAH-mee and KIB-raht"  # longest first
    assert said(lex, "the US-backed forces told us") == "the United States-backed forces told us"
    assert said(lex, "the U S-backed forces, Isis, isis") == "the United States-backed forces, EYE-sis, isis"  # spoken
    assert said(lex, "after nine eleven") == "after September the eleventh"
    assert said(lex, "in Olayanieh.") == "in <oUl,aI@n'i:@>."
    assert [e.phrase for e in lex.used("Tabqa near Khibrat al-Shami")] == ["Tabqa", "Khibrat al-Shami"]


def test_a_table_gives_an_engine_its_own_and_text_brackets_never_become_phonemes(tmp_path):
    lex = load_lexicon(str(lexicon(tmp_path, f'Tabqa = {{ say = "TAHB-kah", pyttsx3 = "[[{TABQA}]]" }}\n')),
                       ("piper", "pyttsx3"))
    assert said(lex, "Tabqa", "piper") == "TAHB-kah"
    assert said(lex, "Tabqa", "pyttsx3") == f"<{TABQA}>"
    assert said(lex, "a [[wiki]] link", "piper") == "a [ [wiki] ] link"  # printed brackets stay text
    assert said(Lexicon(), "Tabqa") == "Tabqa"


def test_the_default_lexicon_lives_in_the_config_folder_and_none_turns_it_off(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFCAST_CONFIG_DIR", str(tmp_path))
    assert NarrateOptions().pronunciations().entries == ()  # no file there: no lexicon
    default = lexicon(tmp_path, 'Tabqa = "TAHB-kah"\n', "lexicon.toml")
    assert NarrateOptions().pronunciations().source == default
    assert NarrateOptions(lexicon="none").pronunciations().entries == ()
    other = lexicon(tmp_path, 'Raqqa = "RAH-kah"\n', "other.toml")
    assert [e.phrase for e in NarrateOptions(lexicon=str(other)).pronunciations().entries] == ["Raqqa"]


@pytest.mark.parametrize("text, needle", [
    ("Tabqa = \n", "not valid TOML"),
    ("Tabqa = 3\n", "entry 'Tabqa' must be a respelling or [[phonemes]]"),
    ('Tabqa = { espeak = "x" }\n', "unknown key 'espeak'"),
    ('Tabqa = "[[tab"\n', "phonemes go whole in double brackets"),
    ('"--" = "dash"\n', "has no word to match"),
])
@pytest.mark.parametrize("command", ["narrate", "brief", "batch", "say"])
def test_a_broken_lexicon_is_one_error_line_and_nothing_written(command, text, needle, tmp_path, sample_path):
    bad = lexicon(tmp_path, text)
    out = tmp_path / ("out/" if command == "batch" else "out.wav")
    first = "Tabqa" if command == "say" else str(sample_path)
    result = CliRunner().invoke(main, [command, first, "-o", str(out), "--lexicon", str(bad)])
    one_error_line(result, 1, f"lexicon {bad}", needle)
    assert not out.exists()


def test_a_broken_default_lexicon_is_named_in_its_error(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFCAST_CONFIG_DIR", str(tmp_path))
    lexicon(tmp_path, "Tabqa = [1]\n", "lexicon.toml")
    with pytest.raises(InputError, match="lexicon.toml: entry 'Tabqa'"):
        NarrateOptions().validate()
    NarrateOptions(lexicon="none").validate()


def test_batch_redoes_a_narration_when_the_lexicon_it_reads_is_edited(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFCAST_CONFIG_DIR", str(tmp_path))  # the default lexicon: the same file each time
    job = Job("/in/a.md", "narrate", "/out", "a", options=NarrateOptions())
    before = settings_hash(job)
    lexicon(tmp_path, 'Tabqa = "TAHB-kah"\n', "lexicon.toml")
    edited = settings_hash(job)
    lexicon(tmp_path, 'Tabqa = "TAB-kwah"\n', "lexicon.toml")
    assert len({before, edited, settings_hash(job)}) == 3


@pytest.mark.parametrize("command", sorted(set(SPEAKING)))
def test_every_narrating_command_takes_lexicon(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "--lexicon FILE" in result.output


def test_say_without_a_player_says_so_before_any_synthesis(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no ffplay, pw-play, paplay or aplay
    one_error_line(CliRunner().invoke(main, ["say", "Tabqa", "--play"]), 1, "no audio player is installed")
    one_error_line(CliRunner().invoke(main, ["say", "Tabqa"]), 2, "give -o FILE")


def test_say_plays_a_temporary_file_and_leaves_nothing_behind(tmp_path, monkeypatch):
    from briefcast.narrate.audition import audition

    bin_dir, heard = tmp_path / "bin", tmp_path / "heard.wav"
    bin_dir.mkdir()
    ffplay = bin_dir / "ffplay"  # the first player looked for: this one keeps what it was given
    ffplay.write_text(f'#!/bin/sh\nfor a; do last="$a"; done\ncp "$last" {heard}\n', encoding="utf-8")
    ffplay.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    result = audition("Tabqa", options=NarrateOptions(format="wav"), aloud=True)
    assert heard.stat().st_size > 1000 and heard.read_bytes()[:4] == b"RIFF"
    assert not result.path.exists()  # said into a temporary folder, which is gone


# --- both real engines: what the engine is given, and the audio it makes --------------------------------------------

def voice_frames(path: Path) -> np.ndarray:
    """Log band energies (24 bands up to 8 kHz) of the frames within 30 dB of the loudest (what was said), less
    their mean (the files' levels differ: a word alone misses the loudness target by a dB or two)."""
    from scipy.signal import stft

    with wave.open(str(path), "rb") as w:
        x, rate = np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(float), w.getframerate()
    freqs, _, z = stft(x, fs=rate, nperseg=1024, noverlap=768)
    bands = np.array_split(np.abs(z)[freqs < 8000], 24)
    f = np.log(np.stack([b.mean(axis=0) for b in bands]) + 1e-3).T
    said = f[f.max(axis=1) > f.max() - 7]
    return said - said.mean()


def distance(a: Path, b: Path) -> float:
    """How differently two clips sound: the mean frame distance along the best alignment (DTW)."""
    x, y = voice_frames(a), voice_frames(b)
    cost = np.linalg.norm(x[:, None] - y[None], axis=2)
    acc = np.full((len(x) + 1, len(y) + 1), np.inf)
    acc[0, 0] = 0.0
    for i in range(1, len(x) + 1):
        for j in range(1, len(y) + 1):
            acc[i, j] = cost[i - 1, j - 1] + min(acc[i - 1, j], acc[i, j - 1], acc[i - 1, j - 1])
    return float(acc[-1, -1] / (len(x) + len(y)))


@pytest.mark.parametrize("engine", ENGINES)
def test_a_phoneme_entry_changes_what_each_engine_is_given_and_the_audio(engine, tmp_path, monkeypatch):
    speaker = get_engine(engine)
    if not speaker.installed() or not shutil.which("espeak-ng"):
        pytest.skip(f"{engine} or espeak-ng is not installed (scripts/setup installs them)")
    given: list[str] = []
    synthesize = speaker.synthesize

    def spy(texts, folder, **kwargs):
        given.extend(texts)
        return synthesize(texts, folder, **kwargs)

    monkeypatch.setattr(speaker, "synthesize", spy)
    names = lexicon(tmp_path, f'Featherstonehaugh = "[[{FANSHAW}]]"\n')  # the name said as spelt: fˈɛðɚstˌoʊnhɔː
    options = NarrateOptions(engine=engine, format="wav", lexicon=str(names), cache=False, jobs=1)
    entry = say("Featherstonehaugh", tmp_path / "entry.wav", options=options)
    plain = options.replace(lexicon="none")
    spelt = say("Featherstonehaugh", tmp_path / "spelt.wav", options=plain)
    respelt = say("fanshaw", tmp_path / "respelt.wav", options=plain)  # the same phonemes, as plain text
    inline = {"piper": "[[fˈænʃɔː]]", "pyttsx3": f"[[{FANSHAW}]]"}[engine]  # Piper: IPA; espeak-ng: its own notation
    assert given == [inline, "Featherstonehaugh", "fanshaw"]
    assert entry.article.sentences[0].text == "Featherstonehaugh"  # the document (and subtitles) keep the printed word
    heard = distance(entry.path, respelt.path), distance(entry.path, spelt.path)
    assert heard[0] < 0.7 * heard[1], heard  # the entry sounds like its phonemes, not like the name as spelt


def test_piper_keeps_the_punctuation_after_phonemes():
    from briefcast.narrate.engines.piper import punctuated

    assert punctuated("West of [[tˈɑːbkɑː]], the army.") == "West of [[tˈɑːbkɑː,]] the army."
    assert punctuated("In [[tˈɑːbkɑː]]. [[a]]!? [b], c") == "In [[tˈɑːbkɑː.]] [[a!?]] [b], c"


# --- the cache: a sentence is made again when an entry it uses changes, and only then ---------------------------------

def test_the_cache_follows_the_entries_each_sentence_uses(raqqa_path, tmp_path):
    if not get_engine("pyttsx3").installed():
        pytest.skip("espeak-ng is not installed (scripts/setup installs it)")
    story = read_article(raqqa_path)
    names = ("Tabqa", "Khanasir")
    paragraphs = [p for p in story.paragraphs if any(n in p.text for n in names)]  # the real paragraphs naming them
    article = Article(title=story.title, sections=[Section(None, paragraphs)])
    naming = sum("Tabqa" in s.text for p in paragraphs for s in p.sentences)
    assert 0 < naming < len(article.sentences)
    names_file = tmp_path / "names.toml"
    options = NarrateOptions(engine="pyttsx3", format="wav", lexicon=str(names_file), intro=False, outro=False,
                             subtitles=("srt",), cache_dir=str(tmp_path / "cache"), jobs=1)

    def run(entries: str, name: str):
        names_file.write_text(entries, encoding="utf-8")
        return narrate(article, tmp_path / f"{name}.wav", options=options)

    first = run('Tabqa = "TAHB-kah"\nKhanasir = "khah-nah-SEER"\nOlayanieh = "oh-lah-YAH-nee-eh"\n', "first")
    assert first.synthesized == len(article.sentences)
    unrelated = run('Tabqa = "TAHB-kah"\nKhanasir = "khah-nah-SEER"\nOlayanieh = "oh-lie-AH-nee-eh"\n', "unrelated")
    assert (unrelated.synthesized, unrelated.cached) == (0, len(article.sentences))
    used = run('Tabqa = "TAB-kwah"\nKhanasir = "khah-nah-SEER"\nOlayanieh = "oh-lie-AH-nee-eh"\n', "used")
    assert used.synthesized == naming
    subtitles = used.sidecars["srt"].read_text(encoding="utf-8")
    assert "Tabqa" in subtitles and "TAB-kwah" not in subtitles and "khah-nah" not in subtitles
