"""Pages of one site read together: a paragraph that two or more of them print is the site's template, not a story.

A site repeats its boilerplate on every page (a newsletter pitch, a standing disclaimer, a "more from us" line) in
wordings no rule table knows. Given several articles, those of one site (same publisher, else same registered
domain) are compared paragraph by paragraph; a paragraph of at least TEMPLATE_MIN_WORDS words found on two or more of
them moves to `removed` with kind "template". Two pages that share most of their text are the same story (two copies
of one page), and their text is no template. Pure: the articles are changed in place and also returned.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
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
    for article, template in zip(articles, site_templates([(site_of(a), paragraph_keys(a)) for a in articles])):
        remove_template(article, template)
    return articles


def paragraph_keys(article: Article) -> frozenset[str]:
    """The article's paragraphs as comparable keys (those long enough to be a template line)."""
    return frozenset(" ".join(k) for par in article.paragraphs if len(k := _key(par.text)) >= TEMPLATE_MIN_WORDS)


def site_templates(pages: Sequence[tuple[str | None, frozenset[str]]]) -> list[frozenset[str]]:
    """For each (site, paragraph keys) page, the keys it shares with another story of its site: its template.

    Plain keys in and out, so that a batch can compare its pages without holding them (see batch.run_batch).
    """
    by_site: dict[str, list[int]] = defaultdict(list)
    for i, (site, _) in enumerate(pages):
        if site is not None:
            by_site[site].append(i)
    templates = [frozenset[str]() for _ in pages]
    for group in by_site.values():
        holders: dict[str, list[int]] = defaultdict(list)  # key -> the pages of the site that print it
        for i in group:
            for key in pages[i][1]:
                holders[key].append(i)
        in_common: dict[tuple[int, int], set[str]] = defaultdict(set)
        for key, where in holders.items():
            for a in range(len(where)):
                for b in range(a + 1, len(where)):
                    in_common[where[a], where[b]].add(key)
        shared: set[str] = set()
        for (i, j), both in in_common.items():
            if len(both) <= SAME_STORY * min(len(pages[i][1]), len(pages[j][1])):
                shared |= both  # two stories of the site: what both print is the template
            # (more in common than that: the same story twice, whose text is no template)
        for i in group:
            templates[i] = frozenset(pages[i][1] & shared)
    return templates


def remove_template(article: Article, template: Collection[str]) -> Article:
    """Move the article's paragraphs whose key is in `template` to `removed` (kind "template"); in place."""
    if not template:
        return article
    for sec in article.sections:
        keep = []
        for par in sec.paragraphs:
            if " ".join(_key(par.text)) in template:
                article.removed.append(Removed("template", par.text))
            else:
                keep.append(par)
        sec.paragraphs = keep
    article.sections = [s for s in article.sections if s.paragraphs]
    return article


def _key(text: str) -> list[str]:
    return comparable(text).split()
