"""Who speaks when: voice embeddings on short windows of the speech the Silero VAD found, clustered into speakers,
then put on the article's sentences (a sentence split where a turn falls inside it, paragraphs broken at turns).

The count of speakers is found by average-linkage clustering cut at a cosine distance (`num_speakers` fixes it),
refined by reassigning each window to its nearest speaker; memory is one 256-float embedding per window (0.8 s), so
an hour of speech holds about 5 MB of them. Names come from `names`, else from the credited voiceover when one voice
clearly dominates; the rest are "Speaker N", numbered by first appearance.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from ..document import Article, Paragraph, QAItem, Sentence, Speaker, Word
from ..media import SAMPLE_RATE
from .recogniser import Span

log = logging.getLogger(__name__)

WINDOW = 1.6  # seconds: one embedding's audio (the encoder's own partial utterance, 160 mel frames)
HOP = 0.8  # seconds between windows
THRESHOLD = 0.45  # cosine distance at which average linkage stops merging clusters (tuned: measure_speakers.py)
MIN_SPEAKER = 2.0  # seconds: a cluster with less speech than this joins its nearest (found count only)
SAME_VOICE = 0.85  # cosine similarity of two clusters' mean embeddings above which they are one voice (one reader's
#                   clips: 0.92-0.95; two readers: 0.48-0.67)
MAX_WINDOWS = 3000  # windows clustered directly; of more, every k-th is (at most this many), the rest join them
BATCH = 32  # windows embedded at once
EDGE = 1.0  # seconds: a turn this close to a sentence's start or end moves there (windows blur a turn ~ HOP)
DOMINANT = 0.5  # share of speech time above which, and twice the next voice's, a voice is the credited narrator
LABEL = "Speaker {}"


@dataclass
class VoicePrints:
    """Embeddings of windows of speech, collected block by block while a recording is transcribed."""

    speech: list[Span] = field(default_factory=list)  # the VAD's speech spans (s)
    times: list[Span] = field(default_factory=list)  # each window's span (s)
    vectors: list[np.ndarray] = field(default_factory=list)  # (n, 256) per block

    def add(self, block: np.ndarray, spans: list[Span], offset: float) -> None:
        """Embed the windows of `spans` (seconds within `block`, which starts at `offset` seconds)."""
        self.speech += [(a + offset, b + offset) for a, b in spans]
        windows = speech_windows(spans, len(block) / SAMPLE_RATE)
        if not windows:
            return
        from .voice import load_encoder

        encoder = load_encoder()
        size = int(WINDOW * SAMPLE_RATE)
        clips = [_clip(block, a, size) for a, _ in windows]
        self.vectors += [encoder.embed(clips[i:i + BATCH]) for i in range(0, len(clips), BATCH)]
        self.times += [(a + offset, b + offset) for a, b in windows]

    def turns(self, num_speakers: int | None = None, *, threshold: float = THRESHOLD,
              min_speaker: float = MIN_SPEAKER) -> Turns:
        """Each window's speaker (0, 1, ... in order of first appearance); see `cluster`."""
        if not self.times:
            return Turns(np.zeros(0), np.zeros(0), np.zeros(0, int))
        labels = cluster(np.concatenate(self.vectors), num_speakers, threshold=threshold, min_speaker=min_speaker)
        order = {old: new for new, old in enumerate(dict.fromkeys(labels.tolist()))}
        times = np.asarray(self.times, dtype=np.float64)
        return Turns(times[:, 0], times[:, 1], np.array([order[int(k)] for k in labels], int))


@dataclass(frozen=True, eq=False)
class Turns:
    """Windows of speech (start, end in seconds) and the speaker heard in each."""

    starts: np.ndarray
    ends: np.ndarray
    labels: np.ndarray

    def __len__(self) -> int:
        return len(self.labels)

    @property
    def speakers(self) -> set[int]:
        return set(self.labels.tolist())

    def at(self, t: float) -> int:
        """The speaker of the window whose centre is nearest `t`, among the windows holding `t` if any do."""
        inside = (self.starts <= t) & (t <= self.ends)
        if inside.any():
            distance = np.where(inside, np.abs((self.starts + self.ends) / 2 - t), np.inf)
        else:
            distance = np.minimum(np.abs(self.starts - t), np.abs(self.ends - t))
        return int(self.labels[int(np.argmin(distance))])


def _clip(block: np.ndarray, start: float, size: int) -> np.ndarray:
    a = int(start * SAMPLE_RATE)
    clip = block[a:a + size]
    return np.pad(clip, (0, size - len(clip))) if len(clip) < size else clip


def speech_windows(spans: list[Span], duration: float) -> list[Span]:
    """Windows of WINDOW seconds every HOP seconds over each speech span; a shorter span gets one window centred on
    it (taking in the audio around it)."""
    windows: list[Span] = []
    for a, b in spans:
        if b - a <= WINDOW:
            start = min(max(0.0, (a + b - WINDOW) / 2), max(0.0, duration - WINDOW))
            windows.append((start, start + WINDOW))
            continue
        n = int(np.ceil((b - a - WINDOW) / HOP)) + 1
        starts = np.linspace(a, b - WINDOW, n)
        windows += [(float(s), float(s) + WINDOW) for s in starts]
    return windows


def cluster(vectors: np.ndarray, num_speakers: int | None = None, *, threshold: float = THRESHOLD,
            min_speaker: float = MIN_SPEAKER) -> np.ndarray:
    """A speaker label per row of unit `vectors` (windows HOP apart): average linkage on cosine distance, cut at
    `threshold` or into `num_speakers`, then each row moved to its nearest centroid; a found speaker with under
    `min_speaker` seconds of windows joins its nearest."""
    from scipy.cluster.hierarchy import fcluster, linkage

    n = len(vectors)
    if n < 2 or num_speakers == 1:
        return np.zeros(n, int)
    step = int(np.ceil(n / MAX_WINDOWS))
    groups = np.arange(n) // step
    sample = vectors[::step]  # every step-th window, not the means of runs of them: a mean of windows is less
    if len(sample) < 2:  # noisy than one, so its distances are shorter and the threshold would merge two voices
        return np.zeros(n, int)
    tree = linkage(sample.astype(np.float64), method="average", metric="cosine")
    if num_speakers:
        first = fcluster(tree, t=min(num_speakers, len(sample)), criterion="maxclust")
    else:
        first = fcluster(tree, t=threshold, criterion="distance")
    labels = (first - 1)[groups]
    for _ in range(3):  # nearest centroid
        centroids = _centroids(vectors, labels)
        labels = np.argmax(vectors @ centroids.T, axis=1)
    while not num_speakers:  # two voices whose mean prints agree this well are one (a long recording splits a voice)
        present = np.unique(labels)
        centroids = _centroids(vectors, labels)[present]
        similar = centroids @ centroids.T - 2 * np.eye(len(present))
        a, b = np.unravel_index(int(np.argmax(similar)), similar.shape)
        if len(present) < 2 or similar[a, b] < SAME_VOICE:
            break
        labels[labels == present[b]] = present[a]
    if not num_speakers:  # too little speech to be a voice of its own: each such window to its nearest voice
        counts = np.bincount(labels)
        keep = np.flatnonzero(counts >= min_speaker / HOP)
        keep = keep if len(keep) else np.array([int(np.argmax(counts))])
        if len(keep) < len(np.flatnonzero(counts)):
            labels = keep[np.argmax(vectors @ _centroids(vectors, labels)[keep].T, axis=1)]
    return np.unique(labels, return_inverse=True)[1]


def _centroids(vectors: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Unit mean vector of each label 0..max (a label with no rows gets a zero vector)."""
    order = np.argsort(labels, kind="stable")
    present, starts = np.unique(labels[order], return_index=True)
    out = np.zeros((labels.max() + 1, vectors.shape[1]), np.float64)
    out[present] = np.add.reduceat(vectors[order].astype(np.float64), starts, axis=0)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms > 0, norms, 1.0)


def apply_speakers(article: Article, turns: Turns) -> None:
    """Give every timed sentence of `article` its speaker ("Speaker N"): a sentence a turn falls inside is split there,
    a paragraph is broken where the speaker changes, and `article.speakers` lists each with their time."""
    if not len(turns):
        return
    for section in article.sections:
        section.paragraphs = [part for par in section.paragraphs for part in _by_speaker(par, turns)]
    first = {name: LABEL.format(i) for i, name in  # numbered by first appearance in the text kept
             enumerate(dict.fromkeys(s.speaker for s in article.sentences if s.speaker), 1)}
    for s in article.sentences:
        s.speaker = first.get(s.speaker or "", s.speaker)
    totals: dict[str, float] = defaultdict(float)  # seconds
    for s in article.sentences:
        if s.speaker and s.start is not None and s.end is not None:
            totals[s.speaker] += round(s.end - s.start, 3)
    article.speakers = [Speaker(name, round(totals[name], 2)) for name in
                        dict.fromkeys(s.speaker for s in article.sentences if s.speaker)]


def _by_speaker(par: Paragraph, turns: Turns) -> list[Paragraph]:
    """A paragraph's sentences, split at the turns inside them, as paragraphs of one speaker each."""
    paragraphs: list[Paragraph] = []
    run: list[Sentence] = []
    for piece in [piece for s in par.sentences for piece in _split(s, turns)]:
        if run and piece.speaker != run[-1].speaker:
            paragraphs.append(Paragraph(run, kind=par.kind))
            run = []
        run.append(piece)
    if run:
        paragraphs.append(Paragraph(run, kind=par.kind))
    return paragraphs


def _split(sentence: Sentence, turns: Turns) -> list[Sentence]:
    """The sentence with its speaker, or its pieces at each turn inside it (a turn within EDGE seconds of either end
    is taken to fall there)."""
    words = sentence.words
    if not words:
        if sentence.start is not None and sentence.end is not None:
            sentence.speaker = LABEL.format(turns.at((sentence.start + sentence.end) / 2) + 1)
        return [sentence]
    runs = _joined([(k, i, i + 1) for i, k in enumerate(turns.at((w.start + w.end) / 2) for w in words)])
    start = sentence.start if sentence.start is not None else words[0].start
    end = sentence.end if sentence.end is not None else words[-1].end
    runs = _without_short_runs(runs, words, start, end)
    if len(runs) == 1:
        sentence.speaker = LABEL.format(runs[0][0] + 1)
        return [sentence]
    pieces = []
    for k, a, b in runs:
        part = words[a:b]
        text = " ".join(w.text.strip() for w in part)
        pieces.append(Sentence(text=text, spoken=text, start=part[0].start, end=part[-1].end, words=list(part),
                               speaker=LABEL.format(k + 1)))
    return pieces


def _joined(runs: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Runs (speaker, first word, last word + 1) in order, neighbours of one speaker made one run."""
    out: list[tuple[int, int, int]] = []
    for r in runs:
        out = out[:-1] + [(r[0], out[-1][1], r[2])] if out and out[-1][0] == r[0] else out + [r]
    return out


def _without_short_runs(runs: list[tuple[int, int, int]], words: list[Word], start: float,
                        end: float) -> list[tuple[int, int, int]]:
    """The runs with each shorter than EDGE seconds (the shortest first) given to the longer of its neighbours."""

    def length(j: int) -> float:  # a run's time; at an edge, from the sentence's start or to its end
        _, a, b = runs[j]
        return (end if j == len(runs) - 1 else words[b - 1].end) - (start if j == 0 else words[a].start)

    while len(runs) > 1 and (j := min(range(len(runs)), key=length)) is not None and length(j) < EDGE:
        into = j - 1 if j == len(runs) - 1 or (j > 0 and length(j - 1) >= length(j + 1)) else j + 1
        k = runs[into][0]
        runs = _joined(sorted(runs[:min(j, into)] + [(k, runs[min(j, into)][1], runs[max(j, into)][2])]
                              + runs[max(j, into) + 1:], key=lambda r: r[1]))
    return runs


def name_speakers(article: Article, names: tuple[str, ...] = ()) -> None:
    """Name the speakers: `names` in order of first appearance; else the credited voiceover names the voice that
    clearly talks most (a QA item says when none does). Sentences follow their speaker's new name."""
    if not article.speakers:
        return
    renamed: dict[str, str] = {}
    if names:
        renamed = {s.name: n for s, n in zip(article.speakers, names) if n}
    elif narrator := article.credits.get("voiceover") or article.credits.get("narration"):
        ranked = sorted(article.speakers, key=lambda s: -s.seconds)
        total = sum(s.seconds for s in ranked) or 1.0
        top = ranked[0]
        second = ranked[1].seconds if len(ranked) > 1 else 0.0
        if top.seconds / total > DOMINANT and top.seconds >= 2 * second:
            renamed = {top.name: narrator}
        else:
            end = article.duration or 0.0
            article.qa.append(QAItem(
                "narrator_unclear", 0.0, end, f"the credited voiceover, {narrator}, could not be matched to one "
                f"voice: no speaker of {len(ranked)} talks most by far ({top.name}: {top.seconds / total:.0%})",
                "kept the speakers unnamed", text=narrator))
    if not renamed:
        return
    for s in article.sentences:
        if s.speaker in renamed:
            s.speaker = renamed[s.speaker]
    article.speakers = [Speaker(renamed.get(s.name, s.name), s.seconds) for s in article.speakers]
