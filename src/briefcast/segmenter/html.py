"""HTML pages -> article metadata and a Markdown body, through trafilatura (imported lazily).

The Markdown body then goes through the same rules as any text article (headings -> sections, boilerplate ->
removed), so an HTML page and its scraped text end up in the same model.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from ..document import Article
from ..errors import InputError, ToolMissingError
from .metadata import clean_byline, clean_publisher, clean_title, is_promotion

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HtmlOptions:
    """How trafilatura extracts the main text of a page.

    Balanced (neither flag) measured best overall with our rules (scripts/measure_extraction.py): token F1 0.979 on
    mozilla_readability and 0.970 on scrapinghub_aeb; favor_precision loses 0.06 on the first set.
    """

    favor_precision: bool = False  # drop doubtful blocks (fewer clutter lines, may cut story text)
    favor_recall: bool = False  # keep doubtful blocks (more story text, more clutter for our rules to catch)
    include_tables: bool = True  # keep table cells as text
    include_comments: bool = False  # readers' comments are not the article


DEFAULT_HTML = HtmlOptions()


def extract_html(html: str, *, options: HtmlOptions = DEFAULT_HTML) -> tuple[Article, str]:
    """Extract (metadata as an Article without body, main text as Markdown) from an HTML page."""
    try:
        import trafilatura
        from trafilatura.xml import xmltotxt
    except ImportError as e:  # pragma: no cover - trafilatura is a dependency
        raise ToolMissingError("reading HTML needs trafilatura", hint="pip install trafilatura") from e
    doc: Any = trafilatura.bare_extraction(  # a Document (output_format="python")
        html, with_metadata=True, include_formatting=True, include_links=False, include_images=False,
        include_comments=options.include_comments, include_tables=options.include_tables,
        favor_precision=options.favor_precision, favor_recall=options.favor_recall, output_format="python")
    if doc is None or doc.body is None:
        raise InputError("no article text found in the HTML page",
                         hint="check it is an article page, or save the article text and pass that")
    body = xmltotxt(doc.body, include_formatting=True) or ""
    publisher = clean_publisher(_clean(doc.sitename), title=_clean(doc.title))
    title = clean_title(_clean(doc.title), publisher=publisher)
    if not title or is_promotion(title, publisher):  # the page's own headline instead: its first <h1>
        title = clean_title(_first_h1(html), publisher=publisher) or title
    art = Article(
        title=title,
        byline=clean_byline(_authors(doc.author), publisher=publisher, title=title),
        publisher=publisher,
        published=_clean(doc.date),
        url=_clean(doc.url),
        language=_clean(doc.language),
    )
    for key, values in (("categories", doc.categories), ("tags", doc.tags)):
        items = [v.strip() for value in values or [] for v in value.split(",") if v.strip()]
        if items:
            art.tags[key] = list(dict.fromkeys(items))
    return art, body


_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def _first_h1(html: str) -> str | None:
    """The text of the page's first <h1> (tags and entities resolved), if it reads like a headline (3+ words)."""
    import html as html_mod

    match = _H1.search(html)
    text = " ".join(html_mod.unescape(_TAG.sub(" ", match.group(1))).split()) if match else ""
    return text if len(text.split()) >= 3 else None


def _authors(value: str | None) -> str | None:
    """"A; B | A" -> "A, B": trafilatura joins the names it finds with ";" or "|", sometimes twice over."""
    names = [" ".join(n.split()) for n in re.split(r"[;|]", value or "")]
    return ", ".join(dict.fromkeys(n for n in names if n)) or None


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None
