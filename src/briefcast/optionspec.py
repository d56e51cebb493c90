"""Options declared once, on their dataclass: a field carries its command-line flag, its help, the commands that take
it and what output it shapes, as plain data in `dataclasses.field(metadata=...)`.

The CLI turns the flags into click options (`cli/options.py`), so a new field with a flag reaches every command
named in it; the caches and the batch manifest key on the fields that shape the output, the way black's `Mode` owns
its cache key, so a new field that shapes the audio can never be served from a stale render. No click here: the
library does not import the command line's toolkit.

    loudness: float = option(-16.0, "--loudness", help="Integrated loudness target in LUFS.",
                             commands=NARRATING, shapes=AUDIO)
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

AUDIO = "audio"  # shapes the audio file: keys the render cache and the batch manifest
TEXT = "text"  # shapes a text output (a transcript, subtitles, chapters): keys the batch manifest
OUTPUT = (AUDIO, TEXT)
NOT_SET = object()  # Flag.value when the option takes a value (it is not a flag)
REQUIRED: Any = dataclasses.MISSING  # option()'s default for a field the user must give (feed --title): none
_UNDECLARED = object()

_FLAG, _SHAPES = "briefcast.flag", "briefcast.shapes"  # the metadata keys


@dataclass(frozen=True)
class Flag:
    """How one options field appears on the command line."""

    names: tuple[str, ...]  # its spellings: ("--loudness",), ("-l", "--language"), a switch ("--vad/--no-vad",)
    help: str  # the help line; "[default: X]" is added from the field's default unless `show_default` is False
    commands: frozenset[str]  # the commands that take it
    type: type | None = None  # int, float or str; None: str (a choice, a switch or a flag need none)
    choices: tuple[str, ...] | None = None  # the only values accepted
    range: tuple[float | None, float | None] | None = None  # inclusive bounds (None: open), checked by click
    value: Any = NOT_SET  # a flag: the field's value when the flag is given (--stereo: 2, --no-intro: False)
    show_default: bool = True  # False: the help says the default in words (it depends on other options)
    required: bool = False  # the field has no default: the user must give it (option(REQUIRED, ...))
    path: str | None = None  # "file" or "folder": the value names one, and naming the other kind is an error
    output: bool = False  # the value names an output: an empty or blank name is a usage error
    shown: str | None = None  # the default as a user writes it, when the field's own reads otherwise ("none")
    metavar: str | None = None
    parse: Callable[[str], Any] | None = None  # the text given -> the field's value (--subtitles srt,vtt)
    renamed: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)  # command -> its spellings,
    #                                           where the command has an option of that name of its own

    def names_in(self, command: str) -> tuple[str, ...]:
        """The spellings `command` gives this option."""
        return tuple(self.renamed.get(command, self.names))


def option(default: Any, *names: str, help: str, commands: Collection[str], shapes: str | None = None,
           **flag: Any) -> Any:
    """A dataclass field with a command-line flag; `shapes` is AUDIO, TEXT or None (it changes no output). A
    `default` of REQUIRED makes a field without a default and an option the user must give."""
    if flag.get("path") not in (None, "file", "folder"):
        raise ValueError(f"path must be 'file', 'folder' or None, not {flag['path']!r}")
    made = Flag(tuple(names), help, frozenset(commands), required=default is REQUIRED, **flag)
    return dataclasses.field(default=default, metadata={_FLAG: made, _SHAPES: _checked(shapes)})


def setting(default: Any, *, shapes: str | None = None) -> Any:
    """A dataclass field the library takes but no command offers; `shapes` as for `option`."""
    return dataclasses.field(default=default, metadata={_SHAPES: _checked(shapes)})


def _checked(shapes: str | None) -> str | None:
    if shapes is not None and shapes not in OUTPUT:
        raise ValueError(f"shapes must be one of {OUTPUT} or None, not {shapes!r}")
    return shapes


def flag_of(f: dataclasses.Field[Any]) -> Flag | None:
    """The field's command-line flag, or None."""
    flag = f.metadata.get(_FLAG)
    return flag if isinstance(flag, Flag) else None


def flags(options: Any, command: str | None = None) -> list[tuple[dataclasses.Field[Any], Flag]]:
    """The fields of an options class (or instance) that have a flag, in declaration order; with `command`, those
    that command takes."""
    found = [(f, flag) for f in dataclasses.fields(options) if (flag := flag_of(f)) is not None]
    return [(f, flag) for f, flag in found if command is None or command in flag.commands]


def declared(f: dataclasses.Field[Any]) -> bool:
    """Whether the field says what it shapes (every field of a briefcast options class does)."""
    return _SHAPES in f.metadata


def shapes(f: dataclasses.Field[Any], kinds: Collection[str] = OUTPUT) -> bool:
    """Whether the field shapes an output of `kinds`; a field that does not say counts as shaping (a key that
    holds too much only misses; one that holds too little serves a stale output)."""
    kind = f.metadata.get(_SHAPES, _UNDECLARED)
    return kind is _UNDECLARED or kind in kinds


def output_settings(options: Any, kinds: Collection[str] = OUTPUT) -> dict[str, Any]:
    """{field name: value} of the fields of `options` (an instance) that shape an output of `kinds`: the part of
    the options a cache or a manifest keys on. Nested dataclasses become dicts."""
    values = dataclasses.asdict(options)
    return {f.name: values[f.name] for f in dataclasses.fields(options) if shapes(f, kinds)}


def default_of(options: Any, name: str) -> Any:
    """The default of field `name` of an options class."""
    [f] = [f for f in dataclasses.fields(options) if f.name == name]
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    raise LookupError(f"{name} has no default")
