"""What a reader changed from the printed article (`transcribe --script`): a readable report, one change a line."""
from __future__ import annotations

from ..document import Article, QAItem
from .text import Writer, timestamp

CHANGE = "change"  # the severity of the QA items that say what the reader changed (transcribe.align)
LABELS = {"not_said": "printed, not said", "not_printed": "said, not printed", "said_differently": "said differently",
          "moved": "said out of the printed order"}


def change_lines(article: Article) -> list[str]:
    """One line per change, in time order: `[mm:ss] said differently: "Whitfield" (said 'Whitford')`."""
    return [_line(q) for q in sorted((q for q in article.qa if q.severity == CHANGE), key=lambda q: q.start)]


def _line(q: QAItem) -> str:
    said = f" ({q.message})" if q.kind in ("said_differently", "moved") else ""
    return f"[{timestamp(q.start)}] {LABELS.get(q.kind, q.kind)}: \"{q.text}\"{said}"


def changes_section(article: Article) -> list[str]:
    """The changes as a last Markdown section (nothing when the article holds none)."""
    lines = change_lines(article)
    return ["## What the reader changed", "", *(f"- {line}" for line in lines), ""] if lines else []


class ChangesWriter(Writer):
    """What the reader changed from the printed article: each change with its time (empty: read as printed)."""

    name = "changes"
    extension = "changes.txt"
    summary = "what the reader changed from --script's article"
    timed = True
    in_all = False

    def render(self, article: Article) -> str:
        lines = change_lines(article)
        if not lines:
            return "No changes: the reading follows the printed text.\n"
        return f"What the reader changed ({len(lines)}):\n" + "".join(line + "\n" for line in lines)
