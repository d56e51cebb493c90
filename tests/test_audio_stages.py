"""The numeric stages of narration on synthetic signals, fast: loudness, true peak and the limiter; the timeline,
the sting and the ducked bed; encoding with ffmpeg; tags and chapters written and read back with mutagen."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from briefcast.formats import AUDIO_FORMATS
from briefcast.narrate import NarrateOptions, mix
from briefcast.narrate.encode import decode, encode, encode_measured, measure
from briefcast.narrate.loudness import integrated, limit, normalize, true_peak
from briefcast.narrate.tags import Tags, ffmetadata, write_tags

RATE = 48000  # Hz


def sine(freq: float, seconds: float, amplitude: float, rate: int = RATE, phase: float = 0.0) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * freq * t + phase)).astype(np.float32)


def noise(seconds: float, amplitude: float, rate: int = RATE, seed: int = 1) -> np.ndarray:
    return (amplitude * np.random.default_rng(seed).standard_normal(int(seconds * rate))).astype(np.float32)


def db(x: float) -> float:
    return 20 * math.log10(x)


def rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(x, dtype=np.float64))))


# --- loudness -----------------------------------------------------------------------------------------------------

def test_a_997_hz_sine_reads_as_bs1770_says():
    # BS.1770: a full-scale 997 Hz sine on one channel reads -3.01 LUFS; loudness scales with level
    assert integrated(sine(997, 3.0, 1.0), RATE) == pytest.approx(-3.01, abs=0.05)
    assert integrated(sine(997, 3.0, 0.1), RATE) == pytest.approx(-23.01, abs=0.05)


def test_integrated_loudness_agrees_with_pyloudnorm_and_gates_silence():
    import pyloudnorm

    x = noise(4.0, 0.05)
    assert integrated(x, RATE) == pytest.approx(pyloudnorm.Meter(RATE).integrated_loudness(x), abs=0.05)
    padded = np.concatenate([x, np.zeros(10 * RATE, dtype=np.float32)])  # silence is below the absolute gate
    assert integrated(padded, RATE) == pytest.approx(pyloudnorm.Meter(RATE).integrated_loudness(padded), abs=0.05)
    assert integrated(padded, RATE) == pytest.approx(integrated(x, RATE), abs=0.3)  # ungated: 5.4 LU lower
    assert integrated(np.zeros(RATE, dtype=np.float32), RATE) == -math.inf


def test_true_peak_finds_the_peak_between_samples():
    # a quarter-rate sine at 45 degrees: every sample sits at 0.707 of the peak
    x = sine(RATE / 4, 0.1, 0.5, phase=math.pi / 4)
    assert db(float(np.abs(x).max())) == pytest.approx(db(0.5) - 3.01, abs=0.05)
    assert true_peak(x) == pytest.approx(db(0.5), abs=0.2)
    assert true_peak(np.zeros(0, dtype=np.float32)) == -math.inf


def test_the_limiter_holds_the_ceiling_and_leaves_the_rest_alone():
    x = sine(220, 2.0, 0.2)
    x[RATE:RATE + 50] = 0.95  # a burst in the middle
    out = limit(x, RATE, -6.0)
    assert float(np.abs(out).max()) <= 10 ** (-6.0 / 20) + 1e-6
    assert np.array_equal(out[: RATE // 2], x[: RATE // 2]) and np.array_equal(out[-RATE // 2:], x[-RATE // 2:])
    quiet = x * 0.1
    assert np.array_equal(limit(quiet, RATE, -6.0), quiet)  # nothing over the ceiling: untouched


def test_peaks_close_together_are_limited_as_they_would_be_one_by_one(monkeypatch):
    """Speech goes over the ceiling every few syllables: the stretches around peaks less than STRETCH_GAP apart are
    filtered as one, and the gain is the same to the sample as filtering each stretch on its own."""
    from briefcast.narrate import loudness

    x = noise(3.0, 0.05)
    for at in np.arange(0.1, 2.9, 0.09):  # a peak every 90 ms
        x[int(at * RATE):int(at * RATE) + 30] = 0.9
    together = loudness.limiter_gain(x, RATE, -6.0)
    monkeypatch.setattr(loudness, "STRETCH_GAP", 0.0)
    apart = loudness.limiter_gain(x, RATE, -6.0)
    assert together is not None and apart is not None and np.array_equal(together, apart)
    assert float(together.min()) < 0.6 and float(together[:int(0.05 * RATE)].min()) == 1.0


def test_normalize_reaches_the_target_under_the_ceiling():
    x = noise(5.0, 0.01)
    x[2 * RATE:2 * RATE + 200] *= 40  # peaks the gain would push over the ceiling
    out, estimate = normalize(x, RATE, -16.0, -1.5)
    assert estimate == pytest.approx(-16.0, abs=0.05)
    assert integrated(out, RATE) == pytest.approx(-16.0, abs=0.1)
    assert float(np.abs(out).max()) <= 10 ** (-1.5 / 20) + 1e-6


# --- the timeline, sting and bed ----------------------------------------------------------------------------------

def test_layout_places_clips_after_their_pauses():
    starts, total = mix.layout([100, 200], [0.0, 0.5], 1000)
    lead, tail = int(mix.LEAD_IN * 1000), int(mix.TAIL * 1000)
    assert starts == [lead, lead + 100 + 500]
    assert total == starts[-1] + 200 + tail


def test_assemble_is_sample_exact():
    clips = [np.full(480, 0.25, dtype=np.float32), np.full(960, -0.5, dtype=np.float32)]
    out, placed = mix.assemble(clips, [0.0, 0.35], RATE)
    first = int(mix.LEAD_IN * RATE)
    second = first + 480 + int(round(0.35 * RATE))
    assert placed.spans == ((first / RATE, (first + 480) / RATE), (second / RATE, (second + 960) / RATE))
    assert np.all(out[first:first + 480] == 0.25) and np.all(out[second:second + 960] == -0.5)
    assert not out[:first].any() and not out[first + 480:second].any() and not out[second + 960:].any()
    assert placed.duration == len(out) / RATE


def test_speech_bounds_trim_the_silence_around_a_clip():
    pcm = np.concatenate([np.zeros(300), np.full(500, 8000), np.zeros(200)]).astype("<i2").tobytes()
    assert mix.speech_bounds(pcm) == (300, 800)
    assert mix.speech_bounds(bytes(2000)) == (0, 0)


def test_resample_keeps_the_pitch():
    x = sine(1000, 1.0, 0.5, rate=22050)
    y = mix.resample(x, 22050, 44100)
    assert len(y) == 44100
    crossings = np.count_nonzero(np.diff(np.signbit(y[100:-100])))
    assert crossings == pytest.approx(2 * 1000 * (len(y) - 200) / 44100, abs=4)


def test_the_sting_sits_at_both_ends_at_its_level():
    speech = [sine(300, 4.0, 0.3)]  # long enough that the gating blocks at its edges hardly count
    sting = sine(880, 0.5, 0.8)
    dry, _ = mix.assemble(speech, [0.0], RATE)
    out, placed = mix.assemble(speech, [0.0], RATE, sting=sting)
    n = len(sting)
    assert placed.spans[0][0] == pytest.approx((n + int(mix.STING_GAP * RATE)) / RATE)
    head = out[:n]
    assert integrated(head, RATE) == pytest.approx(integrated(dry, RATE) + mix.STING_LEVEL, abs=0.2)
    end = int(placed.spans[0][1] * RATE) + int(mix.STING_GAP * RATE)
    assert np.allclose(out[end:end + n], head, atol=1e-6)


def test_the_bed_ducks_under_speech():
    clips = [sine(300, 1.0, 0.3)] * 3
    pauses = [0.0, 3.0, 3.0]  # long pauses; the bed lies under the last two clips
    bed = noise(2.0, 0.1, seed=7)
    dry, _ = mix.assemble(clips, pauses, RATE)
    wet, placed = mix.assemble(clips, pauses, RATE, bed=bed, bed_span=(1, 2))
    under = wet - dry  # the bed alone, as mixed
    (_, a_end), (b0, b1), (c0, c1) = placed.spans
    in_speech = under[int((b0 + 0.3) * RATE):int((b1 - 0.3) * RATE)]
    in_pause = under[int((b1 + 1.0) * RATE):int((c0 - 1.0) * RATE)]
    assert db(rms(in_speech)) - db(rms(in_pause)) == pytest.approx(mix.BED_DUCK, abs=0.3)
    assert integrated(in_pause, RATE) == pytest.approx(integrated(dry, RATE) + mix.BED_LEVEL, abs=0.5)
    start, end = int((b0 - mix.BED_MARGIN) * RATE), int((c1 + mix.BED_MARGIN) * RATE)
    assert not under[:start - 1].any() and not under[end + 1:].any()  # the bed runs BED_MARGIN beyond its speech
    assert under[start + RATE // 10:end - RATE // 10].std() > 0


# --- encoding and tags --------------------------------------------------------------------------------------------

SIGNAL_RATE = 44100  # Hz


@pytest.fixture(scope="module")
def tone() -> np.ndarray:
    return sine(440, 1.5, 0.25, rate=SIGNAL_RATE)


def stream(path: Path) -> tuple[int, int]:
    """(sample rate, channels) of the audio stream as ffprobe reads it."""
    import subprocess

    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
                          "stream=sample_rate,channels", "-of", "csv=p=0", str(path)],
                         capture_output=True, text=True, check=True).stdout.strip()
    rate, channels = out.split(",")
    return int(rate), int(channels)


def dominant_hz(x: np.ndarray, rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return float(np.argmax(spectrum) * rate / len(x))


@pytest.mark.parametrize("fmt", list(AUDIO_FORMATS))
def test_encode_writes_the_signal_in_each_format(fmt, tone, tmp_path):
    import mutagen

    options = NarrateOptions(format=fmt)
    path = tmp_path / f"tone{options.extension}"
    encode(tone, SIGNAL_RATE, path, options)
    assert mutagen.File(path).info.length == pytest.approx(1.5, abs=0.06)
    assert stream(path) == (options.output_rate, 1)
    back = decode(path, SIGNAL_RATE)
    assert len(back) / SIGNAL_RATE == pytest.approx(1.5, abs=0.06)
    assert dominant_hz(back, SIGNAL_RATE) == pytest.approx(440, abs=2)
    loudness, peak = measure(path)
    lossless = AUDIO_FORMATS[fmt].lossless  # lossy codecs move a pure tone's level a little (LAME: -0.4 LU here)
    assert loudness == pytest.approx(integrated(tone, SIGNAL_RATE), abs=0.1 if lossless else 0.5)
    if lossless:  # and its peaks (AAC's start-up transient overshoots by 3 dB)
        assert peak == pytest.approx(db(0.25), abs=0.1)


def test_wav_is_bit_exact_at_16_bits(tone, tmp_path):
    path = tmp_path / "tone.wav"
    encode(tone, SIGNAL_RATE, path, NarrateOptions(format="wav"))
    back = decode(path, SIGNAL_RATE)
    assert np.max(np.abs(back - tone)) <= 1 / 32768 + 1e-7


def test_measuring_while_encoding_gives_the_figures_of_the_file(tone, tmp_path):
    path = tmp_path / "tone.mp3"
    during = encode_measured(tone, SIGNAL_RATE, path, NarrateOptions(format="mp3", jobs=2))
    assert during == pytest.approx(measure(path), abs=0.15)


TAGS = Tags(title="Flood Barrier Holds", artist="Harbour Desk", album="Coastline Review", date="2024-03-14",
            genre="Podcast", comment="Voiceover by Maya Okafor",
            chapters=((0.0, 0.5, "Intro"), (0.5, 1.2, "The river"), (1.2, 1.5, "Credits")))


@pytest.mark.parametrize("fmt", ["mp3", "wav"])
def test_id3_tags_and_chapters_read_back(fmt, tone, tmp_path):
    from mutagen.id3 import ID3

    path = tmp_path / f"tone.{fmt}"
    encode(tone, SIGNAL_RATE, path, NarrateOptions(format=fmt))
    write_tags(path, fmt, TAGS)
    if fmt == "wav":
        from mutagen.wave import WAVE

        id3 = WAVE(path).tags
    else:
        id3 = ID3(path)
    assert id3.version[:2] == (2, 4)
    assert str(id3["TIT2"]) == TAGS.title and str(id3["TPE1"]) == TAGS.artist and str(id3["TALB"]) == TAGS.album
    assert str(id3["TDRC"]) == "2024-03-14" and id3.getall("COMM")[0].text == [TAGS.comment]
    chaps = sorted(id3.getall("CHAP"), key=lambda c: c.start_time)
    assert [(c.start_time, c.end_time, str(c.sub_frames["TIT2"])) for c in chaps] == [
        (0, 500, "Intro"), (500, 1200, "The river"), (1200, 1500, "Credits")]
    assert id3.getall("CTOC")[0].child_element_ids == [c.element_id for c in chaps]


@pytest.mark.parametrize("fmt", ["mp3", "wav"])
def test_id3_chap_frames_are_written_in_time_order(fmt, tone, tmp_path):
    # mutagen sorts frames by size on save: titles of varied lengths would come out in title-length order
    titles = ["A much longer first chapter title", "Intro", "Middle part", "The fourth one", "Credits and sources"]
    chapters = tuple((i * 0.3, (i + 1) * 0.3, t) for i, t in enumerate(titles))
    path = tmp_path / f"tone.{fmt}"
    encode(tone, SIGNAL_RATE, path, NarrateOptions(format=fmt))
    write_tags(path, fmt, Tags(**{**TAGS.__dict__, "chapters": chapters}))
    raw = path.read_bytes()
    tag = raw[raw.rindex(b"ID3\x04") if fmt == "wav" else 0:]  # wav: the tag is a chunk after the samples
    at = [tag.index(t.encode("utf-8")) for t in titles]  # each title sits inside its CHAP frame
    assert at == sorted(at)
    if fmt == "wav":
        from mutagen.wave import WAVE

        id3 = WAVE(path).tags
    else:
        from mutagen.id3 import ID3

        id3 = ID3(path)
    assert [str(c.sub_frames["TIT2"]) for c in id3.getall("CHAP")] == titles
    assert [c.start_time for c in id3.getall("CHAP")] == [round(s * 1000) for s, _, _ in chapters]


@pytest.mark.parametrize("fmt", ["ogg", "opus"])
def test_vorbis_comments_and_chapters_read_back(fmt, tone, tmp_path):
    import mutagen

    path = tmp_path / f"tone.{fmt}"
    encode(tone, SIGNAL_RATE, path, NarrateOptions(format=fmt))
    write_tags(path, fmt, TAGS)
    tags = mutagen.File(path).tags
    assert tags["TITLE"] == [TAGS.title] and tags["ARTIST"] == [TAGS.artist] and tags["DATE"] == ["2024-03-14"]
    assert tags["COMMENT"] == [TAGS.comment]
    assert [(tags[f"CHAPTER00{i}"][0], tags[f"CHAPTER00{i}NAME"][0]) for i in (1, 2, 3)] == [
        ("00:00:00.000", "Intro"), ("00:00:00.500", "The river"), ("00:00:01.200", "Credits")]


def test_m4a_tags_and_chapters_are_muxed_from_ffmetadata(tone, tmp_path):
    import subprocess

    from mutagen.mp4 import MP4

    meta = tmp_path / "meta.txt"
    meta.write_text(ffmetadata(Tags(**{**TAGS.__dict__, "title": "Floods; = #1"})), encoding="utf-8")
    path = tmp_path / "tone.m4a"
    encode(tone, SIGNAL_RATE, path, NarrateOptions(format="m4a"), metadata=meta)
    mp4 = MP4(path)
    assert mp4.tags["\xa9nam"] == ["Floods; = #1"] and mp4.tags["\xa9ART"] == [TAGS.artist]
    assert mp4.tags["\xa9day"] == ["2024-03-14"] and mp4.tags["\xa9cmt"] == [TAGS.comment]
    probe = subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-of", "csv=p=0", str(path)],
                           capture_output=True, text=True, check=True).stdout.splitlines()
    assert [line.rsplit(",", 1)[-1] for line in probe] == ["Intro", "The river", "Credits"]


def test_encoding_into_a_missing_folder_fails_cleanly(tone, tmp_path):
    from briefcast.errors import BriefcastError

    target = tmp_path / "missing" / "tone.mp3"
    with pytest.raises(BriefcastError) as caught:
        encode(tone, SIGNAL_RATE, target, NarrateOptions())
    assert "No such file or directory" in (caught.value.detail or "") and not target.exists()


def test_a_transition_puts_the_sting_between_two_clips_in_place_of_the_pause():
    from briefcast.narrate.mix import TRANSITION_GAP, Timeline, layout

    rate = 1000
    plain, _ = layout([100, 100], [1.0, 3.0], rate)
    starts, total = layout([100, 100], [1.0, 3.0], rate, sting=500, transitions=[1])
    gap = 500 + 2 * int(TRANSITION_GAP * rate)
    assert starts[1] - starts[0] - 100 == gap and plain[1] - plain[0] - 100 == 3000
    noise = np.random.default_rng(1).uniform(-0.5, 0.5, 100).astype(np.float32)
    sting = np.full(500, 0.1, dtype=np.float32)
    timeline = Timeline([100, 100], lambda i: noise, [0.0, 3.0], rate, sting=sting, transitions=[1])
    between = timeline.window(starts[0] + 100, starts[1])
    assert np.count_nonzero(between) == 500  # the sting, and silence either side of it
    assert timeline.between_at == [starts[1] - int(TRANSITION_GAP * rate) - 500]


def test_between_stories_a_long_sting_is_cut_short_and_faded_while_the_ends_play_it_whole():
    from briefcast.narrate.mix import TRANSITION_GAP, TRANSITION_MAX, Timeline, layout

    rate = 1000
    sting = np.full(3000, 0.1, dtype=np.float32)  # 3 s: a chime's long ring-out, or the user's own music
    starts, total = layout([100, 100], [0.0, 3.0], rate, sting=3000, transitions=[1])
    played = int(TRANSITION_MAX * rate)
    assert starts[1] - starts[0] - 100 == played + 2 * int(TRANSITION_GAP * rate)
    noise = np.random.default_rng(1).uniform(-0.5, 0.5, 100).astype(np.float32)  # speech sets the sting's level
    timeline = Timeline([100, 100], lambda i: noise, [0.0, 3.0], rate, sting=sting, transitions=[1])
    between = timeline.window(starts[0] + 100, starts[1])
    assert np.count_nonzero(between) == played - 1  # cut to TRANSITION_MAX, its fade ending on zero
    assert between.max() == pytest.approx(between[np.flatnonzero(between)[0]]) and between[np.flatnonzero(
        between)[-1]] < 0.01 * between.max()  # full level, then faded out
    opening, closing = timeline.window(0, starts[0]), timeline.window(starts[1] + 100, total)
    assert np.count_nonzero(opening) == np.count_nonzero(closing) == 3000  # the show's ends ring out whole
