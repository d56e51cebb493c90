"""Article URLs and feeds as inputs, against a local web server serving real pages (conftest.article_server)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from briefcast.cli import main
from briefcast.errors import InputError
from briefcast.fetch import FetchOptions, fetch
from briefcast.stories import ReadOptions, read_input
from conftest import one_error_line


@pytest.fixture()
def options(tmp_path) -> ReadOptions:
    """Reading with a cache of this test's own."""
    return ReadOptions(fetch=FetchOptions(cache_dir=str(tmp_path / "http")))


def test_a_page_url_is_read_as_its_article_with_its_address(article_server, options):
    [story] = read_input(article_server.url("/articles/msn.html"), options=options)
    article = story.article
    assert article.title == "Nintendo's first iPhone game will launch in December for $10"
    assert "Super Mario Run" in article.body_text
    assert article.url and article.url.startswith("http")
    assert story.source == article.publisher and story.url == article_server.url("/articles/msn.html")


def test_a_second_read_takes_the_page_from_the_cache(article_server, options):
    url = article_server.url("/articles/msn.html")
    before = article_server.hits["/articles/msn.html"]
    first = fetch(url, options=options.fetch)
    second = fetch(url, options=options.fetch)
    assert article_server.hits["/articles/msn.html"] == before + 1  # fresh: no request at all
    assert second.cached and not first.cached and second.data == first.data


def test_a_page_that_must_be_revalidated_is_asked_for_with_its_etag(article_server, options):
    url = article_server.url("/articles/cnn.html")
    first = fetch(url, options=options.fetch)
    before = article_server.changed["/articles/cnn.html"]
    second = fetch(url, options=options.fetch)
    assert article_server.changed["/articles/cnn.html"] == before + 1  # answered 304 Not Modified
    assert second.cached and second.data == first.data


def test_a_redirect_is_followed_and_the_final_address_kept(article_server, options):
    response = fetch(article_server.url("/moved"), options=options.fetch)
    assert response.url == article_server.url("/articles/cnn.html")


def test_the_charset_comes_from_the_header(article_server, options):
    response = fetch(article_server.url("/roman.html"), options=options.fetch)
    assert response.charset == "macintosh"
    assert "Nintendo’s" in response.text or "Nintendo's" in response.text
    assert "Ã" not in response.text and "Õ" not in response.text  # no byte read in another encoding


@pytest.mark.parametrize("path, needles", [
    ("/missing", ("not found", "HTTP 404")),
    ("/broken", ("the server failed", "HTTP 503")),
    ("/paper.pdf", ("application/pdf", "not an HTML page")),
    ("/loop", ("redirects",)),
])
def test_a_failed_fetch_is_one_clear_error(article_server, options, path, needles):
    with pytest.raises(InputError) as caught:
        fetch(article_server.url(path), options=options.fetch, accept=("text/html",))
    for needle in needles:
        assert needle in str(caught.value)


def test_a_page_over_the_size_cap_is_refused(article_server, tmp_path):
    with pytest.raises(InputError, match="larger than 256 kB"):  # the page is 551 kB
        fetch(article_server.url("/articles/msn.html"), options=FetchOptions(max_bytes=2**18, cache=False))


def test_a_page_that_does_not_answer_in_time_is_an_error(article_server, options):
    with pytest.raises(InputError, match="no answer within 0.5 seconds"):
        fetch(article_server.url("/slow"), options=options.fetch.replace(timeout=0.5))


def test_a_feed_means_its_items_newest_first_each_page_fetched(article_server, options):
    stories = read_input(article_server.url("/feed.xml"), options=options)
    assert [s.article.title for s in stories] == [
        "Nintendo's first iPhone game will launch in December for $10",
        "The 'birth lottery' and economic mobility",
        'Student Dies After Diet Pills She Bought Online “Burned Her Up From Within”']
    assert all(s.feed == "Test Wire" for s in stories)
    assert stories[0].url == article_server.url("/articles/msn.html")


def test_latest_and_since_choose_the_items(article_server, options):
    feed = article_server.url("/feed.xml")
    assert len(read_input(feed, options=options.__class__(latest=1, fetch=options.fetch))) == 1
    recent = read_input(feed, options=ReadOptions(since="2023-12-03", fetch=options.fetch))
    assert [s.url.rsplit("/", 1)[-1] for s in recent] == ["msn.html", "cnn.html"]
    with pytest.raises(InputError, match="no items"):
        read_input(feed, options=ReadOptions(since="2024-01-01", fetch=options.fetch))


def test_an_items_full_text_is_read_without_fetching_its_link(article_server, options):
    before = article_server.hits["/missing"]
    [story] = read_input(article_server.url("/full.xml"), options=options)
    assert "Stanford University's Center on Poverty" in story.article.body_text  # from content:encoded
    assert story.article.title == "The birth lottery and economic mobility"
    assert story.article.publisher == "Test Wire"  # the feed names the source
    assert article_server.hits["/missing"] == before and story.url == article_server.url("/missing")


def test_narrate_script_of_a_url(article_server):
    result = CliRunner().invoke(main, ["narrate", article_server.url("/articles/msn.html"), "--script"])
    assert result.exit_code == 0, result.output
    assert "Super Mario Run" in result.output


def test_narrate_json_script_of_a_feed_lists_each_item(article_server):
    result = CliRunner().invoke(main, ["narrate", article_server.url("/feed.xml"), "--latest", "2", "--json"])
    assert result.exit_code == 0, result.output
    titles = {line["chapter"] for line in json.loads(result.output) if line["kind"] == "intro"}
    assert titles == {"Intro"}
    assert sum(1 for line in json.loads(result.output) if line["kind"] == "intro" and "Nintendo" in line["text"])


def test_narrate_a_missing_page_is_one_error_line(article_server, tmp_path):
    result = CliRunner().invoke(main, ["narrate", article_server.url("/missing"), "-o", str(tmp_path / "a.mp3")])
    one_error_line(result, 1, "not found", "HTTP 404")
    assert not (tmp_path / "a.mp3").exists()


def test_narrate_a_feed_into_one_file_is_a_usage_error(article_server, tmp_path):
    result = CliRunner().invoke(main, ["narrate", article_server.url("/feed.xml"), "-o", str(tmp_path / "a.mp3")])
    one_error_line(result, 2, "3 stories", "-o must be a folder")


def test_batch_to_audio_reads_a_feeds_items_as_pages_that_keep_their_address(article_server, options, tmp_path):
    from briefcast.batch.inputs import plan_inputs

    planned = plan_inputs([article_server.url("/feed.xml")], tmp_path / "out", to="audio", reading=options).planned
    assert [p.route for p in planned] == ["narrate"] * 3
    page = planned[0].path.read_text(encoding="utf-8")
    assert planned[0].path.suffix == ".html" and "Super Mario Run" in page
    from briefcast.segmenter.parse import read_article

    assert read_article(planned[2].path).title.startswith("Student Dies After Diet Pills")


def test_a_feed_file_means_its_items(article_server, options, tmp_path):
    import requests

    feed = tmp_path / "wire.rss"
    feed.write_bytes(requests.get(article_server.url("/feed.xml"), timeout=5).content)
    stories = read_input(str(feed), options=ReadOptions(latest=2, fetch=options.fetch))
    assert [s.url for s in stories] == [article_server.url("/articles/msn.html"),
                                        article_server.url("/articles/cnn.html")]
    assert all(s.origin == str(feed) for s in stories)


def test_since_must_be_a_date(article_server):
    result = CliRunner().invoke(main, ["narrate", article_server.url("/feed.xml"), "--since", "yesterday"])
    one_error_line(result, 2, "--since 'yesterday': not a date")
