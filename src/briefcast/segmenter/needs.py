"""The characters a regular expression needs: a test to run before the pattern, on text it cannot match.

needed_chars(r"(\\d+)%") is {"%"}: every match holds a "%", so a text without one is left as it is by a substitution
and a search finds nothing there. The set is read from the parsed pattern: the first item every match consumes
that is a character or a class of listed characters (of such sets, the one prose holds least often: "@" rather than
a space, "/" rather than "p"), through groups, repeats of at least one alternatives that each need one, and what a
lookahead or lookbehind needs (the text holds it, if not the match). Where case is ignored only characters without
case count (an ASCII sign or digit: "/" in "(?i)and/or"; a letter may match another, "k" the Kelvin sign). A pattern
with nothing of that kind needs nothing: `needs_test` then gives None and the pattern always runs.
"""
from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

if sys.version_info >= (3, 11):  # re's own parser
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
else:  # pragma: no cover
    import sre_constants as sre
    import sre_parse

__all__ = ["needed_chars", "needs_test"]

_MAX_RANGE = 128  # a class's range wider than this ("[^\\W]", "[\\x00-\\uffff]") is too common to be worth a test
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}


def needed_chars(pattern: str | re.Pattern[str], flags: int = 0) -> frozenset[str] | None:
    """Characters one of which every match of `pattern` holds, or None when there is no such set to test."""
    if isinstance(pattern, re.Pattern):
        return needed_chars(pattern.pattern, pattern.flags)
    try:
        parsed = sre_parse.parse(pattern, flags)
    except Exception:  # (a pattern re itself refuses: let re say so when it runs)
        return None
    return _sequence(parsed.data, bool(parsed.state.flags & sre.SRE_FLAG_IGNORECASE))


def needs_test(pattern: str | re.Pattern[str], flags: int = 0) -> Callable[[str], bool] | None:
    """A test that is false only of a text `pattern` cannot match (see needed_chars); None if there is none."""
    chars = needed_chars(pattern, flags)
    if not chars:
        return None
    if len(chars) == 1:
        (char,) = chars
        return lambda text: char in text
    search = re.compile("[" + "".join(re.escape(ch) for ch in sorted(chars)) + "]").search
    return lambda text: search(text) is not None


def _commonness(chars: frozenset[str]) -> tuple[float, int]:
    """How often prose holds one of chars, roughly (spaces, then lower-case letters, stops and commas, capitals and
    digits, then the rest), and how many they are: the set to test is the one with the least."""
    return sum(_COMMON.get(ch, _RARE) for ch in chars), len(chars)


_COMMON = dict.fromkeys(" ", 9.0) | dict.fromkeys("abcdefghijklmnopqrstuvwxyz", 3.0) | dict.fromkeys(".,", 2.0) | \
    dict.fromkeys("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 1.0)
_RARE = 0.25


def _caseless(ch: str) -> bool:
    """An ASCII character that is no letter: ignoring case, it matches itself alone."""
    return ch.isascii() and not ch.isalpha()


def _sequence(items: Sequence[tuple[Any, Any]], nocase: bool) -> frozenset[str] | None:
    """The rarest set (_commonness) needed by one of the items that every match of the sequence consumes; `nocase`:
    case is ignored."""
    found = [chars for item in items if (chars := _item(*item, nocase))]
    return min(found, key=_commonness) if found else None


def _item(op: Any, av: Any, nocase: bool) -> frozenset[str] | None:
    if op is sre.LITERAL:
        return frozenset(chr(av)) if not nocase or _caseless(chr(av)) else None
    if op is sre.IN:
        return _class(av, nocase)
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return _sequence(sub.data, bool(add_flags & sre.SRE_FLAG_IGNORECASE)
                         or (nocase and not del_flags & sre.SRE_FLAG_IGNORECASE))
    if op in _REPEATS:
        low, _high, sub = av
        return _sequence(sub.data, nocase) if low >= 1 else None
    if op is sre.BRANCH:
        branches = [_sequence(branch.data, nocase) for branch in av[1]]
        return frozenset().union(*branches) if all(branches) else None  # type: ignore[arg-type]
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _sequence(av.data, nocase)
    if op is sre.ASSERT:  # a lookahead or lookbehind: what it looks at is in the text too
        return _sequence(av[1].data, nocase)
    return None  # anchors, negative lookarounds, categories, back references: nothing to test for


def _class(items: Sequence[tuple[Any, Any]], nocase: bool) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < _MAX_RANGE:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:  # a negated class or a category (\d, \w): no short list of characters
            return None
    return frozenset(chars) if not nocase or all(map(_caseless, chars)) else None
