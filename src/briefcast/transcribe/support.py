"""How much better a recording supports printed words than decoys: whether a name the recogniser heard as other
words ('Baghdad' heard 'They get') was said as printed, or changed.

The recogniser scores the printed words over the clip (teacher-forced: its mean log probability of exactly those
tokens), less its score of them over silence of the same length (what its language model alone gives them: a rare
name is improbable anywhere), followed by the words heard next (a wrong name pulls them out of place). Each name of
the printed words is then swapped for other names of the same article, the decoys, scored alike. A name said as
printed beats every decoy ('Baghdad', heard 'They get', by 2.4 nats a token); a name the reader changed does not
('Pemberton' printed for the same sound: 2.4 under the best decoy). Spellings and broad sounds cannot tell these
apart: 'Ortega' and 'Raqqa' sound more alike in broad classes than 'Baghdad' and 'They get'.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .recogniser import Scorer

MAX_DECOYS = 24  # other names of the article each printed name is swapped for (evenly chosen, in printed order)


def support_margin(scorer: Scorer, clip: np.ndarray, before: str, text: str, after: str, names: Sequence[str],
                   decoys: Sequence[str]) -> float | None:
    """The nats a token by which `clip` supports `text` (heard after `before` and before `after`) over the best decoy,
    the least over the `names` in it (each swapped for each of `decoys` not in `text`); None without a decoy."""
    silence = np.zeros_like(clip)
    pool = [d for d in decoys if d not in text]
    pool = pool[::max(1, -(-len(pool) // MAX_DECOYS))]
    least: float | None = None
    for name in names:
        texts = [f"{t} {after}".strip() for t in [text] + [text.replace(name, d, 1) for d in pool]]
        if len(texts) < 2:
            return None
        heard = scorer.log_probs(clip, before, texts)
        prior = scorer.log_probs(silence, before, texts)
        support = [h - p for h, p in zip(heard, prior)]
        margin = support[0] - max(support[1:])
        least = margin if least is None else min(least, margin)
    return least
