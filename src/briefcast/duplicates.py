"""The same story twice: two feeds carrying one wire story. Bodies are compared by the Jaccard similarity of their
word 3-shingles, estimated with MinHash (datasketch); a story as similar as SAME to an earlier one is that story.
scripts/measure_duplicates.py measures the threshold on pairs built from the shared pages.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .document import Article
from .errors import ToolMissingError

SHINGLE = 3  # words in a shingle
PERMUTATIONS = 128  # MinHash permutations: the estimate's standard error is about 0.09 at this size
SAME = 0.5  # estimated Jaccard similarity of the bodies' shingles at or above which two stories are one
_WORD = re.compile(r"\w+")


def signature(text: str) -> Any:
    """The MinHash of the text's lower-case word 3-shingles."""
    try:
        from datasketch import MinHash
    except ImportError as e:  # pragma: no cover - datasketch is a dependency
        raise ToolMissingError("finding the same story twice needs datasketch", hint="pip install datasketch") from e
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    m = MinHash(num_perm=PERMUTATIONS, seed=1)
    m.update_batch([s.encode("utf-8") for s in shingles])
    return m


def similarity(a: str, b: str) -> float:
    """The estimated Jaccard similarity of two texts' word 3-shingles (0..1)."""
    return float(signature(a).jaccard(signature(b)))


def same_stories(articles: Sequence[Article], *, same: float = SAME) -> list[int | None]:
    """For each article, the index of the first earlier one that tells the same story, or None."""
    marks = [signature(_body(a)) for a in articles]
    found: list[int | None] = []
    for i, m in enumerate(marks):
        found.append(next((j for j in range(i) if found[j] is None and m.jaccard(marks[j]) >= same), None))
    return found


def _body(article: Article) -> str:
    """The text that is said: prose paragraphs, no printed-only kinds."""
    return "\n".join(p.text for p in article.paragraphs if not p.kind)
