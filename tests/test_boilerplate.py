"""The listener's boilerplate layer: clutter recognised by kind, story prose left alone, rule prefilters right."""
from __future__ import annotations

import pytest

from briefcast.segmenter import boilerplate


def _needed_words(pattern: str) -> frozenset[str] | None:
    """Literal strings of which every match of pattern contains one, derived from re's parse tree (test only)."""
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser as sre  # type: ignore[attr-defined]

    repeats = {c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)}

    def needed(items) -> frozenset[str] | None:  # type: ignore[no-untyped-def]
        options: list[frozenset[str]] = []
        run: list[str] = []
        for op, av in list(items) + [(None, None)]:
            if op is c.LITERAL:
                run.append(chr(av))
                continue
            if run:
                options.append(frozenset(["".join(run)]))
                run = []
            found: frozenset[str] | None = None
            if op is c.SUBPATTERN:
                found = needed(av[-1])
            elif op is c.IN and all(kind is c.LITERAL for kind, _ in av):  # "[©ⓒ]": one of its characters
                found = frozenset(chr(ch) for _, ch in av)
            elif op is c.BRANCH:
                alternatives = [needed(alt) for alt in av[1]]
                if all(alternatives):
                    found = frozenset().union(*alternatives)  # type: ignore[arg-type]
            elif op in repeats and av[0] >= 1:
                found = needed(av[2])
            if found:
                options.append(found)
        if not options:
            return None
        return max(options, key=lambda o: (min(len(w) for w in o), -len(o)))

    return needed(sre.parse(pattern))


@pytest.mark.parametrize("rule", boilerplate._RULES, ids=lambda r: f"{r[0]}:{r[1][:40]}")
def test_each_rule_names_the_words_it_needs(rule):
    kind, pattern, weight, needs = rule
    derived = _needed_words(pattern)
    assert needs is None or derived is not None, "a prefilter the pattern does not imply"
    if derived is not None:
        assert needs is not None and set(needs) == set(derived)


def test_the_rules_tried_on_a_text_are_those_whose_words_it_holds(shared_data):
    """A needed word is looked for only in a text holding a needed word inside it ("more from" where "more " is);
    the rules tried are still every rule with a needed word in the text, in order."""
    import json

    truth = json.loads((shared_data / "articles" / "scrapinghub_aeb" / "ground-truth.json").read_text("utf-8"))
    texts = [p.lower() for page in truth.values() for p in (page.get("articleBody") or "").split("\n\n")]
    texts += ["read more from the times", "more recipes from us", "sign up for our newsletter", ""]
    for text in texts:
        present = {word for word in boilerplate._NEEDED if word in text}
        assert boilerplate._rules_to_try(text) == [
            i for i, needs in enumerate(boilerplate._NEEDS) if needs is None or not needs.isdisjoint(present)]
    assert "more from" in boilerplate._NEEDED_WITHIN["more "]  # (looked for only where "more " is)


def test_alternation_is_a_prefix_tree_of_its_words():
    import re

    pattern = boilerplate.alternation(("afp", "app", "a.b", "more ", "more from"))
    assert pattern == "(?:a(?:fp|pp|\\.b)|more\\ (?:from)?)"  # (common characters first: "f" before a stop)
    assert [w for w in ("afp", "app", "a.b", "axb", "more ", "more from", "mor") if re.fullmatch(pattern, w)] == [
        "afp", "app", "a.b", "more ", "more from"]


def test_the_needles_under_no_other_are_found_in_one_pass(shared_data):
    """Every needle under no other that a paragraph holds is found, overlapping ones too ("sign" in "design up"):
    the longer ones in one pass, those of one or two characters (".", ", ", "ad"), found at most places, with `in`."""
    import json

    truth = json.loads((shared_data / "articles" / "scrapinghub_aeb" / "ground-truth.json").read_text("utf-8"))
    texts = [p.lower() for page in truth.values() for p in (page.get("articleBody") or "").split("\n\n")]
    texts += [" ".join(boilerplate._NEEDED_WITHIN[None]), "".join(boilerplate._NEEDED_WITHIN[None])]
    for text in texts:
        assert set(boilerplate._outer_needles().findall(text)) == {
            n for n in boilerplate._NEEDED_WITHIN[None] if n in text and len(n) > 2}
    assert set(boilerplate._SHORT_NEEDLES) >= {".", ", ", "ad"}


def test_a_rule_is_compiled_when_a_text_first_needs_it():
    boilerplate._rule.cache_clear()
    assert boilerplate.score.__wrapped__("The council met on Tuesday to discuss the budget.") == (
        boilerplate.Verdict(None, 0.0))
    assert boilerplate._rule.cache_info().currsize < len(boilerplate._RULES) / 4  # (of 128: its words select few)
    assert boilerplate.is_boilerplate("Sign up for our newsletter") == "membership"


@pytest.mark.parametrize(
    "line, kind",
    [
        ("Advertisement", "advertisement"),
        ("Finance4 days ago Tunisia rejects IMF loans and wants to join BRICS", "related"),  # a teaser's age
        ("This episode is brought to you by Squarespace.", "advertisement"),
        ("Comments on Hacker News, Reddit, My response", "social"),
        ("Source here.", "caption"),
        ("To sign up and for more information on membership, visit the membership page.", "cta"),
        ("2019-12-09: fixes grammar", "note"),
        ("Free Bonus: 5 Thoughts On Python Mastery, a free course for Python developers that shows you the roadmap.",
         "cta"),
        ("Informa PLC's registered office is 5 Howick Place, London SW1P 1WG.", "copyright"),
        ("Registered in England and Wales.", "copyright"),
        ("You've been logged out of GDC Vault since the maximum users allowed for this account has been reached.",
         "membership"),
        ("pic.twitter.com/dLVatVHxRr", "social"),
        ("— Jane Doe (@janedoe) June 3, 2017", "social"),
        ("@janedoe", "social"),
        ("Share this", "social"),
        ("Follow us: Google News, Facebook, Twitter", "social"),
        ("Sign Up", "membership"),
        ("Subscribe to our daily newsletters", "membership"),
        ("Download the Times app for the latest news.", "app"),
        ("This site uses cookies to improve your experience.", "cookie"),
        ("We want to hear what you think about this article.", "comments"),
        ("Photo: A P", "caption"),
        ("Credit: Clayton Aldern/Grist", "caption"),
        ("The fighting resumed overnight …… more", "navigation"),
        ("Share it with a friend!", "cta"),
        ("Click 'okay' then 'Allow' to enable notifications", "cta"),
        ("See photos from this story", "cta"),
        ("Has this ever happened to you? Sound off below!", "comments"),
        ("An earlier version of the article inaccurately stated his age.", "note"),
        ("This article appears in the September 5, 2016 issue of New York Magazine.", "note"),
        ("Updated on September 19 at 3:15 p.m.", "note"),
        ("Comcast’s NBCUniversal is a minority investor in Vox Media, which owns this site.", "disclosure"),
        ("Our Standards: The Thomson Reuters Trust Principles.", "navigation"),
        ("Source: Box Office Mojo", "chart"),
        ("Grierson and Leitch write about the movies regularly for the New Republic.", "bio"),
        ("Jane Doe is a staff writer at the Riverside Post covering city hall.", "bio"),
        ("Get Motor Cycle Monthly delivered through your letterbox every month.", "membership"),
        ("— Tzippy Yarom صِپورة (@zpyarom) December 19, 2016", "social"),
        ("FacebookTwitterInstagramKOO Appyoutube", "social"),
        ("Business·Updated", "navigation"),
        ("Tweet may have been deleted, opens in a new tab", "player"),
        ("What's Your Reaction?", "comments"),
        ("More: Huawei's next flagship phone leaks in full", "navigation"),
        ("Also: See Black Friday coverage at CNET", "navigation"),
        ("Get access to India's fastest growing financial subscriptions service Moneycontrol Pro for as little as Rs "
         "599 for first year.", "membership"),
        ("Use the code \"GETPRO\".", "membership"),
        ("Start your free Datadog trial today!", "pitch"),  # a sponsor's
        ("Try us for free for 30 days!", "pitch"),
        ("Become a Blister member now to check out all of our Flash Reviews, plus get exclusive deals.", "pitch"),
        ("Sign up for our weekly FortiGuard Threat Brief.", "pitch"),
        ("When you sign up for this free report, you will also join our free Prospect newsletter.", "membership"),
        ("Not a member of Pastebin yet?", "membership"),
        ("Prospect takes your privacy seriously.", "membership"),
        ("Comments are closed", "comments"),
        ("skimming scheme seized cash and cards.jpg", "caption"),  # an image's file name
        ("Read more from Jennifer Rubin", "navigation"),
        ("More On Education", "navigation"),
        ("Twitter: howardblume", "social"),
        ("2:58 p.m.: This article was updated to add the potential cost of the shutdown.", "note"),
        ("기사입력 :[ 2018-08-25 15:24 ]", "note"),
        ("11/28/2016 11:00 AM PT", "note"),
        ("SI Recommends", "navigation"),
        ("Contact the editors through our House Tour and House Call Submission Form.", "pitch"),
        ("저작권자 ⓒ 엔터미디어, 무단전재 및 재배포금지", "copyright"),
        ("If you enjoyed making this focaccia, how about making some of our other bread recipes?", "pitch"),
        ("Please spare some time to comment below, letting us know how you got on with it.", "pitch"),
        ("UPDATES:", "note"),
        ("With assistance by Kevin Cirilli, Jennifer Jacobs and Alan Levin", "note"),
        ("Mike Cason, mcason@al.com", "contact"),
        ("(Mike Cason/mcason@al.com)", "contact"),
        ("Keith Bradsher contributed reporting from Hong Kong.", "note"),
        ("Reach the reporters on Twitter at http://twitter.com/MegKinnardAP and", "contact"),
        ("Note: we are temporarily moderating all comments submitted to deal with a surge in spam.", "comments"),
        ("Filed under: Syi'ah |", "navigation"),
        ("Illustrations by Mike Nudelman.", "caption"),
        ("(Corrects 10th paragraph to show the Wii is from Nintendo, not Sony.)", "note"),
        ("Correction Aug. 29 10:05 a.m. PDT: A previous version of this story misstated his title.", "note"),
        ("Jemele Hill can be reached at jemeleespn@gmail.com.", "contact"),
        ("READ Hoenig's full remarks:", "navigation"),
        ("Main Content", "navigation"),
        ("Episode Teaser Image", "caption"),
        ("Associated Press writers Rahim Faiez, Karim Sharifi and Mirwais Khan in Kabul, and Mitch Weiss in "
         "Greenville, South Carolina, contributed to this story.", "note"),  # long, but the note's own ending
        ("October 22, 2019 report", "note"),
        ("January 13, 2020 at 08:45 AM | categories: Python, Mercurial | View Comments", "note"),
        ("Proceedings of the National Academy of Sciences (2019). DOI: 10.1073/pnas.1907828116", "reference"),
        ("More information: Marcel J. L. Th. Niekus et al. Middle Paleolithic complex technology and a Neandertal "
         "tar-backed tool from the Dutch North Sea, Proceedings of the National Academy of Sciences (2019).",
         "reference"),
        ("Citation: Flint flake tool partially covered by birch tar (2019, October 22) retrieved 20 January 2020 "
         "from https://phys.org/news/2019-10-flint.html", "reference"),
        ("Want to know more about Erin Spiceland?", "cta"),
        ("Check back in soon—we’ll be adding new interviews weekly throughout March.", "cta"),
        ("Please share your videos, pictures and stories at iReport.", "cta"),
        ("Next: Seeking Solitude.", "navigation"),
        ("See more photos", "navigation"),
        ("Loading weather data...", "player"),
        ("Max Blumenthal is an award-winning journalist and the author of several books.", "bio"),
        ("Jo Doe is the author of three novels, most recently The Quiet Shore.", "bio"),
        ("12:03 pm |", "note"),  # a time alone, the post's time stamp
        ("Like this?", "navigation"),  # before the site's other stories
        ("You might also be interested in...", "navigation"),
        ("Add your own in the comments.", "comments"),
        ("There may be small errors in this transcript.", "note"),
        ("Video: Fall Centerpiece Ideas", "navigation"),  # the title of a clip the page shows
        ("Tell us below.", "cta"),
        ("Submit it here!", "cta"),
        ("This story was provided by SpaceNews, dedicated to covering all aspects of the space industry.",
         "source_note"),
        ("Music", "note"),  # a transcript's cue
        ("via Buzzfeed", "source_note"),
        ("Further reading", "navigation"),
        ("More Great Recipe Ideas from Better Homes and Gardens", "navigation"),
        ("Dinwiddie et al. 2014. Dynamics of F-actin prefigure the structure of butterfly wing scales.", "reference"),
        ("MUST READ | Thousands of Australians are calling for their prime minister's resignation", "navigation"),
        ("David McHugh in Frankfurt, Germany, and Elaine Ganley in Paris contributed.", "note"),
        ("Associated Press writer Jo Bloggs contributed.", "note"),
        ("File Photo: French President Emmanuel Macron delivers his new year wishes at the Elysee.", "caption"),
        ("Julien De Rosa, Pool via Reuters", "caption"),
        ("File photo of Suspended AAP councillor Tahir Hussain.", "caption"),
        ("End", "note"),  # a press release's end mark
        ("My Twitter account is @michaelxpettis.", "social"),  # the author's own plug
    ],
)
def test_listener_clutter_is_recognised(line, kind):
    assert boilerplate.is_boilerplate(line) == kind


@pytest.mark.parametrize(
    "prose",
    [
        "Amazon.com reported a loss for the quarter.",
        "He left 3 days ago and has not been seen since by anyone in the village.",
        "3 days ago, police found the body in the river.",
        "The report was sponsored by the ministry of health.",
        "From here, the road climbs to the pass.",
        "She said she would follow the convoy to the border.",
        "The app was downloaded by millions of users in Syria, the ministry said.",
        "The ad campaign cost the party two million dollars, records show.",
        "Get ready: the storm reaches the coast on Tuesday and the council has opened shelters here and inland.",
        "The minister is a former reporter who covered the war for a decade before she entered politics.",
        "Police said the suspect, who was released on Monday, had been updated on the case by lawyers.",
        "Tickets for the concert at the town hall go on sale on Friday for as little as $10, the organisers said.",
        "Read: the council's letter said the bridge would close in May, and the mayor signed it on Monday morning.",
        "Get your free credit report at annualcreditreport.com before you apply for a loan.",  # advice, no pitch
        "If you are a Costco member, you can get exclusive discounts on tyres this month.",
        "You note how institutions have minds of their own; how can we control them, and their members, better?",
        "Netflix will offer members a free trial of its new games service, the company said.",
        "All three teams in the league contributed.",  # no names, no places: a sentence
        "He sent the file via AP.",
        "He said his Twitter account is the best place to hear from him, and that he reads every reply.",
        "More on the vote: the council meets again on Monday to count the ballots.",
        "The minister recommends a review of the bridge, the report says.",
        "Send your tips to the police, the detective said at the briefing on Monday.",
        "If you enjoyed the first film, you will like the sequel, the director told us on Monday.",
        "Updates to the app arrive on Tuesday, the company said.",
        "With assistance from the police, the family searched the woods until dawn.",
        "The board is reviewing comments from residents before it votes on the plan next month, she said.",
        "Posted in the garden of the embassy, the guards saw nothing, the report says.",
        "Corrections officers at the prison went on strike on Monday, the union said.",
        "Graphics by the agency show the storm moving north.",
        "Read the full statement before you sign it, the lawyer told the tenants on Monday.",
        "The main content of the bill is a tax on sugar.",
        "It was the mirror image.",
        "The mirror image.",
        "The council said residents should write to complaints@council.gov.uk about the bins, not to the mayor.",
        "January 6, 2021 was a dark day for the republic, the senator said.",
        "She said she wanted to know more about the plan before the vote.",
        "The mayor is the author of the plan, which the council passed on Monday after a long debate.",
        "Video footage shows the bridge giving way.",
        "Like this, the bridge will last another century, the engineer said.",
        "The trial ends at 12:03 pm on Friday, the clerk said.",
        "Smith et al. found that the drug worked in mice.",  # a study named in the story's own words
        "Tell us what happened, the detective asked the driver.",
        "The music was loud, the neighbours said.",
        "More people than ever from the region voted.",
        "Next, the council will vote on the budget.",
        "Reporters from three papers contributed to this story's success, the editor told the ceremony on Monday.",
    ],
)
def test_story_prose_stays(prose):
    assert boilerplate.is_boilerplate(prose) is None


@pytest.mark.parametrize(
    "text, kept, links",
    [
        ("Read the report here: https://x.org/r.", "Read the report here.", ["https://x.org/r"]),
        ("https://t.co/dLVatVHxRr", "", ["https://t.co/dLVatVHxRr"]),
        ("The video (https://youtu.be/abc) shows it.", "The video shows it.", ["https://youtu.be/abc"]),
        ("Watch it https://youtu.be/x. Then he left.", "Watch it. Then he left.", ["https://youtu.be/x"]),
        ("See www.example.com for more.", "See www.example.com for more.", []),
        ("Amazon.com reported a loss.", "Amazon.com reported a loss.", []),
    ],
)
def test_links_appended_to_sentences_go_and_the_sentence_stays(text, kept, links):
    assert boilerplate.strip_links(text) == (kept, links)


@pytest.mark.parametrize("text, data", [
    ("Mumbai 3029 Pune 660 Thane 465 Nashik 96 Nagpur 76 Yavatmal 32 Aurangabad 30 Sangli 27 Ahmednagar 27 Sholapur 21",
     True),  # a table's cells run together
    ("Iowa: Tim Albrecht, Brad Anderson, Rob Barron, Jeff Boeyink, Bonnie Campbell, Dave Caris, Sam Clovis, Jerry "
     "Crawford, Sara Craig, John Davis", True),  # a roll of names
    ("Palm Bay (1-0): Tolivert 25 points. Davis 17 points. Burgher 10 points. Bozeman 10 points. Bean-Laing 5 points.",
     False),  # a sports summary reads as sentences
    ("The council met on Tuesday and voted 7-2 to close the bridge, which carries 40,000 cars a day, in 2025.", False),
])
def test_data_is_told_from_sentences(text, data):
    assert boilerplate.is_data(text) is data


def test_each_removed_piece_has_its_kind_in_the_article():
    from briefcast.segmenter.parse import parse_article

    article = parse_article(
        "Title here\n\nThe army advanced on Raqqa. Read the report: https://example.org/story.\n\n"
        "https://t.co/dLVatVHxRr\n\nAdvertisement\n\nSign Up\n\nPhoto: AP\n\nThe end came in June.")
    body = [p.text for s in article.sections for p in s.paragraphs]
    assert body == ["The army advanced on Raqqa. Read the report.", "The end came in June."]
    removed = {(r.kind, r.text) for r in article.removed}
    assert {("link", "https://example.org/story"), ("advertisement", "Advertisement"), ("membership", "Sign Up"),
            ("caption", "Photo: AP")} <= removed
    assert any(text == "https://t.co/dLVatVHxRr" for _, text in removed)


def test_clutter_sentences_inside_a_story_paragraph_go_and_quoted_speech_stays():
    from briefcast.segmenter.parse import parse_article

    story = ("The council met on Monday evening to decide the future of the old library, and after four hours of "
             "debate the members voted to keep it open for another ten years.")
    article = parse_article(
        f"Title\n\n{story} Amy Doe may be reached at adoe@example.com. Follow her on Twitter @AmyDoe or on "
        "Facebook.\n\nThe search for the missing boy continued through the night, officers said. “Contact us if "
        "you see anything,” the police chief told reporters at the scene on Tuesday morning.\n")
    assert [s.text for s in article.sentences] == [
        story, "The search for the missing boy continued through the night, officers said.",
        "“Contact us if you see anything,” the police chief told reporters at the scene on Tuesday morning."]
    assert {r.kind for r in article.removed} >= {"contact", "social"}


@pytest.mark.parametrize("text, code", [
    ('$ adb logcat | grep "com.example.app"', True),  # a command at a prompt
    ("// create a pointer to the function in the module", True),
    ('<iframe src="/iframe/dave" width="300" height="100"></iframe>', True),  # markup written out
    ('"silex/silex": "~2.0@dev", "twig/twig": ">=1.8,<2.0-dev", "smottt/wideimage": "dev-master"', True),  # JSON
    ("<b>Note:</b> the bridge closes at noon on Monday.", False),  # a sentence with its markup left in
    ("var unlinkPtr = Module.findExportByName(null, 'unlink');", True),
    ('console.log("[*] FRIDA started");', True),
    ("}, 'int', []));", True),
    ("Packer: 509aa4a846c6cb52e9756a282de67da3e8ec82769bceafa1265428b1289459b3", True),  # a hash
    ("$ pipenv shell will launch a new shell process using the project's virtual environment.", False),
    ("Now, whenever the unlink() function is called, FRIDA will intercept the call and run our code.", False),
    ("Jane Doe (AP)", False),
    ("The council met on Tuesday (its third meeting) and voted for the plan.", False),
    ("https://www.facebook.com/ShelbourneBar/posts/4731875523504429", False),  # a link, said as one elsewhere
])
def test_code_printed_as_paragraphs_is_told_from_prose(text, code):
    assert boilerplate.code_form(text) is code


def test_a_pointer_set_in_brackets_after_a_sentence_is_not_read():
    assert boilerplate.sentence_clutter("(See pictures of the spill.)") == "navigation"
    assert boilerplate.sentence_clutter('(Watch TIME\'s video "Oil Spill Anxiety on the Bayou.")') == "navigation"
    assert boilerplate.sentence_clutter("(See the world's top 10 environmental disasters.)") == "navigation"
    assert boilerplate.sentence_clutter("(See Fig. 1 above.)") is None  # a pointer within the story
    assert boilerplate.sentence_clutter("(The see-saw vote was close.)") is None


def test_a_credit_line_run_on_to_the_last_paragraph_is_not_read():
    names = ("Associated Press writers Rahim Faiez, Karim Sharifi and Mirwais Khan in Kabul, and Mitch Weiss in "
             "Greenville, South Carolina, contributed to this story.")  # 26 words: a sentence this long is judged
    assert boilerplate.sentence_clutter(names) == "note"  # for its own ending
    assert boilerplate.sentence_clutter("Rescuers from three towns and a team of divers from the coast guard who "
                                        "came overnight contributed to this story of survival, the mayor said.") is None


def test_headlines_and_buttons_run_together_are_a_menu_not_a_list_the_story_makes():
    menu = ("Nicole Miller Spring 2015 Ready-to-Wear Collection Email Print In Back 1 of 39 Next View Larger View "
            "Thumbnails Runway Replay: Nicole Miller Spring 2015 Ready-to-Wear Collection Related Links The Best Red "
            "Carpet Looks From the 2014 Cannes Film Festival Candidly Sofia")
    assert boilerplate.title_run(menu)
    hotels = ("Current hotel properties include Hotel Sofia Barcelona in Barcelona, Spain; Royal Palms Resort and Spa "
              "in Phoenix; The Confidante in Miami Beach, Florida; Ocean Resort Casino in Atlantic City, New Jersey; "
              "The Eliza Jane in New Orleans; The Bellevue Hotel in Philadelphia")
    assert not boilerplate.title_run(hotels)  # an enumeration of the story's own
    assert boilerplate.classify(["The council voted on Tuesday to close the old bridge.", menu]) == [None, "navigation"]


def test_another_story_s_title_in_square_brackets_is_a_pointer_to_it():
    assert boilerplate.sentence_clutter("[Trippy Tales: The History of 8 Hallucinogens]") == "related"
    assert boilerplate.sentence_clutter("[Applause]") == "note"  # a transcript's cue, not a pointer
    assert boilerplate.sentence_clutter("[The mayor said no.]") is None  # a sentence in brackets is not a title


def test_a_post_s_bracketed_sources_and_image_credits_are_not_read():
    credits = ("[Technology Guide - FastCo - LifeHack Top Image: Creativa, Notes Image: wavebreakmedia / Shutterstock, "
               "Text Editors: Taiga, Dorm Room: Vasin Lee, Readers: Kyle Wagner, Maths: Mathlab, Language: racorn]")
    assert boilerplate.sentence_clutter(credits) == "caption"
    assert boilerplate.sentence_clutter("[The photo shows the mayor, who declined to comment on the plan.]") is None


def test_a_long_paragraph_is_counted_only_as_far_as_a_limit():
    """Whether a text has more than so many words, its words split no further than that: the same answer as a
    count of them all."""
    story = "The council voted on Tuesday to close the old bridge. " * 40
    for text in (story, " a  b\tc\n", "", "one", "two words "):
        for limit in (0, 1, 2, 3, boilerplate.SHORT_WORDS, boilerplate.PITCH_WORDS):
            assert boilerplate._more_words(text, limit) == (len(text.split()) > limit), (text[:20], limit)
