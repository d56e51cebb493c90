"""The listener's boilerplate layer: clutter recognised by kind, story prose left alone, rule prefilters right."""
from __future__ import annotations

import pytest

from briefcast.segmenter import boilerplate


def _needed_words(pattern: str) -> frozenset[str] | None:
    """Literal strings of which every match of pattern contains one, derived from re's parse tree (test only)."""
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser as sre  # type: ignore[attr-defined]

    repeats = {c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)}

    def needed(items) -> frozenset[str] | None:  # type: ignore[no-untyped-def]
        options: list[frozenset[str]] = []
        run: list[str] = []
        for op, av in list(items) + [(None, None)]:
            if op is c.LITERAL:
                run.append(chr(av))
                continue
            if run:
                options.append(frozenset(["".join(run)]))
                run = []
            found: frozenset[str] | None = None
            if op is c.SUBPATTERN:
                found = needed(av[-1])
            elif op is c.BRANCH:
                alternatives = [needed(alt) for alt in av[1]]
                if all(alternatives):
                    found = frozenset().union(*alternatives)  # type: ignore[arg-type]
            elif op in repeats and av[0] >= 1:
                found = needed(av[2])
            if found:
                options.append(found)
        if not options:
            return None
        return max(options, key=lambda o: (min(len(w) for w in o), -len(o)))

    return needed(sre.parse(pattern))


@pytest.mark.parametrize("rule", boilerplate._RULES, ids=lambda r: f"{r[0]}:{r[1][:40]}")
def test_each_rule_names_the_words_it_needs(rule):
    kind, pattern, weight, needs = rule
    derived = _needed_words(pattern)
    assert needs is None or derived is not None, "a prefilter the pattern does not imply"
    if derived is not None:
        assert needs is not None and set(needs) == set(derived)
