"""A pronunciation lexicon: words and phrases the speech engine is given respelled, or as phonemes.

A TOML file; each key is a word or phrase as printed, each value how to say it:

    Tabqa = "TAHB-kah"                          # a respelling, for every engine
    Olayanieh = "[[oUl,aI@n'i:@]]"              # phonemes in espeak-ng's notation (`espeak-ng -x WORD` prints it)
    "Khibrat al-Shami" = { say = "KIB-raht al-SHAH-mee", pyttsx3 = "[[k'Ibr@t al S'A:mi]]" }  # per engine

Matching: the engine is given the text as spoken (numbers, dates and abbreviations written out: `briefcast narrate
--script` shows it), so a key matches as printed or as the same normalisation says it ("ISIS" also as "Isis",
"9/11" as "nine eleven"). A key matches whole words only, never inside a longer word (a hyphen or an apostrophe
parts words: "Tabqa" matches in "Ithriyah-Tabqa" and "Tabqa's"), the longest key first, spaces between its words
matching any spacing, ignoring case; a key in capitals (two or more letters: "US", "ISIS") matches only as written.
Only what the engine is given changes: the document, subtitles and transcripts keep the printed words. Each engine
takes phonemes its own way (`SpeechEngine.phonemes`).
"""
from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

if sys.version_info >= (3, 11):
    import tomllib
else:  # the same parser, before it joined the standard library
    import tomli as tomllib

ANY = "say"  # the table key of a pronunciation for every engine
NONE = ("none", "off", "")  # --lexicon values that turn the lexicon off (the default one too)
FILE_NAME = "lexicon.toml"  # the default lexicon's name in the user config folder
_PHONEMES = re.compile(r"\[\[([^\[\]]+)\]\]")  # a whole value in double brackets: phonemes
_HINT = 'write entries like Tabqa = "TAHB-kah" or Tabqa = "[[t\'A:bkA:]]" (see the README, Pronunciation lexicon)'


@dataclass(frozen=True)
class Entry:
    """One word or phrase and how to say it: `say[engine]` for an engine of its own, else `say["say"]`."""

    phrase: str  # as printed, its spacing made single
    say: Mapping[str, str]  # "say" or an engine name -> a respelling, or phonemes as "[[...]]"
    spoken: str = ""  # the phrase as the speech normalisation says it ("Isis" for "ISIS"), when that differs

    @property
    def forms(self) -> tuple[str, ...]:
        """The spellings it matches: as printed, and as spoken."""
        return (self.phrase, self.spoken) if self.spoken else (self.phrase,)

    def said_by(self, engine: str) -> str | None:
        """The pronunciation `engine` gets, or None when the entry has none for it."""
        return self.say.get(engine, self.say.get(ANY))

    @property
    def capitals(self) -> bool:
        """Whether the key is in capitals ("US"), so matches only in capitals."""
        letters = [c for c in self.phrase if c.isalpha()]
        return len(letters) > 1 and all(c.isupper() for c in letters)


@dataclass(frozen=True)
class Lexicon:
    """The entries of a lexicon file (none: an empty lexicon, which changes nothing)."""

    entries: tuple[Entry, ...] = ()
    source: Path | None = None

    @functools.cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        if not self.entries:
            return None
        phrases = sorted({f for e in self.entries for f in e.forms}, key=len, reverse=True)  # the longest first
        words = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
        return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)

    @functools.cached_property
    def _lookup(self) -> dict[tuple[bool, str], Entry]:
        """(capitals, the phrase as matched: itself in capitals, else casefolded) -> entry."""
        return {(e.capitals, f if e.capitals else f.casefold()): e for e in self.entries for f in e.forms}

    def used(self, text: str) -> list[Entry]:
        """The entries that match in `text`, in order."""
        found = []
        for m in self._pattern.finditer(text) if self._pattern else ():
            entry = self._entry(m.group())
            if entry is not None:
                found.append(entry)
        return found

    def _entry(self, matched: str) -> Entry | None:
        phrase = " ".join(matched.split())
        return self._lookup.get((True, phrase)) or self._lookup.get((False, phrase.casefold()))

    def apply(self, text: str, engine: str, phonemes: Callable[[str], str]) -> str:
        """`text` as `engine` is given it: each matched word or phrase replaced by its pronunciation, phonemes
        written by `phonemes(espeak-ng phonemes)` in the engine's own inline form. Double brackets already in the
        text are parted ("[ [") so that the engine reads no phonemes but the lexicon's."""
        text = text.replace("[[", "[ [").replace("]]", "] ]")
        if self._pattern is None:
            return text

        def say(m: re.Match[str]) -> str:
            entry = self._entry(m.group())
            said = entry.said_by(engine) if entry is not None else None
            if said is None:
                return m.group()
            ph = _PHONEMES.fullmatch(said)
            return phonemes(ph.group(1).strip()) if ph else said

        return self._pattern.sub(say, text)


def default_lexicon() -> Path:
    """$BRIEFCAST_CONFIG_DIR/lexicon.toml, else lexicon.toml in the user config folder for briefcast."""
    env = os.environ.get("BRIEFCAST_CONFIG_DIR")
    if env:
        return Path(env) / FILE_NAME
    from platformdirs import user_config_dir

    return Path(user_config_dir("briefcast")) / FILE_NAME


def lexicon_file(value: str | None) -> Path | None:
    """The file a --lexicon value names: None (not given) the default lexicon when it exists, "none" no file."""
    if value is None:
        found = default_lexicon()
        return found if found.is_file() else None
    return None if value.strip().lower() in NONE else Path(value).expanduser()


def load_lexicon(value: str | None, engines: tuple[str, ...]) -> Lexicon:
    """The lexicon a --lexicon value names (see lexicon_file); `engines` are the names a table may key. A file
    that is missing, not TOML, or holds a value of the wrong kind is one InputError naming the entry."""
    path = lexicon_file(value)
    if path is None:
        return Lexicon()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise InputError(f"lexicon {path}: not found", hint="pass a TOML lexicon file, or --lexicon none") from e
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"lexicon {path}: cannot be read ({getattr(e, 'strerror', None) or type(e).__name__})",
                         hint="pass a readable UTF-8 TOML file") from e
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"lexicon {path}: not valid TOML ({e})", hint=_HINT) from e
    return Lexicon(tuple(_entry(path, key, value, engines) for key, value in data.items()), path)


def _entry(path: Path, key: str, value: object, engines: tuple[str, ...]) -> Entry:
    from ..segmenter.speech import speak

    phrase = " ".join(key.split())
    if not any(c.isalnum() for c in phrase):
        raise InputError(f"lexicon {path}: entry {key!r} has no word to match", hint=_HINT)
    said = value if isinstance(value, dict) else {ANY: value}
    allowed = (ANY, *engines)
    for name, how in said.items():
        if name not in allowed:
            raise InputError(f"lexicon {path}: entry {key!r} has an unknown key {name!r}",
                             hint="a table takes " + ", ".join(allowed))
        if not isinstance(how, str) or not how.strip():
            raise InputError(f"lexicon {path}: entry {key!r} must be a respelling or [[phonemes]] (text), "
                             f"not {type(how).__name__} {how!r}", hint=_HINT)
        if ("[" in how or "]" in how) and not _PHONEMES.fullmatch(how.strip()):
            raise InputError(f"lexicon {path}: entry {key!r}: phonemes go whole in double brackets, not {how!r}",
                             hint=_HINT)
    if not said:
        raise InputError(f"lexicon {path}: entry {key!r} is an empty table", hint=_HINT)
    spoken = " ".join(speak(phrase).split())
    return Entry(phrase, {name: str(how).strip() for name, how in said.items()}, spoken if spoken != phrase else "")
