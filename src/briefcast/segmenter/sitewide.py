"""Pages of one site read together: a paragraph that two or more of them print is the site's template, not a story.

A site repeats its boilerplate on every page (a newsletter pitch, a standing disclaimer, a "more from us" line) in
wordings no rule table knows. Given several articles, those of one site (same publisher, else same registered
domain) are compared paragraph by paragraph; a paragraph of at least TEMPLATE_MIN_WORDS words found on two or more of
them moves to `removed` with kind "template". Two pages that share most of their text are the same story (two copies
of one page), and their text is no template. Pure: the articles are changed in place and also returned.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from urllib.parse import urlsplit

from ..document import Article, Removed
from .assemble import comparable

TEMPLATE_MIN_WORDS = 3  # shorter lines ("Share", "Advertisement") are the rules' business
SAME_STORY = 0.5  # two pages sharing more than this share of their paragraphs are one story, not two


def site_of(article: Article) -> str | None:
    """The site an article comes from: its publisher's name, else the host of its URL; None when unknown."""
    if article.publisher:
        return comparable(article.publisher) or None
    host = urlsplit(article.url).hostname if article.url and "://" in article.url else None
    return host.removeprefix("www.") if host else None


def drop_site_template(articles: Sequence[Article]) -> Sequence[Article]:
    """Remove from each article the paragraphs that another article of the same site also has (kind "template")."""
    by_site: dict[str, list[Article]] = defaultdict(list)
    for art in articles:
        if (site := site_of(art)) is not None:
            by_site[site].append(art)
    for group in by_site.values():
        if len(group) < 2:
            continue
        keys = [{" ".join(k) for par in art.paragraphs if len(k := _key(par.text)) >= TEMPLATE_MIN_WORDS}
                for art in group]
        shared: set[str] = set()
        for i in range(len(keys)):
            for j in range(i + 1, len(keys)):
                both = keys[i] & keys[j]
                if both and len(both) <= SAME_STORY * min(len(keys[i]), len(keys[j])):
                    shared |= both  # two stories of the site: what both print is the template
                # (more in common than that: the same story twice, whose text is no template)
        if not shared:
            continue
        for art in group:
            for sec in art.sections:
                keep = []
                for par in sec.paragraphs:
                    if " ".join(_key(par.text)) in shared:
                        art.removed.append(Removed("template", par.text))
                    else:
                        keep.append(par)
                sec.paragraphs = keep
            art.sections = [s for s in art.sections if s.paragraphs]
    return articles


def _key(text: str) -> list[str]:
    return comparable(text).split()
