"""A printed article aligned to the voice that read it (`transcribe --script`): the article as printed, with the
voice's times on every sentence and word that was said, and what the reader changed.

Both sides are compared as spoken words: the segmenter's speech normaliser says '1961', '£45,000' and 'Dr.' as a
voice does, on the printed text and on the recogniser's words alike. An edit-distance alignment (rapidfuzz) finds
the words that agree; between them, a small alignment whose cost is the words' spelling distance pairs the misheard
ones ('Whitfeld' for 'Whitfield'); printed names heard as words that sound like them ('Hamamt' heard 'Hanans and')
are the names misheard (kind `misheard`). A stretch that still differs is decoded again, primed with the printed
words it should hold, and the better of the two readings is kept (reported as kind `primed`). What then still
differs is the reader's change, reported in `Article.qa` with severity "change", never forced onto the times:
`not_said` (printed, not said), `not_printed` (said, not printed), `said_differently` and `moved` (said elsewhere);
or, when the recogniser more likely misheard it (low confidence on words alike, sound where printed words went
unheard), a `doubtful` warning.
"""
from __future__ import annotations

import copy
import dataclasses
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..document import Article, QAItem, Word
from ..errors import InputError
from ..media import SAMPLE_RATE, stream
from ..segmenter.words import keys_of, token_of_each
from ..writers.changes import CHANGE
from .energy import FRAME as ENERGY_FRAME
from .energy import Energy
from .options import AlignOptions, TranscribeOptions
from .sounds import broad_similarity, broad_within, similarity, sound_similarity

if TYPE_CHECKING:
    from .pipeline import Recognised
    from .recogniser import Segment

log = logging.getLogger(__name__)

MATCH = 0.6  # spelling similarity (0..1, rapidfuzz's ratio) at which a heard word is the printed one misheard
GROUP_MATCH = 0.8  # similarity of a run of words with another, joined ('cold hearted' and 'coldhearted')
FUZZY_CELLS = 250_000  # a stretch between agreeing words aligned word by word up to this many pairs
MIN_CLIP = 0.25  # seconds: a stretch shorter than this is not decoded again
MAX_CLIP = 28.0  # seconds: nor one longer (a Whisper window holds 30 s)
MIN_WORD = 0.02  # seconds: a primed word shorter than this is the prompt repeated, not heard
PRIMED_FLOOR = 0.05  # nor is a primed word the recogniser gives less probability than this
CLIP_PAD = 0.5  # seconds of audio either side of a stretch decoded again (the words there are decoded with it)
MOVED = 0.6  # share of a printed stretch's words found in a stretch said elsewhere for it to count as moved
MOVE_JUMP = 8  # heard words apart beyond which two matched words of a moved passage belong to different runs
MIN_MOVED = 4  # words: a shorter stretch is never looked for elsewhere
HEARD_RUN = 60  # heard words said at once at most (a run without a full stop)
MIN_PAUSE = 0.08  # seconds between two heard words after which the second's start is looked for in the sound
ONSET_SEARCH = 0.4  # seconds either side of a heard word's start where its sound's onset is looked for
PAUSE = 0.12  # seconds of quiet that part two words (a stop's closure inside a word is shorter: 'a|ccording')
NO_MATCH = 0.2  # below this share of printed words heard, the script is not the one read
FRAME_SLIP = 3  # heard words beside the intro, a heading or the outro taken as part of it ('voice over')
MINOR_RUN = 2  # at most this many function words said for as many others is a doubtful hearing, not a change
FUNCTION_WORDS = frozenset(
    "a an the and or but then than so as at in on of to for by with from into that this these those it its is was "
    "are were be been has had have he she they we you i his her their our there here when while if".split())
DOUBT = 0.5  # mean word probability under which a differing stretch is more likely misheard than changed
LOOSE = 0.3  # similarity under which a word heard with low confidence is still not the printed one misheard
NAMES_ALIKE = 0.75  # similarity of two stretches' broad sounds at which heard words are printed names misheard
NAME_SOUNDS = 5  # broad sounds in a printed name from which it must itself be found in the heard stretch
SOUNDS_ALIKE = 0.5  # similarity of two stretches' phonemes at which the heard is more likely the printed misheard
SPEECH_PER_WORD = 0.12  # seconds of sound per printed word not heard, beyond which it was probably said, unheard
SUPPORTED = 1.0  # nats a token by which the recording must support printed names over every decoy to be them misheard
CONTEXT_BEFORE = 1.5  # seconds of audio before a stretch of names scored with it (with the words heard there)
CONTEXT_AFTER = 0.8  # and after it
AFTER_WORDS = 0.5  # seconds after the stretch within which the heard words that start are scored after the names
FRAME = -1  # the sentence index of a word of the intro, a heading or the outro: said or not, never a change


@dataclass
class Printed:
    """The printed article as a run of comparable words, each owned by (sentence index, word index in the
    sentence's text.split()); sentence FRAME for the intro, headings and outro a narration adds."""

    article: Article
    keys: list[str] = field(default_factory=list)
    owners: list[tuple[int, int]] = field(default_factory=list)


def printed_words(article: Article) -> Printed:
    """The words a reading of `article` says, in order: briefcast's own narration script (intro, headings, body
    sentences, outro), so that a narrated article's frame is recognised as such."""
    from ..narrate.options import NarrateOptions
    from ..narrate.script import build_script

    printed = Printed(article)
    sentences = article.sentences
    done: set[int] = set()
    for u in build_script(article, NarrateOptions()).utterances:
        if u.kind == "body" and u.sentence is not None:
            if u.sentence in done:
                continue
            done.add(u.sentence)
            sen = sentences[u.sentence]
            keys = keys_of(sen.spoken, spoken=True) if sen.spoken else keys_of(sen.text)
            printed.keys += keys
            printed.owners += [(u.sentence, t) for t in token_of_each(sen.text.split(), keys)]
        else:
            keys = keys_of(u.text, spoken=True)
            printed.keys += keys
            printed.owners += [(FRAME, 0)] * len(keys)
    return printed


# --- the alignment ---------------------------------------------------------------------------------------------

Pair = tuple[int | None, int | None]  # (printed index, heard index): a match or a substitution; None: a gap


def align(a: Sequence[str], b: Sequence[str]) -> list[Pair]:
    """An alignment of the word sequences `a` and `b`: exact agreements first (edit distance), then each stretch
    between them aligned word by word at the cost of the words' spelling distance."""
    from rapidfuzz.distance import Indel

    path: list[Pair] = []
    pending: list[int] = []  # the disagreeing stretch so far: [a start, a end, b start, b end]
    for op in Indel.opcodes(list(a), list(b)):  # the most agreeing words (a substitution would pair two passages)
        if op.tag == "equal":
            if pending:
                path += _fuzzy(a, b, *pending)
                pending = []
            path += [(op.src_start + k, op.dest_start + k) for k in range(op.src_end - op.src_start)]
        elif pending:
            pending[1], pending[3] = op.src_end, op.dest_end
        else:
            pending = [op.src_start, op.src_end, op.dest_start, op.dest_end]
    if pending:
        path += _fuzzy(a, b, *pending)
    return path


def _fuzzy(a: Sequence[str], b: Sequence[str], i1: int, i2: int, j1: int, j2: int) -> list[Pair]:
    """Needleman-Wunsch over a[i1:i2] and b[j1:j2]: a gap costs 1, pairing two alike words 2 x (1 - similarity),
    two words not alike more than leaving both out."""
    n, m = i2 - i1, j2 - j1
    if not n or not m or n * m > FUZZY_CELLS:
        return [(i1 + k, None) for k in range(n)] + [(None, j1 + k) for k in range(m)]
    sim = np.array([[similarity(a[i1 + i], b[j1 + j]) for j in range(m)] for i in range(n)])
    sub = np.where(sim >= MATCH, 2.0 * (1.0 - sim), 2.5)
    cost = np.zeros((n + 1, m + 1))
    cost[:, 0] = np.arange(n + 1)
    cost[0, :] = np.arange(m + 1)
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            cost[i, j] = min(cost[i - 1, j - 1] + sub[i - 1, j - 1], cost[i - 1, j] + 1, cost[i, j - 1] + 1)
    pairs: list[Pair] = []
    i, j = n, m
    while i or j:
        if i and j and cost[i, j] == cost[i - 1, j - 1] + sub[i - 1, j - 1]:
            i, j = i - 1, j - 1
            pairs.append((i1 + i, j1 + j))
        elif i and cost[i, j] == cost[i - 1, j] + 1:
            i -= 1
            pairs.append((i1 + i, None))
        else:
            j -= 1
            pairs.append((None, j1 + j))
    return pairs[::-1]


@dataclass
class Gap:
    """A stretch where print and speech differ: printed word indices, heard word indices, and the time between
    the agreeing words around it (seconds)."""

    printed: list[int]
    heard: list[int]
    start: float
    end: float
    beside: tuple[int | None, int | None] = (None, None)  # the agreeing printed words before and after it
    moved: bool = False  # printed words said elsewhere (start, end: where they were said), not a difference here


@dataclass
class Alignment:
    """Which heard word each printed word was matched with (None: not heard), and the stretches that differ."""

    matched: list[int | None]
    gaps: list[Gap]


def match(printed: Sequence[str], heard: Sequence[str], times: Sequence[tuple[float, float]],
          duration: float, owner: Sequence[int] | None = None, start: float = 0.0) -> Alignment:
    """Align printed words with heard words (`times`: each heard word's span, between `start` and `duration`) and
    collect the stretches that differ; a run that differs word by word but agrees joined ('coldhearted') is
    matched as a whole. `owner`: the heard word of each heard key (one word may be said as several)."""
    matched: list[int | None] = [None] * len(printed)
    gaps: list[Gap] = []
    run_p: list[int] = []
    run_h: list[int] = []
    last_end = start

    def close(next_start: float, next_i: int | None, next_j: int | None) -> None:
        if (run_p or run_h) and not (run_p and run_h):  # a word said as two, or two as one, beside an agreeing pair
            joined_p, joined_h = "".join(printed[k] for k in run_p), "".join(heard[k] for k in run_h)
            for i, j, before in ((*last, True), (next_i, next_j, False)) if last else ((next_i, next_j, False),):
                if i is None or j is None:
                    continue
                pair_p = printed[i] + joined_p if before else joined_p + printed[i]
                pair_h = heard[j] + joined_h if before else joined_h + heard[j]
                if GROUP_MATCH <= similarity(pair_p, pair_h) > similarity(printed[i], heard[j]):
                    for k in run_p:
                        matched[k] = j
                    run_p.clear()
                    run_h.clear()
                    break
        if owner is not None and not run_p:  # the rest of a heard word whose other part agreed ('2020-25' heard
            run_h[:] = [j for j in run_h if owner[j] not in agreed]  # for '2025'), where no printed word differs
        if not run_p and not run_h:
            return
        if run_p and run_h and similarity("".join(printed[i] for i in run_p),
                                          "".join(heard[j] for j in run_h)) >= GROUP_MATCH:
            for k, i in enumerate(run_p):  # share the heard words out in order
                matched[i] = run_h[min(k * len(run_h) // len(run_p), len(run_h) - 1)]
        else:
            gaps.append(Gap(list(run_p), list(run_h), last_end, next_start,
                            (last[0] if last else None, next_i)))
        run_p.clear()
        run_h.clear()

    pairs = align(printed, heard)
    last: tuple[int, int] | None = None
    agreed = {owner[j] for i, j in pairs if i is not None and j is not None and owner is not None
              and similarity(printed[i], heard[j]) >= MATCH}
    for i, j in pairs:
        if i is not None and j is not None and similarity(printed[i], heard[j]) >= MATCH:
            close(times[j][0], i, j)
            matched[i] = j
            last_end = times[j][1]
            last = (i, j)
            continue
        if i is not None:
            run_p.append(i)
        if j is not None:
            run_h.append(j)
    close(duration, None, None)
    return Alignment(matched, _weak_anchors(printed, heard, matched, gaps))


def _weak_anchors(printed: Sequence[str], heard: Sequence[str], matched: list[int | None],
                  gaps: list[Gap]) -> list[Gap]:
    """Two gaps on either side of one agreeing function word: one gap, when the gaps are printed words only and
    heard words only (the alignment chose which 'the' agrees: 'of at-Tanf. The airstrikes' heard 'of the tent. The
    air strikes'), or when the function word agrees only loosely ('an Iranian-made Shahhed' heard 'in uranium a
    child': 'a' is no anchor)."""
    out: list[Gap] = []
    for g in gaps:
        prev = out[-1] if out else None
        i = g.beside[0]
        j = matched[i] if i is not None else None
        if prev is not None and i is not None and prev.beside[1] == i and printed[i] in FUNCTION_WORDS and (
                (j is not None and heard[j] != printed[i]) or (
                    bool(prev.printed) != bool(prev.heard) and bool(g.printed) != bool(g.heard)
                    and bool(prev.printed) != bool(g.printed))):
            matched[i] = None
            out[-1] = Gap(prev.printed + [i] + g.printed, prev.heard + ([j] if j is not None else []) + g.heard,
                          prev.start, g.end, (prev.beside[0], g.beside[1]))
        else:
            out.append(g)
    return out


# --- the whole job ---------------------------------------------------------------------------------------------

@dataclass
class _Heard:
    """The recogniser's words, each said as comparable words (`keys`, each with the index of its word)."""

    words: list[Word]
    keys: list[str] = field(default_factory=list)
    owner: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        # said a sentence at a time, as the normaliser needs the context ('Dr. Smith', '9 hours')
        start = 0
        for n, w in enumerate(self.words):
            if n + 1 == len(self.words) or n - start >= HEARD_RUN or (
                    n - start >= HEARD_RUN // 2 and w.text.endswith((".", "?", "!"))):
                tokens = [x.text for x in self.words[start:n + 1]]
                keys = keys_of(" ".join(tokens))
                self.keys += keys
                self.owner += [start + t for t in token_of_each(tokens, keys)]
                start = n + 1

    def onsets(self, energy: Energy) -> None:
        """Move the start of each word after a pause to where the sound begins (Whisper's word times smear into
        the silence before a word, or start late)."""
        end = 0.0
        for n, w in enumerate(self.words):
            found = after_pause(energy, end, w.end)
            if found is None and (w.start - end >= MIN_PAUSE or n == 0):
                found = onset(energy, w.start, max(end, w.start - ONSET_SEARCH), min(w.end, w.start + ONSET_SEARCH))
            if found is not None:
                self.words[n] = Word(w.text, found, w.end, w.probability)
            end = max(end, w.end)

    def span(self, keys: Sequence[int]) -> tuple[float, float]:
        words = [self.words[self.owner[k]] for k in keys]
        return min(w.start for w in words), max(w.end for w in words)

    def confidence(self, keys: Sequence[int]) -> float:
        """The mean probability the recogniser gave the words of `keys` (1.0 when it gave none)."""
        p = [self.words[n].probability for n in dict.fromkeys(self.owner[k] for k in keys)]
        known = [x for x in p if x is not None]
        return sum(known) / len(known) if known else 1.0

    def text(self, keys: Sequence[int]) -> str:
        return " ".join(self.words[n].text for n in dict.fromkeys(self.owner[k] for k in keys))


def after_pause(energy: Energy, lo: float, hi: float) -> float | None:
    """Where the sound after the last pause (PAUSE or more of quiet) that ends between `lo` and `hi` begins
    (seconds), or None: the start of a word heard from before `hi` whose previous word ended at `lo`, wherever
    Whisper put it (a word's start smears back into the pause before it, or over a stop's closure)."""
    first, last = max(int((lo - ONSET_SEARCH) / ENERGY_FRAME), 0), min(int(hi / ENERGY_FRAME), len(energy.db))
    quiet = energy.db[first:last] < energy.threshold
    need = round(PAUSE / ENERGY_FRAME)
    k = len(quiet)
    while k > 0:
        if quiet[k - 1]:
            j = k
            while j > 0 and quiet[j - 1]:
                j -= 1
            if k < len(quiet) and k - j >= need and (first + k) * ENERGY_FRAME > lo:
                return round((first + k) * ENERGY_FRAME, 3)
            k = j
        else:
            k -= 1
    return None


def onset(energy: Energy, start: float, lo: float, hi: float) -> float:
    """Where the sound of a word said near `start` begins, looked for between `lo` and `hi` (seconds): the first
    loud frame after `start` when it lies in quiet, else the first frame of the loud run it lies in."""
    frame = int(start / ENERGY_FRAME)
    first, last = max(int(lo / ENERGY_FRAME), 0), min(int(hi / ENERGY_FRAME), len(energy.db) - 1)
    if not first <= frame <= last:
        return start
    loud = energy.db >= energy.threshold
    k = frame
    if not loud[k]:
        while k < last and not loud[k]:
            k += 1
        return round(k * ENERGY_FRAME, 3) if loud[k] else start
    while k > first and loud[k - 1]:
        k -= 1
    return round(k * ENERGY_FRAME, 3)


def align_script(media: str | Path, article: Article, *, options: TranscribeOptions = TranscribeOptions(),
                 align_options: AlignOptions = AlignOptions(),
                 progress: Callable[[float, float], None] | None = None,
                 recognised: Recognised | None = None) -> Article:
    """The printed `article` with the times of the voice in `media` on every sentence and word said, and what the
    reader changed in its QA list (`recognised`: the recording's words, when already recognised). InputError when
    the article has no text or the speech is not a reading of it."""
    from .pipeline import recognise_words

    if article.is_empty:
        raise InputError("the script has no sentences to align", hint="pass the printed article's text, HTML or "
                         "Markdown file")
    printed = printed_words(article)
    if recognised is None:
        recognised = recognise_words(media, options=options, progress=progress)
    heard = _Heard(list(recognised.words))
    if recognised.energy is not None:
        heard.onsets(recognised.energy)
    qa = list(recognised.qa)
    alignment = _align(printed, heard, recognised.duration)
    body = [k for k, (s, _) in enumerate(printed.owners) if s != FRAME]
    found = sum(alignment.matched[k] is not None for k in body)
    if found < NO_MATCH * len(body):
        raise InputError(f"the speech does not read the script: {found} of its {len(body)} words were heard",
                         hint="check that the script is the article this recording reads")
    misheard = _names_misheard(printed, heard, alignment)
    if align_options.reprime:
        heard, alignment, primed = _reprime(media, printed, heard, alignment, options, recognised.duration)
        if primed:  # aligned again: the names found again, and any a primed reading left
            misheard = _names_misheard(printed, heard, alignment)
        qa += primed
        misheard += _names_supported(media, printed, heard, alignment, options, recognised.duration)
    qa += misheard
    out = _timed(printed, heard, alignment)
    out.qa = sorted(qa + _changes(printed, heard, alignment, recognised.energy), key=lambda q: q.start)
    out.removed += recognised.removed
    out.language = recognised.language or out.language
    out.duration = round(recognised.duration, 3)
    out.provenance["times"] = "speech"
    return out


def _align(printed: Printed, heard: _Heard, duration: float) -> Alignment:
    times = [(heard.words[n].start, heard.words[n].end) for n in heard.owner]
    alignment = match(printed.keys, heard.keys, times, duration, heard.owner)
    moves = _find_moved(printed, heard, alignment)
    passages = [p for p in (_passage(printed, heard, moved, taken) for moved, taken in moves) if p is not None]
    keys = [k for p, _ in passages for k in p]
    said = [j for _, run in passages for j in run]
    if not passages or len(set(keys)) < len(keys) or len(set(said)) < len(said):
        return alignment
    return _realigned(printed, heard, duration, passages)


def _passage(printed: Printed, heard: _Heard, moved: set[int], taken: set[int]) -> tuple[list[int], range] | None:
    """A move as whole printed sentences (those it holds at least half of) and the run of heard words that says
    them: the words a move found are those that agree, and the in-place alignment may have paired the passage's
    edges with the words of the passage read in its place (two paragraphs' 'in the province' across)."""
    owners = printed.owners
    counts = Counter(owners[k][0] for k in moved if owners[k][0] != FRAME)
    size = Counter(s for s, _ in owners)
    whole = {s for s, c in counts.items() if 2 * c >= size[s]}
    keys = [k for k, (s, _) in enumerate(owners) if s in whole]
    if not keys:
        return None
    lo, hi = max(min(taken) - MOVE_JUMP, 0), min(max(taken) + MOVE_JUMP, len(heard.keys) - 1)
    window = list(range(lo, hi + 1))
    sub = match([printed.keys[k] for k in keys], [heard.keys[j] for j in window],
                [heard.span([j]) for j in window], 0.0).matched
    said = {window[m]: n for n, m in enumerate(sub) if m is not None}
    both = sorted(j for j in taken if j in said)  # heard words the move and the whole sentences agree on
    if not both:
        return None
    first, last = both[0], both[-1]
    a, b = said[first], said[last]
    while a > 0 and first > 0 and heard.keys[first - 1] == printed.keys[keys[a - 1]]:  # and the small words said
        a, first = a - 1, first - 1  # right before and after them
    while b + 1 < len(keys) and last + 1 < len(heard.keys) and heard.keys[last + 1] == printed.keys[keys[b + 1]]:
        b, last = b + 1, last + 1
    return keys, range(first, last + 1)


def _realigned(printed: Printed, heard: _Heard, duration: float, passages: list[tuple[list[int], range]]) -> Alignment:
    """The alignment again, with each moved passage aligned with the run of heard words that says it and the rest
    of the print with the rest of the speech; each passage is one moved gap."""
    inside = {k for keys, _ in passages for k in keys}
    said = {j for _, run in passages for j in run}
    pieces = [([k for k in range(len(printed.keys)) if k not in inside],
               [j for j in range(len(heard.keys)) if j not in said])] + [(keys, list(run)) for keys, run in passages]
    matched: list[int | None] = [None] * len(printed.keys)
    gaps: list[Gap] = []
    for n, (ps, hs) in enumerate(pieces):
        spans = [heard.span([j]) for j in hs]
        sub = match([printed.keys[k] for k in ps], [heard.keys[j] for j in hs], spans,
                    duration if n == 0 else spans[-1][1], [heard.owner[j] for j in hs],
                    0.0 if n == 0 else spans[0][0])
        for a, b in enumerate(sub.matched):
            if b is not None:
                matched[ps[a]] = hs[b]
        gaps += [Gap([ps[a] for a in g.printed], [hs[b] for b in g.heard], g.start, g.end,
                     (_at(ps, g.beside[0]), _at(ps, g.beside[1]))) for g in sub.gaps]
    for keys, run in passages:
        start, end = heard.span(list(run))
        gaps.append(Gap(_body(printed, keys), [], start, end, moved=True))
    return Alignment(matched, sorted(gaps, key=lambda g: g.start))


def _at(indices: Sequence[int], i: int | None) -> int | None:
    return None if i is None else indices[i]


def _find_moved(printed: Printed, heard: _Heard, alignment: Alignment) -> list[tuple[set[int], set[int]]]:
    """Printed stretches not said where they stand but said elsewhere (two paragraphs read in the other order):
    matched with the unmatched heard words where they were said (one run of them), and reported as one move.
    Returns each move's printed and heard words."""
    moves: list[tuple[set[int], set[int]]] = []
    for g in [g for g in alignment.gaps if len(_body(printed, g.printed)) >= MIN_MOVED]:
        keys = _body(printed, g.printed)  # (none left when an earlier move took the whole stretch as its edge)
        pool = sorted(j for h in alignment.gaps if h is not g for j in h.heard)
        if not keys or len(pool) < MIN_MOVED:
            continue
        best = _said_elsewhere(printed, heard, keys, pool)
        if len(best) < MOVED * len(keys):
            continue
        taken = {pool[n] for _, n in best}
        for k, n in best:
            alignment.matched[k] = pool[n]
        moved = {k for k, _ in best}
        _take_edges(printed, heard, alignment, g, moved, taken)
        g.printed = [k for k in g.printed if k not in moved]
        if _minor(printed.keys[k] for k in g.printed):  # a word or two of it the alignment took elsewhere
            g.printed = []
        _release(heard, alignment, taken)
        start, end = heard.span(sorted(taken))
        alignment.gaps.append(Gap(sorted(moved), [], start, end, moved=True))  # the move itself, reported once
        moves.append((moved, taken))
    alignment.gaps = sorted((g for g in alignment.gaps if g.printed or g.heard), key=lambda g: g.start)
    return moves


def _names_misheard(printed: Printed, heard: _Heard, alignment: Alignment) -> list[QAItem]:
    """Stretches of printed names heard as other words that sound like them ('Hamamt' heard 'Hanans and'): the
    names a small recogniser does not know, matched with the words heard for them (so they are timed), each
    recorded as QA kind `misheard` (info), not reported as a change, when the stretches sound alike and each name
    of a few sounds or more is found in the heard words (so that a name changed among misheard ones is not taken
    for one of them). Only names: common words that sound alike ('Tuesday', 'Thursday') are said differently as
    often as misheard."""
    sentences = printed.article.sentences
    qa: list[QAItem] = []
    for g in list(alignment.gaps):
        body = _body(printed, g.printed)
        if not body or not g.heard or len(body) != len(g.printed) or not any(
                _is_name(sentences[s].text.split(), t) for s, t in dict.fromkeys(printed.owners[k] for k in body)):
            continue
        said = " ".join(heard.keys[j] for j in g.heard)
        alike = broad_similarity(" ".join(printed.keys[k] for k in body), said)
        if alike < NAMES_ALIKE or _name_unheard(printed, body, said):  # (a name changed among misheard ones)
            continue
        qa.append(_misheard(printed, heard, alignment, g, body,
                            f"heard {heard.text(g.heard)!r}, which sounds like the printed names ({alike:.2f})"))
    return qa


def _misheard(printed: Printed, heard: _Heard, alignment: Alignment, g: Gap, body: list[int], message: str) -> QAItem:
    """The printed words `body` of the gap `g` misheard: matched with its heard words shared out in order (so they
    are timed), the gap closed, and a QA item of kind `misheard` (info) saying so."""
    for n, k in enumerate(body):
        alignment.matched[k] = g.heard[min(n * len(g.heard) // len(body), len(g.heard) - 1)]
    alignment.gaps.remove(g)
    start, end = heard.span(g.heard)
    return QAItem("misheard", round(start, 2), round(end, 2), message, "timed as the printed words",
                  _printed_text(printed, body), severity="info")


def _names_supported(media: str | Path, printed: Printed, heard: _Heard, alignment: Alignment,
                     options: TranscribeOptions, duration: float) -> list[QAItem]:
    """Stretches of printed names still heard as other words after the primed decoding, which the recording
    supports better than the same words with any of the article's other names in their place (support.py: the
    recogniser's own probability of each, over the audio against over silence): the names misheard ('Baghdad'
    heard 'They get'), timed and recorded as `misheard`. A name the reader changed is supported less than some
    decoy, and stays a change. Only with a recogniser that scores given words (faster-whisper)."""
    from .backends import get_recogniser
    from .recogniser import Scorer
    from .support import support_margin

    sentences = printed.article.sentences
    todo: list[tuple[Gap, list[int], list[str]]] = []
    for g in alignment.gaps:
        body = _body(printed, g.printed)
        if g.moved or not body or not g.heard or len(body) != len(g.printed):
            continue
        names = [n for s, t in dict.fromkeys(printed.owners[k] for k in body)
                 if _is_name(sentences[s].text.split(), t) for n in _name_parts(sentences[s].text.split()[t])]
        if names:
            todo.append((g, body, names))
    recogniser = get_recogniser(options) if todo else None
    if not isinstance(recogniser, Scorer):
        return []
    decoys = list(dict.fromkeys(n for sen in sentences for t, token in enumerate(sen.text.split())
                                if _is_name(sen.text.split(), t) for n in _name_parts(token)))
    spans = [(max(0.0, g.start - CONTEXT_BEFORE), min(duration, g.end + CONTEXT_AFTER)) for g, _, _ in todo]
    qa: list[QAItem] = []
    for (g, body, names), (a, b), clip in zip(todo, spans, _clips(media, spans)):
        start, end = heard.span(g.heard)
        tokens = {printed.owners[k] for k in body}  # (a heard word that says part of a printed token is in it)
        inside = {heard.owner[j] for k, j in enumerate(alignment.matched)
                  if j is not None and printed.owners[k] in tokens}
        words = [w for n, w in enumerate(heard.words) if n not in inside]
        before = " ".join(w.text for w in words if w.start >= a and w.end <= start)
        after = " ".join(w.text for w in words if end <= w.start <= end + AFTER_WORDS and w.end <= b)
        margin = support_margin(recogniser, clip, before, _printed_text(printed, body), after, names, decoys)
        log.debug("support of %r heard %r: %s", _printed_text(printed, body), heard.text(g.heard), margin)
        if margin is not None and margin >= SUPPORTED:
            qa.append(_misheard(printed, heard, alignment, g, body, f"heard {heard.text(g.heard)!r}; the sound "
                                f"supports the printed names over the article's others (by {margin:.1f} nats)"))
    return qa


def _name_parts(token: str) -> list[str]:
    """The names in a printed name token: its capitalised parts ('Salamiyah-Palmyra' -> both, so that a name
    changed beside one said is swapped alone), else the token ('al-Qusur' -> 'Qusur'; 'ISIS-held' -> 'ISIS')."""
    bare = _bare(token)
    return [p for p in bare.split("-") if p[:1].isupper()] or [bare]


def _bare(token: str) -> str:
    """A printed token without the quotes and punctuation around it."""
    return token.strip("\"'“”‘’()[],.;:!?")


def _name_unheard(printed: Printed, keys: Sequence[int], said: str) -> bool:
    """Whether a printed name among `keys`, of NAME_SOUNDS broad sounds or more, is nowhere in the sound of the
    heard words `said` (a recogniser that mishears a name keeps much of its sound)."""
    sentences = printed.article.sentences
    return any(_is_name(sentences[printed.owners[k][0]].text.split(), printed.owners[k][1]) and size >= NAME_SOUNDS
               and found < NAMES_ALIKE for k in keys if printed.owners[k][0] != FRAME
               for found, size in [broad_within(printed.keys[k], said)])


def _is_name(tokens: Sequence[str], t: int) -> bool:
    """Whether the printed token `t` of a sentence's `tokens` is a name: capitalised, not as the sentence's first
    word only ('The'), or in capitals after its first letter ('SDF', 'al-Qusur')."""
    word = _bare(tokens[t])
    return any(c.isupper() for c in word[1:]) or (t > 0 and word[:1].isupper())


def _release(heard: _Heard, alignment: Alignment, taken: set[int]) -> None:
    """The heard words `taken` by a move no longer in any gap, nor a few small words left beside them."""
    for h in alignment.gaps:
        h.heard = [j for j in h.heard if j not in taken]
        if not h.printed and _minor(heard.keys[j] for j in h.heard) and any(
                abs(j - t) <= MOVE_JUMP for j in h.heard for t in taken):  # its edges, taken elsewhere
            h.heard = []


def _said_elsewhere(printed: Printed, heard: _Heard, keys: list[int], pool: list[int]) -> list[tuple[int, int]]:
    """The printed `keys` matched with the unmatched heard words `pool`: the longest run of matches whose heard
    words lie together (one passage said elsewhere), as (printed key, index into pool)."""
    sub = match([printed.keys[k] for k in keys], [heard.keys[j] for j in pool], [heard.span([j]) for j in pool], 0.0)
    found = sorted(((k, n) for k, n in zip(keys, sub.matched) if n is not None), key=lambda f: f[1])
    runs: list[list[tuple[int, int]]] = []
    for f in found:  # the heard words of one passage lie together: split where they jump
        if runs and f[1] - runs[-1][-1][1] <= MOVE_JUMP:
            runs[-1].append(f)
        else:
            runs.append([f])
    return max(runs, key=len, default=[])


def _take_edges(printed: Printed, heard: _Heard, alignment: Alignment, g: Gap, moved: set[int],
                taken: set[int]) -> None:
    """The moved passage's edges, cut off by a word or two the alignment agreed on: printed words of other gaps
    next to the `moved` ones matched with unmatched heard words next to the `taken` ones (both sets grow)."""
    for g2 in alignment.gaps:
        edge = [k for k in _body(printed, g2.printed) if _near(k, moved)]
        near = [j for h in alignment.gaps for j in h.heard if j not in taken and _near(j, taken)]
        if g2 is g or not edge or not near:
            continue
        more = match([printed.keys[k] for k in edge], [heard.keys[j] for j in near],
                     [heard.span([j]) for j in near], 0.0).matched
        if sum(n is not None for n in more) >= MOVED * len(edge):
            for k, m in zip(edge, more):
                if m is not None:
                    alignment.matched[k] = near[m]
                    taken.add(near[m])
                    moved.add(k)
            g2.printed = [k for k in g2.printed if k not in moved]


def _near(i: int, indices: set[int]) -> bool:
    """Whether index `i` is within MOVE_JUMP of one of `indices` (not empty)."""
    return min(abs(i - m) for m in indices) <= MOVE_JUMP


def _minor(keys: Iterable[str]) -> bool:
    """Whether words are a few small function words (which a small model mishears more often than readers
    change them)."""
    ks = list(keys)
    return 0 < len(ks) <= MINOR_RUN and all(k in FUNCTION_WORDS for k in ks)


def _known(indices: Sequence[int | None]) -> list[int]:
    return [i for i in indices if i is not None]


def _body(printed: Printed, keys: Sequence[int]) -> list[int]:
    return [k for k in keys if printed.owners[k][0] != FRAME]


def _reprime(media: str | Path, printed: Printed, heard: _Heard, alignment: Alignment, options: TranscribeOptions,
             duration: float) -> tuple[_Heard, Alignment, list[QAItem]]:
    """Decode each differing stretch again, primed with the printed words it should hold; keep the new words where
    they agree with the print better and sound like the words first heard there (a primed decoder may write the
    prompt's words whatever was said), and say so (QA kind `primed`)."""
    from .backends import get_recogniser

    todo = [g for g in alignment.gaps if (g.heard or g.end - g.start >= MIN_CLIP) and g.end - g.start <= MAX_CLIP
            and not g.moved]
    if not todo:
        return heard, alignment, []
    spans = [(max(0.0, g.start - CLIP_PAD), min(duration, g.end + CLIP_PAD)) for g in todo]
    recogniser = get_recogniser(options)
    words = list(heard.words)
    replaced: dict[int, list[Word]] = {}  # first heard word index of a stretch -> its new words
    dropped: set[int] = set()
    qa: list[QAItem] = []
    for g, (a, _), clip in zip(todo, spans, _clips(media, spans)):
        text = _printed_text(printed, g.printed)
        primed = dataclasses.replace(options, initial_prompt=_sentences_of(printed, g.printed))
        new = _primed_words(printed, g, recogniser.recognise(clip, primed)[1], a)
        old = sorted({heard.owner[j] for j in g.heard})
        keys = [printed.keys[k] for k in g.printed]
        (agreed, extra), (agreed_new, extra_new) = _agreement(keys, [words[n] for n in old]), _agreement(keys, new)
        log.debug("primed %r: heard %r (%d agree, %d extra), primed %r (%d, %d)", text,
                  " ".join(words[n].text for n in old), agreed, extra, " ".join(w.text for w in new), agreed_new,
                  extra_new)
        if agreed_new <= agreed or extra_new > extra:  # not better, or it adds words of its own: the first stays
            continue
        said = " ".join(words[n].text for n in old)
        if said and broad_similarity(said, " ".join(w.text for w in new)) < NAMES_ALIKE:
            continue  # the prompt's words, not the sound's: 'Hanans and Nobi' primed as a changed name 'Pemberton'
        qa.append(QAItem("primed", round(g.start, 2), round(g.end, 2),
                         f"decoded again primed with the printed words: heard {said!r}, then "
                         f"{' '.join(w.text for w in new)!r}", "kept the primed reading", text, severity="info"))
        dropped.update(old)
        replaced[old[0] if old else -1 - len(replaced)] = new
    if not qa:
        return heard, alignment, []
    again = _Heard(_merged(words, dropped, replaced))
    return again, _align(printed, again, duration), qa


def _primed_words(printed: Printed, g: Gap, segments: Iterable[Segment], a: float) -> list[Word]:
    """The words of a stretch decoded again (`segments` of a clip starting at `a` s) that fall within it, without
    the prompt parroted (words of no length and next to no probability) nor the agreeing words either side."""
    new = [Word(w.text, round(w.start + a, 3), round(w.end + a, 3), w.probability)
           for s in segments for w in s.words if g.start <= a + (w.start + w.end) / 2 <= g.end
           and w.end - w.start >= MIN_WORD and (w.probability or 0.0) >= PRIMED_FLOOR]
    before_i, after_i = g.beside  # the agreeing words either side, decoded again with the clip's edges
    if new and after_i is not None and keys_of(new[-1].text)[-1:] == [printed.keys[after_i]]:
        new.pop()
    if new and before_i is not None and keys_of(new[0].text)[:1] == [printed.keys[before_i]]:
        new.pop(0)
    return new


def _merged(words: list[Word], dropped: set[int], replaced: dict[int, list[Word]]) -> list[Word]:
    """The heard words without those `dropped`, with the `replaced` stretches' new words, in time order."""
    kept = [w for n, w in enumerate(words) if n not in dropped]
    spans = [(w.start, w.end) for w in kept]
    kept += [w for ws in replaced.values() for w in ws  # a word decoded twice (stretches that touch) is kept once
             if not any(a <= (w.start + w.end) / 2 <= b for a, b in spans)]
    return sorted(kept, key=lambda w: w.start)


def _agreement(keys: list[str], words: list[Word]) -> tuple[int, int]:
    """How many of the printed `keys` a run of heard words says, and how many words it says besides."""
    h = _Heard(words)
    said = match(keys, h.keys, [h.span([j]) for j in range(len(h.keys))], 0.0).matched
    agreed = sum(j is not None for j in said)
    return agreed, len(h.keys) - agreed


def _clips(media: str | Path, spans: list[tuple[float, float]]) -> list[np.ndarray]:
    """The audio of each span (seconds, in order), read in one pass over the recording (memory: the clips)."""
    parts: list[list[np.ndarray]] = [[] for _ in spans]
    offset = 0
    last = max(b for _, b in spans)
    for window in stream(media, window=30.0, seconds=last + 1.0):
        end = offset + len(window)
        for k, (a, b) in enumerate(spans):
            lo, hi = max(int(a * SAMPLE_RATE), offset), min(int(b * SAMPLE_RATE), end)
            if lo < hi:
                parts[k].append(window[lo - offset:hi - offset])
        offset = end
    return [np.concatenate(p) if p else np.zeros(0, dtype=np.float32) for p in parts]


def _sentences_of(printed: Printed, keys: Sequence[int]) -> str:
    """The printed sentences that hold `keys`."""
    sentences = printed.article.sentences
    return " ".join(sentences[s].text for s in dict.fromkeys(printed.owners[k][0] for k in keys) if s != FRAME)


def _printed_text(printed: Printed, keys: Sequence[int]) -> str:
    """The printed words (as printed) that own `keys`, in order."""
    sentences = printed.article.sentences
    owners = dict.fromkeys(printed.owners[k] for k in keys if printed.owners[k][0] != FRAME)
    return " ".join(sentences[s].text.split()[t] for s, t in owners)


def _timed(printed: Printed, heard: _Heard, alignment: Alignment) -> Article:
    """A copy of the printed article with each printed word's time (over the heard words it was matched with) and
    each sentence's span over its timed words."""
    out = copy.deepcopy(printed.article)
    spans: dict[tuple[int, int], list[Word]] = {}
    for k, j in enumerate(alignment.matched):
        if j is not None and printed.owners[k][0] != FRAME:
            spans.setdefault(printed.owners[k], []).append(heard.words[heard.owner[j]])
    for s, sen in enumerate(out.sentences):
        sen.words = []
        for t, token in enumerate(sen.text.split()):
            ws = spans.get((s, t))
            if ws:
                probability = min((w.probability for w in ws if w.probability is not None), default=None)
                sen.words.append(Word(token, min(w.start for w in ws), max(w.end for w in ws), probability))
        sen.start = sen.words[0].start if sen.words else None
        sen.end = max(w.end for w in sen.words) if sen.words else None
    for s, start in _unmatched_openings(printed, heard, alignment).items():
        out.sentences[s].start = start
        first = out.sentences[s].words[:1]
        if first and first[0].text == out.sentences[s].text.split()[0] and first[0].start > start:
            first[0].start = start  # its first word heard as two: timed from the first
    return out


def _unmatched_openings(printed: Printed, heard: _Heard, alignment: Alignment) -> dict[int, float]:
    """The start of each sentence whose first printed word matched no heard word (misheard, "Counsel" for
    "council"): the first heard word between the words matched before it and the sentence's first matched word,
    rather than the first matched word, which may come a second later."""
    starts: dict[int, float] = {}
    first_of: dict[int, int] = {}  # sentence -> its first printed key
    for k, owner in enumerate(printed.owners):
        if owner[0] != FRAME:
            first_of.setdefault(owner[0], k)
    ks = sorted(first_of.items(), key=lambda sk: sk[1])
    for s, k0 in ks:
        last = max([j for j in alignment.matched[:k0] if j is not None], default=-1)  # (the frame's included)
        j0 = alignment.matched[k0]
        if j0 is not None:  # a word heard as two ('WeWork' heard 'We work'): from the first
            before = range(last + 1, j0)
            if before and similarity(printed.keys[k0], "".join(heard.keys[j] for j in [*before, j0])) >= GROUP_MATCH:
                starts[s] = min(heard.words[heard.owner[j]].start for j in before)
            continue
        own = [j for k, j in enumerate(alignment.matched) if j is not None and printed.owners[k][0] == s]
        if not own or min(own) <= last + 1:
            continue
        between = range(last + 1, min(own))
        starts[s] = min(heard.words[heard.owner[j]].start for j in between)
    return starts


def _changes(printed: Printed, heard: _Heard, alignment: Alignment, energy: Energy | None) -> list[QAItem]:
    """What the reader changed: each differing stretch as QA items of severity "change"; a stretch more likely
    misheard than changed (words heard with low confidence, printed words missing where there was speech, a few
    function words for others) is a `doubtful` warning instead."""
    said_any = {printed.owners[k][0] for k, j in enumerate(alignment.matched) if j is not None}
    return [item for g in alignment.gaps for item in _gap_changes(printed, heard, alignment, energy, g, said_any)]


def _change(kind: str, start: float, end: float, message: str, text: str, doubt: str = "") -> QAItem:
    """A change the reader made (severity "change"), or, with a `doubt`, a `doubtful` warning to check."""
    if doubt:
        return QAItem("doubtful", round(start, 2), round(end, 2), f"{message}: {doubt}", "check the audio", text)
    return QAItem(kind, round(start, 2), round(end, 2), message, "reported", text, severity=CHANGE)


def _gap_changes(printed: Printed, heard: _Heard, alignment: Alignment, energy: Energy | None, g: Gap,
                 said_any: set[int]) -> list[QAItem]:
    """The QA items of one differing stretch: moved, printed sentences not said (`said_any`: the sentences with a
    word said), printed words said differently or not said, words said and not printed."""
    sentences = printed.article.sentences
    body = _body(printed, g.printed)
    if g.moved and body:
        return [_moved(printed, g, body)]
    whole = [s for s in dict.fromkeys(printed.owners[k][0] for k in body) if s not in said_any]
    items = [_change("not_said", g.start, g.end, "printed, not said", sentences[s].text) for s in whole]
    rest = [k for k in body if printed.owners[k][0] not in whole]
    confidence = heard.confidence(g.heard)
    unsure = f"heard with low confidence ({confidence:.2f})" if confidence < DOUBT else ""
    if rest and g.heard:
        items.append(_said_differently(printed, heard, g, rest, unsure))
    elif rest:
        items.append(_not_said(printed, heard, alignment, energy, g, rest))
    elif g.heard and not _at_frame(printed, g):
        start, end = heard.span(g.heard)
        if _minor(heard.keys[j] for j in g.heard):
            unsure = unsure or "a few small words, as often misheard as added"
        items.append(_change("not_printed", start, end, "said, not printed", heard.text(g.heard), unsure))
    return items


def _moved(printed: Printed, g: Gap, body: list[int]) -> QAItem:
    """A stretch said out of the printed order: the sentences it holds at least half of, else its words."""
    sentences = printed.article.sentences
    counts = Counter(printed.owners[k][0] for k in body)
    full = [sentences[n].text for n, c in counts.items() if 2 * c >= len(keys_of(sentences[n].text))]
    return _change("moved", g.start, g.end, "said here, out of the printed order",
                   " ".join(full) or _printed_text(printed, body))


def _at_frame(printed: Printed, g: Gap) -> bool:
    """Whether a stretch holds words of the frame (intro, headings, outro: never a change), or is a word or two
    beside it."""
    return any(printed.owners[k][0] == FRAME for k in g.printed) or (
        len(g.heard) <= FRAME_SLIP and any(printed.owners[k][0] == FRAME for k in _known(g.beside)))


def _said_differently(printed: Printed, heard: _Heard, g: Gap, rest: list[int], unsure: str) -> QAItem:
    """Printed words (`rest`) said as other words: a change, or doubtful when they sound alike or are a few small
    words on both sides (`unsure`: already doubtful for low confidence)."""
    said = heard.text(g.heard)
    start, end = heard.span(g.heard)
    spelt = similarity("".join(printed.keys[k] for k in rest), "".join(heard.keys[j] for j in g.heard))
    sound = sound_similarity(" ".join(printed.keys[k] for k in rest), said)
    if _name_unheard(printed, rest, " ".join(heard.keys[j] for j in g.heard)):
        unsure = ""  # a name whose sound is nowhere in what was heard: changed, however unsure the recogniser was
    elif sound >= SOUNDS_ALIKE:
        unsure = unsure or f"sounds like the printed words ({sound:.2f}), more often misheard than changed"
    elif max(spelt, sound) < LOOSE:
        unsure = ""  # nothing alike: another word said, however unsure the recogniser was of it
    if _minor(printed.keys[k] for k in rest) and _minor(heard.keys[j] for j in g.heard):
        unsure = unsure or "a few small words, as often misheard as changed"
    return _change("said_differently", start, end, f"said {said!r}", _printed_text(printed, rest), unsure)


def _not_said(printed: Printed, heard: _Heard, alignment: Alignment, energy: Energy | None, g: Gap,
              rest: list[int]) -> QAItem:
    """Printed words (`rest`) not said: a change, or doubtful when there was speech enough for them, or when a
    few of them stand beside a misheard word."""
    speech = _speech(energy, g.start, g.end)
    doubt = f"{speech:.1f} s of speech there" if speech >= SPEECH_PER_WORD * len(rest) else ""
    beside = [(i, alignment.matched[i]) for i in _known(g.beside)]
    if len(rest) <= MINOR_RUN and any(j is not None and printed.keys[i] != heard.keys[j] for i, j in beside):
        doubt = doubt or "beside a misheard word (the recogniser may have run the two together)"
    return _change("not_said", g.start, g.end, "printed, not said", _printed_text(printed, rest), doubt)


def _speech(energy: Energy | None, start: float, end: float) -> float:
    """Seconds of sound (frames above the quiet threshold) between `start` and `end`."""
    if energy is None or end <= start:
        return 0.0
    a, b = max(int(start / ENERGY_FRAME), 0), min(int(end / ENERGY_FRAME), len(energy.db))
    return float(np.sum(energy.db[a:b] >= energy.threshold)) * ENERGY_FRAME
