"""The page's structure says what a block is: extracted text located in the DOM, judged by named features.

trafilatura gives the main text of a page but not where each block came from. `PageLayout` walks the DOM once into
a stream of word tokens, each owned by its element, then finds every extracted block in that stream (in reading
order, by its first and last words). The block's element and its ancestors then give the evidence a radio editor
uses at a glance: a `figure` or `figcaption`, an `aside`, `nav`, `footer`, `form`, a `table`, an embedded post, a
class, id, role or itemprop token (caption, credit, related, promo, newsletter, share, bio, ...), and how much of
it is link text. `judge()` weighs that evidence with one small table (`FEATURES`) into a kind per block.

An element that holds most of the story (more than STORY_SHARE of the located words) is never evidence: a body
wrapped in `<div class="article-body share-enabled">` stays the story.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from .boilerplate import AFTER_STORY

MAJORITY = 0.5  # a kind of clutter whose blocks hold more than this share of the located words is the story
STORY_SHARE = 0.45  # an element holding more than this share of the located words is the story's container
NEEDLE_WORDS = 8  # words of a block's start (and end) searched for in the page
CLUTTER = 1.0  # evidence (sum of feature weights for one kind) at or above which a block is clutter
LINK_DENSE = 0.75  # share of a block's words inside links above which it reads as a list of links
DATA_TABLE_CELL_WORDS = 15  # a table whose cells average fewer words than this holds data, not the story's layout
CAPTION_WORDS = 20  # a block this short right after an image reads as its caption
IMAGE_BOX_WORDS = 50  # at most this many words in a small element with an image: the image's caption and credit
IMAGE_BOXES = 2  # at most this many such captions on a page (more are its steps or slides, each under a picture)
IMAGE_BOX_LEVELS = 3  # how far above a block such a box may be (a layout table unwrapped: cell, row, table)
ICON_PIXELS = 100  # an image given a width or height under this is an icon, not a picture with a caption
TEASER_LINKS = 0.25  # share of link words from which an item of a repeated list reads as a teaser of another page
TEASER_WORDS = 40  # at most this many words: a teaser (headline and standfirst) in a list of other stories
EXCERPT_WORDS = 12  # a text this long that stops mid-sentence under another story's linked headline is its excerpt
EXCERPTS = 2  # texts stopping short in one grid of cards from which all its texts are other stories' excerpts
CARD_CHARS = 480  # at most this many characters (some 80 words; words are not spaced in every script): a card for
#                  another story (its linked headline, standfirst, link)
CARD = 0.7  # the evidence of one such card: clutter after the story's last paragraph, not within it
FORM_BOX_WORDS = 60  # at most this many words in a small element that holds a form: the form's pitch and labels
SOCIAL_LINKS = 2  # a short block with links to this many profiles on social networks or more: "follow us" ...
SOCIAL_WORDS = 40  # ... at most this long (words)
STORY_WORDS = 25  # a block this long (words) with no evidence against it is story text
DOUBT = 0.7  # evidence of FURNITURE from which a long block is not the story's last full paragraph (a site's "about"
#              text in its footer: "UrduPoint Network is the largest independent digital media house ...")
FURNITURE = frozenset({"footer", "widget", "navigation", "related", "comments", "advertisement", "membership", "social",
                       "cookie", "hidden", "form"})  # kinds of the site's frame around a story, never its text
DOUBTFUL = 0.6  # evidence of any other kind from which a long block is not the story's last full paragraph ...
MAY_BE_STORY = frozenset({"player"})  # ... but a clip's description, which is a video page's story
STORY_PARAGRAPHS = 2  # long blocks an element must hold to be taken for the story's container
FEED_STORIES = 2  # story containers, each under a headline of its own, that make a page a feed of stories
_LIST_MARK = re.compile(r"^\s*\d{1,3}[.)]\s+")  # the number Markdown gives an item of an ordered list
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
# "herself. This": where one sentence ends and another begins ("Rev. Al" is one)
_SENTENCE_BREAK = re.compile(r"[a-z]{3}[.!?…][\"'”’)\]]*\s+[\"“‘(]?[A-Z]")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head", "button", "select", "option",
                   "textarea", "iframe", "object", "canvas"})
_WORD = re.compile(r"\w+")
_PICTURE_TEXT = {tag: ("alt", "title", "data-caption") for tag in ("img", "image", "amp-img")}  # attributes holding
#                                                                                           a picture's own words
_EMAIL = re.compile(r"[\w.+-]+@([\w-]+\.[\w.-]*\w)")
_LABEL = re.compile(r"^\W*\w[\w.]*(?:[ -]\w+){0,2}\s*:\s")  # "Topics: ", "Filed under: " before what it labels
SPLIT_NAME = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])")  # an element's class or id into words

# Name tokens (from class, id, role, itemprop, aria-label and data-component attributes, split at punctuation and
# camelCase) and the kind of block they mark, with the weight of that evidence.
TOKENS: dict[str, tuple[str, float]] = {
    "caption": ("caption", 1.0), "figcaption": ("caption", 1.0), "credit": ("caption", 1.0),
    "credits": ("caption", 1.0), "courtesy": ("caption", 1.0),
    "photo": ("caption", 0.5), "gallery": ("caption", 0.6), "slideshow": ("caption", 0.5),
    "related": ("related", 1.0), "recommended": ("related", 1.0), "recommendations": ("related", 1.0),
    "recirc": ("related", 1.0), "recirculation": ("related", 1.0), "teaser": ("related", 1.0),
    "teasers": ("related", 1.0), "promo": ("related", 1.0), "promos": ("related", 1.0), "popular": ("related", 0.8),
    "mostread": ("related", 1.0), "trending": ("related", 0.8), "outbrain": ("related", 1.0),
    "taboola": ("related", 1.0), "moreon": ("related", 1.0), "readmore": ("related", 0.8),
    "newsletter": ("membership", 1.0), "subscribe": ("membership", 1.0), "subscription": ("membership", 0.8),
    "signup": ("membership", 1.0), "paywall": ("membership", 1.0), "registration": ("membership", 0.8),
    "cta": ("membership", 1.0),  # a call to action: "post-cta", "end-cta" (subscribe, share, upgrade)
    "share": ("social", 1.0), "sharing": ("social", 1.0), "social": ("social", 1.0), "sharebar": ("social", 1.0),
    "bio": ("bio", 1.0), "biography": ("bio", 1.0), "authorinfo": ("bio", 1.0), "contributor": ("bio", 0.6),
    "byline": ("metadata", 1.0), "dateline": ("metadata", 1.0), "timestamp": ("metadata", 1.0),
    "meta": ("metadata", 0.6), "published": ("metadata", 0.5), "updated": ("metadata", 0.5),
    "postmetadata": ("metadata", 1.0), "postmeta": ("metadata", 1.0), "entrymeta": ("metadata", 1.0),  # (blogs)
    "breadcrumb": ("navigation", 1.0), "breadcrumbs": ("navigation", 1.0), "menu": ("navigation", 0.8),
    "navigation": ("navigation", 1.0), "nav": ("navigation", 1.0), "pagination": ("navigation", 1.0),
    "toolbar": ("navigation", 0.8), "tags": ("tags", 1.0), "tag": ("tags", 0.6), "topics": ("tags", 0.8),
    "keywords": ("tags", 1.0), "sponsored": ("advertisement", 1.0), "sponsor": ("advertisement", 1.0),
    "advertisement": ("advertisement", 1.0), "advert": ("advertisement", 1.0), "ad": ("advertisement", 1.0),
    "ads": ("advertisement", 1.0), "adslot": ("advertisement", 1.0), "dfp": ("advertisement", 1.0),
    "commercial": ("advertisement", 0.6), "widget": ("widget", 0.7), "sidebar": ("aside", 1.0),
    "rail": ("aside", 0.8), "complementary": ("aside", 1.0), "comments": ("comments", 1.0),
    "comment": ("comments", 0.8), "disqus": ("comments", 1.0), "footer": ("footer", 0.7),
    "contentinfo": ("footer", 1.0), "embed": ("embed", 0.4), "hidden": ("hidden", 0.8), "sronly": ("hidden", 1.0),
    "screenreader": ("hidden", 1.0), "visuallyhidden": ("hidden", 1.0), "offscreen": ("hidden", 0.8),
    "invisible": ("hidden", 1.5),  # Bootstrap's `.invisible`, Webflow's `w-condition-invisible`: never shown
    "infobox": ("aside", 0.8), "factbox": ("aside", 0.6), "pullquote": ("pull_quote", 0.5),
    "blockquote": ("pull_quote", 0.3), "chart": ("chart", 1.0), "infographic": ("chart", 1.0),
    "graphic": ("chart", 0.5),
    "player": ("player", 0.6), "video": ("player", 0.4), "audio": ("player", 0.4), "podcast": ("player", 0.4),
    "cookie": ("cookie", 1.0), "consent": ("cookie", 1.0), "gdpr": ("cookie", 1.0), "modal": ("widget", 0.6),
    "popup": ("widget", 0.8), "overlay": ("widget", 0.5), "correction": ("note", 0.6), "footnotes": ("note", 1.0),
    "footnote": ("note", 1.0), "endnotes": ("note", 1.0), "endnote": ("note", 1.0), "disclaimer": ("note", 0.8),
    "references": ("note", 1.0), "reflist": ("note", 1.0), "refbegin": ("note", 1.0),  # a wiki's works cited
    "latest": ("related", 0.8), "headlines": ("related", 0.6), "carousel": ("related", 0.8), "card": ("related", 0.4),
    "upnext": ("related", 1.0), "alsoread": ("related", 1.0), "morestories": ("related", 1.0),
    "mostpopular": ("related", 1.0), "mostviewed": ("related", 1.0), "mostshared": ("related", 1.0),
    "topstories": ("related", 1.0), "editorspicks": ("related", 1.0), "picks": ("related", 0.5),
    "spotlight": ("related", 0.5), "partner": ("advertisement", 0.8), "affiliate": ("advertisement", 0.8),
    "promoted": ("advertisement", 1.0), "aroundtheweb": ("related", 1.0), "feed": ("related", 0.4),
    "pitch": ("advertisement", 1.0),  # the house's sales pitch after a story ("id=pitch")
    "contact": ("contact", 1.0),  # a press release's media contact, a "contact us" box
}
# Elements whose tag alone says what they hold.
TAGS: dict[str, tuple[str, float]] = {
    "figcaption": ("caption", 1.5), "figure": ("caption", 1.0), "aside": ("aside", 1.0), "nav": ("navigation", 1.5),
    "footer": ("footer", 0.8), "form": ("form", 1.0), "table": ("table", 1.5), "caption": ("caption", 1.0),
    "address": ("metadata", 0.6), "time": ("metadata", 0.5), "label": ("form", 0.5), "fieldset": ("form", 1.0),
    "menu": ("navigation", 1.0), "dialog": ("widget", 1.0),
}
ROLES: dict[str, tuple[str, float]] = {
    "navigation": ("navigation", 1.5), "complementary": ("aside", 1.0), "contentinfo": ("footer", 1.0),
    "banner": ("navigation", 0.8), "search": ("form", 1.0), "dialog": ("widget", 1.0), "alert": ("widget", 0.6),
    "figure": ("caption", 1.0), "menu": ("navigation", 1.0), "toolbar": ("navigation", 1.0),
    "doc-endnotes": ("note", 1.5), "doc-footnote": ("note", 1.5), "doc-endnote": ("note", 1.5),
}
EMBED_CLASSES = frozenset({"twitter-tweet", "instagram-media", "tiktok-embed", "fb-post", "reddit-card",
                           "twitter-video", "bluesky-embed", "threads-post"})
# Names that hold a story's text even though a token of theirs looks like clutter ("article-body-share" is not).
STORY_NAMES = re.compile(r"(?i)(?:^|[-_ ])(?:article|story|entry|post)[-_]?(?:body|content|text)(?:$|[-_ ])|"
                         r"(?:^|[-_ ])(?:articlebody|storytext|main-content)(?:$|[-_ ])")


@dataclass(frozen=True)
class Evidence:
    """One feature that fired for a block: its name ("tag:figure", "class:related", "links"), kind and weight."""

    name: str
    kind: str
    weight: float


@dataclass
class Located:
    """Where one extracted block sits in the page: its token span and element, and the evidence found there."""

    start: int  # index of its first token in the page's stream
    end: int  # one past its last token
    element: Any  # the smallest element holding the whole block
    link_share: float  # share of its tokens inside <a>
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def kinds(self) -> dict[str, float]:
        return _kinds(self.evidence)

    @property
    def strongest(self) -> tuple[str | None, float]:
        """The kind with the most evidence and its weight; (None, 0.0) without evidence."""
        return _strongest(self.evidence)

    @property
    def kind(self) -> str | None:
        """The kind with the most evidence, when that reaches CLUTTER."""
        kind, weight = self.strongest
        return kind if weight >= CLUTTER else None


def _kinds(evidence: Iterable[Evidence]) -> dict[str, float]:
    """The weight of the evidence for each kind."""
    out: dict[str, float] = {}
    for e in evidence:
        out[e.kind] = out.get(e.kind, 0.0) + e.weight
    return out


def _strongest(evidence: Iterable[Evidence]) -> tuple[str | None, float]:
    """The kind with the most evidence and its weight; (None, 0.0) without evidence."""
    kinds = _kinds(evidence)
    return max(kinds.items(), key=lambda kv: kv[1]) if kinds else (None, 0.0)


class PageLayout:
    """The word tokens of a page in reading order, each with the element that holds it."""

    def __init__(self, tree: Any, url: str | None = None) -> None:
        from lxml import etree

        self.site = _site(url)  # the page's own host, without "www."
        root = tree.getroot() if hasattr(tree, "getroot") else tree
        self.language = (root.get("lang") or "").split("-")[0].lower() or None  # the page's <html lang>

        self.tokens: list[str] = []
        self.owners: list[Any] = []
        self.in_link: list[bool] = []
        offsets: list[int] = []
        parts: list[str] = []
        pos = 0
        link_depth = 0

        self.after_image: set[int] = set()  # tokens that are the first words after an image
        self.alt_texts: set[str] = set()  # the images' alt and caption texts, as words joined by spaces
        image = False

        def emit(text: str | None, owner: Any) -> None:
            nonlocal pos, image
            for word in _WORD.findall((text or "").lower()):
                if image:
                    self.after_image.add(len(self.tokens))
                    image = False
                self.tokens.append(word)
                self.owners.append(owner)
                self.in_link.append(link_depth > 0)
                offsets.append(pos)
                parts.append(word)
                pos += len(word) + 1

        self.containers: dict[Any, list[int]] = {}  # elements that may hold the story: [first token, end]
        walker = etree.iterwalk(tree, events=("start", "end", "comment", "pi"))
        for event, el in walker:  # iterative: a page of 50,000 nested elements needs no recursion
            tag = el.tag.lower() if isinstance(el.tag, str) else ""
            if event == "start":
                if tag in _SKIP:
                    walker.skip_subtree()  # its "end" still comes, and emits its tail
                    continue
                if _may_hold_story(el, tag):
                    self.containers[el] = [len(self.tokens), len(self.tokens)]
                link_depth += tag == "a"
                image = image or tag in ("img", "picture", "video", "image", "amp-img")
                for name in _PICTURE_TEXT.get(tag, ("data-caption",)):  # (a lightbox link's or a figure's caption)
                    if said := " ".join(_WORD.findall((el.get(name) or "").lower())):
                        self.alt_texts.add(said)
                emit(el.text, el)
                continue
            link_depth -= event == "end" and tag == "a"
            if el in self.containers:
                self.containers[el][1] = len(self.tokens)
            if (parent := el.getparent()) is not None:
                emit(el.tail, parent)
        self._offsets = offsets
        self._text = " ".join(parts) + " "
        self._names: dict[Any, list[str]] = {}

    def locate(self, texts: list[str]) -> list[Located | None]:
        """Find each block (plain text, in reading order) in the page; None where it cannot be found."""
        found: list[Located | None] = []
        cursor = 0
        all_words = [_WORD.findall(_LIST_MARK.sub("", t, count=1).lower()) for t in texts]  # (a list's number is
        heads = [" ".join(words[:NEEDLE_WORDS]) + " " for words in all_words]  # not in the page)
        for n, words in enumerate(all_words):
            if not words:
                found.append(None)
                continue
            head = heads[n]
            at = self._find(head, cursor)
            if at is None and len(words) > NEEDLE_WORDS:  # texts the extractor ran together out of the page's
                tail = " ".join(words[-NEEDLE_WORDS:]) + " "  # order ("Take Quiz" of one card, then the next
                if (at := self._find(tail, cursor)) is not None:  # card's text): found by its end
                    words, head = words[-NEEDLE_WORDS:], tail
            if at is None:
                found.append(None)
                continue
            if n + 1 < len(all_words) and all_words[n + 1] and len(words) >= NEEDLE_WORDS:  # (a whole sentence)
                at = self._copy_before_next(head, at, len(words), heads[n + 1])
            start = at
            end = start + len(words[:NEEDLE_WORDS])
            if len(words) > NEEDLE_WORDS:
                tail = " ".join(words[-NEEDLE_WORDS:]) + " "
                tail_at = self._find(tail, start, limit=start + 4 * len(words) + 50)
                end = (tail_at + NEEDLE_WORDS) if tail_at is not None else min(start + len(words), len(self.tokens))
            cursor = end
            inside = self.in_link[start:end]
            found.append(Located(start, end, _common_ancestor(self.owners[start], self.owners[end - 1]),
                                 sum(inside) / max(1, len(inside))))
        return found

    def _copy_before_next(self, head: str, at: int, length: int, following: str) -> int:
        """Of the copies of a block in the page (a lede also printed in a share box above the story), the first that
        the next block follows, when the first copy found is not followed by it."""
        def followed(start: int) -> bool:
            return self._find(following, start, limit=start + length + 25) is not None

        if followed(at):
            return at
        later = self._find(head, at + 1)
        while later is not None and later > at:  # (_find wraps round to the page's start when nothing follows)
            if followed(later):
                return later
            later_on = self._find(head, later + 1)
            later = later_on if later_on is not None and later_on > later else None
        return at

    def judge(self, texts: list[str]) -> list[Located | None]:
        """Locate the blocks and gather the evidence of each (TAGS, ROLES, TOKENS and the features below)."""
        found = self.locate(texts)
        total = sum(loc.end - loc.start for loc in found if loc is not None) or 1
        held = _words_held(found)
        data_tables: dict[Any, bool] = {}
        cards: dict[Any, list[tuple[Located, str]]] = {}  # texts under other stories' headlines, by their grid
        linked: dict[Any, frozenset[Any]] = {}  # (the items of each grid whose headings are links)
        boxed: list[Located] = []  # blocks set in a small box with a picture
        for loc, text in zip(found, texts):
            if loc is None:
                continue
            self._gather(loc, held, total)
            loc.evidence.extend(self._text_evidence(loc, text))
            if _boxed(loc, text):
                boxed.append(loc)  # one sentence beside a picture, in a small box of its own: its caption
            loc.evidence.extend(self._reference_evidence(loc, text))
            self._file_card(loc, text, cards, linked)
            _drop_layout_table(loc, data_tables)
        if len(boxed) <= IMAGE_BOXES:  # (more: the page's form, a step or a slide under each picture)
            for loc in boxed:
                loc.evidence.append(Evidence("image_box", "caption", CLUTTER))
        _mark_excerpts(cards)
        if (box := self._story_box(found, texts)) is not None:
            _mark_outside_box(found, box, cards)
        _mark_after_story(found, texts)
        _mark_link_runs(found, texts)
        _drop_majority(found, total)
        _mark_repeated(found, texts)
        return found

    def _gather(self, loc: Located, held: dict[Any, int], total: int) -> None:
        """Add the evidence of the block's element and its ancestors, each feature once, up to the story's own
        container: that and everything above it say nothing about this block (an element holding only this block
        still speaks for it, however long: a comment thread)."""
        seen: set[str] = set()
        above = False  # past the story's container: only an element the page never shows still speaks, however
        for el in _ancestors(loc.element):  # much of the page it holds
            above = above or (held.get(el, 0) > max(STORY_SHARE * total, loc.end - loc.start)
                              and not self._never_story(el))
            for ev in self._evidence(el):
                if ev.name not in seen and (not above or ev.name in _NEVER_SHOWN):
                    seen.add(ev.name)
                    loc.evidence.append(ev)

    def _file_card(self, loc: Located, text: str, cards: dict[Any, list[tuple[Located, str]]],
                   linked: dict[Any, frozenset[Any]]) -> None:
        """File a text under another story's linked headline with its grid in `cards` (judged with the grid's
        other texts later), or mark a block that sits in another story's card. A list story's linked headings are
        its own; another story's card goes with its text."""
        if (grid := _card_grid(loc.element, linked)) is not None:
            cards.setdefault(grid, []).append((loc, text))
        elif not _in_heading(loc.element) and self._in_card(loc.element):
            loc.evidence.append(Evidence("card", "related", CARD))

    def _text_evidence(self, loc: Located, text: str) -> list[Evidence]:
        """Evidence from the block's words and what they stand by: a run of links, the words after an image, an
        image's own words printed under it."""
        out = []
        size = len(text.split())
        short = size <= CAPTION_WORDS and not _SENTENCE_END.search(text)
        if loc.link_share > LINK_DENSE and size <= 30:
            out.append(Evidence("links", "navigation", 0.6))
        if loc.link_share == 1.0 and size <= LINK_ROW_WORDS and not ends_sentence(text) and self._links(loc) >= 2 \
                and not _in_list_item(loc.element):  # (a list's item: the story's)
            out.append(Evidence("link_row", "tags", CLUTTER))  # ".NET Tools · How-To's": a row of category links
        if loc.start in self.after_image and size <= CAPTION_WORDS and not _in_heading(loc.element):
            out.append(Evidence("after_image", "caption", 1.0 if short else 0.4))
        if size <= 2 * CAPTION_WORDS and not _in_heading(loc.element) and \
                " ".join(_WORD.findall(text.lower())) in self.alt_texts:
            out.append(Evidence("alt_text", "caption", CLUTTER))  # an image's own words printed under it
        if size <= FORM_BOX_WORDS and _beside_form(loc.element):
            out.append(Evidence("beside_form", "membership", CLUTTER))  # "Get the latest by subscribing" + a form
        if size <= SOCIAL_WORDS and self._social_links(loc) >= SOCIAL_LINKS:
            out.append(Evidence("social_links", "social", 0.6))  # "Share it with us on Facebook, Twitter or ..."
        return out

    def _social_links(self, loc: Located) -> int:
        """How many of the block's links lead to a profile or page on a social network (not to one post there)."""
        return sum(a is not None and _profile_link(a.get("href") or "") for a in self._link_elements(loc))

    def _links(self, loc: Located) -> int:
        """How many links the block's words are in."""
        return len(self._link_elements(loc))

    def _link_elements(self, loc: Located) -> set[Any]:
        """The <a> elements the block's words are in (the elements themselves, kept alive: the id of a freed lxml
        proxy is given to the next one)."""
        return {owner if owner.tag == "a" else next(owner.iterancestors("a"), None)
                for owner, linked in zip(self.owners[loc.start:loc.end], self.in_link[loc.start:loc.end]) if linked}

    def _reference_evidence(self, loc: Located, text: str) -> list[Evidence]:
        """Evidence that the block points elsewhere: the newsroom's address, labelled links, a lone link to
        another page, an item of a teaser list."""
        out = []
        if self._newsroom_address(text):
            out.append(Evidence("address", "contact", 0.6))  # who at the site to write to
        if (label := _LABEL.match(text)) and loc.link_share > 0 and \
                loc.link_share * len(_WORD.findall(text)) >= len(_WORD.findall(text[label.end():])):
            out.append(Evidence("labelled_links", "tags", 0.6))  # "Topics: <a>X</a>, <a>Y</a>"
        if loc.link_share == 1.0 and self._lone_link(loc.element, text):
            out.append(Evidence("lone_link", "related", CLUTTER))
        if _BRACKETED.fullmatch(text) and loc.link_share >= BRACKETED_LINKS and self._links(loc) >= 1:
            out.append(Evidence("bracketed_link", "related", CLUTTER))  # "[Bardo museum houses Roman treasures]"
        if len(text.split()) <= TEASER_WORDS and self._trailing_link(loc.element, text):
            out.append(Evidence("trailing_link", "related", CLUTTER))  # "... read our guide: <a>Top AI Tools</a>"
        if len(text.split()) <= TEASER_WORDS and (loc.link_share >= TEASER_LINKS and _teaser_item(loc.element)
                                                  or _overlay_item(loc.element)):
            out.append(Evidence("teaser_list", "related", 0.8))
        return out

    def _story_box(self, found: list[Located | None], texts: list[str]) -> tuple[int, int] | None:
        """The token span of the element that holds the story (an <article>, an articleBody, a "story-body"):
        of those holding at least STORY_PARAGRAPHS long blocks, the one with most located words, and of several
        holding as many, the smallest. None when no such element holds the story."""
        best: tuple[int, int, tuple[int, int]] | None = None  # (words inside, -span, span)
        holding: dict[Any, tuple[int, int]] = {}
        for el, (start, end) in self.containers.items():
            inside = [(loc, t) for loc, t in zip(found, texts) if loc is not None and start <= loc.start < end]
            if sum(len(t.split()) >= STORY_WORDS for _, t in inside) < STORY_PARAGRAPHS:
                continue
            holding[el] = (start, end)
            key = (sum(loc.end - loc.start for loc, _ in inside), start - end, (start, end))
            if best is None or key[:2] > best[:2]:
                best = key
        if (first := _first_of_a_feed(holding)) is not None:
            return first
        return best[2] if best is not None else None

    def _find(self, needle: str, start: int, limit: int | None = None) -> int | None:
        """The token index where `needle` (words joined by spaces, trailing space) starts, at or after token `start`."""
        begin = self._offsets[start] if start < len(self._offsets) else len(self._text)
        end = self._offsets[limit] if limit is not None and limit < len(self._offsets) else len(self._text)
        at = self._text.find(needle, begin, end + len(needle))
        while at > 0 and self._text[at - 1] != " ":  # a match inside a word: look further
            at = self._text.find(needle, at + 1, end + len(needle))
        if at < 0:
            if start:  # out of reading order (a block trafilatura moved): search the whole page
                return self._find(needle, 0, limit) if limit is None else None
            return None
        return bisect.bisect_left(self._offsets, at)

    def _newsroom_address(self, text: str) -> bool:
        """Whether a text gives an e-mail address at the page's own site (its reporters', its editors'), not one the
        story gives (a police tip line's)."""
        from .masthead import domain_name

        own = self._domain
        return bool(own) and any(domain_name(f"http://{m.group(1)}") == own for m in _EMAIL.finditer(text))

    @cached_property
    def _domain(self) -> str | None:
        """The name of the page's registered domain ("bloomberg" of www.bloomberg.com), worked out once."""
        from .masthead import domain_name

        return domain_name(f"http://{self.site}") if self.site else None

    def _lone_link(self, el: Any, text: str) -> bool:
        """Whether a block is a paragraph (or a heading) that is nothing but one link, in a headline's form, to another
        page of this site: a teaser set among the story's paragraphs ("Sanders calls for assessment of Electoral
        College"); a section's own heading never leads to another story."""
        words = len(text.split())
        if not LONE_LINK_WORDS[0] <= words <= LONE_LINK_WORDS[1] or re.search(r"[.!:;,][\"'”’)]*\s*$", text):
            return False
        link = next((a for a in _ancestors(el)[:3] if a.tag == "a"), None)
        paragraph = next((a for a in _ancestors(el)[:5] if a.tag == "p" or a.tag in _HEADINGS), None)  # (or a heading)
        if link is None or paragraph is None or _LEAD.sub("", paragraph.text_content()).split() != \
                link.text_content().split():
            return False
        return self._other_page(link.get("href") or "")

    def _trailing_link(self, el: Any, text: str) -> bool:
        """Whether a block ends, after a colon, in a headline that is one link to another page of this site: the
        house's pointer to its other stories ("To find more tools, read our guide: Top Generative AI Apps")."""
        tail = text.rpartition(":")[2].split()
        if not LONE_LINK_WORDS[0] <= len(tail) <= LONE_LINK_WORDS[1] or ends_sentence(text):
            return False
        link = next(reversed(list(el.iter("a"))), None)
        return link is not None and link.text_content().split() == tail and self._other_page(link.get("href") or "")

    def _never_story(self, el: Any) -> bool:
        """An element that never holds the story, however much of the page it holds: a menu (<nav>, a list named
        "gnav"), a thread, a post's footer."""
        tokens = self._name_tokens(el)
        menu = el.tag in ("nav", "menu") or (el.get("role") or "").lower() == "navigation" or (
            el.tag in ("ul", "ol") and any(t.endswith("nav") for t in tokens))  # (a <section class=nav-padding>
        return menu or bool(NEVER_CONTAINER.intersection(tokens))  # may hold the story: only a list named so)

    def _in_card(self, el: Any) -> bool:
        """Whether `el` sits in a card for another story: a small element (at most CARD_CHARS characters) holding a
        heading that is a link to another page of this site ("India needs reforms in banking sector", then its
        standfirst and "Full Article"), or an empty link to one laid over the card."""
        for item in _ancestors(el)[:5]:
            if _chars(item) > CARD_CHARS:
                return False
            for h in _headings_in(item):
                link = h.find(".//a[@href]")
                if link is not None and _linked_heading(h) and self._other_page(link.get("href") or ""):
                    return True
            if any(_overlay_link(a) and self._other_page(a.get("href") or "") for a in item.iter("a")):
                return True  # a card whose whole area is an empty link laid over it
        return False

    def _other_page(self, href: str) -> bool:
        """Whether a link leads to another article-like page of this site (a path of two parts or more)."""
        parts = urlsplit(href.strip())
        if parts.scheme and parts.scheme not in ("http", "https"):
            return False
        own = _site(href) == self.site if parts.netloc else bool(parts.path.strip("/"))
        return own and self.site is not None and len([p for p in parts.path.split("/") if p]) >= 2

    def _evidence(self, el: Any) -> list[Evidence]:
        """The evidence one element gives: its tag, role and markup, then the tokens of its names."""
        return [*self._markup_evidence(el), *_token_evidence(self._name_tokens(el))]

    def _markup_evidence(self, el: Any) -> list[Evidence]:
        """The evidence of an element's tag and role (TAGS, ROLES), an embedded post, a language other than the
        page's, and hiding."""
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        out = []
        if tag in TAGS:
            kind, weight = TAGS[tag]
            out.append(Evidence(f"tag:{tag}", kind, weight))
        role = (el.get("role") or "").lower()
        if role in ROLES:
            kind, weight = ROLES[role]
            out.append(Evidence(f"role:{role}", kind, weight))
        classes = set((el.get("class") or "").lower().split())
        if classes & EMBED_CLASSES or (tag == "blockquote" and any("tweet" in c or "instagram" in c for c in classes)):
            out.append(Evidence("embed", "embed", 0.6))  # a quoted post is the story's unless it repeats it
        if (lang := (el.get("lang") or "").split("-")[0].lower()) and self.language and lang != self.language:
            out.append(Evidence("other_language", "embed", 0.4))  # a post quoted in another language than the page's
        if (el.get("aria-hidden") or "").lower() == "true" or el.get("hidden") is not None:
            out.append(Evidence("hidden", "hidden", 1.0))
        return out

    def _name_tokens(self, el: Any) -> list[str]:
        names = self._names.get(el)
        if names is None:
            raw = " ".join(el.get(a) or "" for a in ("class", "id", "itemprop", "data-component", "data-module",
                                                     "aria-label"))
            if STORY_NAMES.search(raw):
                names = []
            else:
                names = [t.lower() for t in SPLIT_NAME.split(raw) if t]
                names += ["".join(names[i:i + 2]) for i in range(len(names) - 1)]  # "most-read" -> "mostread"
            self._names[el] = names
        return names



LINK_ROW_WORDS = 8  # a block this short (words) made of two links or more, and no sentence: a row of labels
BRACKETED_LINKS = 0.7  # share of a paragraph's words in links from which, set in brackets, it is another story's
_BRACKETED = re.compile(r"\s*(?:\[[^\[\]]{10,200}\]|\([^()]{10,200}\))\s*")  # "[...]" or "(...)", the whole block
LONE_LINK_WORDS = (3, 20)  # a paragraph that is one link to another page of the site, this long (words): a teaser
_LEAD = re.compile(r"^[\s•·>»|*–—-]*(?:[A-Z]{2,}[A-Z ]*:\s*)?")  # "• ", "READ: ", "RELATED: " before the link


def _site(url: str | None) -> str | None:
    """The host of an http(s) address without "www." (None for other addresses)."""
    host = urlsplit(url or "").hostname
    return host.removeprefix("www.") if host else None


# Names of elements that never hold the story, however much of the page they hold (a long thread, a short post's
# footer): they speak for their blocks whatever their share.
NEVER_CONTAINER = frozenset({"comments", "disqus", "postmetadata", "postmeta", "entrymeta"})
NEVER_STORY = frozenset({"comments", "metadata"})  # kinds that may outweigh the story (a long thread, a blog
#                                                    post's footer under a short post) yet are never its form
_NEVER_SHOWN = frozenset({"name:invisible"})  # evidence of an element the page never shows
# evidence from the whole page, which no majority undoes, and an element the page never shows
_PAGE_WIDE = frozenset({"after_container", "repeated", "excerpt", *_NEVER_SHOWN})
_NAMED = ("name:", "tag:", "role:")  # evidence from what the page calls an element, not from its text
REPEATED_WORDS = 10  # a line this short (words) that comes back REPEATED_TIMES or more (its figures aside) reads as
REPEATED_TIMES = 3  # the page's furniture (a button, a label): evidence that joins others (a link, after the story)


def _repeated(texts: list[str]) -> list[tuple[int, bool]]:
    """The blocks that are short lines coming back REPEATED_TIMES or more (a list's numbering aside), and whether
    they are a counter: lines that open with a figure that differs between them, the same otherwise ("43 more
    replies", "47 more replies"; not "Step 2")."""
    lines = [" ".join(_LIST_MARK.sub("", t, count=1).split()) if len(t.split()) <= REPEATED_WORDS else ""
             for t in texts]
    folded = [re.sub(r"\d[\d.,]*", "#", line.lower()) for line in lines]
    same = Counter(lines)
    variants: dict[str, set[str]] = {}
    for key, line in zip(folded, lines):
        variants.setdefault(key, set()).add(line)
    out = []
    for i, (line, key) in enumerate(zip(lines, folded)):
        counter = bool(re.match(r"\W*#", key)) and len(variants[key]) >= REPEATED_TIMES  # ("%165 votes" too)
        if line and (counter or same[line] >= REPEATED_TIMES):
            out.append((i, counter))
    return out


def _words_held(found: list[Located | None]) -> dict[Any, int]:
    """The located words inside each element (of the blocks' elements and their ancestors)."""
    held: dict[Any, int] = {}
    for loc in found:
        if loc is not None:
            for el in _ancestors(loc.element):
                held[el] = held.get(el, 0) + loc.end - loc.start
    return held


def _boxed(loc: Located, text: str) -> bool:
    """Whether a block is one sentence beside a picture, in a small box of its own (its caption, when the page has
    few such boxes)."""
    return len(text.split()) <= IMAGE_BOX_WORDS and not _SENTENCE_BREAK.search(text) and \
        not _in_heading(loc.element) and _image_box(loc.element)


def _drop_layout_table(loc: Located, data_tables: dict[Any, bool]) -> None:
    """Drop a block's table evidence when its table lays out the page rather than holding data (`data_tables`:
    the verdict on each table, found once)."""
    if any(e.kind == "table" for e in loc.evidence):
        table = table_of(loc.element)
        if table not in data_tables:
            data_tables[table] = _holds_data(table)
        if not data_tables[table]:
            loc.evidence = [e for e in loc.evidence if e.kind != "table"]


def _mark_excerpts(cards: dict[Any, list[tuple[Located, str]]]) -> None:
    """A grid of other stories' cards whose texts stop short: excerpts, all of it."""
    for blocks in cards.values():
        if sum(_cut_short(text) for _, text in blocks) >= EXCERPTS:
            for loc, _ in blocks:
                loc.evidence.append(Evidence("excerpt", "related", CLUTTER))


def _first_of_a_feed(holding: dict[Any, tuple[int, int]]) -> tuple[int, int] | None:
    """The token span of the page's own story where it is the first of a feed of stories, each in an <article> of
    its own under its own headline (a page that scrolls on into other stories: The Week's "Speed Reads"); None
    when the containers are not such a feed (one story's parts, set apart by an advertisement, have no headlines)."""
    leaves = sorted(((span, el) for el, span in holding.items()
                     if not any(o != span and span[0] <= o[0] and o[1] <= span[1] for o in holding.values())),
                    key=lambda leaf: leaf[0])
    headed = [span for span, el in leaves  # each an <article> under its own headline (not a section of one article)
              if el.tag == "article" and next(iter(el.iter("h1", "h2")), None) is not None]
    return headed[0] if len(headed) >= FEED_STORIES and headed[0] == leaves[0][0] else None


def _mark_outside_box(found: list[Located | None], box: tuple[int, int],
                      cards: dict[Any, list[tuple[Located, str]]]) -> None:
    """Mark what lies outside the story's own container (<article>, articleBody, token span `box`): after it,
    other stories and widgets; before it, a stream of other stories' cards at the top of the page."""
    for loc in found:
        if loc is not None and loc.start >= box[1]:
            loc.evidence.append(Evidence("after_container", loc.strongest[0] or "related", CLUTTER))
    for blocks in cards.values():
        for loc, _ in blocks:
            if loc.end <= box[0] and all(e.name != "excerpt" for e in loc.evidence):
                loc.evidence.append(Evidence("excerpt", "related", CLUTTER))


def _mark_after_story(found: list[Located | None], texts: list[str]) -> None:
    """After the story's last full paragraph (not another story's card), doubtful blocks lean to clutter, except
    the items of a list the story holds (the steps that end it)."""
    last = max((i for i, loc in enumerate(found) if loc is not None and loc.kind is None and not _furniture(loc)
                and len(texts[i].split()) >= STORY_WORDS and loc.link_share < 0.3
                and all(e.name != "card" for e in loc.evidence)), default=len(found))
    story_lists = {_list_of(loc.element) for loc in found[:last + 1] if loc is not None and loc.kind is None}
    for after in found[last + 1:]:
        if after is not None and _list_of(after.element) not in story_lists - {None}:
            after.evidence.append(Evidence("after_story", after.strongest[0] or AFTER_STORY, 0.4))


LINK_RUN = 3  # this many blocks in a row or more, each mostly links, ...
LABELLED_RUN = 2  # ... this many of them labelled ("Two years ago: <a>...</a>"): a list of links to other pages
RUN_LINKS = 0.5  # share of a block's words in links from which it goes on such a run ("<a>X</a> and <a>Y</a>")
LEAD_IN_WORDS = 10  # at most this long (words), ending in a colon: the line that leads into such a list
_LINK_EVIDENCE = frozenset({"links", "labelled_links", "link_row", "lone_link", "trailing_link", "teaser_list"})
_LABELLED = frozenset({"labelled_links", "lone_link", "trailing_link"})


def _mark_link_runs(found: list[Located | None], texts: list[str]) -> None:
    """Blocks of links that come LINK_RUN or more in a row, LABELLED_RUN of them labelled, are a list of links to
    other pages (the archive a blog prints under a post, "See also" lines): each block's evidence of links is made
    firm, and the line that leads into the list ("And for the other side of the world:") goes with it. (Lines that
    are only links, a song's annotated lyrics, a list of the story's sources, are no such list by themselves, nor
    are the items of a list of links in the story; nor are headings, which link to themselves.)"""
    run: list[tuple[int, Located]] = []
    for i, loc in enumerate([*found, None]):
        if loc is not None and not _in_heading(loc.element) and (
                loc.link_share >= RUN_LINKS or any(e.name in _LINK_EVIDENCE for e in loc.evidence)):
            run.append((i, loc))
            continue
        labelled = sum(item.link_share < 1.0 and any(e.name in _LABELLED for e in item.evidence)  # (a label of its
                       for _, item in run)  # own, not a linked title with a colon: "Cursor Course: FullStack ...")
        if len(run) >= LINK_RUN and labelled >= LABELLED_RUN:
            kind = "related"
            for _, item in run:
                link = next((e for e in item.evidence if e.name in _LINK_EVIDENCE), None)
                kind = link.kind if link is not None else kind
                item.evidence.append(Evidence("link_run", kind, CLUTTER - (link.weight if link else 0.0)))
            first = run[0][0]
            lead, text = (found[first - 1], texts[first - 1]) if first else (None, "")
            if lead is not None and text.rstrip().endswith(":") and len(text.split()) <= LEAD_IN_WORDS:
                lead.evidence.append(Evidence("link_run", kind, CLUTTER))
        run = []


def _furniture(loc: Located) -> bool:
    """Whether a block's element (or an ancestor) is named or tagged for the site's furniture (its footer, a widget,
    a menu) firmly enough that, however long the block is, it does not end the story."""
    kind, weight = loc.strongest
    return (weight >= DOUBTFUL and kind not in MAY_BE_STORY) or any(
        e.kind in FURNITURE and e.weight >= DOUBT and e.name.startswith(_NAMED) for e in loc.evidence)


def _drop_majority(found: list[Located | None], total: int) -> None:
    """Clutter is the minority of a page's main text: a kind whose blocks hold most of it (the captions of a
    slideshow, the cells of a page laid out in tables) is the story's own form there, and its evidence goes (but
    the page-wide evidence, and a menu the page names as one, which is never the story however much of it there
    is)."""
    share: dict[str, int] = {}
    for loc in found:
        if loc is not None and loc.kind is not None:
            share[loc.kind] = share.get(loc.kind, 0) + loc.end - loc.start
    for kind, n in share.items():
        if n > MAJORITY * total and kind not in NEVER_STORY:
            for loc in found:
                if loc is not None:
                    loc.evidence = [e for e in loc.evidence if e.kind != kind or e.name in _PAGE_WIDE
                                    or (kind == "navigation" and e.name.startswith(_NAMED))]


def _mark_repeated(found: list[Located | None], texts: list[str]) -> None:
    """Mark the short lines that come back ("View other replies", "See it now: Amazon"; "43 more replies"):
    buttons. The evidence joins the block's own that stands after the majority rule."""
    for i, counter in _repeated(texts):
        if (loc := found[i]) is not None:
            own = _strongest(e for e in loc.evidence if e.name not in _PAGE_WIDE | {"after_story"})[0]
            loc.evidence.append(Evidence("repeated", own or "navigation", CLUTTER if counter else 0.6))


def _token_evidence(tokens: list[str]) -> list[Evidence]:
    """The evidence of an element's name tokens (TOKENS, and the names of menus: "gnav", "subnav", "topnav")."""
    out = []
    for token in tokens:
        if token in TOKENS:
            kind, weight = TOKENS[token]
            out.append(Evidence(f"name:{token}", kind, weight))
        elif token.endswith("nav") or token in ("navbar", "navlinks", "navlist"):
            out.append(Evidence(f"name:{token}", "navigation", 1.0))
    return out


def _may_hold_story(el: Any, tag: str) -> bool:
    """An element that says it holds a story: <article>, itemprop articleBody, a class or id such as "story-body"."""
    if tag == "article" or (el.get("itemprop") or "").lower() == "articlebody":
        return True
    return bool(STORY_NAMES.search(" ".join(el.get(a) or "" for a in ("class", "id"))))


def _holds_data(table: Any) -> bool:
    """Whether a table holds data (rows of short cells), not the page's layout (or `table` is no table at all)."""
    if not (isinstance(table.tag, str) and table.tag.lower() == "table"):
        return False
    cells = [len(_WORD.findall(c.text_content())) for c in table.iter("td", "th")]
    rows = len(table.findall(".//tr"))
    return rows >= 2 and len(cells) >= 4 and sum(cells) / len(cells) < DATA_TABLE_CELL_WORDS
def table_of(el: Any) -> Any:
    """The table element around `el` (or `el` itself when it is not in a table)."""
    return next((a for a in _ancestors(el) if isinstance(a.tag, str) and a.tag.lower() == "table"), el)


def table_caption(table: Any) -> str | None:
    """The caption of a table (<caption>, summary or aria-label), if it has one."""
    cap = table.find(".//caption")
    text = cap.text_content() if cap is not None else (table.get("summary") or table.get("aria-label") or "")
    text = " ".join(text.split()).rstrip(".:")
    return text or None


def ends_sentence(text: str) -> bool:
    """Whether a text ends as a sentence does (a full stop, "!", "?" or "…", closing quotes allowed)."""
    return bool(_SENTENCE_END.search(text))


def _in_list_item(el: Any) -> bool:
    """Whether `el` is a list item (<li>) or inside one, however deep."""
    return el.tag == "li" or next(el.iterancestors("li"), None) is not None


def _list_of(el: Any) -> Any:
    """The list (<ol>, <ul>) that `el` is an item of, or None."""
    return next((a for a in _ancestors(el)[:4] if a.tag in ("ol", "ul")), None)


def _image_box(el: Any) -> bool:
    """Whether `el` holds most of the words of a small element (at most IMAGE_BOX_WORDS) that also holds a picture:
    the picture's caption and credit, set beside it without a <figure> or a caption's name ("sl-art-illo-cap")."""
    box = el
    for _ in range(IMAGE_BOX_LEVELS + 1):
        pictures = [x for x in box.iter("img", "picture", "amp-img") if not icon(x)]
        if pictures:
            box_words, own = _visible_words(box), _visible_words(el)
            return box_words <= IMAGE_BOX_WORDS and own >= 0.6 * box_words and not any(
                p in el.iter() for p in pictures) and next(box.iter(*_HEADINGS), None) is None  # (a card, titled)
        box = box.getparent()
        if box is None or not isinstance(box.tag, str) or box.tag.lower() in ("body", "html", "article", "main"):
            return False
    return False


def _beside_form(el: Any) -> bool:
    """Whether `el` sits in a small element (at most FORM_BOX_WORDS, up to three levels above it) that also holds a
    form: the form's pitch ("Stay savvy: get the latest by subscribing") or its labels, not the story."""
    box = el
    for _ in range(3):
        box = box.getparent()
        if box is None or not isinstance(box.tag, str) or box.tag.lower() in ("body", "html", "article", "main") \
                or _visible_words(box) > FORM_BOX_WORDS:
            return False
        if next(box.iter("form"), None) is not None:
            return True
    return False


SOCIAL_HOSTS = ("facebook.com", "twitter.com", "x.com", "linkedin.com", "instagram.com", "youtube.com",
                "tiktok.com", "pinterest.com", "threads.net", "bsky.app", "mastodon.social", "t.me", "whatsapp.com")
_ONE_POST = re.compile(r"/(?:status|statuses|posts?|p|reel|watch|video|videos|photos?|shorts|pin)(?:/|$)", re.I)


def _profile_link(href: str) -> bool:
    """Whether an address leads to a profile, page or group on a social network (not to one post of it)."""
    parts = urlsplit(href.strip())
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    return any(host == h or host.endswith("." + h) for h in SOCIAL_HOSTS) and not _ONE_POST.search(parts.path) \
        and len([p for p in parts.path.split("/") if p]) <= 2


def _visible_words(el: Any) -> int:
    """The words of an element's text, without what its scripts and styles hold."""
    parts = []
    for x in el.iter():
        tag = x.tag.lower() if isinstance(x.tag, str) else ""
        if tag not in _SKIP and x.text:
            parts.append(x.text)
        parent = x.getparent()
        if x is not el and x.tail and (parent.tag if isinstance(parent.tag, str) else "") not in _SKIP:
            parts.append(x.tail)
    return len(_WORD.findall(" ".join(parts)))


def icon(img: Any) -> bool:
    """An image the page sets small (width or height under ICON_PIXELS), or sized in the text's own units (a
    formula's glyphs, "width:3.139ex"): an icon, an avatar, a symbol in a sentence."""
    for name in ("width", "height"):
        value = (img.get(name) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) < ICON_PIXELS:
            return True
    return bool(_TEXT_SIZED.search(img.get("style") or ""))


_TEXT_SIZED = re.compile(r"(?i)\b(?:width|height)\s*:\s*[\d.]+\s*(?:ex|em|rem|ch)\b")


def _in_heading(el: Any) -> bool:
    return any(isinstance(a.tag, str) and a.tag.lower() in _HEADINGS for a in _ancestors(el)[:4])


def _teaser_item(el: Any) -> bool:
    """Whether `el` sits in one item of a list of three or more like items that each hold a link: a teaser list."""
    for item in _ancestors(el)[:6]:
        parent = item.getparent()
        if parent is None:
            return False
        if item.tag == "p":  # paragraphs with links in them are a story's, not a list
            continue
        like = _like_items(item)
        if len(like) >= 3 and sum(c.find(".//a") is not None for c in like) >= 3:
            return True
    return False


def _overlay_item(el: Any) -> bool:
    """Whether `el` sits in one of three or more like items that are each covered by an empty link (a card's
    whole area is its link to another page: "Do You Get Enough Quality Sleep? ... Take Quiz")."""
    for item in _ancestors(el)[:6]:
        if item.getparent() is None:
            return False
        like = _like_items(item)
        if len(like) >= 3:
            return _chars(item) <= CARD_CHARS and sum(any(map(_overlay_link, c.iter("a"))) for c in like) >= 3
    return False


def _overlay_link(a: Any) -> bool:
    """A link laid over a card, whose whole area it makes a link: one with no text and no image, or one whose class
    stretches it over the card (Bootstrap's `stretched-link`: "Watch Now ... Cool New Features in Python 3.10")."""
    return bool(a.get("href")) and (("stretched-link" in (a.get("class") or "").split())
                                    or (not a.text_content().strip() and a.find(".//img") is None))


def one_box(a: Located, b: Located, chars: int, *, plain: bool = False) -> bool:
    """Whether two located blocks sit together in one small element (at most `chars` characters); `plain`: one
    that holds no heading, list or table either (a box of lines, not a section of the page)."""
    box = _common_ancestor(a.element, b.element)
    if plain and next(box.iter(*_HEADINGS, "ol", "ul", "table"), None) is not None:
        return False
    return _chars(box) <= chars


def _chars(el: Any) -> int:
    """The characters of an element's text, its runs of white space counted as one."""
    return len(" ".join(el.text_content().split()))


def _cut_short(text: str) -> bool:
    """Whether a text of some length stops short, as a teaser's excerpt does: mid-sentence ("a writer, producer
    and") or on an ellipsis."""
    words = text.split()
    return len(words) >= EXCERPT_WORDS and (not _SENTENCE_END.search(text) or text.rstrip().endswith(("…", "...")))


def _like_items(item: Any) -> list[Any]:
    """`item` and its siblings of the same tag and class: the items of the list or grid it is one of."""
    return [c for c in item.getparent() if c.tag == item.tag and (c.get("class") or "") == (item.get("class") or "")]


def _card_grid(el: Any, linked: dict[Any, frozenset[Any]]) -> Any:
    """The element holding three or more like items (a list's items, a grid's cards) whose headings are links to
    other pages, when `el` sits in one of them and not in its heading (the text under another story's headline);
    else None. `linked`: each first item's cards with a linked heading, found once per grid."""
    for item in _ancestors(el)[:6]:
        if item.getparent() is None:
            return None
        like = _like_items(item)
        if len(like) < 3:
            continue
        if like[0] not in linked:
            linked[like[0]] = frozenset(c for c in like if any(_linked_heading(h) for h in _headings_in(c)))
        cards = linked[like[0]]
        return item.getparent() if len(cards) >= 3 and item in cards and not _in_heading(el) else None
    return None


_HEADING_CLASS = re.compile(r"(?:^|\s)h[1-6](?:\s|$)")  # Bootstrap's way of styling an element as a heading


def _headings_in(el: Any) -> Iterator[Any]:
    """The headings inside `el`: <h1>-<h6>, and elements styled as one by their class ("<div class='h2'>")."""
    for x in el.iter():
        if isinstance(x.tag, str) and (x.tag.lower() in _HEADINGS or _HEADING_CLASS.search(x.get("class") or "")):
            yield x


def _linked_heading(h: Any) -> bool:
    text = " ".join(h.text_content().split())
    links = " ".join(" ".join(a.text_content().split()) for a in h.iter("a") if a.get("href"))
    return bool(text) and len(links) >= 0.8 * len(text)


def _ancestors(el: Any) -> list[Any]:
    out = [el]
    out.extend(el.iterancestors())
    return [a for a in out if isinstance(a.tag, str) and a.tag.lower() not in ("html", "body")]


def _common_ancestor(a: Any, b: Any) -> Any:
    if a is b:
        return a
    chain = {id(x): x for x in [a, *a.iterancestors()]}
    for x in [b, *b.iterancestors()]:
        if id(x) in chain:
            return x
    return a
