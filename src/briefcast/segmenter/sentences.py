"""Sentence splitting: pySBD plus the fixes news text needs.

The split is lossless: the sentences' characters other than whitespace, concatenated, are the input's in order.
Boundaries are found on character offsets of the original text and fall on whitespace, so no word is ever cut in two,
except after a full-width stop ("．", "。", "！", "？"), which writing that has no spaces between words ends a
sentence with. No boundary falls inside a quotation that closes within its paragraph: "He said, "I am going. Goodbye."
Then he left." is two sentences; a narrator that wants shorter units there splits for speech, not here.
Work is bounded: blank lines and headline-like line breaks cut the text into chunks first, then
near-certain boundaries ("word. The") cut each chunk into pieces, and only pieces with real ambiguity (an inner
period, a list marker) go through pySBD, whose cost grows faster than linearly with input length.
"""
from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from typing import TYPE_CHECKING

from .markup import TEX_DISPLAY, TEX_INLINE, fold_spaces

if TYPE_CHECKING:
    from .pysbd_english import Segmenter

__all__ = ["split_sentences", "sentence_spans"]

log = logging.getLogger(__name__)

_TERMINAL = ".!?…"
_CLOSERS = "\"'”’»)]*_"  # closing quotes, brackets, Markdown emphasis that may follow a full stop
_TAKEN_ALONG = re.compile(r"[\"'”’“»«›)）\]*_]*(?:\[\d{1,3}\][\"'”’“»«›)）\]*_]*)*[,;:]?")  # footnotes: 'again."[1]'
_HEADLINE_MAX_WORDS = 12  # a line shorter than this, without a full stop, before a capitalised line, is a headline
_WRAP_FILL = 0.8  # a line at least this fraction of its block's widest other line is soft-wrapped, not a headline
_LIST_LINE_MAX_WORDS = 4  # a block of >= 3 lines this short and without full stops is a list, one item per line

# Lines that end with one of these words are wrapped mid-sentence whatever follows.
_JOINING_WORDS = frozenset(
    "a an the of to in on at by for from with and or but nor as than that which who whose whom is are was were be "
    "been has have had will would can could should may might must its their his her our your my this these those "
    "into onto over under about between against during without within via per".split()
)
_LIST_MARKER = re.compile(r"^(?:[-*+•‣⁃▪◦]\s|\d{1,3}[.)]\s|[A-Za-z][.)]\s|(?:[ivx]{1,4}|[IVX]{1,4})[.)]\s|#{1,6}\s|>)")
_MARKER_ONLY = re.compile(r"^(?:\d{1,3}|[A-Za-z]|[ivx]{1,4}|[IVX]{1,4})[.)]$")  # "a.", "ii.", "3)": not a sentence
_MAX_QUOTATION = 1500  # characters: a longer "quotation" is more likely two stray marks than one quote
_DOUBLE_QUOTE = re.compile("[\"“”]")
_SINGLE_QUOTE = re.compile("[‘’']")
_FULL_WIDTH_STOP = re.compile(r"[．。！？]+[」』”’）)\]\"']*(?=\S)")
_AFTER_QUOTE_ASIDE = re.compile(r"(?<=[.!?][\"'”’])\s+(?=\([A-Z])")  # "...house!' (Which was very likely true.)"

# A piece needs pySBD only when something inside it could be (or hide) a boundary.
# (a stop, or a list's bracket after a digit or a lone letter: "2)", "b)"; written to start at the sign, so that re
# goes from one such sign to the next)
_AMBIGUOUS = re.compile(r"[.!?…•⁃)](?:(?<=[.!?…•⁃])|(?<=\d\))|(?<=\b[a-z]\)))")
_MARKS = re.compile(r"[.!?…•⁃)]")  # one of which every match of _AMBIGUOUS holds: most pieces have none inside
# Stops that are never boundaries here: inside a word ("7.4", "example.com"), after a title before a name (the
# stop only), and before a lowercase word (_fix rejoins those anyway). The pattern starts at the stop and looks behind
# it for the word or the title: re then goes from one stop to the next instead of trying every character.
_HARMLESS_DOT = re.compile(r"[.!?…](?:(?<=\w\.)(?=\w)|[\"'”’)\]]*(?=\s+[a-z]{2,}\b)"
                           r"|(?:(?<=\b(?:Mr|Ms|Dr|Lt)\.)|(?<=\b(?:Mrs|Gen|Col|Sgt|Sen|Rep|Gov|Rev)\.)|(?<=\b(?:Prof|Capt)\.))"
                           r"(?= [A-Z]))")

# "word. The": a lowercase-ending word of 4+ letters, a full stop (closers allowed), space, capital. Known
# abbreviations of that shape are excluded; pySBD still decides everything else. The word is a run of ASCII letters
# whose last four are lower case, after no other word character, ".", "@" or "/"; it is read back from the stop
# (`_safe_word`), so that re skips from one stop to the next instead of trying every letter of the text.
_STOP_BEFORE_CAPITAL = re.compile(r"[.!?][\"'”’»)\]]*(?=\s+[\"“‘(]?[A-Z])")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# A bracketed aside that ends a sentence inside its brackets, then a capital: "(... under $1,000.) Here are six",
# "(a lot.) Then" (a stop after a capital, "(U.S.) President", is an abbreviation's).
_CLOSED_ASIDE = re.compile(r"(?<=[a-z0-9%])[.!?]\)(?=\s+[\"“‘(]?[A-Z])")
_LONG_ABBREVIATIONS = frozenset(
    "corp bros capt prof sept univ dept govt assn approx incl misc ibid blvd mgmt intl natl assoc inst figs vols "
    "mins secs resp repr trans encl excl messrs supt comdr cmdr lieut brig adml gens cols sens reps".split()
)

# Post-fixes on pySBD's output.
_LOWER_START = re.compile(r"^[a-z]{2,}(?=[\s,;:.!?]|$)")
_BARE_TIME = re.compile(r"^(?:[A-Za-z]+\s+)?\d{1,2}(?::\d{2})?\s*[ap]\.m\.$", re.IGNORECASE)
_STARTERS = (
    "The|He|She|It|They|We|You|This|That|These|Those|There|Then|But|And|However|Meanwhile|Later|Its|His|Her|Their|"
    "Our|Now|So|Yet|Still|Also|After|Before|When|While|If|In|On|Earlier|According|Officials|Some|Many|Most"
)
_ABBREV_THEN_STARTER = re.compile(r"\.(?P<space>\s+)(?=(?:" + _STARTERS + r")\b)")  # (cut at the space)
_ABBREVIATION_TOKEN = re.compile(r"^[A-Za-z][A-Za-z.]+\.$")  # "U.S.", "D.C.", "St.", "Inc." (not "1." nor "a.")
# Titles before a name: a piece that ends in one is no sentence ("Asst. Supt. John Smith").
_TITLES = (r"Asst|Supt|Det|Insp|Atty|Amb|Msgr|Cpl|Pvt|Spc|Brig|Lt|Sgt|Capt|Cmdr|Gen|Col|Maj|Adm|Sen|Rep|Gov|Rev|Dr|"
           r"Prof|Mr|Mrs|Ms|Messrs|Mmes|Dist|Dep")
# "ANAHEIM, Calif. — Musicians ...": an abbreviation, then a dash: the sentence goes on (a dialogue's dash after a
# full sentence still starts one).
_DASH_START = re.compile(r"^[—–]\s")
_SHORT_ABBREVIATION_END = re.compile(r"(?:^|\s)[A-Z][a-z]{1,5}\.$")
_CONTINUES = re.compile(r"(?:^|\s)(?:" + _TITLES + r")\.$")
_TITLE_END = max(len(title) for title in _TITLES.split("|")) + 2  # characters: no match of _CONTINUES is longer
# (so it is searched for from there: re's "^" is still the text's start, not where the search starts)
# Tokens after which a capitalised word never starts a sentence (titles, initials, e.g., No. 17).
_NO_SPLIT_AFTER = re.compile(
    r"^(?:[A-Z]|" + _TITLES + r"|Mx|Cpt|Pres|Hon|Fr|Sr|Sra|Mt|Ft|No|Nos|Nr|Vol|Fig|Art|Ch|Sec|Pt|p|pp|e\.g|i\.e|cf|vs|"
    r"viz|v|approx|ca|c)\.$"
)
_CLOCK_END = re.compile(r"\b\d{1,2}(?::\d{2})?\s*[ap]\.m\.$", re.IGNORECASE)
# ... and after "3 a.m." a day, a month or a time zone goes on with the same sentence ("at 3 a.m. Friday",
# "before 10 a.m. Eastern Time").
_WHEN_WORD = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|"
                        r"Nov|Dec)[a-z]*\b\.?\s*\d|(?:[ECMP][SD]?T|GMT|UTC|BST|CET)\b|(?:Eastern|Central|Mountain|"
                        r"Pacific|Atlantic|Alaska|Hawaii|Greenwich|British|[A-Z][a-z]+ European)(?: (?:Standard|"
                        r"Daylight|Summer|Mean))? [Tt]ime\b")

# A question or a cry closing a quotation, then who said it: one sentence ("'Are you aware?' Wallace asked Trump.")
_ASKED_OR_CRIED = re.compile(r"[?!][\"”’»]$")
_ATTRIBUTION = re.compile(r"(?:[A-Z][\w'’.-]*\s+){1,4}(?:said|asked|added|replied|shouted|cried|wrote|says|asks|adds|"
                          r"replies|shouts|tweeted|quipped|wondered|demanded|exclaimed|recalled|explained|told)\b"
                          r"[^.!?]{0,60}[.!?][\"”’»)]*$")

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ANY_SPACE = re.compile(r"\s")
_CACHED_CHUNKS = 4096  # chunks (paragraphs) whose sentence spans are remembered: long articles repeat lines

_local = threading.local()  # each thread's pySBD segmenter (its processing keeps the text it works on)


def split_sentences(text: str) -> list[str]:
    """Split text into sentences, each with its whitespace folded to single spaces."""
    return [fold_spaces(text[a:b]) for a, b in sentence_spans(text)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans (start, end) of the sentences in text, trimmed of whitespace, in order, never overlapping."""
    spans: list[tuple[int, int]] = []
    for start, end in _chunks(text):
        spans.extend(_split_chunk(text, start, end))
    return spans


# -- chunks: blank lines, headline lines, lists -------------------------------------------------------------------


def _line_spans(text: str) -> list[tuple[int, int]]:
    if "\n" not in text and "\r" not in text:
        return [(0, len(text))]  # (a paragraph of one line: most)
    spans, start = [], 0
    for match in _LINE_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _chunks(text: str) -> list[tuple[int, int]]:
    """Spans that no sentence crosses: paragraphs (blank lines) cut at headline and list line breaks."""
    chunks: list[tuple[int, int]] = []
    block: list[tuple[int, int]] = []
    for a, b in _line_spans(text) + [(len(text), len(text))]:
        if text[a:b].strip():
            block.append((a, b))
            continue
        if block:
            chunks.extend(_split_block(text, block))
            block = []
    return chunks


def _split_block(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    stripped = [text[a:b].strip() for a, b in lines]
    is_list = len(lines) >= 3 and all(
        len(s.split()) <= _LIST_LINE_MAX_WORDS and s.rstrip(_CLOSERS)[-1:] not in _TERMINAL for s in stripped
    )
    out, start = [], lines[0][0]
    for i in range(len(lines) - 1):
        width = max(len(line) for j, line in enumerate(stripped) if j != i)
        if is_list or _is_line_boundary(stripped[i], stripped[i + 1], width):
            out.append((start, lines[i][1]))
            start = lines[i + 1][0]
    out.append((start, lines[-1][1]))
    return out


def _is_line_boundary(line: str, following: str, width: int) -> bool:
    """Whether a single line break ends a sentence (else the lines are one soft-wrapped paragraph).

    A line without a full stop ends a sentence when it is headline-like: short in words, clearly shorter than the
    other lines of its block (a soft-wrapped line fills the width), and followed by a capital, digit or quote.
    """
    if _LIST_MARKER.match(following) or line.startswith("#"):
        return True
    end = line.rstrip(_CLOSERS)
    if not end or end[-1] in _TERMINAL or end[-1] in ",;:-–—(/&":
        return False  # a full stop is pySBD's to judge; a comma or dash continues
    words = line.split()
    if words[-1].lower() in _JOINING_WORDS:
        return False
    first = following[0]
    short = len(words) < _HEADLINE_MAX_WORDS and len(line) < _WRAP_FILL * width
    return short and (first.isupper() or first.isdigit() or first in "\"“‘'[(")


# -- one chunk: fast path, safe cuts, pySBD, fixes -----------------------------------------------------------------


def _trim(text: str, a: int, b: int) -> tuple[int, int] | None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b) if a < b else None


def _split_chunk(text: str, start: int, end: int) -> list[tuple[int, int]]:
    # A chunk starts a line, so nothing before it can change its split: the answer depends on its text alone.
    return [(start + a, start + b) for a, b in _chunk_spans(text[start:end])]


@lru_cache(maxsize=_CACHED_CHUNKS)
def _chunk_spans(chunk: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    for a, b in _safe_pieces(chunk, 0, len(chunk)):
        body = chunk[a:b].rstrip().rstrip(_CLOSERS + _TERMINAL)
        if _MARKS.search(body) and _AMBIGUOUS.search(_HARMLESS_DOT.sub("", body)):
            spans.extend(_pysbd_spans(chunk, a, b))
        elif (span := _trim(chunk, a, b)) is not None:
            spans.append(span)
    spans = _fix(chunk, spans)
    if "'" in chunk or '"' in chunk or "“" in chunk or "‘" in chunk:
        spans = _join_quotations(chunk, spans)
    if any(stop in chunk for stop in "．。！？"):
        spans = _cut_full_width(chunk, spans)
    if "$" in chunk or "\\(" in chunk or "\\[" in chunk:  # a formula in TeX: "$p(x) = 2 \cdot f(x).$"
        spans = _join_regions(spans, [m.span() for rx in (TEX_DISPLAY, TEX_INLINE) for m in rx.finditer(chunk)])
    return tuple(spans)


def _join_regions(spans: list[tuple[int, int]], regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans with every cut that falls inside one of `regions` undone."""
    if not regions:
        return spans
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and any(start < out[-1][1] and a < end for start, end in regions):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _quotations(text: str) -> list[tuple[int, int]]:
    """Spans of the quotations that open and close within text: "…" and “…”, and ‘…’ or '…' (not apostrophes); in
    the order they close."""
    return sorted(_double_quoted(text) + _single_quoted(text), key=lambda span: span[1])


def _double_quoted(text: str) -> list[tuple[int, int]]:
    regions: list[tuple[int, int]] = []
    double = -1
    for match in _DOUBLE_QUOTE.finditer(text):
        i, ch = match.start(), match.group()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if ch == "“" or (ch == '"' and double < 0 and not after.isspace()):
            double = i  # a straight quote opens only before a word: a stray closing one is not an opening
        elif ch in '”"' and double >= 0 and not before.isspace():
            if i + 1 - double <= _MAX_QUOTATION:
                regions.append((double, i + 1))
            double = -1
    return regions


def _single_quoted(text: str) -> list[tuple[int, int]]:
    regions: list[tuple[int, int]] = []
    single = -1
    for match in _SINGLE_QUOTE.finditer(text):
        i, ch = match.start(), match.group()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if single < 0 and (ch == "‘" or (ch == "'" and not before.isalnum() and after.isalpha())):
            single = i
        elif single >= 0 and ch in "'’" and not before.isspace() and not after.isalnum():
            if i + 1 - single <= _MAX_QUOTATION:
                regions.append((single, i + 1))
            single = -1
    return regions


def _join_quotations(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans with every cut that falls inside a closed quotation undone."""
    return _join_regions(spans, _quotations(text))


def _cut_full_width(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in spans:
        for match in _FULL_WIDTH_STOP.finditer(text, a, b):
            if match.end() < b:
                out.append((a, match.end()))
                a = match.end()
        out.append((a, b))
    return out


def _safe_word(text: str, start: int, stop: int) -> bool:
    """Whether the word before the stop at `stop` (not before `start`) makes "word. The" a safe boundary."""
    at = stop
    while at > start and text[at - 1] in _ASCII_LETTERS:
        at -= 1
    before = text[at - 1] if at else " "
    return (stop - at >= 4 and text[stop - 4:stop].islower() and not (before.isalnum() or before in "_.@/")
            and text[at:stop].lower() not in _LONG_ABBREVIATIONS)


def _safe_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = {m.end() for m in _STOP_BEFORE_CAPITAL.finditer(text, start, end) if _safe_word(text, start, m.start())}
    if ".)" in text or "!)" in text or "?)" in text:
        cuts |= {m.end() for m in _CLOSED_ASIDE.finditer(text, start, end)
                 if (i := text.rfind("(", start, m.start())) >= 0 and ")" not in text[i:m.start()]}  # (not "1.)")
    pieces, a = [], start
    for cut in sorted(cuts):
        pieces.append((a, cut))
        a = cut
    pieces.append((a, end))
    return pieces


def _segmenter() -> Segmenter:
    seg = getattr(_local, "segmenter", None)
    if seg is None:
        from .pysbd_english import Segmenter  # pySBD is imported when a text first needs it

        seg = _local.segmenter = Segmenter()
    return seg


def _non_space(text: str) -> int:
    """How many of text's characters are no whitespace."""
    return len(text) - sum(map(str.isspace, text)) if not text.isprintable() else len(text) - text.count(" ")


def _pysbd_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """pySBD's sentences, mapped back to offsets by counting non-space characters, snapped to whitespace."""
    chunk = text[start:end]
    spaced = chunk if chunk.isprintable() else _ANY_SPACE.sub(" ", chunk)  # (a printable text's only whitespace: " ")
    try:
        pieces = _segmenter().segment(spaced)
    except Exception:  # pySBD has regex corner cases; one sentence is a safe answer
        log.debug("pysbd failed on %r; keeping it whole", chunk[:80], exc_info=True)
        pieces = [chunk]
    cuts, pos, seen, counted = [], start, 0, 0
    for piece in pieces[:-1]:
        counted += _non_space(piece)
        while pos < end and seen < counted:  # on to just after the counted-th character that is no space
            ahead = text[pos:min(pos + counted - seen, end)]  # (holds no more of them than are still wanted)
            seen += _non_space(ahead)
            pos += len(ahead)
        stop = pos
        while stop < end and not text[stop].isspace():
            stop += 1
        if not _TAKEN_ALONG.fullmatch(text[pos:stop]):
            continue  # never cut inside a word: "they worked!—the team" is one sentence (a closer is taken along)
        seen += stop - pos
        pos = stop
        cuts.append(pos)
    spans, a = [], start
    for cut in cuts + [end]:
        if cut > a and (span := _trim(text, a, cut)) is not None:
            spans.append(span)
            a = cut
    return spans


def _fix(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """News-text repairs: rejoin wrong cuts (lowercase continuation, "At 5 a.m."), cut "in the U.S. The ..."."""
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and _wrong_cut(text[merged[-1][0] : merged[-1][1]], text[a:b]):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return _recut(text, merged)


def _wrong_cut(prev: str, piece: str) -> bool:
    """Whether a piece goes on the sentence before it (a lowercase continuation, a time, a list's marker, a title's
    abbreviation, "he said" after a question or a cry)."""
    return bool((_LOWER_START.match(piece) and prev.rstrip(_CLOSERS)[-1:] in _TERMINAL + ",;")
                or (_DASH_START.match(piece) and _SHORT_ABBREVIATION_END.search(prev))
                or _BARE_TIME.match(prev) or _MARKER_ONLY.match(prev)
                or (prev.endswith(".") and _CONTINUES.search(prev, max(0, len(prev) - _TITLE_END)))
                or (prev[-4:].lower() in ("a.m.", "p.m.") and _CLOCK_END.search(prev) and _WHEN_WORD.match(piece))
                or (_ASKED_OR_CRIED.search(prev) and _ATTRIBUTION.match(piece)))


def _recut(text: str, merged: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans cut again where an aside follows a quotation or an abbreviation ends a sentence ("the U.S. The")."""
    out: list[tuple[int, int]] = []
    asides = "(" in text  # (what the patterns below need, looked for once)
    for a, b in merged:
        for match in _AFTER_QUOTE_ASIDE.finditer(text, a, b) if asides else ():
            out.append((a, match.start()))
            a = match.end()
        for match in _ABBREV_THEN_STARTER.finditer(text, a, b):
            token = text[a : match.start("space")].split()[-1]
            token = token.lstrip("\"'“‘(")
            if not _ABBREVIATION_TOKEN.match(token) or _NO_SPLIT_AFTER.match(token):
                continue
            out.append((a, match.start("space")))
            a = match.end()
        out.append((a, b))
    return out
