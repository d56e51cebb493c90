"""Inline Markdown and metadata-line recognisers for scraped articles: links, emphasis, dates, bylines, tags, credits.

Pure functions over one line or block of text; parse.py decides where in the article each applies.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..dates import DATE, MONTH, iso_date  # noqa: F401  (iso_date: re-exported)
from .credits import TEXT_ROLES

# Mathematics written in TeX: "$$ ... $$" or "\[ ... \]" set apart, "$F$" or "\( p(x) \)" in a sentence
# (TEX_INLINE's groups: the formula inside "$", or inside "\( \)"). A "$" before a digit is money, never TeX.
TEX_DISPLAY = re.compile(r"\$\$(?=[^$]{0,800}?[\\^_{=])[^$]{1,800}?\$\$|\\\[.{1,800}?\\\]", re.DOTALL)
TEX_INLINE = re.compile(r"(?<![\w$\\])\$(?![\s\d$])([^$\n]{1,200}?)(?<![\s\\])\$(?![\w$])|\\\((.{1,200}?)\\\)")

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+|[\w.+-]+@[\w-]+\.[\w.]+)>")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![\w*])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![\w*])")
_CODE = re.compile(r"`+([^`]+)`+")
_TAG = re.compile(r"</?(?:b|i|em|strong|span|a|u|s|sup|sub|br|mark|small|font)\b[^<>]*>", re.IGNORECASE)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_PUA = 0xE000  # escaped characters hide in the private use area while markup is removed
_ESCAPED = re.compile("[\ue000-\ue07f]")
_TAG_SEPARATORS = re.compile(r"[\s/&-]+")

HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
LIST_ITEM = re.compile(r"^\s{0,6}(?:[-*+•]|\d{1,3}[.)])\s+(?=\S)")
BULLET = re.compile(r"^\s{0,6}[-*+•]\s+(?=\S)")  # stripped; numbered items keep their numbers
QUOTE = re.compile(r"^\s{0,3}>\s?")
RULE = re.compile(r"^\s*(?:[-*_=]\s*){3,}$")
LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_LINK_ONLY = re.compile(r"^[\s*_]*(?:\[[^\]]*\]\([^)]*\)[\s*_,|·•»›-]*)+$")

BYLINE = re.compile(r"^(?:written |posted |words |story |text )?by[:\s]\s*(?P<name>[^.!?]{2,100}?)\.?$", re.IGNORECASE)
PUBLISHER_DATE = re.compile(rf"^(?P<pub>[^,:]{{2,60}}?),\s*(?P<date>{DATE})$", re.IGNORECASE)
SOURCE_DATE = re.compile(rf"^(?P<name>[^,:]{{2,60}}?)\s+(?P<date>\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\.?,?\s+\d{{4}})$",
                         re.IGNORECASE)
DATE_LINE = re.compile(rf"^(?:(?:published|updated|posted|date|first published)\s*(?:on|:)?\s*)?"
                       rf"(?:\w+day,?\s+)?(?P<date>{DATE})(?:[\s,|-]+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}.{{0,20}})?$",
                       re.IGNORECASE)
TAG_LINE = re.compile(r"^(?P<label>[A-Za-z][A-Za-z &/-]{0,30}?)\s*:\s*(?P<values>\[.+)$")
KNOWN_TAG_LABEL = re.compile(r"^(?:region|regions|theme|themes|tags?|topics?|categor(?:y|ies)|keywords?|filed under|"
                             r"in-depth report|section|subjects?|country|countries)$", re.IGNORECASE)
CREDIT = re.compile(rf"^(?P<role>{TEXT_ROLES})\s*(?:by\s*:?|:)\s*(?P<name>.{{2,80}}?)\.?$", re.IGNORECASE)
AUTHOR_CREDIT = re.compile(r"^(?:articles?|posts?|stories) by\s*:?\s*(?P<name>.{2,80}?)\.?$", re.IGNORECASE)
ORIGINAL_SOURCE = re.compile(r"^the original source of this article is\s*:?\s*(?P<name>.{2,80}?)\.?$", re.IGNORECASE)

@lru_cache(maxsize=8192)  # long articles repeat lines; the result depends on the text alone
def clean_inline(raw: str) -> str:
    """Reduce one block of Markdown to plain text: links to their text, emphasis and code markers removed."""
    # Each pattern runs only where the character it starts with is (most lines have no markup at all); none of
    # them puts in a character that another looks for.
    s = _ESCAPE.sub(lambda m: chr(_PUA + ord(m.group(1))), raw) if "\\" in raw else raw  # \_ is a literal _
    s = _IMAGE.sub(lambda m: m.group(1), s) if "![" in s else s
    for _ in range(2):  # links inside emphasis inside links
        if "[" in s:
            s = _LINK.sub(lambda m: m.group(1), s)
            s = _REF_LINK.sub(lambda m: m.group(1), s)
        if "*" in s or "_" in s:
            s = _BOLD.sub(lambda m: m.group(2), s)
            s = _ITALIC.sub(lambda m: m.group(2), s)
    if "<" in s:
        s = _AUTOLINK.sub(lambda m: m.group(1), s)
    s = _CODE.sub(lambda m: m.group(1), s) if "`" in s else s
    s = _TAG.sub(" ", s) if "<" in s else s
    s = s if s.isascii() else _ESCAPED.sub(lambda m: chr(ord(m.group()) - _PUA), s)
    return fold_spaces(s)


def fold_spaces(text: str) -> str:
    """text's words joined by single spaces (" ".join(text.split()): three times as fast as re's sub and strip); a
    text that is so already is given back as it is (most lines: a printable text's only whitespace is the space)."""
    if "  " in text or text[:1] == " " or text[-1:] == " " or not text.isprintable():
        return " ".join(text.split())
    return text


def code_spans(raw: str) -> tuple[str, ...]:
    """The texts of the inline code spans in a block of Markdown ("`typing.List`" -> "typing.List")."""
    return tuple(dict.fromkeys(m.group(1).strip() for m in _CODE.finditer(raw))) if "`" in raw else ()


def is_link_only(raw: str) -> bool:
    """True when a block is nothing but one or more links (navigation, share buttons, related stories)."""
    return bool(_LINK_ONLY.match(raw.strip()))


def link_texts(raw: str) -> list[str]:
    """The texts of the links in `raw`, in order, cleaned."""
    return [clean_inline(m.group(1)) for m in _LINK.finditer(raw)]


def tag_key(label: str) -> str:
    """"In-depth Report" -> "in_depth_report"."""
    return _TAG_SEPARATORS.sub("_", label.strip().lower()).strip("_")


def tag_values(raw_values: str) -> list[str]:
    """Values of a tag line: link texts when it has links, else its comma-separated items."""
    texts = link_texts(raw_values)
    if texts:
        return [t for t in texts if t]
    return [v.strip() for v in clean_inline(raw_values).split(",") if v.strip()]


