"""What a reader changed from the printed article (`transcribe --script`): a readable report, one change a line,
then the stretches more likely misheard than changed (QA kind `doubtful`), to check by ear."""
from __future__ import annotations

from ..document import Article, QAItem
from .text import Writer, timestamp

CHANGE = "change"  # the severity of the QA items that say what the reader changed (transcribe.align)
DOUBTFUL = "doubtful"  # the QA kind of a difference more likely the recogniser's than the reader's
LABELS = {"not_said": "printed, not said", "not_printed": "said, not printed", "said_differently": "said differently",
          "moved": "said out of the printed order"}


def change_lines(article: Article) -> list[str]:
    """One line per change, in time order: `[00:29] said differently: "Whitfield" (said 'Whitford')`."""
    return [_line(q) for q in sorted((q for q in article.qa if q.severity == CHANGE), key=lambda q: q.start)]


def doubtful_lines(article: Article) -> list[str]:
    """One line per doubtful difference: `[01:15] "Abbasiyah" said 'Sea': heard with low confidence (0.45)`."""
    return [f"[{timestamp(q.start)}] \"{q.text}\" {q.message}" for q in article.qa if q.kind == DOUBTFUL]


def _line(q: QAItem) -> str:
    said = f" ({q.message})" if q.kind in ("said_differently", "moved") else ""
    return f"[{timestamp(q.start)}] {LABELS.get(q.kind, q.kind)}: \"{q.text}\"{said}"


def changes_section(article: Article) -> list[str]:
    """The changes as a last Markdown section (nothing when the article holds none; the doubtful stretches are
    warnings, in the QA note after it)."""
    lines = change_lines(article)
    return ["## What the reader changed", "", *(f"- {line}" for line in lines), ""] if lines else []


class ChangesWriter(Writer):
    """What the reader changed from the printed article, each change with its time, then the doubtful stretches."""

    name = "changes"
    extension = "changes.txt"
    summary = "what the reader changed from --script's article"
    timed = True
    in_all = False

    def render(self, article: Article) -> str:
        lines, doubtful = change_lines(article), doubtful_lines(article)
        out = f"What the reader changed ({len(lines)}):\n" if lines else "No changes: read as printed.\n"
        out += "".join(line + "\n" for line in lines)
        if doubtful:
            out += f"\nHeard differently, probably misheard ({len(doubtful)}; check the audio):\n"
            out += "".join(line + "\n" for line in doubtful)
        return out
