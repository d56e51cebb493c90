"""How alike two stretches of text sound: their phonemes as espeak-ng (bundled with piper-tts) says them in US
English, compared as written ('Quay' and 'he': 0.67) or in broad classes of sound, where a name a recogniser does
not know comes back as other words that sound like it ('Hamamt' heard 'Hanans and': 0.77; 'al-Qusur' heard
'Al-Kosir': 0.89; but 'Pemberton' said 'Anna': 0.55)."""
from __future__ import annotations

import functools
import re
from collections.abc import Callable

_NOT_PHONEME = re.compile(r"[\sˈˌ.,:;!?\-_]+")  # stress marks, pauses and punctuation in espeak-ng's phonemes
# Consonants in broad classes (voiced and voiceless alike, the nasals alike, 'r'-coloured vowels as 'r'); every
# other phoneme is a vowel, 'a'; 'h', 'w', 'j', the glottal stop and length marks are left out.
BROAD = {**dict.fromkeys("pb", "p"), **dict.fromkeys("tdɾð", "t"), **dict.fromkeys("kɡgqx", "k"),
         **dict.fromkeys("fvθ", "f"), **dict.fromkeys("szʃʒç", "s"), **dict.fromkeys("mnŋ", "n"),
         **dict.fromkeys("lɫ", "l"), **dict.fromkeys("ɹrɚɝ", "r"), **dict.fromkeys("hwjʔːʲ̩", "")}


def similarity(a: str, b: str) -> float:
    """Spelling similarity of two words, 0..1 (rapidfuzz's ratio)."""
    from rapidfuzz import fuzz

    return float(fuzz.ratio(a, b)) / 100.0


def sound_similarity(a: str, b: str) -> float:
    """How alike two stretches of text sound, 0..1: the similarity of their phonemes ('Quay' and 'he': 0.67;
    'Pemberton' and 'Holloway': 0.12); their spelling's where piper-tts is not installed."""
    phonemes = _phonemes()
    if phonemes is None:
        return similarity(a.lower(), b.lower())
    return similarity(phonemes(a), phonemes(b))


def broad_similarity(a: str, b: str) -> float:
    """How alike two stretches sound in broad classes of sound, 0..1 (the words' boundaries ignored: 'Ain Issa'
    and 'Ainissa': 1.0; 'Qassab' and 'Burkhasa' alike as 'Bir Qassab'). Looser than sound_similarity: short common
    words come out alike ('John', 'Jane'), so it suits only names. Their spelling's where piper-tts is not
    installed."""
    phonemes = _phonemes()
    if phonemes is None:
        return similarity(a.lower().replace(" ", ""), b.lower().replace(" ", ""))
    return similarity(broad(phonemes(a)), broad(phonemes(b)))


def broad_within(word: str, stretch: str) -> tuple[float, int]:
    """How well `word` is found in `stretch` in broad classes of sound, 0..1 (the best-matching part of it:
    'Hamamt' in 'Hanans and' 0.89, 'Pemberton' in 'Hanans and Nobi' 0.67; against a shorter stretch, the whole of
    it), and the length of the word's broad sound (a short one, 'Bir' -> 'pa', is found almost anywhere)."""
    from rapidfuzz import fuzz

    phonemes = _phonemes()
    a, b = (broad(phonemes(word)), broad(phonemes(stretch))) if phonemes else (word.lower(), stretch.lower())
    score = fuzz.partial_ratio if len(a) <= len(b) else fuzz.ratio  # (partial_ratio looks for the shorter one)
    return float(score(a, b)) / 100.0, len(a)


def broad(phonemes: str) -> str:
    """espeak-ng's phonemes in broad classes, a class said twice in a row once ('hæmæmt' -> 'anant')."""
    out: list[str] = []
    for ch in phonemes:
        c = BROAD.get(ch, "a")
        if c and not (out and out[-1] == c):
            out.append(c)
    return "".join(out)


@functools.cache
def _phonemes() -> Callable[[str], str] | None:
    try:
        from piper.phonemize_espeak import EspeakPhonemizer
    except ImportError:
        return None
    phonemizer = EspeakPhonemizer()

    @functools.lru_cache(maxsize=4096)
    def say(text: str) -> str:
        return _NOT_PHONEME.sub("", "".join("".join(s) for s in phonemizer.phonemize("en-us", text)))
    return say
