"""briefcast: news articles into narrated audio briefings, and video voiceovers back into articles.

    from briefcast import NarrateOptions, narrate, read_article, transcribe
    article = read_article("article.md")                       # -> Article
    result = narrate(article, "briefing.mp3", options=NarrateOptions(subtitles=("srt",)))
    heard = transcribe("briefing.mp3")                         # -> Article with times and qa

Every name is imported when first used (PEP 562), so `import briefcast` and the CLI stay fast. As in openai-whisper,
`briefcast.narrate` and `briefcast.transcribe` are the library calls, not the subpackages of the same name: import
from those with `from briefcast.narrate.options import ...`.
"""
from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .batch import BatchOptions, BatchReport, run_batch
    from .document import Article, Paragraph, QAItem, Removed, Section, Sentence, Source, Speaker, Word
    from .errors import BriefcastError
    from .narrate import NarrateOptions, NarrationResult, narrate, narrate_file
    from .segmenter.parse import parse_article, read_article
    from .transcribe import TranscribeOptions, transcribe

_HOMES = {  # public name -> the module it lives in
    "read_article": "segmenter.parse", "parse_article": "segmenter.parse",
    "narrate": "narrate", "narrate_file": "narrate", "NarrateOptions": "narrate", "NarrationResult": "narrate",
    "transcribe": "transcribe", "TranscribeOptions": "transcribe",
    "run_batch": "batch", "BatchOptions": "batch", "BatchReport": "batch",
    "Article": "document", "Section": "document", "Paragraph": "document", "Sentence": "document",
    "Word": "document", "Removed": "document", "Source": "document", "QAItem": "document",
    "Speaker": "document",
    "BriefcastError": "errors",
}
_CALLS = ("narrate", "transcribe")  # names that are both a subpackage and the library call it holds

__all__ = [  # the same names as _HOMES (a test checks), written out for linters and readers
    "__version__", "read_article", "parse_article", "narrate", "narrate_file", "NarrateOptions", "NarrationResult",
    "transcribe", "TranscribeOptions", "run_batch", "BatchOptions", "BatchReport", "Article", "Section", "Paragraph",
    "Sentence", "Word", "Removed", "Source", "QAItem", "Speaker", "BriefcastError",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value  # the next lookup finds it without coming here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """Importing a subpackage sets the parent's attribute of that name to it; for `narrate` and `transcribe` that
    would hide the library call whenever the subpackage was imported first, so the call keeps the name."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _CALLS and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
