"""Assembly: timed words -> sentences -> paragraphs -> Article, on words laid out like a narrated article."""
from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from briefcast.dates import find_date as parse_date
from briefcast.document import Word
from briefcast.segmenter.assemble import AssembleOptions, assemble, readable_name, sentences_from_words
from briefcast.segmenter.pauses import DEFAULT_GRAMMAR as G


def timed(paragraphs: list[list[str]], *, word: float = 0.3, gaps: tuple[float, float] = (G.sentence, G.paragraph),
          first_gap: float | None = None) -> list[Word]:
    """Words of `paragraphs` (lists of sentences) with times: `word` s each, sentence and paragraph gaps between."""
    words: list[Word] = []
    t = 0.0
    for pi, par in enumerate(paragraphs):
        for si, sentence in enumerate(par):
            if words:
                t += gaps[1] if si == 0 else gaps[0]
                if first_gap is not None and pi == 1 and si == 0:
                    t += first_gap - gaps[1]
            for w in sentence.split():
                words.append(Word(w, round(t, 3), round(t + word, 3), 0.9))
                t += word
    return words


def body_words(article) -> Counter:
    return Counter(w for s in article.sentences for w in s.text.split())


def removed_words(article) -> Counter:
    return Counter(w for r in article.removed for w in r.text.split())


THAMES = [
    ["The Thames Barrier closed for the 17th time this winter on Wednesday.",
     "The river rose to 7.4 metres above its usual level."],
    ["Engineers at the Environment Agency said the gates held.", "Dr. Anna Whitfield leads the team.",
     "She said the barrier did exactly what it was built to do."],
    ["The closure lasted 9 hours."],
]


def test_sentences_keep_the_recognised_text_and_word_times():
    words = timed([["Dr. Anna Whitfield leads the team.", "She said it held."]])
    sentences = sentences_from_words(words)
    assert [s.text for s in sentences] == ["Dr. Anna Whitfield leads the team.", "She said it held."]
    assert sentences[0].spoken == sentences[0].text
    assert sentences[1].start == sentences[1].words[0].start == words[6].start
    assert sentences[1].end == words[-1].end


def test_paragraphs_come_back_from_the_pauses():
    article = assemble(timed(THAMES))
    assert [p.text for p in article.paragraphs] == [" ".join(p) for p in THAMES]
    assert article.title is None  # no tags, no file name: no title (body text is never repeated as the title)


def test_a_measured_silence_overrides_smeared_word_times():
    words = timed(THAMES, gaps=(0.1, 0.1))  # word times say "no pause anywhere"
    paragraph_starts = [w.start for w in words if w.text in ("Engineers", "The") and w.start > 0][:2]

    def silence(a: float, b: float) -> float:  # what the audio says: a real paragraph pause before each start
        return G.paragraph if any(a < t <= b for t in paragraph_starts) else G.sentence

    article = assemble(words, silence=silence)
    assert len(article.paragraphs) == 3


def test_long_paragraphs_are_split_into_readable_ones_without_one_sentence_fragments():
    sentences = [f"Sentence number {n} is here." for n in "one two three four five six seven".split()]
    article = assemble(timed([sentences]), options=AssembleOptions(max_paragraph_sentences=3))
    sizes = [len(p.sentences) for p in article.paragraphs]
    assert sum(sizes) == 7 and max(sizes) <= 3 and min(sizes) >= 2


def test_continuous_speech_breaks_at_the_longest_pause_between_sentences():
    sentences = [f"This is sentence {n} of a long reading about printing and its history." for n in range(8)]
    words = timed([sentences], word=0.5)
    per = len(sentences[0].split())
    extra = {4 * per: 0.15, 6 * per: 0.1}  # longer (still sentence-level) pauses before sentences 4 and 6
    shift, out = 0.0, []
    for i, w in enumerate(words):
        shift += extra.get(i, 0.0)
        out.append(Word(w.text, w.start + shift, w.end + shift, w.probability))
    article = assemble(out)  # 8 sentences of 6.5 s, no paragraph pause: more than 6 sentences in one run
    assert [len(p.sentences) for p in article.paragraphs] == [4, 4]


def test_a_clause_break_at_a_semicolon_is_never_a_paragraph_break():
    long = "and the reading went on for a very long time without any stop at all " * 4
    words = timed([[f"First clause {long};", f"second clause {long}.", f"Third part {long}.",
                    f"Fourth part {long}."]], word=0.4)
    article = assemble(words, options=AssembleOptions(max_paragraph_seconds=30, min_paragraph_seconds=5))
    assert all(not p.sentences[-1].text.endswith(";") for p in article.paragraphs[:-1])


def test_spoken_credits_and_source_move_to_metadata():
    words = timed(THAMES + [["Voiceover by Maya Okafor."],
                            ["Originally published by Harbour Desk on March 13, 2024."]])
    article = assemble(words)
    assert article.credits == {"voiceover": "Maya Okafor"}
    assert (article.source.name, article.source.published) == ("Harbour Desk", "2024-03-13")
    assert "Voiceover" not in article.body_text and "Originally" not in article.body_text
    assert [r.kind for r in article.removed] == ["credit", "source"]


def test_the_narrated_intro_becomes_metadata_when_it_matches_the_tags():
    intro = [["From Coastline Review, March 14, 2024.",
              "Video: Flood Barrier Holds as River Thames Reaches Record Level.",
              "By Harbour Desk."]]
    tags = {"title": "Video: Flood Barrier Holds as River Thames Reaches Record Level", "artist": "Harbour Desk"}
    article = assemble(timed(intro + THAMES, first_gap=G.section), tags=tags)
    assert article.title == tags["title"]
    assert (article.publisher, article.published, article.byline) == ("Coastline Review", "2024-03-14", "Harbour Desk")
    assert article.paragraphs[0].text == " ".join(THAMES[0])
    assert article.removed[0].kind == "intro" and article.removed[0].text.startswith("From Coastline Review")


def test_an_opening_sentence_that_only_looks_like_an_intro_stays():
    article = assemble(timed([["From the start, the barrier was controversial.", "It cost a fortune."]]))
    assert article.paragraphs[0].sentences[0].text == "From the start, the barrier was controversial."
    assert not article.removed


def test_a_short_sentence_after_a_section_pause_is_a_heading():
    words = timed([THAMES[0], ["What comes next."], THAMES[2]], gaps=(G.sentence, G.section))
    article = assemble(words)
    assert [s.heading for s in article.sections] == [None, "What comes next"]
    assert article.sections[1].paragraphs[0].text == THAMES[2][0]


def test_title_order_tag_then_readable_file_name_then_cleaned_file_name():
    words = timed(THAMES)
    tagged = assemble(words, tags={"title": "Barrier holds"}, name="x.mp4")
    assert tagged.title == "Barrier holds" and tagged.provenance["title"] == "tags"
    named = assemble(words, name="thames_barrier-holds.mp4")
    assert named.title == "Thames barrier holds" and named.provenance["title"] == "file name"
    coded = assemble(words, name="VID_20240314_101500.mp4")
    assert coded.title == "VID 20240314 101500"  # never the first sentence again
    assert coded.paragraphs[0].sentences[0].text == THAMES[0][0]


def test_readable_names_and_dates():
    assert readable_name("Syrian-Army-Advancing-in-Raqqa.webm") == "Syrian Army Advancing in Raqqa"
    assert readable_name("a1b2c3d4.mp4") is None
    assert parse_date("June 10, 2017") == "2017-06-10"
    assert parse_date("9th June 2017") == "2017-06-09"
    assert parse_date("2017-06-09T10:00:00Z") == "2017-06-09"
    assert parse_date("no date") is None


def test_no_words_gives_an_empty_article():
    article = assemble([], name="silent_room.wav")
    assert article.is_empty and article.title == "Silent room"
    assert assemble([], name="silence.wav").title == "silence"  # the user's own name for it


vocab = st.sampled_from(["the", "barrier", "held.", "Voiceover", "by", "Maya", "Okafor.", "From", "Coastline",
                         "Review,", "March", "14,", "2024.", "By", "Harbour", "Desk.", "It", "rose", "Dr.", "?"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(vocab, st.floats(0.0, 3.5)), min_size=0, max_size=60))
def test_nothing_recognised_is_lost(items):
    """The word multiset of body + removed pieces (intro, credits, source, headings) equals the recognised words."""
    words, t = [], 0.0
    for text, gap in items:
        t += gap
        words.append(Word(text, t, t + 0.2))
        t += 0.2
    article = assemble(words, tags={"title": "the barrier held", "artist": "Harbour Desk"})
    assert body_words(article) + removed_words(article) == Counter(w.text for w in words)


def narrated(intro: list[str], body: list[list[str]], outro: list[str]) -> list[Word]:
    """Words laid out as narration renders a briefing: intro, a section pause, the body, a story pause, the outro."""
    words = timed([intro])
    for block, gap in ((body, G.section), ([outro], G.story)):
        later = timed(block)
        shift = words[-1].end + gap - later[0].start
        words += [Word(w.text, round(w.start + shift, 3), round(w.end + shift, 3), w.probability) for w in later]
    return words


def test_a_garbled_intro_and_outro_are_read_by_their_pauses_and_the_tags_win():
    words = narrated(["From Coastline Review March 14, 2024.", "Flunt Mario Fold reaches record level.",
                      "My Harbeneck."],
                     THAMES,
                     ["Voice over my rock cover originally published my harbor neck on March 13, 2024."])
    tags = {"title": "Flood Barrier Holds", "album": "Coastline Review", "artist": "Harbour Desk",
            "comment": "Voiceover by Maya Okafor. Originally published by Harbour Desk on 2024-03-13"}
    article = assemble(words, tags=tags)
    assert [p.text for p in article.paragraphs] == [" ".join(p) for p in THAMES]
    assert [r.kind for r in article.removed] == ["intro", "outro"]
    assert article.credits == {"voiceover": "Maya Okafor"}
    assert (article.source.name, article.source.published) == ("Harbour Desk", "2024-03-13")
    assert article.published == "2024-03-14"
    assert body_words(article) + removed_words(article) == Counter(w.text for w in words)


def test_spoken_credits_split_into_clauses():
    words = narrated(["From Coastline Review, March 14, 2024."], THAMES,
                     ["Voiceover by Maya Okafor, originally published by Harbour Desk on March 13, 2024."])
    article = assemble(words, tags={"album": "Coastline Review"})
    assert article.credits == {"voiceover": "Maya Okafor"}
    assert article.source.name == "Harbour Desk" and article.source.published == "2024-03-13"
    assert [p.text for p in article.paragraphs] == [" ".join(p) for p in THAMES]


def test_a_body_that_opens_with_from_is_kept_when_the_publisher_does_not_match():
    words = narrated(["From the mountains the river carries snow melt."], THAMES, ["The closure lasted long."])
    article = assemble(words, tags={"album": "Coastline Review"})
    assert article.paragraphs[0].text == "From the mountains the river carries snow melt."
    assert article.paragraphs[-1].text == "The closure lasted long."
    assert not article.removed


def test_a_heading_heard_as_a_question_is_still_a_heading():
    words = timed([THAMES[0], ["What comes next?"], THAMES[2]], gaps=(G.sentence, G.section))
    assert [s.heading for s in assemble(words).sections] == [None, "What comes next?"]


def test_a_paragraph_long_silence_inside_a_recognised_sentence_is_a_boundary():
    from briefcast.document import Word
    from briefcast.segmenter.assemble import split_at_pauses

    # the recogniser wrote a comma where the narrator paused a whole paragraph (1.0 s) after "province"
    timed = [("The", 0.0), ("army", 0.3), ("advanced", 0.6), ("in", 1.0), ("the", 1.2), ("province,", 1.4),
             ("and", 3.0), ("then", 3.3), ("it", 3.6), ("stopped.", 3.8)]
    words = [Word(t, s, s + 0.25 if t != "province," else 1.6) for t, s in timed]

    def silence(start: float, end: float) -> float:  # the real silence measured between two times
        gaps = [b.start - a.end for a, b in zip(words, words[1:]) if a.start >= start and b.end <= end]
        return max(gaps, default=0.0)

    [sentence] = assemble(words).sentences  # on word text alone: one sentence
    assert sentence.text.endswith("stopped.")
    pieces = split_at_pauses([sentence], silence)
    assert [p.text for p in pieces] == ["The army advanced in the province,", "and then it stopped."]
    assert (pieces[0].start, pieces[0].end, pieces[1].start) == (0.0, 1.6, 3.0)
    article = assemble(words, silence=silence)
    assert len(article.paragraphs) == 2  # the silence also reads back as a paragraph break


def quiet_between(sounds: list[tuple[float, float]]):
    """The longest silence between two times of a recording that sounds only during `sounds` (sorted spans, s)."""
    def silence(start: float, end: float) -> float:
        edges = [start, *(t for a, b in sounds for t in (max(a, start), min(b, end)) if a < end and b > start), end]
        return max(b - a for a, b in zip(edges[::2], edges[1::2]))
    return silence


def test_a_word_stretched_over_the_pause_after_it_keeps_the_paragraph_after_it_apart():
    """tiny.en heard a story intro's last word without its stop and timed it up to the paragraph after it ("$10.00"
    from 2.0 to 4.6 s, said from 2.0 to 2.5 s, then 1.8 s of silence): the silence after its sound is the boundary.
    A word said after a silence, its start stretched back over it ("river", said from 3.0 s), stays where it is."""
    from briefcast.segmenter.assemble import split_at_pauses

    said = [("From", 0.0, 0.3), ("MSN,", 0.3, 0.7), ("a", 0.9, 1.0), ("game", 1.0, 1.4), ("for", 1.4, 2.0),
            ("$10.00", 2.0, 4.6), ("Nintendo", 4.6, 4.6), ("and", 4.6, 4.9), ("Apple", 4.9, 5.3), ("agreed.", 5.3, 5.8)]
    words = [Word(t, a, b) for t, a, b in said]
    silence = quiet_between([(0.0, 0.7), (0.9, 2.5), (4.3, 5.8)])
    [sentence] = sentences_from_words(words)
    pieces = split_at_pauses([sentence], silence)
    assert [p.text for p in pieces] == ["From MSN, a game for $10.00", "Nintendo and Apple agreed."]
    assert [s.text for s in assemble(words, silence=silence).sentences] == [p.text for p in pieces]

    words = [Word("Fighters", 0.0, 0.4), Word("crossed", 0.4, 0.8), Word("the", 0.8, 1.0), Word("river", 1.0, 3.5),
             Word("today.", 3.5, 4.0)]
    [sentence] = sentences_from_words(words)
    assert split_at_pauses([sentence], quiet_between([(0.0, 1.0), (3.0, 4.0)])) == [sentence]


def test_a_last_word_stretched_over_a_silence_is_not_cut_off():
    from briefcast.document import Word
    from briefcast.segmenter.assemble import split_at_pauses

    words = [Word("Fighters", 0.0, 0.4), Word("crossed", 0.4, 0.8), Word("the", 0.8, 1.0), Word("river.", 1.0, 3.5)]
    [sentence] = sentences_from_words(words)
    assert split_at_pauses([sentence], lambda start, end: 2.0) == [sentence]  # 2 s of silence inside "river."
