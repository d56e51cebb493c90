#!/usr/bin/env python3
"""Measure the same-story detection (briefcast.duplicates) on pairs built from the shared pages.

    .venv/bin/python scripts/measure_duplicates.py

Same story: a page's gold text (mozilla_readability and _more, expected.html) and a lightly edited copy of it, as a
second outlet would run a wire story: one paragraph after the first left out, one word in 25 replaced, a closing
line of its own added, and its first paragraph rewritten to start with a dateline. Different stories: every pair of
two different pages (the 'same topic' pairs are those of one site). Prints the similarities' spread for each kind,
and the detection and false alarms at the threshold (briefcast.duplicates.SAME).
"""
from __future__ import annotations

import html
import random
import re
import statistics
import sys
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DATA = ROOT.parent / "shared" / "data" / "articles"


def gold(folder: Path) -> list[str]:
    """The page's gold paragraphs."""
    text = (folder / "expected.html").read_text(encoding="utf-8")
    paragraphs = [html.unescape(re.sub(r"<[^>]+>", " ", p)) for p in re.findall(r"<p[^>]*>(.*?)</p>", text, re.S)]
    return [" ".join(p.split()) for p in paragraphs if len(p.split()) >= 5]


def edited(paragraphs: list[str], rng: random.Random) -> list[str]:
    """A second outlet's copy: a dateline, a paragraph left out, one word in 25 replaced, its own closing line."""
    copy = list(paragraphs)
    if len(copy) > 2:
        del copy[rng.randrange(1, len(copy))]
    words = " \n ".join(copy).split(" ")
    for i in range(0, len(words), 25):
        words[i] = rng.choice(["said", "reported", "the", "new", "officials"])
    copy = " ".join(words).split(" \n ")
    copy[0] = "LONDON (Wire) - " + copy[0]
    return copy + ["Reporting by A. Writer; editing by B. Editor."]


def main() -> None:
    from briefcast.duplicates import SAME, similarity

    folders = [f for kind in ("mozilla_readability", "mozilla_readability_more")
               for f in sorted((DATA / kind).iterdir()) if (f / "expected.html").is_file()]
    texts = {f.name: gold(f) for f in folders}  # no placeholder text (the test pages of Lorem ipsum), no stubs
    texts = {k: v for k, v in texts.items() if sum(len(p.split()) for p in v) >= 100 and "Lorem ipsum" not in v[0]}
    rng = random.Random(7)
    same = [similarity("\n".join(v), "\n".join(edited(v, rng))) for v in texts.values()]
    names = sorted(texts)
    site = {n: re.sub(r"-\d+$", "", n) for n in names}
    pairs = list(combinations(names, 2))
    different = [(similarity("\n".join(texts[a]), "\n".join(texts[b])), site[a] == site[b]) for a, b in pairs]
    topic = [s for s, one_site in different if one_site]
    print(f"pages: {len(texts)}; same-story pairs {len(same)}, different pairs {len(different)} "
          f"({len(topic)} of one site)")
    print(f"same story:  min {min(same):.2f}, median {statistics.median(same):.2f}")
    spread = f"max {max(s for s, _ in different):.2f}, median {statistics.median(s for s, _ in different):.2f}"
    print(f"different:   {spread}" + (f"; one site: max {max(topic):.2f}" if topic else ""))
    found = sum(s >= SAME for s in same)
    alarms = sum(s >= SAME for s, _ in different)
    print(f"at SAME = {SAME}: {found} of {len(same)} same-story pairs found, {alarms} of {len(different)} "
          f"different pairs taken for one story")
    for (a, b), (s, _) in zip(pairs, different):
        if s >= SAME:
            print(f"  {a} ~ {b}: {s:.2f} (first paragraphs: {texts[a][0][:50]!r} / {texts[b][0][:50]!r})")


if __name__ == "__main__":
    main()
