"""HTML pages -> article metadata and a Markdown body, through trafilatura (imported lazily).

The Markdown body then goes through the same rules as any text article (headings -> sections, boilerplate ->
removed), so an HTML page and its scraped text end up in the same model; the page's layout (layout.py) adds what
its structure says about each block, and its structured data (structured.py, masthead.py) the metadata.
"""
from __future__ import annotations

import contextlib
import copy
import datetime as dt
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..dates import DATE, iso_date
from ..document import Article
from ..errors import InputError, ToolMissingError
from .assemble import comparable, similar
from .boilerplate import is_boilerplate
from .layout import (
    IMAGE_BOX_WORDS,
    NEEDLE_WORDS,
    SPLIT_NAME,
    STORY_NAMES,
    STORY_WORDS,
    TOKENS,
    PageLayout,
    ends_sentence,
    icon,
)
from .masthead import choose_byline, choose_publisher, choose_title, domain_name
from .metadata import MONTHS_PATTERN, SPLIT_NAMES, STANDFIRST_WORDS, is_meta_line, is_promotion
from .structured import PageFacts, answer_author, read_facts

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
BODY_CHECK_WORDS = 150  # a JSON-LD articleBody this long is the story, a cross-check of the text the page shows
BODY_SHARE = 0.4  # a page showing less than this share of its articleBody's words (a script renders the rest) is
#                   read from the articleBody
VIDEO_BODY_WORDS = 40  # a video page whose extracted text is shorter than this (words) is read from its description


@dataclass
class HtmlPage:
    """An HTML page read once: metadata (an Article without body), the main text as Markdown, where its blocks sit
    in the page (`layout`) and what the page says about itself (`facts`)."""

    meta: Article
    body: str
    layout: PageLayout | None
    facts: PageFacts


def read_page(html: str, *, options: HtmlOptions = DEFAULT_HTML, url: str | None = None) -> HtmlPage:
    """Parse the page once, read its structured data, extract its main text with trafilatura, and reconcile the
    metadata (masthead.py). A video page without article text of its own gets the clip's description as body.
    `url`: where the page was fetched from, the page's URL when it names none of its own."""
    try:
        import trafilatura
        from trafilatura.xml import xmltotxt
    except ImportError as e:  # pragma: no cover - trafilatura is a dependency
        raise ToolMissingError("reading HTML needs trafilatura", hint="pip install trafilatura") from e
    tree = _load_tree(trafilatura, html)
    facts = read_facts(tree)
    _drop_quote_chips(tree)
    _drop_see_pointers(tree)
    _mark_note_references(tree)
    _drop_link_labels(tree)
    _drop_hover_cards(tree)
    _drop_placeholder_text(tree)
    _drop_hidden_copies(tree)
    _lift_trailing_breaks(tree)
    _unwrap_layout_tables(tree)
    _set_apart_small_print(tree)
    _set_apart_inline_figures(tree)
    _set_apart_dates_in_headings(tree)
    with _quiet("trafilatura"):  # its "discarding data: None" is our "no article text found" below
        doc: Any = _extract(trafilatura, tree, options)
    body = _page_body(tree, doc, facts, xmltotxt)
    facts.answered_by = answer_author(tree, body)
    art = _page_meta(tree, doc, facts, body, url)
    return HtmlPage(art, body, PageLayout(tree, art.url), facts)


def _load_tree(trafilatura: Any, html: str) -> Any:
    """The page parsed by trafilatura's loader (a flat copy where lxml's parser would drop what lies deeper)."""
    tree = trafilatura.load_html(html)
    if tree is not None and _too_deep(tree):  # lxml's parser dropped what lies deeper: parse a flat copy instead
        tree = trafilatura.load_html(_flat_page(html))
    if tree is None:
        raise InputError("no article text found in the HTML page",
                         hint="check it is an article page, or save the article text and pass that")
    return tree


def _page_body(tree: Any, doc: Any, facts: PageFacts, xmltotxt: Any) -> str:
    """The story's text as Markdown: what trafilatura extracted, with a lede it left behind and the paragraphs it
    stopped before, else the page's fuller articleBody or a video's description."""
    body = (xmltotxt(doc.body, include_formatting=True) or "") if doc is not None and doc.body is not None else ""
    body = _SOURCE_WRAP.sub(" ", body)
    body = _CODE_LINE.sub(_code_block, body)
    if body.strip() and (lede := _stray_lede(tree, body)):
        log.info("the lede sits after a box set into the first paragraph: read before the body")
        body = lede + "\n\n" + body
    if body.strip() and (more := _continuation(tree, body)):
        log.info("the story goes on in %d more paragraph(s) after the element trafilatura took", len(more))
        body = body.rstrip() + "\n\n" + "\n\n".join(more) + "\n"
    if body.strip() and (restored := _restore_headings(tree, body)) != body:
        log.info("section headings the extraction left out put back over their paragraphs")
        body = restored
    body = _fuller_body(body, facts)
    if not body.strip():
        raise InputError("no article text found in the HTML page",
                         hint="check it is an article page, or save the article text and pass that")
    return body


def _fuller_body(body: str, facts: PageFacts) -> str:
    """The articleBody where the page shows only part of its story; a video page's description before a body
    too short to be an article of its own."""
    if (facts.article_body and _words(facts.article_body) >= BODY_CHECK_WORDS
            and _words(body) < BODY_SHARE * _words(facts.article_body)):
        log.info("the page shows only part of its story (%d words of the %d in its articleBody): read the articleBody",
                 _words(body), _words(facts.article_body))
        body = facts.article_body
    description = facts.video_description or (facts.description if facts.is_video else None)
    if facts.is_video and description and _words(body) < VIDEO_BODY_WORDS and not _holds(body, description):
        body = description if not body.strip() else description + "\n\n" + body
    return body


def _found(doc: Any, name: str) -> Any:
    """A field of trafilatura's Document, None when it found nothing."""
    return getattr(doc, name, None) if doc is not None else None


def _page_meta(tree: Any, doc: Any, facts: PageFacts, body: str, url: str | None) -> Article:
    """The story's metadata (an Article without body): trafilatura's findings reconciled with the page's facts.
    An error page is refused here."""
    url = _clean(_found(doc, "url")) or facts.url or url
    publisher = choose_publisher(facts, _clean(_found(doc, "sitename")), url)
    authors = _authors(_found(doc, "author"))
    title = choose_title(facts, _clean(_found(doc, "title")), publisher, authors=authors)
    if title and is_promotion(title, publisher):  # the site's own promotion: the page's first long <h1> instead
        title = next((h for h in facts.h1 if len(h.split()) >= 3 and h != title), title)
    if (status := _error_page(facts, title, body)) is not None:
        raise InputError(f"the page is an error page ({status!r}), not an article",
                         hint="check the address, or save the article's page again")
    if facts.answered_by is None:
        byline = choose_byline(facts, authors, publisher=publisher, title=title)
    else:  # the answer read is its author's; a handle ("e-satis", answered_by "") is not said
        answerer = PageFacts(authors=[facts.answered_by] if facts.answered_by else [])
        byline = choose_byline(answerer, None, publisher=publisher, title=title)
    if title and _names_only_the_site(title, publisher, byline, url) and (head := _first_headline(body)):
        title = head  # "News from The Associated Press": the headline is the line over the story
    art = Article(
        title=title,
        byline=byline,
        publisher=publisher,
        published=_published(_clean(_found(doc, "date")), facts, url, lambda: _printed_date(tree, title, byline)),
        url=url,
        language=_clean(_found(doc, "language")),
    )
    for key in ("categories", "tags"):
        values = _found(doc, key)
        items = [v.strip() for value in values or [] for v in value.split(",") if v.strip()]
        if items:
            art.tags[key] = list(dict.fromkeys(items))
    art.standfirst = _standfirst(tree, facts.description, body, title)
    return art


# What a server's error page calls itself: "404 Errors", "Forbidden", "Page not found", "Error 503".
_ERROR_TITLE = re.compile(r"(?i)^\W*(?:(?:error|http)\s*)?(?:40[0134]|410|50[0234])\b|"
                          r"\b(?:page|file|article) (?:not found|(?:does not|doesn't|no longer) exists?)\b|"
                          r"^\W*(?:not found|forbidden|access denied|unauthori[sz]ed|service unavailable|"
                          r"internal server error)\W*$")
ERROR_PAGE_WORDS = 60  # an error page holds fewer words than this (an article titled "Forbidden" holds more)


def _error_page(facts: PageFacts, title: str | None, body: str) -> str | None:
    """The title or <h1> of a server's error page saved as HTML (a 404, a 403), when the page's text is short;
    else None."""
    if _words(body) >= ERROR_PAGE_WORDS:
        return None
    return next((t for t in (title, facts.html_title, *facts.h1) if t and _ERROR_TITLE.search(t)), None)


_SITE_TITLE_WORDS = frozenset({"news", "from", "the", "home", "homepage", "latest", "breaking", "online", "official",
                               "site", "website", "page", "welcome", "to", "and", "headlines", "top", "stories", "of"})


def _names_only_the_site(title: str, publisher: str | None, byline: str | None, url: str | None) -> bool:
    """Whether a page's title names only its site ("News from The Associated Press"): its words, but for words such as
    "news", "from", "home", are all in the publisher's name, the byline's agency or the domain."""
    words = {w.lower() for w in re.findall(r"[^\W_]+", title)} - _SITE_TITLE_WORDS
    site = " ".join(x for x in (publisher, byline, domain_name(url)) if x).lower()
    return bool(words) and all(re.search(rf"\b{re.escape(w)}\b", site) for w in words)


def _first_headline(body: str) -> str | None:
    """The body's first line when it is in a headline's form (3-20 words, no closing full stop, not clutter)."""
    first = next((line.strip(" #*_") for line in body.splitlines() if line.strip()), "")
    if 3 <= len(first.split()) <= 20 and not first.endswith((".", ":", ";", ",")) and is_boilerplate(first) is None:
        return first
    return None


# A line break with the page's own indentation after it, inside a paragraph (kept in emphasis: "*With assistance by
# ..., Mike\n                      Dorning*"): the source's wrapping, not a break; (not before a list item or code)
# A line that is all one code span: trafilatura's rendering of a one-line <pre> (a command), run on into the next
# paragraph by a single line break
_CODE_LINE = re.compile(r"^`([^`\n]+)`[ \t]*$", re.MULTILINE)
def _code_block(m: re.Match[str]) -> str:
    """A one-line <pre> after a finished sentence as its own code block (a command shown apart); one set inside a
    sentence ("simply running `pipenv shell` will launch ...") stays in it."""
    text, at = m.string, m.start() - 1
    while at >= 0 and text[at].isspace():  # (the characters either side, not copies of the whole text)
        at -= 1
    after = _NEXT_CHAR.match(text, m.end())
    apart = (at < 0 or text[at] in ".:!?)\"”") and not (after and after.group(1).islower())
    return f"\n```\n{m.group(1)}\n```\n" if apart else m.group(0)


_NEXT_CHAR = re.compile(r"\s*(\S)")


_SOURCE_WRAP = re.compile(r"(?<=[^\s`])\n[ \t]{2,}(?!\d{1,3}[.)]\s)(?=[^\s`*+>|#-]|\*\S)")
_QUOTE_LINK = re.compile(r"(?i)/(?:quotes?|company|companies|stocks?|symbols?)/[^/?#]+/?(?:[?#]|$)"
                         r"|[?&](?:symbol|ticker)=")  # a link to a stock's quote or company page
_CHANGE = re.compile(r"^\(?\s*[+−–-]?\s*[$€£]?\d[\d.,]*\s*%?\s*\)?$")  # a price or a change: "3.60%", "-1.2"
_TICKER = re.compile(r"^\(?\s*(?:[A-Za-z]{2,8}\s*:\s*)?(?:[A-Z]{1,5}|[a-z]{1,5})(?:\.[A-Za-z]{1,2})?\s*\)?$")


def _drop_quote_chips(tree: Any) -> None:
    """Drop the stock-quote chips set into a story's sentences ("Amazon.com (AMZN 3.60%)", "Amazon's (amzn)"): a link
    to a quote or company page, or an element named for a ticker, whose text is a ticker (capitals or small letters,
    not a name: "Apple" stays) or a price or change; with the brackets that held nothing else."""
    for el in list(tree.iter("a", "span")):
        if el.getparent() is None:
            continue  # (inside a chip dropped already)
        text = " ".join(el.text_content().split())
        named = "ticker" in (el.get("class") or "").lower().replace("-", " ").split()
        linked = el.tag == "a" and bool(_QUOTE_LINK.search(el.get("href") or ""))
        if not ((linked or named) and (_TICKER.match(text) or _CHANGE.match(text))):
            continue  # (a company's name in an element named for its ticker stays: "<span class=ticker>Netflix")
        parent = el.getparent()
        _remove_keeping_tail(el)
        if parent is not None and parent.getparent() is not None and parent.tag == "span" and not re.sub(
                r"[\s()\[\]]", "", parent.text_content()):
            _remove_keeping_tail(parent)  # "(" and ")" around the chip


_POINTER_OPEN = re.compile(r"(?i)\s*\(\s*(?:see(?: also)?|read|watch|related:?)\s*[“\"‘']?\s*$")
_POINTER_JOIN = re.compile(r"^\s*[”\"’']?\s*(?:,|;|and|&)?\s*[“\"‘']?\s*$")
_POINTER_CLOSE = re.compile(r"^\s*[”\"’']?\s*\)")


_NOTE_MARK = re.compile(r"^[\[(]?(\d{1,3}|[*†‡§])[\])]?$")


def _mark_note_references(tree: Any) -> None:
    """Write a link to a note on the same page, set right after a word ("you can (ever<a href="#footnote-1">1</a>)
    do", "work.<sup><a href="#fn2">2</a></sup>"), as a note marker, "[1]", which speech leaves unsaid: read as a
    number, it runs into the sentence ("ever one"). A link after a space ("section <a href="#s3">3</a>") is text."""
    for a in list(tree.iter("a")):
        href, text = (a.get("href") or "").strip(), "".join(a.itertext()).strip()
        if not (href.startswith("#") or (a.get("role") or "").lower() == "doc-noteref") or len(a) \
                or not (mark := _NOTE_MARK.match(text)):
            continue
        parent = a.getparent()
        el = parent if parent.tag == "sup" and "".join(parent.itertext()).strip() == text else a
        if not _text_before(el)[-1:].strip():
            continue
        el.tail = f"[{mark.group(1)}]{el.tail or ''}"
        _remove_keeping_tail(el)


LINK_LABEL_WORDS = 2  # a link this short (words) set after a paragraph's last sentence is that sentence's label


def _drop_link_labels(tree: Any) -> None:
    """Drop a short link set after a paragraph's last full stop ("... how hard my work was and its quality.
    <a href="https://x.com/...">Link</a>"): the label of a link, which says nothing read aloud; not one that leads into
    the quotation after it ("... for any other reason. <a>Here's Cook:</a>")."""
    for a in list(tree.iter("a")):
        parent = a.getparent()
        text = " ".join(a.text_content().split())
        if parent is None or parent.tag != "p" or not a.get("href") or not 0 < len(text.split()) <= LINK_LABEL_WORDS \
                or (a.tail or "").strip() or a.getnext() is not None or ends_sentence(text):
            continue
        before = " ".join(parent.text_content().split())[: -len(text)]
        if len(before.split()) > LINK_LABEL_WORDS and ends_sentence(before) and not text.endswith(":"):
            _remove_keeping_tail(a)


def _text_before(el: Any) -> str:
    """The text right before an element in the page, as far back as its enclosing block's start."""
    while el is not None and el.getparent() is not None:
        previous = el.getprevious()
        if previous is not None:
            if previous.tail or not isinstance(previous.tag, str):
                return previous.tail or ""
            return "".join(previous.itertext())
        parent = el.getparent()
        if parent.text or parent.tag not in _INLINE | {"sup"}:
            return parent.text or ""
        el = parent
    return ""


def _drop_see_pointers(tree: Any) -> None:
    """Drop the pointers to other stories set in brackets inside a sentence: "... monkeys (see “<a>Genome Surgery</a>”
    and “<a>10 Breakthrough Technologies</a>”)." is said "... monkeys." (links to other pages, nothing else in the
    brackets)."""
    for a in list(tree.iter("a")):
        parent = a.getparent()
        if parent is None:
            continue  # (a link inside a pointer dropped already)
        previous = a.getprevious()
        before = (previous.tail if previous is not None else parent.text) or ""
        opener = _POINTER_OPEN.search(before)
        if not opener or not (a.get("href") or "").split("#")[0]:
            continue
        links, el = [a], a
        while (el.tail is None or _POINTER_JOIN.match(el.tail)) and (nxt := el.getnext()) is not None \
                and nxt.tag == "a" and (nxt.get("href") or "").split("#")[0]:
            links.append(nxt)
            el = nxt
        close = _POINTER_CLOSE.match(el.tail or "")
        if not close:
            continue
        rest = (el.tail or "")[close.end():]
        if previous is not None:
            previous.tail = before[:opener.start()] + rest
        else:
            parent.text = before[:opener.start()] + rest
        for link in links:
            parent.remove(link)


HOVER_CARD = frozenset({"rollover", "tooltip", "hovercard", "popover", "tippy"})  # class words of a card shown on
#                                                                                   hover (a person's other stories)


# The text a site builder fills a new block with, left on a published page: Webflow's rich text sample ("What’s a
# Rich Text element?", "This is an H2"). (Not lorem ipsum: a page that is nothing else is a test page, read as one.)
_PLACEHOLDER = re.compile(r"(?i)^\s*(?:this is an? (?:h[1-6]|heading(?: [1-6])?|paragraph|block ?quote|caption)\b|"
                          r"what[’']s a rich text element\?|the rich text element allows you to create and format|"
                          r"a rich text element can be used with static or dynamic content|static and dynamic "
                          r"content editing|how to customi[sz]e formatting for each rich text|headings, paragraphs, "
                          r"blockquotes, figures, images, and figure captions can all be styled)")
PLACEHOLDER_BLOCKS = 2  # placeholder blocks that make the element holding them a builder's sample, all of it


def _drop_placeholder_text(tree: Any) -> None:
    """Drop a site builder's sample text left on the page, with the element that holds it: the sample fills a
    whole block (headings of each level, a paragraph, a figure whose caption is keyboard noise)."""
    blocks = [el for el in tree.iter("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote")
              if _PLACEHOLDER.match(el.text_content())]
    if len(blocks) < PLACEHOLDER_BLOCKS:
        return
    for holder, count in Counter(el.getparent() for el in blocks).items():
        if count >= PLACEHOLDER_BLOCKS and holder is not None and holder.getparent() is not None \
                and holder.tag not in ("body", "html"):
            _remove_keeping_tail(holder)


def _drop_hover_cards(tree: Any) -> None:
    """Drop the cards a page shows on hover inside a paragraph ("Kristi Noem" then, hidden, her full name, photo and
    latest stories): printed in the markup among the story's words, never read on the page."""
    def hover(el: Any) -> bool:
        return bool(HOVER_CARD & {w.lower() for w in SPLIT_NAME.split(el.get("class") or "")})

    cards = [el for el in tree.iter("span", "div", "aside") if hover(el) and _inside(el, tree, ("p",))]
    for el in cards:  # the innermost: the card, not the name it hangs on ("<span class=rollover-people>Kristi Noem
        if el.getparent() is not None and not any(hover(d) for d in el.iterdescendants()):  # <span class=...-block>")
            _remove_keeping_tail(el)


_HIDDEN_STYLE = re.compile(r"(?i)(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)")
_COPY_CHARS = 80  # the opening characters of a hidden text that must be found again on the page


def _drop_hidden_copies(tree: Any) -> None:
    """Drop hidden elements (inline `display: none`, `hidden`) whose text the page also shows: a share button's
    copy of the lede, a headline kept for a script. The visible copy is the story's; a hidden block found nowhere
    else stays (pages hide their story until a script shows it)."""
    hidden = [el for el in tree.iter() if isinstance(el.tag, str) and el.tag not in ("script", "style", "template")
              and (el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style") or ""))]
    if not hidden:
        return
    page = " ".join(tree.text_content().split())
    for el in hidden:
        text = " ".join(el.text_content().split())
        if el.getparent() is not None and len(text) >= 20 and page.count(text[:_COPY_CHARS]) >= 2:
            _remove_keeping_tail(el)


_INLINE = frozenset({"strong", "b", "em", "i", "span", "a", "u", "font", "small"})


def _lift_trailing_breaks(tree: Any) -> None:
    """Move a line break that ends an inline element to just after it ("<strong>The Pilot<br></strong>Peter Sís"):
    there the extractor keeps it, and the two lines are not run together ("The PilotPeter Sís")."""
    for br in list(tree.iter("br")):
        parent = br.getparent()
        grand = parent.getparent() if parent is not None else None
        if grand is None or not isinstance(parent.tag, str) or parent.tag.lower() not in _INLINE \
                or br.getnext() is not None or (br.tail or "").strip() or not (parent.tail or "")[:1].strip():
            continue  # (only where text runs on right after the element: the lines would meet with no space)
        parent.remove(br)
        br.tail = parent.tail
        parent.tail = None
        grand.insert(grand.index(parent) + 1, br)
    for br in tree.iter("br"):
        _keep_space_before_inline(br)


def _keep_space_before_inline(br: Any) -> None:
    """Move the space that ends a line break's text into the inline element after it ("<br>so they can <em>move
    </em>"): in a list item the extractor trims that text on both sides, and the words would meet ("canmove")."""
    tail, nxt = br.tail or "", br.getnext()
    if nxt is None or not isinstance(nxt.tag, str) or nxt.tag.lower() not in _INLINE | {"code"} \
            or not tail.strip() or not tail[-1:].isspace() or not (nxt.text or "")[:1].strip():
        return
    br.tail = tail.rstrip()
    nxt.text = " " + nxt.text


LAYOUT_CELL_WORDS = 80  # a cell holding this much prose is a page column, not a datum


def _unwrap_layout_tables(tree: Any) -> None:
    """Turn the tables a page is laid out with into plain blocks, so their cells are read as the page's paragraphs,
    not as one row of a table ("| headline | | KABUL (AP) -- The father ... Copyright 2016 ... |"). A table is a data
    table by the signs Readability uses (a caption, header cells, a summary; ten rows or more than four columns);
    without header cells, one with a cell that holds a column of prose, a table inside, one row or one column is the
    page's layout. The innermost tables are judged first."""
    tables = list(tree.iter("table"))
    for table in reversed(tables):  # (document order reversed: an inner table before the one around it)
        if _layout_table(table):
            owned = [el for el in table.iterdescendants("tbody", "thead", "tfoot", "tr", "td", "th")
                     if _owner(el) is table]
            for el in [table, *owned]:
                el.tag = "div"
            for cell in owned:  # (the cells, and the divs inside them, as a table cell read them)
                for el in [cell, *cell.iterdescendants("div")]:
                    _wrap_loose_text(el)


def _wrap_loose_text(el: Any) -> None:
    """Give the loose text between an element's blocks a paragraph of its own ("<div>By Jo</div> The project was
    announced ..."), as the cell of a layout table held it: text left between blocks is not read as a paragraph."""
    if not any(child.tag in _BLOCKS for child in el):
        return
    children = list(el)
    runs: list[tuple[Any, str, list[Any]]] = []  # (the block it follows or None, its text, the inline elements after)
    text, after = (el.text or ""), None
    inline: list[Any] = []
    for child in [*children, None]:
        if child is None or child.tag in _BLOCKS:
            if text.strip() or any(isinstance(i.tag, str) and i.text_content().strip() for i in inline):
                runs.append((after, text, inline))
            if child is None:
                break
            text, inline, after = (child.tail or ""), [], child
        else:
            inline.append(child)
    for block, text, inline in runs:
        p = el.makeelement("p", {})
        p.text = text
        if block is None:
            el.text = None
            el.insert(0, p)
        else:
            block.tail = None
            block.addnext(p)
        for i in inline:
            p.append(i)  # (moves it, with its tail)


def _layout_table(table: Any) -> bool:
    """Whether a <table> lays out the page rather than holding data (see _unwrap_layout_tables)."""
    if (table.get("role") or "").lower() == "presentation" or table.get("datatable") == "0":
        return True
    rows = [tr for tr in table.iterdescendants("tr") if _owner(tr) is table]
    cells = [[c for c in tr if c.tag in ("td", "th")] for tr in rows]
    if _marked_as_data(table, cells):
        return False
    if _holds_layout(table, cells):
        return True
    columns = _columns(cells)
    if len(rows) <= 1 or columns <= 1:
        return True
    return not (len(rows) >= 10 or columns > 4 or len(rows) * columns > 10)


def _marked_as_data(table: Any, cells: list[list[Any]]) -> bool:
    """Whether a table says it holds data: a summary, a caption, a head, foot or column group, a header cell."""
    return bool(table.get("summary")) or any(el.tag in ("caption", "thead", "tfoot", "colgroup") for el in table) \
        or any(c.tag == "th" for row in cells for c in row)


def _holds_layout(table: Any, cells: list[list[Any]]) -> bool:
    """Whether a table holds what only a page's layout puts in cells: a cell of running text (LAYOUT_CELL_WORDS),
    or a table of its own."""
    if any(_words(" ".join(c.text_content().split())) >= LAYOUT_CELL_WORDS for row in cells for c in row):
        return True
    return any(_owner(inner) is table for inner in table.iterdescendants("table"))


def _columns(cells: list[list[Any]]) -> int:
    """The most columns a row of cells spans (colspan counted)."""
    return max((sum(int(c.get("colspan") or 1) if (c.get("colspan") or "1").isdigit() else 1 for c in row)
                for row in cells), default=0)


def _owner(el: Any) -> Any:
    """The nearest <table> above an element."""
    return next(el.iterancestors("table"), None)


def _set_apart_small_print(tree: Any) -> None:
    """A <small> set between the page's blocks (a post's date, categories and comment count above its first
    paragraph) is a block of its own, not the start of the paragraph after it, so its kind can be judged."""
    for el in tree.iter("small"):
        parent = el.getparent()
        if parent is not None and parent.tag in ("div", "section", "article", "header", "main", "body"):
            el.tag = "p"


_PICTURE_WORDS = frozenset({"caption", "credit", "credits", "source", "courtesy", "copyright", "photographer"})


def _set_apart_inline_figures(tree: Any) -> None:
    """A picture set into a paragraph inside inline elements, with its credit and caption ("<p><em><span
    class=image-container><img><span class=source>Shamil Zhumatov/REUTERS</span>..."), is a <figure> before the
    paragraph, not the paragraph's first words ("Shamil Zhumatov/REUTERSThe UK may be forced ..."). (A picture in
    a sentence, a formula's, has no element named for its caption or credit: it stays.)"""
    for img in list(tree.iter("img", "picture")):
        paragraph = next(img.iterancestors("p"), None)
        box, words = None, 0
        for el in img.iterancestors():  # up through the inline elements that hold nothing but the picture's box
            if el is paragraph or not isinstance(el.tag, str) or el.tag.lower() not in _INLINE:
                break
            held = len(" ".join(el.itertext()).split())
            if box is not None and held > words:
                break  # (the paragraph's text goes on around it)
            box, words = el, held
        if paragraph is None or box is None or box.getparent() is None or img.getparent() is None:
            continue
        if 0 < words <= IMAGE_BOX_WORDS and not icon(img) and any(
                set(SPLIT_NAME.split((el.get("class") or "").lower())) & _PICTURE_WORDS for el in box.iter()):
            figure = copy.deepcopy(box)
            figure.tag, figure.tail = "figure", None
            _remove_keeping_tail(box)
            paragraph.addprevious(figure)


DATE_NAMES = frozenset({"date", "time", "timestamp", "dateline", "pubdate", "published", "updated"})


def _set_apart_dates_in_headings(tree: Any) -> None:
    """Take the date a page sets inside a heading out of it, to a line of its own after it ("<h2>What's the secret
    to its recovery?<span class=hl__date>Monday, 6 January 2020</span></h2>"): the heading is said without it
    ("...recovery?Monday, the sixth of January"), and the date line is judged as any other (the element keeps its
    names, for the date the page's metadata is read from)."""
    for heading in list(tree.iter("h1", "h2", "h3", "h4", "h5", "h6")):
        for el in list(heading.iterdescendants()):
            if not isinstance(el.tag, str) or el.getparent() is None:
                continue
            names = {w.lower() for w in SPLIT_NAME.split(" ".join(el.get(a) or "" for a in ("class", "itemprop")))}
            if (el.tag == "time" or names & DATE_NAMES) and _DATE_WORD.search(el.text_content()):
                line = copy.deepcopy(el)
                line.tag, line.tail = "p", None
                _remove_keeping_tail(el)
                heading.addnext(line)


_DATE_WORD = re.compile(r"(?i)\d|\b(?:" + MONTHS_PATTERN + r")[a-z]*\b|day\b")


def _remove_keeping_tail(el: Any) -> None:
    """Remove an element from its tree, keeping the text that follows it (without brackets left empty)."""
    parent, tail = el.getparent(), el.tail or ""
    previous = el.getprevious()
    before = (previous.tail if previous is not None else parent.text) or ""
    if before.rstrip().endswith(("(", "[")) and tail.lstrip().startswith((")", "]")):
        before, tail = before.rstrip()[:-1].rstrip(), tail.lstrip()[1:]  # "Airlines (AAL) and" -> "Airlines and"
    if previous is not None:
        previous.tail = before + tail
    else:
        parent.text = before + tail
    parent.remove(el)


def _extract(trafilatura: Any, tree: Any, options: HtmlOptions) -> Any:
    """trafilatura's Document for the page (output_format="python"); it works on a copy of the tree."""
    return trafilatura.bare_extraction(
        tree, with_metadata=True, include_formatting=True, include_links=False, include_images=False,
        include_comments=options.include_comments, include_tables=options.include_tables,
        favor_precision=options.favor_precision, favor_recall=options.favor_recall, output_format="python")


@contextlib.contextmanager
def _quiet(logger: str) -> Iterator[None]:
    """Only errors from `logger` while the block runs."""
    log_ = logging.getLogger(logger)
    level = log_.level
    log_.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log_.setLevel(level)


MAX_DEPTH = 200  # element nesting kept as it is; deeper pages are flattened (libxml2 stops at 256, drops the rest)
# The tags that end a line: where the flat copy of a too-deep page breaks, and what the loose text of a layout table's
# cell lies between (_wrap_loose_text)
_BLOCKS = frozenset("p div section article main li h1 h2 h3 h4 h5 h6 blockquote pre td tr table ul ol br".split())
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_HIDDEN = frozenset("script style noscript template svg head".split())
_DEEPER = "boolean(" + "/*" * (MAX_DEPTH + 1) + ")"  # an element below MAX_DEPTH others (XPath: one step a level)


def _too_deep(tree: Any) -> bool:
    """Whether the parsed page nests deeper than MAX_DEPTH (then lxml may have cut it at its own limit)."""
    return bool(tree.getroottree().xpath(_DEEPER))


def _flat_page(html: str) -> str:
    """The same page with its visible text as flat paragraphs, from a streaming parse (so any depth is safe)."""
    from html import escape
    from html.parser import HTMLParser

    class Flatten(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.hidden = 0
            self.title: list[str] = []
            self.blocks: list[list[str]] = [[]]
            self.in_title = False

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            if tag in _VOID:
                if tag == "br":
                    self.blocks.append([])
                return
            if tag in _HIDDEN:
                self.hidden += 1
            self.in_title = tag == "title"
            if tag in _BLOCKS:
                self.blocks.append([])

        def handle_endtag(self, tag: str) -> None:
            if tag in _VOID:
                return
            if tag in _HIDDEN:
                self.hidden = max(self.hidden - 1, 0)
            self.in_title = False
            if tag in _BLOCKS:
                self.blocks.append([])

        def handle_data(self, data: str) -> None:
            if self.in_title:
                self.title.append(data)
            elif not self.hidden:
                self.blocks[-1].append(data)

    parser = Flatten()
    parser.feed(html)
    parser.close()
    paragraphs = [" ".join("".join(b).split()) for b in parser.blocks]
    title = escape(" ".join("".join(parser.title).split()))
    body = "".join(f"<p>{escape(p)}</p>\n" for p in paragraphs if p)
    return f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"


DEK_NAMES = frozenset({"dek", "deck", "standfirst", "subtitle", "subheadline", "subheading", "strapline", "summary",
                       "excerpt", "intro"})  # ("lead", "lede", "description" name figures and site blurbs as often)
_NOT_DEK = frozenset({"figure", "figcaption", "aside", "time", "img", "picture", "video", "ul", "ol", "table",
                      "script", "a", "nav", "footer", "form"})
DEK_WORDS = 60  # a standfirst is at most this long (words); longer, it is a paragraph of the story


def _standfirst(tree: Any, description: str | None, body: str, title: str | None) -> str | None:
    """The story's standfirst (dek, rubric), printed between the headline and the story but left out of the
    extracted text: the page's own description where it is printed there, else an element there that its class or
    id names a standfirst ("c-entry-summary p-dek", "post__deck"). A description only in the page's metadata, or
    one that repeats the headline, is not said."""
    lines = [line for line in body.splitlines() if line.strip() and not line.startswith("#")]
    first = comparable(lines[0])[:60] if lines else ""  # the story's first words (its headline aside)
    want = _printable_description(description, body, title)
    seen_h1 = False
    named: str | None = None
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in _HIDDEN:
            continue
        if el.tag == "h1":
            seen_h1 = True
            continue
        text = comparable(el.text_content()) if len(el) <= 3 else ""
        if first and text.startswith(first):
            break  # the story began
        if not seen_h1 or not text:
            continue
        if want and text == want:
            return " ".join((description or "").split())
        if named is None:
            named = _named_standfirst(el, text, body, title)
    return named


def _printable_description(description: str | None, body: str, title: str | None) -> str:
    """The page's description in comparable form, when it may be said as the standfirst (long enough, not in the
    body, not the headline again); else ""."""
    if not description or _words(description) < STANDFIRST_WORDS or _holds(body, description) or (
            title and similar(title, description)):
        return ""
    return comparable(description)


def _named_standfirst(el: Any, text: str, body: str, title: str | None) -> str | None:
    """The text of an element named a standfirst (`text`: its comparable text), when it is a standfirst's length and
    neither in the body, the headline again, nor cut short with "..." (a teaser of another story); else None."""
    if not (_named_dek(el) and STANDFIRST_WORDS <= len(text.split()) <= DEK_WORDS):
        return None
    said = " ".join(el.text_content().split())
    if not _holds(body, said) and not (title and similar(title, said)) and not said.endswith(("...", "…")):
        return said
    return None


def _named_dek(el: Any) -> bool:
    """Whether an element's class, id or itemprop names it a standfirst, and nothing in or around it is a figure, a
    list, a link, a time or a box of the page (a name that also holds a clutter token, such as "card__subtitle")."""
    if el.tag in _NOT_DEK or any(isinstance(d.tag, str) and d.tag in _NOT_DEK for d in el.iterdescendants()):
        return False
    if any(a.tag in _NOT_DEK for a in el.iterancestors()):
        return False
    raw = " ".join(el.get(a) or "" for a in ("class", "id", "itemprop"))
    parts = {part.lower() for part in SPLIT_NAME.split(raw) if part}
    return bool(parts & DEK_NAMES) and not parts & TOKENS.keys()


CONTINUATION_LEVELS = 6  # how far up from the story's last paragraph a container of it is looked for
CONTINUATION_PARAGRAPHS = 2  # long paragraphs (layout.STORY_WORDS) a like container must hold to carry the story on


def _continuation(tree: Any, body: str) -> list[str]:
    """The story's text in the containers that carry it on after the one trafilatura took: a page that cuts its
    body into chunks (around an embed, an advert) puts each in a container like the first, one after another.

    From the last long paragraph of the body, up to CONTINUATION_LEVELS containers out: the following siblings
    of the same tag and class that hold CONTINUATION_PARAGRAPHS long paragraphs the body lacks, up to one that is
    another story (an <article>, an <h1>). Their paragraphs and headings are returned (as Markdown blocks), for the
    rules to judge like any other."""
    anchor = _last_paragraph(tree, body)
    if anchor is None:
        return []
    have = comparable(body)
    for level, container in enumerate([anchor, *anchor.iterancestors()]):
        if level > CONTINUATION_LEVELS or container.tag in ("body", "html"):
            break
        if not container.get("class"):
            continue
        if found := _carried_on(container, have):
            return found
    return []


HEADING_WORDS = (2, 20)  # a section heading this long (words) is put back over its paragraph
HEADING_LEAD_WORDS = 8  # the words of the paragraph under a heading that find it in the body
_NOT_SECTIONS = frozenset({"aside", "nav", "footer", "header", "figure", "form", "figcaption", "dialog", "menu"})
_CLUTTER_KINDS = frozenset({"related", "membership", "social", "bio", "navigation", "advertisement", "widget",
                            "comments", "footer", "aside", "hidden", "cookie", "caption", "tags"})


def _restore_headings(tree: Any, body: str) -> str:
    """The body with the section headings the extraction left out put back ("## Who plays the role of our target
    audience?"): an <h2>-<h4> of the page whose next element is a paragraph the body holds (found by its first
    words, not its first), where the body has no heading over it and the heading is no frame's or teaser's (no
    <aside>, <nav>, <figure>, no element named for related stories, a menu, a caption; none hidden) and comes once."""
    blocks = body.split("\n\n")
    starts = {" ".join(comparable(b).split()[:HEADING_LEAD_WORDS]): i for i, b in enumerate(blocks)
              if i and not b.lstrip().startswith("#")}
    have = f" {comparable(body)} "
    headings = list(tree.iter("h2", "h3", "h4"))
    seen = Counter(" ".join(el.text_content().split()) for el in headings)
    inserts: dict[int, str] = {}
    for el in headings:
        text = " ".join(el.text_content().split())
        if not HEADING_WORDS[0] <= len(text.split()) <= HEADING_WORDS[1] or seen[text] > 1 \
                or f" {comparable(text)} " in have or text.endswith((".", ",", ":")) or _in_a_frame(el):
            continue
        following = next((x for x in el.itersiblings() if isinstance(x.tag, str) and " ".join(x.itertext()).strip()),
                         None)
        if following is None or following.tag != "p":
            continue
        lead = " ".join(comparable(following.text_content()).split()[:HEADING_LEAD_WORDS])
        at = starts.get(lead) if len(lead.split()) == HEADING_LEAD_WORDS else None
        if at is not None and not blocks[at - 1].lstrip().startswith("#"):
            inserts.setdefault(at, "#" * int(el.tag[1]) + " " + text)
    if not inserts:
        return body
    return "\n\n".join(f"{inserts[i]}\n\n{b}" if i in inserts else b for i, b in enumerate(blocks))


def _in_a_frame(el: Any) -> bool:
    """Whether an element sits in the page's frame or another story's card, below the story's own container: a tag
    or a name (TOKENS) that says so, or hidden."""
    for x in [el, *el.iterancestors()]:
        tag = x.tag.lower() if isinstance(x.tag, str) else ""
        if tag in ("body", "html", "article", "main") or STORY_NAMES.search(x.get("class") or ""):
            return False
        if tag in _NOT_SECTIONS or x.get("hidden") is not None or (x.get("aria-hidden") or "").lower() == "true":
            return True
        names = [t.lower() for t in SPLIT_NAME.split(" ".join(x.get(a) or "" for a in ("class", "id"))) if t]
        if any(TOKENS.get(t, ("", 0.0))[0] in _CLUTTER_KINDS and TOKENS[t][1] >= 0.8 for t in names):
            return True
    return False


def _last_paragraph(tree: Any, body: str) -> Any:
    """The element of the page holding the body's last long paragraph (found by its first twelve words), or None."""
    lines = [line for line in body.splitlines() if len(line.split()) >= STORY_WORDS]
    if not lines:
        return None
    last = " ".join(comparable(lines[-1]).split()[:12])
    return next((el for el in tree.iter("p", "div", "li") if len(el) <= 6
                 and comparable(el.text_content()).startswith(last)), None)


def _carried_on(container: Any, have: str) -> list[str]:
    """The blocks (Markdown) of the following siblings like `container` (same tag and class) that hold
    CONTINUATION_PARAGRAPHS long paragraphs the body (`have`: comparable) lacks, up to another story."""
    name = container.get("class")
    found: list[str] = []
    for sibling in container.itersiblings():
        if sibling.tag != container.tag or sibling.get("class") != name:
            continue
        if sibling.tag == "article" or sibling.find(".//h1") is not None:
            break  # another story (a page that scrolls on into the next one)
        blocks = _prose_blocks(sibling, have)
        if sum(len(b.split()) >= STORY_WORDS and not b.startswith("#") for b in blocks) >= CONTINUATION_PARAGRAPHS:
            found += blocks  # (a like container between, of an embed or an advert, is passed over)
    return found


LEDE_WORDS = 15  # a text this long (words), a full sentence, right before the story's first paragraph: its lede


def _stray_lede(tree: Any, body: str) -> str | None:
    """The story's first paragraph when the page's markup left it outside every element trafilatura reads: the text
    after a box set into the opening <p> ("<p><div>related stories</div>SAN FRANCISCO (AP) — Steve Jobs ...</p>"),
    which the parser turns into the tail of the box, right before the paragraph trafilatura took first."""
    first = next((b for b in body.split("\n\n") if b.strip() and not b.lstrip().startswith("#")), "")
    head = " ".join(comparable(first).split()[:NEEDLE_WORDS])
    if not head:
        return None
    for p in tree.iter("p"):
        if not comparable(p.text_content()).startswith(head):
            continue
        previous = p.getprevious()
        lede = " ".join((previous.tail or "").split()) if previous is not None else ""
        if (len(lede.split()) >= LEDE_WORDS and ends_sentence(lede) and not _holds(body, lede)
                and not _inside(p, tree, ("aside", "figure", "li"))):
            return lede
        return None
    return None


def _prose_blocks(el: Any, have: str) -> list[str]:
    """The paragraphs and headings of an element that the body does not hold, as Markdown blocks."""
    out = []
    for part in el.iter("p", "h2", "h3", "h4", "blockquote"):
        if _inside(part, el, ("p", "blockquote", "figure", "aside")):
            continue  # (inside another block, or in a figure or a box)
        text = " ".join(part.text_content().split())
        if not text or f" {comparable(text)} " in f" {have} ":
            continue
        out.append(f"### {text}" if part.tag in ("h2", "h3", "h4") else text)
    return out


def _inside(el: Any, top: Any, tags: tuple[str, ...]) -> bool:
    """Whether `el` sits in an element of one of `tags` below `top`."""
    for a in el.iterancestors():
        if a is top:
            return False
        if a.tag in tags:
            return True
    return False


_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(?:[A-Za-z-]+/)?(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])/")


_ISO_DAY = re.compile(r"^\s*((?:19|20)\d\d-[01]\d-[0-3]\d)(?:[T ]([0-2]\d):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?\s*"
                      r"(Z|[+-]00:?00)?)?")
SAME_DAY_UTC_HOURS = (8, 14)  # a time in UTC between these is the same day from UTC-8 (California) to UTC+10 (Sydney)


def _page_day(value: str | None, guessed: str) -> str | None:
    """The day of the page's own published date when it differs from trafilatura's `guessed` one; None when they
    agree, or when the page's is a time written in UTC ("2014-12-23T01:15:00Z") one day from the guess at an hour
    that is another day in some news time zone (the evening before, in New York): the guess may be the local day."""
    m = _ISO_DAY.match(value or "")
    if m is None or guessed.startswith(m.group(1)):
        return None
    if m.group(2) is not None and m.group(3) is not None and \
            not SAME_DAY_UTC_HOURS[0] <= int(m.group(2)) < SAME_DAY_UTC_HOURS[1]:
        try:
            if abs((dt.date.fromisoformat(m.group(1)) - dt.date.fromisoformat(guessed[:10])).days) == 1:
                return None
        except ValueError:
            pass
    return m.group(1)


_PRINTED_DATE = re.compile(DATE, re.IGNORECASE)
PRINTED_DATE_WORDS = 40  # a date printed within this many words after the headline is the story's


def _printed_date(tree: Any, title: str | None, byline: str | None) -> str | None:
    """The date printed under the headline on a line of its own ("13 Oct 2020 18:29", "By Jo Bloggs • April 9,
    2022": metadata.is_meta_line), in the first PRINTED_DATE_WORDS words after the heading that prints the title;
    None without one (a date in a sentence, a caption's "In this March 2, 2011 file photo", is not the story's)."""
    if tree is None or not title:
        return None
    key = comparable(title)
    heading = next((h for h in tree.iter("h1", "h2") if comparable(h.text_content()) == key), None)
    if heading is None:
        return None
    names = [n for n in SPLIT_NAMES.split(byline or "") if n]
    seen = 0
    for text in heading.xpath("following::text()[normalize-space()][not(ancestor::script or ancestor::style or "
                              "ancestor::blockquote or ancestor::figcaption)]"):  # (an embedded post's date)
        if (m := _PRINTED_DATE.search(text)) and is_meta_line(" ".join(text.split()), names):
            return iso_date(m.group())
        seen += len(text.split())
        if seen >= PRINTED_DATE_WORDS:
            return None
    return None


def _published(date: str | None, facts: PageFacts, url: str | None,
               printed: Callable[[], str | None] = lambda: None) -> str | None:
    """The day the page itself gives as published (JSON-LD, article:published_time, an itemprop="datePublished"
    element), where trafilatura's guess differs (htmldate may take a first-published line of an updated piece: a
    2019 date on a guide the page prints as published in 2023); else trafilatura's date, unless it is the first of
    January that the page's own metadata does not give: what htmldate makes of a bare year (a copyright line),
    which a newsreader should not say as a date. Without a date in the page's metadata, a date in the page's own
    address (".../2010/POLITICS/08/13/...") wins over a guess, which may come from links to other stories, and
    without one there, the date `printed` under the headline does."""
    if date and date[4:10] == "-01-01" and not (facts.published or "").startswith(date[:10]):
        date = None
    if date and (own := _page_day(facts.published, date)):
        return own  # the date the page itself gives as published (JSON-LD, its meta, its datePublished element)
    if not facts.published and (m := _URL_DATE.search(url or "")) and not (date or "").startswith("-".join(m.groups())):
        return "-".join(m.groups())
    if not facts.published and not _URL_DATE.search(url or "") and (own := printed()) and own != date:
        return own  # the date printed under the headline, not a guess from the page's other dates (today's)
    return date


def _words(text: str) -> int:
    return len(comparable(text).split())


def _holds(body: str, text: str) -> bool:
    """Whether the words of `text` occur in `body`, in order."""
    return f" {comparable(text)} " in f" {comparable(body)} "


def _authors(value: str | None) -> str | None:
    """"A; B | A" -> "A, B": trafilatura joins the names it finds with ";" or "|", sometimes twice over."""
    names = [" ".join(n.split()) for n in re.split(r"[;|]", value or "")]
    return ", ".join(dict.fromkeys(n for n in names if n)) or None


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None
