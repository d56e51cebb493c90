"""Boilerplate classification: which paragraphs of an article are not the story, and what kind of clutter they are.

Each paragraph is scored against weighted keyword rules per kind (donation, copyright, disclaimer, fair_use, contact,
social, membership, caption, navigation, source_note); long paragraphs need more evidence than short lines, so a story
that merely mentions Facebook stays. Context then widens the net: a "Related articles" lead-in takes the headline list
after it, and clutter that ends an article pulls short lines next to it into the trailing block.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .metadata import MONTHS_PATTERN

THRESHOLD = 1.0  # score (weighted rule hits, scaled down for long paragraphs) at or above which a block is boilerplate
TEASER_WORDS = 40  # at most this many words: a teaser under a headline in a list of other stories
CORROBORATES = 0.5  # a rule this heavy counts as a hit of its own (a bare "Facebook" does not)
PROSE_WORDS = 12  # longer than this (words): a sentence of prose, which one keyword alone does not condemn
SHORT_WORDS = 20  # at most this many words: a "short" line (headline, caption, link); longer is prose, whose
# evidence is divided by sqrt(words / SHORT_WORDS) and needs two rule hits (or one anchored at its start)


# (kind, pattern, weight, needs). A weight of >= THRESHOLD alone marks a short line; prose needs several hits.
# `needs` are strings of which every match contains one (None: no such set is known): score() skips a rule whose
# strings are all absent from a paragraph, the same verdicts several times faster (most paragraphs are story text that
# matches no rule). tests/test_boilerplate.py derives them from each pattern and compares.
# A desk's note that closes its paragraph: "... and Mitch Weiss in Greenville contributed to this story."
_CONTRIBUTED_END = r"\b(contributed|added) (reporting )?to this (report|story|article)\W*$"
# ... and bare: "David McHugh in Frankfurt, Germany, and Elaine Ganley in Paris contributed.", "AP writer X
# contributed."
_DESK_CREDIT = re.compile(r"[A-Z][\w'’-]+ in [A-Z][\w .'’-]{1,30}(?:, [A-Z][\w .'’-]{1,30})? contributed\W*$|"
                          r"^\W*(?:The )?(?:Associated Press|AP|Reuters|AFP)\b[^.!?]{0,120}\bcontributed\W*$")
# A date as a page writes it, with the time it may give: "Tuesday, Oct. 22nd, 2019 at 08:45 AM", "22 October 2019"
_WRITTEN_DATE = (r"((mon|tues|wednes|thurs|fri|satur|sun)day,? )?((" + MONTHS_PATTERN + r")\.? \d{1,2}(st|nd|rd|th)?,? "
                 r"(19|20)\d\d|\d{1,2} (" + MONTHS_PATTERN + r")\.?,? (19|20)\d\d)(,? (at )?\d{1,2}[:.]\d\d\s*"
                 r"([ap]\.?m\.?)?(\s*[a-z]{2,4}\b)?)?")
# A sponsor's line: "This issue is offered by ...", "Today's newsletter is brought to you by ..."
_SPONSOR = (r"^\W*(\w+('s|’s)? )?(this|today('s|’s)) (issue|newsletter|episode|edition|post|video|podcast|show|email)"
            r"( is| was)? (offered|brought to you|sponsored|presented|supported|powered|made possible) by\b")
_RULES: list[tuple[str, str, float, tuple[str, ...] | None]] = [
    # donation appeals
    ("donation", r"\bdonat(e|es|ion|ions|ing)\b", 1.0,
     ("donat",)),
    ("donation", r"\bpaypal\b|\bpatreon\b|\bko-?fi\b|buy me a coffee|\bgofundme\b", 1.5,
     ("buy me a coffee", "gofundme", "ko", "patreon", "paypal")),
    ("donation", r"\bsupport (our|the|this|independent|quality) (journalism|work|project|reporting|site|website|"
                 r"newsroom|mission|content)\b|\bplease support\b|\bsupport us\b", 1.5,
     ("please support", "support ", "support us")),
    ("donation", r"\b(make|making) a (contribution|donation|gift)\b|\bchip in\b|\bcontribute (now|today)\b", 1.5,
     ("chip in", "contribute ", "contribution", "donation", "gift")),
    ("donation", r"\b(would ?n[o']t|could ?n[o']t) be possible without (your|you|readers)\b", 1.5,
     (" be possible without ",)),
    ("donation", r"\bif you (like|value|enjoy|appreciate) (our|this|independent)\b", 0.8,
     ("if you ",)),
    ("donation", r"\b(every|your|any) (critical |generous |small |one-time )?(gift|contribution|donation)s?\b", 1.0,
     ("contribution", "donation", "gift")),
    ("donation", r"\bthank you for (your )?(support|donating|contributing)\b|\b(lend|offer) us a hand\b", 0.8,
     ("thank you for ", " us a hand")),
    ("donation", r"\breaders like you\b|\byour (support|help|generosity)\b", 0.6,
     ("readers like you", "your ")),
    # copyright
    ("copyright", r"[©ⓒ]|\(c\) ?(19|20)\d\d|\bcopyright (©|\(c\)|(19|20)\d\d)|^\W*copyright\b", 2.0,
     ("(c)", "copyright", "copyright ", "©", "ⓒ")),
    ("copyright", r"\bcopyright\b", 0.6,
     ("copyright",)),
    ("copyright", r"\ball rights reserved\b", 2.0,
     ("all rights reserved",)),
    ("copyright", r"\bmay not be (reproduced|republished|redistributed|rewritten|published)\b", 1.5,
     ("may not be ",)),
    ("copyright", r"\bregistered in england( and wales)?\b|\bregistered office\b|\ball copyright resides with\b|"
                  r"\boperated by a business\b", 1.5,
     ("all copyright resides with", "operated by a business", "registered in england", "registered office")),
    ("membership", r"^\W*you('ve| have) been (logged|signed) out\b|^\W*to (access|view|read|see) members[- ]only "
                   r"content\b", 1.5,
     (" been ", "only content")),
    ("copyright", r"\breprinted with permission\b|\bterms of (use|service)\b|\bprivacy policy\b", 1.0,
     ("privacy policy", "reprinted with permission", "terms of ")),
    # disclaimers
    ("disclaimer", r"^\W*disclaimer\b", 3.0,
     ("disclaimer",)),
    ("disclaimer", r"\bsole responsibility of the author", 2.0,
     ("sole responsibility of the author",)),
    ("disclaimer", r"\bviews (expressed|are)( in this article| here(in)?)? (are )?(those of|solely|the author)", 1.5,
     ("views ",)),
    ("disclaimer", r"\bdo(es)? not necessarily (reflect|represent)\b", 1.5,
     (" not necessarily ",)),
    ("disclaimer", r"\bwill not be (held )?responsible for\b", 1.0,
     ("responsible for",)),
    ("disclaimer", r"\bgrants? permission to (cross-?post|repost|republish)\b", 1.0,
     (" permission to ",)),
    # fair use notices
    ("fair_use", r"\bfair use\b", 2.0,
     ("fair use",)),
    ("fair_use", r"\bcopyrighted material\b", 1.5,
     ("copyrighted material",)),
    ("fair_use", r"\bwithout profit\b|\bcopyright owner\b", 1.0,
     ("copyright owner", "without profit")),
    # contact lines
    ("contact", r"\b(media|press) (inquiries|enquiries|contact)\b", 2.0,
     ("contact", "enquiries", "inquiries")),
    ("contact", r"\bcontact us\b|\bemail us\b|\bget in touch\b|\bsend (us )?(a |your )?tips?\b|"
                r"\bgot a (news )?tip\b|\bwrite to us\b", 1.5,
     ("contact us", "email us", "get in touch", "got a ", "send ", "write to us")),
    ("contact", r"\b(reach|contact) (the|this) (reporters?|authors?|writers?)\b|\bcan be (reached|contacted) at\b", 1.5,
     ("author", "can be ", "reporter", "writer")),
    ("contact", r"[\w.+-]+@[\w-]+\.[\w.]+", 0.6,
     ("@",)),
    ("contact", r"^\W*([\w.'’-]+[\s,|:/–—-]+){1,4}(e-?mail:?\s*)?[\w.+-]+@[\w-]+\.[a-z.]+\W*$", 0.8,
     ("@",)),  # a name, then an address: "Mike Cason, mcason@al.com" (with the address's own 0.6: a line of its
    #           own, yet too weak to be cut out of a list of them)
    # social media and comments
    ("social", r"\bfollow (us|me|@)", 1.5,
     ("follow ",)),
    ("social", r"\bfollow (him|her|them) (on|at)\b", 0.8,
     ("follow ",)),
    ("social", r"\bshare (this|the) (article|story|post|page|video)\b|\bshare (it |this )?(on|via) (facebook|twitter|x|"
               r"whatsapp|linkedin|email|social)\b|\btweet this\b|"
               r"\blike us on\b|\bjoin (the|our) (conversation|discussion)\b", 1.5,
     ("conversation", "discussion", "like us on", "share ", "tweet this")),
    ("social", r"\bon (our|my) (facebook|twitter|instagram|linkedin|telegram|youtube|tiktok)\b|\b(our|my) (facebook|"
               r"twitter|instagram|linkedin|telegram|youtube|tiktok|x)( account| handle| page| channel)? is @", 1.5,
     ("facebook", "instagram", "linkedin", "telegram", "tiktok", "twitter", "youtube", " is @")),
    ("social", r"\b(facebook|twitter|instagram|linkedin|telegram|whatsapp|youtube|tiktok|pinterest|reddit)\b", 0.4,
     ("facebook", "instagram", "linkedin", "pinterest", "reddit", "telegram", "tiktok", "twitter", "whatsapp",
      "youtube")),
    ("social", r"^\W*(\d+ )?(comments?|leave a (comment|reply)|post a comment|show comments|view comments)\W*$", 2.0,
     ("comment", "leave a ", "post a comment", "show comments", "view comments")),
    ("social", r"\bcomment on\b|\bcomments (are|have been) (closed|disabled)\b", 0.8,
     ("comment",)),
    # the reader asked to find the site on a network, or to post in the comments ("Find NJ.com on Facebook.",
    # "Have something to add to this story? Share it in the comments."; trafilatura's gold keeps the writer's own
    # "Let us know down below in the comments")
    ("social", r"^\W*(find|like|join|friend|connect with) .{1,40} on (facebook|twitter|instagram|linkedin|youtube|"
               r"tiktok|pinterest)\W*$|\b(share (it|them|yours|your \w+)|sound off)\b.{0,20}\bin the comments\b", 1.5,
     ("facebook", "instagram", "linkedin", "pinterest", "tiktok", "twitter", "youtube", "in the comments")),
    # membership, subscriptions, accounts
    ("membership", r"\bbecome a (member|subscriber|patron|supporter)\b|\bmembership\b", 1.5,
     ("become a ", "membership")),
    ("membership", r"\bsign ?up (for|to) (our|the|a|my) (free )?(\w+ )?(newsletter|email|updates)\b|"
                   r"\bnewsletter\b", 1.2,
     ("email", "newsletter", "updates")),
    ("membership", r"^\W*subscribe\b|\bsubscribe (now|today|to (our|the))\b|\balready (a )?(subscriber|member)\b", 1.5,
     ("already ", "subscribe", "subscribe ")),
    ("membership", r"\b(log ?in|sign ?in) (to|or) \w+|\bcreate (an|a free) account\b|\bsubscribers? only\b", 1.2,
     (" account", "log", "sign", "subscriber")),
    # captions and image credits
    ("caption", r"^\W*(featured |top |main |header )?(image|photo|photograph|picture|graphic|illustration)s?"
                r"( credits?)?\s*[:|/-]", 2.0,
     ("graphic", "illustration", "image", "photo", "photograph", "picture")),
    ("caption", r"^\W*(fig(ure)?|exhibit|chart|diagram|image|photo|plate)\.? ?\d{1,3}[a-z]?\s*(?:[-–—:|]|\.\s|\W*$)",
     2.0,  # a numbered figure's label and caption: "Figure 2 - A chain of the cup of tea", "Fig. 3: ..."
     ("chart", "diagram", "exhibit", "fig", "image", "photo", "plate")),
    ("caption", r"\b(image|photo|picture) (credit|courtesy|source)s?\b|\((photo|image|picture)s? (by|:|courtesy)",
     1.5,
     ("courtesy", "credit", "image", "photo", "picture", "source")),
    ("caption", r"^\W*in this (?:(?:[a-z]{3,9}\.? \d{1,2}, \d{4}|\d{4}|file|undated|handout) )+(?:photo|image|picture)"
                r"\b|^\W*in this (?:file |undated |handout )?(?:photo|image|picture) (?:dated|taken|made|released|"
                r"provided|posted|shot|from)\b", 2.0, ("in this ",)),  # the wires' captions: "In this 2016 photo, ..."
    ("caption", r"\bgetty images\b|\bshutterstock\b|\bap photo\b|\bafp\b/|\breuters/|\bcredits to the owner\b", 1.2,
     ("afp", "ap photo", "credits to the owner", "getty images", "reuters/", "shutterstock")),
    # navigation: lead-ins to other content, calls to click
    ("navigation", r"^\W*(read more|read also|see also|also read|further reading|more from|more on this|related"
                   r"( articles?| stories| posts| content| coverage| news| reading| topics)?|you (may|might) also"
                   r" (like|enjoy|be interested( in)?)|recommended( for you| reading| stories)?|"
                   r"most (read|popular|viewed)|"
                   r"trending( now)?|top stories|latest (news|stories)|more stories|continue reading|"
                   r"next (article|story|post)|previous (article|story|post)|back to top|advertisement|"
                   r"sponsored( content)?|watch( now)?|listen( now)?|other (\w+ ){0,2}(columns|stories|articles|news|"
                   r"posts|videos)|more (\w+ )?(stories|news|articles|columns|videos)|editor'?s'? picks|"
                   r"from around the web|(what to )?read next|up next|(table of )?contents|in this (article|story|"
                   r"post|guide))\b\s*(:|$|»|›|>|\||-|\.{3}|…)", 2.0,
     (" also ", "advertisement", "also read", "back to top", "continue reading", "contents", "editor",
      "from around the web", "in this ",
      "further reading", "latest ", "listen", "more ", "more from", "more on this", "more stories", "most ", "next ",
      "other ",
      "previous ", "read also", "read more", "read next", "recommended", "related", "see also", "sponsored",
      "top stories", "trending", "up next", "watch")),
    ("navigation", r"^\W*(more|also|see also|also see|read|read more|also read|read also|must read|watch|must watch|"
                   r"listen|related|previously|recommended|don'?t miss|videos?|photos?|gallery|slideshow|audio|"
                   r"podcast)(?:\s*:\s*[^.!?]{1,70}|\s*\|\s*[^.!?|]{1,100})[.!?]?\W*$", 1.5,
     ("also", "also see", "listen", "more", "previously", "read", "read more", "also read", "read also", "must read",
      "must watch", "recommended", "related", "see also", "t miss", "watch", "video", "photo", "gallery", "slideshow",
      "audio", "podcast")),  # a short line: a headline
    #                                                     after it, or the title of a clip or gallery the page shows
    ("related", r"^\W*([^\W\d][^\d\n]{0,30}[^\W\d])?\d{1,2}\s?(mins?|minutes?|hours?|hrs?|days?|weeks?|months?)\s+ago"
                r"\s+\w", 2.0,
     ("ago",)),  # a teaser's section and age, then its headline: "Finance4 days ago Tunisia rejects IMF loans"
    ("navigation", r"\bclick here\b|\bclick (on )?(the )?(image|photo|picture|graphic|chart)s?\b|"
                   r"\bread the (full|whole|original) (article|story|report)\b|\b(visit|follow|click|"
                   r"open|use|see|check out|at) (this|the following) link\b|\bthe link below\b", 1.2,
     ("click here", "click ", "read the ", " link", "the link below")),
    ("navigation", r"^\W*(read more|related|see also)\b|^\W*more\b(?=\s*[:»›>|-]|\W*$)", 0.6,
     ("more", "read more", "related", "see also")),  # ("More:", never "More than 2,500 civilians")
    # the listener's layer: what trafilatura keeps and a listener should not hear
    ("advertisement", r"^\W*(advertisement|advertising|advert|sponsored content|paid content|ad)\W*$", 3.0,
     ("ad", "advert", "advertisement", "advertising", "paid content", "sponsored content")),
    ("advertisement", _SPONSOR, 2.0,
     ("brought to you", "made possible", "offered", "powered", "presented", "sponsored", "supported")),
    ("social", r"^\W*(comments?|discussion|discuss (this|it)) (on|at|over at) [^.!?]{0,60}\b(hacker news|reddit|"
               r"lobste\.?rs|twitter|mastodon|bluesky)\b", 2.0,
     ("comment", "discuss ", "discussion")),  # a blog's pointer to its discussions: "Comments on Hacker News, Reddit"
    ("note", r"^\W*(19|20)\d\d-\d\d-\d\d\s*:\s*(fix|fixes|fixed|typo|typos|grammar|update|updated|added|adds|"
             r"correct|corrected|clarified|clarifies|edit|edited|edits)\b", 2.0,
     ("added", "adds", "clarified", "clarifies", "correct", "corrected", "edit", "edited", "edits", "fix", "fixed",
      "fixes", "grammar", "typo", "typos", "update", "updated")),  # a changelog line: "2019-12-09: fixes grammar"
    ("caption", r"^\W*(from|source|via|image|photo|credit|h/t)\s*:?\s*(here|this link)\W*$", 2.0,
     ("here", "this link")),  # a picture's source given as a link: "From here."
    ("social", r"pic\.twitter\.com/|\bt\.co/", 2.0,
     ("pic.twitter.com/", "t.co/")),
    ("social", r"[—–-]\s*[^()\n]{1,60}\(@\w{1,15}\)", 2.0,
     ("(@",)),
    ("social", r"^\W*((facebook|twitter|instagram|linkedin|youtube|whatsapp|pinterest|telegram|tiktok|snapchat|reddit|"
               r"email|e-mail|koo|app|flipboard|print|copy link)\W*){2,}$", 2.0,
     ("app", "copy link", "e-mail", "email", "facebook", "flipboard", "instagram", "koo", "linkedin", "pinterest",
      "print", "reddit", "snapchat", "telegram", "tiktok", "twitter", "whatsapp", "youtube")),
    ("navigation", r"^[^.!?·•|]{1,30}[·•|]\s*(updated|new|live|breaking|analysis|opinion|exclusive|video|"
                   r"watch|listen|explainer|podcast)\W*$", 2.0,
     ("analysis", "breaking", "exclusive", "explainer", "listen", "live", "new", "opinion", "podcast", "updated",
      "video", "watch")),
    ("social", r"^\W*@\w{1,15}\W*$", 2.0,
     ("@",)),
    ("social", r"\ba post shared by\b|\bview this post on instagram\b|\bwatch on youtube\b|"
               r"\bview (on|this) (instagram|twitter|facebook|tiktok)\b", 2.0,
     ("a post shared by", "facebook", "instagram", "tiktok", "twitter", "view this post on instagram",
      "watch on youtube")),
    ("social", r"^\W*(share|share this|share on \w+|tweet|email|print|copy link|whatsapp)\W*$", 2.0,
     ("copy link", "email", "print", "share", "share on ", "share this", "tweet", "whatsapp")),
    ("social", r"^\W*follow( us)?\b|\bfollow us (on|at)\b", 1.5,
     ("follow", "follow us ")),
    ("membership", r"^\W*sign ?up\W*$|\bsign up (now|today|here|for free)\b|\b(get|receive) (our|the) (\w+ ){0,2}"
                   r"newsletters?\b|\bsubscribe to ([\w.’'-]+ ){0,3}newsletters?\b",
     2.0,
     ("newsletter", "sign", "sign up ", "subscribe to ")),
    ("membership", r"\bnewsletters?\b.{0,80}\b(bringing you|brings you|delivered|in your inbox|sign up)\b|"
                   r"\b(delivered|straight|direct) to your inbox\b", 1.5,
     (" to your inbox", "newsletter")),
    ("app", r"\bdownload (the|our) (\w+ ){0,3}app\b|\bget (the|our) (\w+ ){0,2}app\b|\bavailable on the app store\b|"
            r"\bget it on google play\b", 2.0,
     ("available on the app store", "download ", "get ", "get it on google play")),
    ("cookie", r"\b(we|this (site|website)) uses? cookies\b|\bcookie (policy|settings|preferences|consent)\b|"
               r"\baccept (all )?cookies\b", 2.0,
     (" cookies", "accept ", "cookie ")),
    ("comments", r"\bwe want to hear (what you think|from you)\b|\b(tell|let) us (what you think|know in the "
                 r"comments)\b|\bshare your (thoughts|views|story) (in|with|below)\b|\bjoin the (conversation|"
                 r"discussion) (below|in the comments)\b|^\W*(leave|post|add) a (comment|reply)\b", 2.0,
     ("comment", "conversation", "discussion", "know in the comments", "reply", "share your ", "we want to hear ",
      "what you think")),
    ("navigation", r"(\.{3}|…)\s*(read )?more\W*$|^\W*(more|read more|full story|full article)\W*$", 2.0,
     ("full article", "full story", "more", "read more")),
    ("caption", r"^\W*(photo |image |picture )?(credits?|courtesy)\s*:|^\W*(photo|image|picture)s?\s+by\b|"
                r"^\W*(illustration|graphic)s?\s+by\s+([\w.'’-]+\s+){0,3}[\w.'’-]+\W*$", 2.0,
     ("graphic", "illustration", "image", "ourtesy", "photo", "picture", "redit")),
    ("caption", r"^\W*(file |reuters |ap )?(photo|image|picture|pic)\s*:|^\W*file (photo|image|picture|pic)s? "
                r"(of|shows|dated)\b|^[^.!?]{3,60},\s*(pool\s+)?via (reuters|getty images|getty|ap|afp|epa|"
                r"shutterstock)\W*$", 2.0,
     ("file ", "image", "photo", "pic", "picture", "via ")),  # "File Photo: ...", "Julien De Rosa, Pool via Reuters"
    # notes that end a story: credits of the desk, updates and corrections, player fall-backs
    ("note", r"\b(contributed|added) (reporting )?to this (report|story|article|guide|review|list)\b|"
             r"\bcontributed reporting\b", 2.0,
     ("contributed reporting", "to this ")),
    ("note", _CONTRIBUTED_END, 2.0, ("to this ",)),
    ("note", r"^\W*(ends?|end of (story|release|text))\W*$", 2.0, ("end",)),  # a wire's or a release's end mark
    ("note", r"^\W*with (additional )?(files|reports|reporting) (from|by)\b", 2.0, ("with ",)),  # a desk's credit
    # a caption's own words: who is shown where ("Pictured at the back, from left, are ...", "From left: ...")
    ("caption", r"^\W*(pictured|photographed|shown|seen)\b[^.!?]{0,60}\b(from (the )?(left|right)|left to right|"
                r"l-r|above|below)\b|^\W*\(?(from (the )?left|left to right|l-r)\)?\s*[:,]", 1.2,
     ("from ", "l-r", "left to right", "photographed", "pictured", "seen", "shown")),  # a Canadian desk's credit line
    ("note", r"^\W*(additional )?reporting (by|from)\b|^\W*(writing|editing|compiled|produced|edited) by\b|"
             r"^\W*with (the )?assistance (by|from|of)\b[^.!?]*$", 2.0,  # (a list of names, no sentence)
     ("assistance ", "compiled", "edited", "editing", "produced", "reporting ", "writing")),
    ("note", r"^\W*(\d{1,2}[:.]\d\d\s*([ap]\.?m\.?)?\s*[:–—-]?\s*)?(this|the) (story|article|post|report|piece) "
             r"(has been|was|is) (updated|corrected|amended)\b|"
             r"^\W*(updates?|corrections?|clarifications?|editor'?s note)\b\s*([:(—–-]|\W*$|[^:!?]{3,40}:)|"
             r"^\W*corrects\b", 2.0,
     ("amended", "clarification", "correction", "corrected", "corrects", "editor", "update", "updated")),
    ("player", r"^\W*loading( [\w-]+){0,3}(\.{3}|…)?\W*$|\byour browser does not support\b|\benable javascript\b|"
               r"\bthis (video|content|media) (is|isn'?t|is not) (available|supported)\b|^\W*(play|watch) video\W*$|"
               r"\bto view this (video|content)\b", 2.0,
     (" video", "available", "enable javascript", "loading", "supported", "to view this ",
      "your browser does not support")),
    # what a page says to a screen reader or when an embed fails: never the story's words
    ("player", r"\bopens in a new (tab|window)\b|\btweet may have been deleted\b|\bthis tweet is (unavailable|no "
               r"longer available)\b|\bif playback doesn'?t begin shortly\b", 2.0,
     ("opens in a new ", "this tweet is ", "tweet may have been deleted", "if playback doesn")),
    ("comments", r"^\W*what'?s your reaction\W*$|^\W*(rate|like|love) this (article|story|post)\W*$", 2.0,
     (" this ", "s your reaction")),
    ("social", r"^\W*(link this|digg this|reprints?|permalink|print this( page| article)?|email this( page| article)?)"
               r"(\W+(link this|digg this|reprints?|share this|print|email)\b)*\W*$", 2.0,
     ("digg this", "email this", "link this", "permalink", "print this", "reprint")),
    ("caption", r"^\W*[\w-]+\.(jpe?g|png|gif|webp|svg)\W*$", 3.0,
     ("gif", "jp", "png", "svg", "webp")),
    ("caption", r"^[^.!?]{1,80}\.(jpe?g|png|gif|webp)\W*$", 2.0,  # an image's file name with spaces in it
     ("gif", "jp", "png", "webp")),
    # a teaser's label or an author's page: "Read more from Jennifer Rubin", "More On Education", "Twitter: jdoe"
    ("navigation", r"^\W*(read|see) more (from|by|about|of|on)\b[^.!?]{0,40}$|^\W*more (on|from|about) [^.!?]{1,30}$",
     2.0, (" more ", "more ")),
    ("social", r"^\W*(twitter|instagram|facebook|x|threads|bluesky)\s*:\s*@?[\w.]+\W*$", 2.0, (":",)),
    ("chart", r"^\W*(source|sources|note|notes|data|chart|graphic)\s*:\s*[^.]{0,200}[;,]", 1.2,
     ("chart", "data", "graphic", "note", "notes", "source", "sources")),
    # disclosures of affiliate links and sponsorship, and calls for readers' letters
    ("disclosure", r"^\W*(this|the) (post|article|page|story) (contains|may contain|includes) (affiliate|references "
                   r"to products|sponsored|paid)\b|^\W*we recommend the best products\b", 2.0,
     ("contains", "includes", "may contain", "we recommend the best products")),
    ("disclosure", r"\bwe (may )?(earn|receive|get) (a )?(small )?(commission|compensation|share of (sales|revenue))\b",
     1.5, ("commission", "compensation", "share of ")),
    ("disclosure", r"\b(advertiser|affiliate) (disclosure|links?|commission|partners?)\b|\b(independently|editorially) "
                   r"(selected|chosen|reviewed)\b", 1.0,
     ("dvertiser", "editorially", "ffiliate", "independently")),
    ("membership", r"^\W*(first-time |new )?subscribers? (also )?(receive|get|enjoy)\b", 2.0, ("subscriber",)),
    ("membership", r"\bfor (as little as|only) ([$€£₹]|rs\.? ?)?\d", 0.8, ("for ",)),
    ("membership", r"\bsubscriptions? (service|plan|offer|package)s?\b|\bpremium (subscription|membership|access)\b",
     0.8, ("premium ", "subscription")),
    ("membership", r"^\W*use (the )?(promo |coupon |discount )?code\b", 2.0, ("use ",)),
    ("membership", r"^\W*(not|already) an? (member|subscriber|user)\b[^.!]{0,40}\?\W*$", 2.0,
     ("member", "subscriber", "user")),
    # what a sign-up form says around its field
    ("membership", r"\b(enter|add|type) your (e-?mail|email address)\b|\bnever (rent|sell|share) your (e-?mail|email "
                   r"address|information|data)\b|\btakes? your privacy seriously\b", 2.0,
     (" your ", " your privacy seriously", "never ")),
    ("comments", r"^\W*comments? (are|is) (now )?(closed|disabled|turned off)\W*$|\bwe('re| are)? (\w+ )?moderat\w* "
                 r"(all )?comments\b|\bcomments? (are|is|will be) (moderated|reviewed)\b", 2.0,
     ("comment", "comments", "moderated", "reviewed")),
    ("navigation", r"^\W*(filed|posted) (under|in)\s*:", 2.0, ("filed", "posted")),
    ("navigation", r"^\W*(skip to )?(the )?main content\W*$", 2.0, ("main content",)),
    ("caption", r"^\W*([\w'’-]+ ){0,3}(image|photo|picture|thumbnail)\s*$", 2.0,
     ("image", "photo", "picture", "thumbnail")),  # an image's placeholder text ("Episode Teaser Image")
    ("navigation", r"^\W*(read|watch|see|listen to|view) (the |his |her |their |[\w.'’-]+'?s? )?(full|complete|entire) "
                   r"(remarks|statement|speech|letter|text|report|interview|video|transcript)\W*$", 2.0,
     ("complete", "entire", "full")),
    ("navigation", r"^\W*([\w.&'’ -]{1,20} )?recommends\W*$|^\W*recommended( for you| reading| stories| videos)?\W*$",
     2.0, ("recommended", "recommends")),  # a label over other stories: "SI Recommends"
    # a bare time stamp: "기사입력 :[ 2018-08-25 15:24 ]", "Posted: 2019/11/19 08:41"
    ("note", r"^\W*\S{0,12}\s*:?\s*\[?\s*(19|20)\d\d[-./]\d{1,2}[-./]\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?"
             r"\s*\]?\W*$", 2.0, ("19", "20")),
    ("note", r"^\W*\d{1,2}[-./]\d{1,2}[-./](19|20)?\d\d(\s+\d{1,2}:\d\d(\s*[ap]\.?m\.?)?(\s*[a-z]{1,4})?)?\W*$", 2.0,
     ("-", ".", "/")),  # "11/28/2016 11:00 AM PT"
    ("note", r"^\W*\d{1,2}:\d\d\s*([ap]\.?m\.?)?(\s*[a-z]{2,4})?\s*[|·•]?\W*$", 2.0,
     (":",)),  # a time alone: "12:03 pm |"
    # a written date alone, or with a time, a label or the site's separators: "October 22, 2019 report",
    # "January 13, 2020 at 08:45 AM | categories: Python"
    ("note", r"^\W*" + _WRITTEN_DATE + r"\s*(\W*(report|feature|news|analysis|opinion|interview|review|updated?|"
             r"edition))?\W*$|^\W*" + _WRITTEN_DATE + r"\s*\|", 2.0,
     ("apr", "aug", "dec", "feb", "jan", "jul", "jun", "mar", "may", "nov", "oct", "sep")),
    # a study's reference under a science story: "More information: X et al. ...", "DOI: 10.1073/...", "Citation:
    # <headline> (2019, October 22) retrieved 20 January 2020 from https://..."
    ("reference", r"^\W*(more information|(journal |study )?references?|citations?|original (paper|study|"
                  r"article))\s*:", 2.0, ("citation", "more information", "original ", "reference")),
    ("reference", r"\bdoi\s*:?\s*10\.\d{4,9}/|\bdoi\.org/10\.\d{4,9}/", 2.0, ("doi",)),
    ("reference", r"^\W*[a-z][\w'’-]+( and [a-z][\w'’-]+)? et al\.?,? \(?(19|20)\d\d\b", 2.0,
     (" et al",)),  # "Dinwiddie et al. 2014. Dynamics of ..."
    # a bibliography's entry: two authors or more written "Surname, I." then a year ("Luo, S., and D. Lam. ... 2013")
    ("reference", r"^\W*([a-z][\w'’-]+, ([a-z]\. ?){1,3},? ){1,}(and |& )?(([a-z][\w'’-]+, ([a-z]\. ?){1,3}|"
                  r"([a-z]\. ?){1,3}[a-z][\w'’-]+)[.,] ).*\b(19|20)\d\d\b", 2.0, (", ",)),
    ("reference", r"\bretrieved (on )?([a-z]+ \d{1,2},? (19|20)\d\d|\d{1,2} [a-z]+,? (19|20)\d\d) from\b", 2.0,
     ("retrieved ",)),
    ("contact", r"\bsubmit (your|a) (letter|story|tip|photos?|news|event)\b|\bletters? to the editor\b.{0,40}"
                r"\b(submit|send|via|form)\b", 1.5, (" to the editor", "submit ")),
    # calls to action: a web action asked of the reader, with its web object ("Share it with a friend!")
    ("cta", r"^\W*(([^.!?]{0,120}[,:–—-]\s+)?(please\s+)?(sign ?up|subscribe|follow|download|join|register|donate)|"
            r"((for|to|if|want|looking for|interested in)\b[^.!?]{0,120}[,–—-]\s+|[^.!?:]{0,60}:\s+)?(please\s+)?"
            r"(be sure to |don'?t forget to |make sure to )?(sign ?up|subscribe|"
            r"share|click|tap|follow|download|join|like|comment|sound off|recommend|see|watch|listen|visit|check out|"
            r"check|tweet|email|register|log ?in|donate|get|tell us|submit|nominate|vote|stay))\b[^.!?]{0,120}\b"
            r"(below\W*$|here\W*$|this (post|article|story|page|video|site)\b|newsletters?\b|inbox\b|memberships?\b|"
            r"notifications?\b|our (\w+ )?(site|website|app|channel|page|feed)\b|the app\b|a friend\b|your friends\b|"
            r"in the comments\W*$|whatsapp\b|telegram\b|(to|on) your (phone|device)\b|(live|real-time|latest) (\w+ )?"
            r"(updates|alerts)\b)", 1.2,
     (" your ", "a friend", "alerts", "below", "here", "in the comments", "inbox", "membership", "newsletter",
      "notification", "our ", "telegram", "the app", "this ", "updates", "whatsapp", "your friends")),
    # the page speaking of itself as a web page: "Scroll down for the latest updates", "Click here to read the
    # affidavit", "This is a live blog", "Thank you for visiting nature.com", "Stay informed with The Namibian"
    ("navigation", r"^\W*click (here|below|the link)\b", 2.0, ("click ",)),
    ("cta", r"^\W*(free bonus|bonus (learning )?materials?|free (download|guide|course|e-?book|cheat ?sheet))\s*:", 2.0,
     ("free ", "free bonus", "material")),  # a lead magnet's label: "Free Bonus: ..."
    ("cta", r"^\W*(scroll (down|up)|this is a live ?blog|thank you for (visiting|"
            r"reading|choosing|your (visit|interest))|stay (informed|up to date|updated|in the know|connected|tuned) "
            r"(with|on|by|for)|we('d| would)? (want|love|like) to hear from you)\b", 2.0,
     (" to hear from you", "scroll ", "stay ", "thank you for ", "this is a live")),
    ("player", r"\byou are using a browser\b|\b(outdated|out of date|unsupported|older) browser\b|\bbrowser version "
               r"with limited support\b|\bdisplaying the site without (styles|javascript)\b|\bturn off compatibility "
               r"mode\b|\b(update|upgrade) your browser\b|\bup to date browser\b", 2.0,
     (" browser", " your browser", "browser version with limited support", "displaying the site without ",
      "turn off compatibility mode", "up to date browser", "you are using a browser")),
    ("advertisement", r"\badvertisement\W+([\w-]{0,30}\W*)?story continues below\b|^\W*(\d+\W*)?story continues below"
                      r"( advertisement)?\W*$", 2.0, ("story continues below",)),
    ("cta", r"^\W*([^.!?]{0,80}[,–—-]\s+)?(subscribe|follow|watch us)\b[^.!?]{0,40}\b(on|to) (our |the )?(youtube|"
            r"instagram|tiktok)\b", 1.2, ("follow", "subscribe", "watch us")),
    ("social", r"\bclick to tweet\b", 2.0,
     ("click to tweet",)),
    ("comments", r"\bwhat do you think\b|\bsound off\b|\blet us know (what|in|below|your)\b|"
                 r"\bhas this (ever )?happened to you\b|^\W*(add|leave|post|share|tell us) (your own|yours|your "
                 r"(thoughts|stories|story|own \w+))\b[^.!?]{0,20}\bin the comments\b", 1.5,
     ("happened to you", "let us know ", "sound off", "what do you think", "in the comments")),
    ("navigation", r"^\W*(did you )?(like|liked|love|loved|enjoy|enjoyed) this( (article|story|post|piece))?\s*\?\W*$",
     2.0, (" this",)),  # "Like this?" before the site's other stories
    ("note", r"\b(this|the) transcript (may|might|could) (contain|have|include) (\w+ )?errors\b|\bthere (may|might) be "
             r"(\w+ )?errors in (this|the) transcript\b|\btranscripts? (is|are|was|were) (\w+ ){0,3}(edited|"
             r"condensed) for (length|clarity)\b", 2.0, (" transcript", " transcript ", "transcript")),
    ("membership", r"\bdelivered (to|through) your (door|letterbox|inbox|mailbox)\b|\bnever miss (out on )?(a |an |"
                   r"our |your )?(\w+ ){0,2}(stor(y|ies)|updates?|posts?|episodes?|deals?|news)\b", 1.5,
     ("delivered ", "never miss ")),
    # the page speaking to its reader about itself: "Want to know more about X?", "Check back soon: we'll be adding
    # new interviews", "Please share your videos, pictures and stories at iReport"
    ("cta", r"^\W*(do you |did you )?(want|like|wish|would you like|interested|curious)\b[^.!?]{0,12}\b(to )?"
            r"(know|learn|read|find out|hear|see) more\b[^.!?]{0,80}\?", 2.0, (" more",)),
    ("cta", r"\bcheck back (in |here |with us )?(soon|later|often|regularly|tomorrow|next week|for (more|updates))\b",
     1.5, ("check back ",)),
    ("cta", r"\b(share|send|submit|upload|show) (us |with us )?your (own )?(photos?|videos?|pictures?|images?|stories|"
            r"story|views|thoughts|experiences?|tips?)\b", 1.5, ("your ",)),
    # a pointer to the next part or more of the page's media: "Next: Seeking Solitude.", "See more photos"
    ("navigation", r"^\W*(next|previous|prev|up next|next up|coming up|next part)\s*:\s*[^.!?:]{1,80}[.!?]?\W*$", 1.5,
     ("coming up", "next", "next part", "next up", "prev", "previous", "up next")),
    ("navigation", r"^\W*(see|view|show|load|browse) (more|all)( of the| the)? (photos|pictures|images|videos|"
                   r"comments|stories|results|slides)\W*$", 2.0, ("comments", "images", "photos", "pictures",
                                                                  "results", "slides", "stories", "videos")),
    # notes of the desk: corrections, the issue a story appears in, a hat tip, a bare "Updated" line
    ("note", r"^\W*(an )?earlier version of (this|the) (article|story|post|report)\b|^\W*this (sentence|paragraph|"
             r"headline|article|story|post) (has been|was) (updated|corrected|changed|amended)\b|^\W*this (article|"
             r"story) (appears|appeared|will appear) in the\b|^\W*(h/t|hat tip)\b", 2.0,
     (" in the", "/t", "amended", "at tip", "changed", "corrected", "earlier version of ", "updated")),
    ("note", r"^\W*(last |first )?(updated|published|posted|modified)( on| at)?\s*:?\s*[^.!?]{0,30}\d[\d:]*"
             r"(\s*[ap]\.?m\.?)?(\s*[a-z]{2,4})?\W*$", 2.0,
     ("modified", "posted", "published", "updated")),
    ("disclosure", r"\bowns this (site|website|publication|newspaper|blog)\b|\bthis (site|website|publication) is "
                   r"owned by\b", 2.0, (" is owned by", "owns this ")),
    ("disclosure", r"\b(minority|majority) (investor|shareholder|owner|stake)\b|\bparent company\b", 0.6,
     ("ajority", "inority", "parent company")),
    ("navigation", r"^\W*(our (standards|editorial (standards|policy|guidelines))|editorial (standards|guidelines))\b",
     2.0, ("editorial ", "standards")),
    ("chart", r"^\W*(source|sources|data|chart|graphic)\s*:\s*[^.;:!?]{1,60}$", 1.0,
     ("chart", "data", "graphic", "source", "sources")),
    # an author's biography: "Jo Doe is a staff writer at X", "Grierson and Leitch write about the movies for X"
    ("bio", r"^([\w.'’-]+ ){1,3}(is|was|are) (a|an|the) ([\w-]+ ){0,4}(reporter|writer|editor|correspondent|"
            r"columnist|contributor|journalist|producer|author|fellow|intern|freelancer) (at|for|with|on)\b|"
            r"\bwrites? (about [\w ]{1,30} )?(regularly )?for (the )?\w|"
            r"^([\w.'’-]+ ){1,3}(is|was) (a|an|the) ([\w-]+ ){0,4}(reporter|writer|editor|correspondent|columnist|"
            r"contributor|journalist|producer|fellow) and (the |a |an )?([\w-]+ ){0,2}(author|co-?author|founder|host)"
            r"\b|^([\w.'’-]+ ){1,3}is (the |an? )?([\w-]+ ){0,2}(author|co-?author) of ([\w'’-]+ ){0,3}(books?|"
            r"novels?|memoirs?|biograph(y|ies)|bestsellers?|best-sellers?)\b", 1.2,
     ("author", "columnist", "contributor", "correspondent", "editor", "fellow", "freelancer", "intern", "journalist",
      "producer", "reporter", "write", "writer")),
    # source notes of republished articles
    ("source_note", r"^\W*(this|the) (article|story|piece|post|interview|essay) (was |is )?(originally |first )?"
                    r"(appeared|published|republished|reprinted|posted) (in|on|at|by)\b", 2.0,
     ("appeared", "posted", "published", "reprinted", "republished")),
    ("source_note", r"^\W*(this|the) (article|story|piece|post|report|content) (was |is |has been )?(provided|supplied|"
                    r"syndicated|distributed) (to \w+ )?(by|through|via)\b", 2.0,
     ("distributed", "provided", "supplied", "syndicated")),  # "This story was provided by SpaceNews, ..."
    ("note", r"^\W*[\[(]?(music|applause|laughter|laughs|cheering|cheers|inaudible|crosstalk|silence)[\])]?\W*$", 2.0,
     ("applause", "cheering", "cheers", "crosstalk", "inaudible", "laughs", "laughter", "music", "silence")),  # a
    #                                                                      transcript's cue on a line of its own
    ("source_note", r"^\W*(via|h/t|hat tip( to)?)\s*:?\s+@?[\w.&'’ -]{2,40}\W*$", 2.0,
     ("h/t", "hat tip", "via")),  # "via Buzzfeed"
    ("navigation", r"^\W*more (\w+ ){0,2}(ideas|recipes|stories|articles|news|videos|photos|tips|deals|reviews|guides|"
                   r"posts|coverage|features|podcasts|columns) (from|on|at|by) [\w.&'’ -]{2,40}\W*$", 1.5,
     ("more ",)),  # "More Great Recipe Ideas from Better Homes and Gardens"
    ("source_note", r"\boriginal source of this article\b", 2.0,
     ("original source of this article",)),
    ("source_note", r"\b(this|the) (article|story|piece|post) (was |is )?(originally |first )?(appeared|published|"
                    r"republished|reprinted) (in|on|at|by)\b|\boriginally (appeared|published|ran) (in|on|at|by)\b",
     1.5,
     ("appeared", "originally ", "published", "reprinted", "republished")),
    ("source_note", r"\bread the original\b|\bfirst published (in|on|at|by)\b", 0.8,
     ("first published ", "read the original")),
    ("source_note", r"\brepublished (from|with permission|under)\b|\bcreative commons\b", 1.5,
     ("creative commons", "republished ")),
]


@cache
def _rule(i: int) -> tuple[str, re.Pattern[str], float]:
    """Rule `i` of _RULES (kind, pattern on lowered text, weight), compiled when a text first needs it: a text's
    words select few of the rules, and compiling them all took a third of the segmenter's import."""
    kind, pattern, weight, _ = _RULES[i]
    return kind, re.compile(pattern), weight


_NEEDS: list[frozenset[str] | None] = [None if needs is None else frozenset(needs) for *_, needs in _RULES]
_NEEDED = tuple(sorted({word for needs in _NEEDS if needs for word in needs}))  # each looked for once per text


def _within(needles: tuple[str, ...]) -> dict[str | None, tuple[str, ...]]:
    """The needles under each needle that holds them (under the longest that does; None: under no other): a needle
    is looked for only in a text that holds the one it is under ("more " only where " more" is)."""
    under: dict[str | None, list[str]] = {}
    by_length = sorted(needles, key=len)
    for i, needle in enumerate(by_length):
        holders = [other for other in by_length[:i] if len(other) < len(needle) and other in needle]
        under.setdefault(holders[-1] if holders else None, []).append(needle)
    return {holder: tuple(found) for holder, found in under.items()}


_NEEDED_WITHIN = _within(_NEEDED)
_RULES_NEEDING = {word: tuple(i for i, needs in enumerate(_NEEDS) if needs and word in needs) for word in _NEEDED}
_UNGATED = tuple(i for i, needs in enumerate(_NEEDS) if needs is None)


# Letters in the order of how often English prose holds them, after the space: re tries a node's branches one by one
_PROSE_ORDER = " etaoinsrhldcumfpgwybvkxjqz"


def _prose_rank(ch: str) -> tuple[int, str]:
    i = _PROSE_ORDER.find(ch)
    return (i if i >= 0 else len(_PROSE_ORDER), ch)  # (a sign or a digit: after the letters)


def alternation(words: tuple[str, ...]) -> str:
    """A pattern that matches any of `words`, written as their prefix tree ("a(?:fp|pp)" for "afp" and "app"), so
    that re tries a position's character once instead of once per word; at each node the more common characters are
    tried first (_PROSE_ORDER: at most one branch matches, and most positions hold a common one)."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def written(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + written(node[ch]) for ch in sorted(node, key=_prose_rank) if ch]
        if not branches:
            return ""
        either = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{either})?" if "" in node else either
    return written(tree)


_SHORT_NEEDLE = 2  # characters: the needles under no other this short ("-", ", ", "ad") are each looked for with `in`
_SHORT_NEEDLES = tuple(needle for needle in _NEEDED_WITHIN[None] if len(needle) <= _SHORT_NEEDLE)


@cache
def _outer_needles() -> re.Pattern[str]:
    """Finds every longer needle that is under no other (_NEEDED_WITHIN[None]) in one pass, overlapping ones too:
    none of them holds another, so at most one starts at each position. 249 `in` tests a paragraph took twice as
    long; the short needles, found at most places ("." , "ad"), are tested with `in` (a fifth of the pass's time)."""
    return re.compile("(?=(" + alternation(tuple(n for n in _NEEDED_WITHIN[None] if len(n) > _SHORT_NEEDLE)) + "))")


def _rules_to_try(lowered: str) -> list[int]:
    """The indices, in order, of the _RULES whose needed words lowered holds (and of those that need none)."""
    found = set(_UNGATED)
    look = list(set(_outer_needles().findall(lowered)))
    look += [needle for needle in _SHORT_NEEDLES if needle in lowered]
    while look:
        needle = look.pop()
        found.update(_RULES_NEEDING[needle])
        if under := _NEEDED_WITHIN.get(needle):  # (most needles hold no other)
            look += [inner for inner in under if inner in lowered]
    return sorted(found)


# A lead-in line after which a run of short headline-like lines is a list of links to other stories.
_LEAD_IN = re.compile(r"^\W*(related|read more|read also|see also|also read|more from|more on|more stories|"
                      r"you (may|might) also|recommended|most (read|popular|viewed)|trending|top stories|"
                      r"latest (news|stories)|popular|in other news|more news|other (\w+ ){0,2}(columns|stories|"
                      r"articles|news|posts|videos)|editor'?s'? picks|from around the web|(what to )?read next|"
                      r"up next|further reading)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
# A heading that is nothing but such a label, with at most a topic after it ("Most read in Football", "More from
# Politics", "Recommended for you"); not the bare words that also head a story's own section ("Popular", "Trending").
_LEAD_HEADING = re.compile(r"(?i)^\W*(related( stories| articles| content| news| reading| coverage| links)?|read more|"
                           r"read also|see also|also read|more (from|on|in) [\w&'’ -]{1,30}|more (news|stories|"
                           r"articles|videos)|you (may|might) also (like|enjoy|be interested in)|recommended( for you| "
                           r"stories| reading)?|most (read|popular|viewed|shared|watched)"
                           r"( (in|on|from) [\w&'’ -]{1,30})?|"
                           r"top stories|editor'?s'? picks|from around the web|(what to )?read next|further reading|"
                           r"in other news)\W*$")


# Links a listener should not hear spelled out: scheme or www addresses and embed links that end a sentence or stand
# in brackets. A link inside a sentence ("see www.x.org for more") is part of it and stays, and so do bare domains
# in prose ("Amazon.com reported").
_URL = r"(?:(?i:https?://|www\.)[^\s<>\"')\]]+|pic\.twitter\.com/\S+|\bt\.co/\w+)"  # ("rangepic.twitter.com/x")
LINK = re.compile(r"\(\s*" + _URL + r"\s*\)|\[\s*" + _URL + r"\s*\]|[\s:–—-]*" + _URL +
                  r"(?=[.,;:!?]*(?:\s+[A-Z“\"'‘(]|\s*$))")
_URL_IN = re.compile(_URL)
_BEFORE_STOP = re.compile(r"[\s:–—-]+(?=[.,;:!?]*$)|\s+(?=[.,;:!?])")


_URL_OBJECT = re.compile(r"(?i)\b(?:to|at|visit|visiting|via|see|on)(?:\s+(?:\S+\.\S+,\s+)*\S+\.\S+,?\s+(?:and|or))?$")
# the words an address follows as their object, and the addresses listed with it ("visit x.com and y.com/z")


def strip_links(text: str) -> tuple[str, list[str]]:
    """(text without its appended links, the links): "Read it: https://x.org/r. Then" -> ("Read it. Then", [...]).

    An empty text means the block was only links.
    """
    def said(m: re.Match[str]) -> bool:  # "log on to www.x.org.": the sentence's own object, said as words
        return bool(_URL_OBJECT.search(text[:m.start()])) and m.group(0)[:1].isspace()

    links = [u.group(0).rstrip(".,;:!?") for m in LINK.finditer(text)
             if not said(m) and (u := _URL_IN.search(m.group(0)))]
    if not links:
        return text, []
    kept = LINK.sub(lambda m: m.group(0) if said(m) else m.group(0)[len(m.group(0).rstrip(".,;:!?")):], text)
    kept = _BEFORE_STOP.sub("", " ".join(kept.split())).strip(" :–—-")
    return (kept if re.search(r"\w", kept) else ""), links


# A sales pitch to the reader (a sponsor's, a membership's, a sign-up's), judged on three named features rather than
# its phrases: it addresses the reader (an imperative opening, or "you"), the site speaks of itself ("our", "us"), and
# it names what is offered (free, trial, member, newsletter, ...). The reader and the site with one offer, or an
# imperative with two, is a pitch: "Start your free Datadog trial today!", "Try us for free for 30 days!", "Become a
# Blister member now ... get exclusive deals"; without the imperative it takes "you", the site and two offers ("When
# you sign up for this free report, you will also join our free newsletter"). Advice in a story ("Get your free
# credit report at ...") and an interview's "you" and "we" fall short.
PITCH_WORDS = 40  # longer than this (words), a paragraph is not judged a pitch
_PITCH_OPENING = re.compile(r"^\W*(?:please\s+)?(?:sign\s?up|subscribe|become|join|start|try|get|download|register|"
                            r"upgrade|unlock|claim|grab|enjoy|create|activate|order|shop|save|support|donate|"
                            r"contact|submit|send)\b")
_READER = re.compile(r"\b(?:you|your|yourself)\b")
_SITE = re.compile(r"\b(?:our|us|we)\b")
_OFFERS = re.compile(r"\b(?:free|trial|members?|membership|subscribers?|subscription|subscribe|sign\s?up|newsletters?|"
                     r"offers?|discounts?|deals|exclusive|premium|unlocks?|features|submissions?|tips?|"
                     r"comments? below|let(?:ting)? us know|tell us|our other|if you (?:enjoyed|liked|loved))\b")


def _more_words(text: str, limit: int) -> bool:
    """Whether text has more than `limit` words (a long paragraph is split no further than that)."""
    return len(text.split(None, limit)) > limit


def pitch(lowered: str) -> bool:
    """Whether a lower-cased paragraph is a sales pitch to the reader (see _PITCH_OPENING and the features above)."""
    if _more_words(lowered, PITCH_WORDS) or any(q in lowered for q in "\"“”«»"):
        return False
    opening = _PITCH_OPENING.match(lowered)
    if not opening and not ("you" in lowered and _READER.search(lowered)):
        return False  # (most paragraphs: the offers need not be counted)
    site = bool(_SITE.search(lowered))
    if not opening and not site:
        return False
    offers = len(set(_OFFERS.findall(lowered.replace("signup", "sign up"))))
    return offers >= 2 or (opening is not None and site and offers >= 1)


@dataclass(frozen=True)
class Verdict:
    """What the classifier thinks of one block: `kind` (None for body) and the evidence `score` behind it."""

    kind: str | None
    score: float


@lru_cache(maxsize=8192)  # articles repeat lines (share buttons, credits); a verdict depends on the text alone
def score(text: str) -> Verdict:
    """Score one paragraph on its own: the best kind and its length-scaled evidence (>= THRESHOLD: boilerplate).

    Prose needs corroboration: past PROSE_WORDS words, one unanchored keyword hit is not evidence (a story about
    copyright law, a share price), and past SHORT_WORDS the evidence needed grows with the length.
    """
    lowered = text.lower()
    totals: dict[str, float] = {}
    hits: dict[str, int] = {}
    anchored: set[str] = set()
    for i in _rules_to_try(lowered):
        kind, rx, weight = _rule(i)
        if m := rx.search(lowered):
            totals[kind] = totals.get(kind, 0.0) + weight
            hits[kind] = hits.get(kind, 0) + (weight >= CORROBORATES)
            if rx.pattern.startswith("^") or rx.pattern.endswith("$") and m.end() == len(lowered):
                anchored.add(kind)  # the rule is pinned to the paragraph's start, or its end ("... to this story.")
    if " contributed" in lowered and _DESK_CREDIT.search(text):  # (names and places: in their capitals)
        totals["note"] = totals.get("note", 0.0) + 2.0
        hits["note"] = hits.get("note", 0) + 1
        anchored.add("note")
    if pitch(lowered):  # evidence for the kind a rule already named ("Sign up for our newsletter": membership)
        named = max(totals, key=lambda k: totals[k]) if totals else "pitch"
        totals[named] = totals.get(named, 0.0) + 2.0
        hits[named] = hits.get(named, 0) + 2
    if not totals:
        return Verdict(None, 0.0)
    words = len(text.split())
    scale = math.sqrt(max(1.0, words / SHORT_WORDS))
    values = {k: total / scale if words <= PROSE_WORDS or hits[k] >= 2 or k in anchored
              else min(total / scale, THRESHOLD / 4) for k, total in totals.items()}
    kind = max(values, key=lambda k: values[k])  # (an anchored rule is not outweighed by an uncorroborated keyword)
    return Verdict(kind, values[kind])


# Kinds whose sentences are clutter even inside a story paragraph ("... Follow her on Twitter @x. Sign up").
SENTENCE_KINDS = frozenset({"social", "contact", "membership", "app", "cookie", "comments", "advertisement",
                            "navigation", "cta", "note", "source_note", "disclosure", "pitch"})


# The sources and image credits of a post in brackets after its last sentence ("[Technology Guide - FastCo Top
# Image: Creativa, Notes Image: wavebreakmedia / Shutterstock, ...]")
_BRACKETED_CREDITS = re.compile(r"(?i)^\[[^\]]*\b(?:images?|photos?|pictures?|illustrations?)\s*:[^\]]*\]\W*$")
_CONTRIBUTED = re.compile(r"^[^.!?\"“”]{0,300}" + _CONTRIBUTED_END)
# A sentence that gives a reporter's address ("Amy Doe may be reached at adoe@x.com", "Email him at ...").
_SEE_ALSO = re.compile(r"(?i)^\(\s*(?:(?:see|view)\b[^()]{0,40}\b(?:pictures?|photos?|videos?|gallery|slideshow|"
                       r"top (?:\d+|ten))\b|watch|listen to)\b[^()]{0,150}\)\W*$")  # a pointer to the site's media
_RELATED_POINTER = re.compile(r"^\(\s*(?:RELATED|Related|READ MORE|Read more|SEE ALSO|See also|ALSO READ|Also read|"
                              r"MORE|PREVIOUSLY|Previously)\s*:\s*[^()]{3,200}\)\W*$")  # another story, in brackets
# A sentence that is only another page's title in square brackets, after the sentence it hangs on: "[Trippy Tales:
# The History of 8 Hallucinogens]" (three words of letters: "[MP / MPH / MP2]" is a list of models).
_BRACKETED_POINTER = re.compile(r"^\[\s*(?:\[\s*)?(?=(?:[^\[\]]*?\b[A-Za-z][a-z]+\b){3})[^\[\].!?]{3,150}"
                                r"(?:\]\([^()]*\))?\s*\]\W*$")
_SOURCES = re.compile(r"(?i)^\W*sources?\s*:\s*[^.;:!?]{1,60}\W*$")  # a list of sources, no sentence
_CONTACT_SENTENCE = re.compile(r"(?i)\b(?:may|can) be (?:reached|contacted) (?:at|on|via)\b|\b(?:email|write to|"
                               r"contact|reach) (?:him|her|them|us|me)\b[^.]{0,30}[\w.+-]+@[\w-]+\.")


def contact_line(sentence: str) -> bool:
    """A short sentence giving a reporter's address ("Amy Doe may be reached at adoe@x.com"): clutter even as a
    paragraph of its own."""
    return (not _more_words(sentence, SHORT_WORDS) and ("@" in sentence or " be " in sentence.lower())
            and bool(_CONTACT_SENTENCE.search(sentence)))  # (the words one of its matches holds, looked for first)


def sentence_clutter(sentence: str) -> str | None:
    """The clutter kind of one short sentence judged alone, when it is one a listener should not hear; else None.

    Only short sentences (SHORT_WORDS) without quotation marks are judged: quoted speech is the story's.
    """
    if _SEE_ALSO.match(sentence):
        return "navigation"  # "(See pictures of the spill.)", "(Watch TIME's video "Oil Spill Anxiety".)"
    if _RELATED_POINTER.match(sentence):
        return "related"  # "(RELATED: Kentucky Basketball's Christmas Card Must Be Pretty Intimidating)"
    if " to this " in (lowered := sentence.lower()) and _CONTRIBUTED.search(lowered):
        return "note"  # "Associated Press writers X, Y and Z in Kabul ... contributed to this story." (long: names)
    if _BRACKETED_CREDITS.match(sentence):
        return "caption"  # "[Technology Guide - FastCo - LifeHack Top Image: Creativa, Notes Image: ...]"
    if _BRACKETED_POINTER.match(sentence):
        return "related"  # "[Trippy Tales: The History of 8 Hallucinogens]"
    if _SOURCES.match(sentence):
        return "chart"  # "Sources: Reality Steve, ABC, LinkedIn" closing a paragraph
    if _more_words(sentence, SHORT_WORDS) or any(q in sentence for q in "\"“”‘’«»"):
        return None
    if ("@" in sentence or " be " in lowered) and _CONTACT_SENTENCE.search(sentence):
        return "contact"
    kind = is_boilerplate(sentence)
    return kind if kind in SENTENCE_KINDS else None


def is_boilerplate(text: str) -> str | None:
    """The boilerplate kind of one paragraph judged alone, or None when it reads as part of the story."""
    v = score(text)
    return v.kind if v.score >= THRESHOLD else None


def _short(text: str) -> bool:
    return not _more_words(text, SHORT_WORDS)


def _headline_like(text: str) -> bool:
    """A short line without a sentence ending: a headline, a link text, a label."""
    return _short(text) and not _SENTENCE_END.search(text)


def classify(texts: list[str], *, link_only: list[bool] | None = None, headings: list[int] | None = None,
             structure: list[Verdict] | None = None) -> list[str | None]:
    """Classify the blocks of one article in order: a boilerplate kind per block, or None for story text.

    `link_only[i]` says block i was entirely a hyperlink in the source (a strong hint of navigation when short);
    `headings[i]` is its Markdown heading level (0: a paragraph); a lead-in heading ("Related stories", "Other
    opinion columns") takes its whole section, down to the next heading of the same or a higher level.
    `structure[i]` is what the page's layout says of block i (layout.py): it wins over the text's own evidence
    when it reaches THRESHOLD, and half of that marks a block that may join the clutter after the story.
    """
    n = len(texts)
    links = link_only or [False] * n
    heads = headings or [0] * n
    verdicts = [score(t) for t in texts]
    worded = [v.kind is not None for v in verdicts]  # the block's own words are evidence against it
    for i, s in enumerate(structure or []):
        if s.kind is not None:
            verdicts[i] = _witnessed(verdicts[i], s)
    kinds: list[str | None] = [v.kind if v.score >= THRESHOLD else None for v in verdicts]
    for i in range(n):
        if kinds[i] is None and links[i] and _short(texts[i]):
            kinds[i] = verdicts[i].kind or "navigation"
    _mark_forms(texts, heads, kinds)
    _mark_lead_ins(texts, heads, links, kinds)
    _about_sections(texts, heads, kinds)
    _mark_tail(texts, verdicts, links, kinds, worded)
    return kinds


def _mark_forms(texts: list[str], heads: list[int], kinds: list[str | None]) -> None:
    """Mark the unmarked blocks whose form is clutter: data, headlines run together, and a heading that only names a
    list of other stories."""
    for i, text in enumerate(texts):
        if kinds[i] is None and not heads[i] and is_data(text):
            kinds[i] = "data"  # figures and names without sentences: a table laid out in other elements
        elif kinds[i] is None and not heads[i] and title_run(text):
            kinds[i] = "navigation"  # headlines and buttons run together: a menu or a slideshow's furniture
    for i, text in enumerate(texts):  # a heading that only names a list of other stories ("Most read in
        if kinds[i] is None and heads[i] and _LEAD_HEADING.match(text):  # Football") is its label, even where the
            kinds[i] = "navigation"  # list itself is gone


# a label in capitals announcing what follows: a wire's "HERE'S WHAT YOU NEED TO KNOW ABOUT THE VIRUS OUTBREAK:"
_SHOUTED_LEAD = re.compile(r"[^a-z.!?]{12,100}[A-Z][^a-z.!?]*:\s*")


def _mark_lead_ins(texts: list[str], heads: list[int], links: list[bool], kinds: list[str | None]) -> None:
    """A lead-in ("Related articles", "Read more:", a label in capitals before two headlines) takes the run of
    headline-like lines after it: a heading its section's titles and teasers, a headline-like line the headline-like
    lines that follow."""
    for i, text in enumerate(texts):
        shouted = (kinds[i] is None and not heads[i] and bool(_SHOUTED_LEAD.fullmatch(text))
                   and sum(_headline_like(t) for t in texts[i + 1:i + 4]) >= 2)
        if shouted:
            kinds[i] = "navigation"  # "HERE'S WHAT YOU NEED TO KNOW ABOUT THE VIRUS OUTBREAK:", then headlines
        elif kinds[i] != "navigation" or not _LEAD_IN.match(text):
            continue
        if heads[i]:
            _take_section(i, texts, heads, links, kinds)
        elif _headline_like(text):
            j = i + 1  # (under a label in capitals, a headline may carry its teaser and its quote's full stop)
            while j < len(texts) and kinds[j] in (None, "navigation", "related") and not heads[j] and \
                    (len(texts[j].split()) <= TEASER_WORDS if shouted else _headline_like(texts[j])):
                kinds[j] = "navigation"
                j += 1


def _take_section(i: int, texts: list[str], heads: list[int], links: list[bool], kinds: list[str | None]) -> None:
    """Mark as navigation the titles (with their teasers) under lead-in heading i, down to the next heading of the
    same or a higher level or the first block of story text."""
    j, after_title = i + 1, False
    while j < len(texts) and not (heads[j] and heads[j] <= heads[i]):
        if heads[j] or links[j] or _headline_like(texts[j]):
            after_title = True  # a story's title, kicker or author in the list
        elif after_title and len(texts[j].split()) <= TEASER_WORDS:
            after_title = False  # its teaser
        else:
            break  # story text resumes
        kinds[j] = "navigation"
        j += 1


def _mark_tail(texts: list[str], verdicts: list[Verdict], links: list[bool], kinds: list[str | None],
               worded: list[bool]) -> None:
    """The trailing block: after the last story paragraph, clutter is contiguous; short lines with weak evidence
    (or that are just links) that sit among clutter at the end belong to it, and so does a run of them whose own
    words' evidence adds up ("... you may visit this link", "If our services have assisted you ...", "For as little
    as £5, you can support ZimEye")."""
    n = len(texts)
    last_body = max((i for i in range(n) if kinds[i] is None and not _weak_tail(texts[i], verdicts[i], links[i])),
                    default=-1)
    tail = range(last_body + 1, n)
    if (any(kinds[i] is not None for i in tail)
            or sum(verdicts[i].score for i in tail if worded[i]) >= THRESHOLD):
        for i in range(last_body + 1, n):
            if kinds[i] is None:
                kinds[i] = verdicts[i].kind or "navigation"


CORROBORATION = 0.5  # share of the weaker witness's evidence (text or layout) that adds to the stronger's
WITNESS = 0.5  # the evidence each witness must give on its own for the two to add up (not a keyword, not position)
AFTER_STORY = "tail"  # the layout's kind for a block with no evidence but its place after the story's last paragraph


def _witnessed(text: Verdict, layout: Verdict) -> Verdict:
    """One block's verdict from its two independent witnesses, its words and the page's layout: the stronger's kind,
    with CORROBORATION of the weaker's evidence added when both speak against the block ("Pictured at the back, from
    left, are ..." in an element named for a photo: a caption)."""
    if layout.kind == AFTER_STORY and text.kind not in (None, "contact"):  # (an address is the story's unless the
        return Verdict(text.kind, text.score + layout.score)  # layout finds it the newsroom's): the words' doubt,
    #                                                           where the story has ended
    strong, weak = (layout, text) if layout.score >= text.score else (text, layout)
    if weak.kind is None or weak.score < WITNESS:
        return strong
    return Verdict(strong.kind, strong.score + CORROBORATION * weak.score)


_ABOUT = re.compile(r"(?i)^\W*about (?:the )?(?P<name>[\w&.'’ -]{2,40}?)\W*$")


def _about_sections(texts: list[str], heads: list[int], kinds: list[str | None]) -> None:
    """A press release's closing sections on who put it out: a heading "About Ascom" over paragraphs that open with
    that name ("Ascom is a global solutions provider ..."), after some story text: marked "about", down to the next
    heading of the same or a higher level."""
    for i, text in enumerate(texts):
        m = _ABOUT.match(text) if heads[i] else None
        if m is None or not any(k is None and not heads[j] for j, k in enumerate(kinds[:i])):
            continue
        name = m.group("name").lower()
        j = i + 1
        while j < len(texts) and heads[j] and heads[j] > heads[i]:
            j += 1  # (a subheading first)
        if j >= len(texts) or heads[j] or not texts[j].lower().lstrip("\"'“‘ ").startswith(name):
            continue
        kinds[i] = "about"
        while j < len(texts) and not (heads[j] and heads[j] <= heads[i]):
            kinds[j] = kinds[j] or "about"
            j += 1


DATA_WORDS = 20  # a block this long (words) ...
DATA_FUNCTION_SHARE = 0.08  # ... with fewer function words than this share of its words ...
DATA_FIGURE_SHARE = 0.35  # ... and at least this share of figures holds data, not sentences ...
DATA_NAME_SHARE = 0.85  # ... as does one of capitalised words (a roll of names)
# The commonest English function words: a sentence of prose has about four in ten of its words among them.
_FUNCTION = frozenset("""a an the of to in on at for from by with and or but not no is are was were be been has have had
it its this that these those he she they we you i his her their our your who which what as if than so there""".split())
_FIGURE = re.compile(r"^[$€£¥]?\d[\d.,:%/-]*$")
_UNIT = re.compile(r"^\([^\W\d_]{1,5}\)[,;:]?$")  # "(g)", "(mg)", "(kcal)": a figure's unit, as data writes it


def is_data(text: str) -> bool:
    """Whether a block is data (figures and names, a table's cells run together, a roll of names), not sentences a
    listener follows: almost no function words, and many figures or nothing but capitalised names."""
    return data_form(text) is not None


TITLE_RUN_WORDS = 30  # a block this long (words) ...
TITLE_RUN_CAPITALS = 0.85  # ... whose words other than function words are capitalised at least this share ...
TITLE_RUN_SENTENCES = 15  # ... with fewer sentence ends than one in this many words is headlines run together


def title_run(text: str) -> bool:
    """Whether a block is headlines, labels and buttons run together ("Nicole Miller Spring 2015 Collection Email
    Print In Back 1 of 39 Next View Larger ..."): long, nearly every word but "of" and "the" capitalised, hardly a
    sentence's end, and no enumeration's commas."""
    words = text.split()
    if len(words) < TITLE_RUN_WORDS:
        return False
    separators = text.count(",") + text.count(";")  # (an enumeration the story makes: "A, B; C")
    if separators * TITLE_RUN_SENTENCES >= len(words):
        return False  # (most prose: its words need not be looked at one by one)
    content = capitalised = 0
    lower_enough = (1 - TITLE_RUN_CAPITALS) * len(words)  # content words in lower case beyond this: never a run
    for w in words:
        if w[:1].isalpha() and w.lower().strip(".,;:()\"'?!") not in _FUNCTION:
            content += 1
            capitalised += w[:1].isupper()
            if content - capitalised > lower_enough:
                return False  # (prose: the rest of its words need not be looked at)
    if not content or capitalised < TITLE_RUN_CAPITALS * content:
        return False
    return sum(w.endswith((".", "!", "?", ".\"", "?\"", "!\"", ".”", "?”")) for w in words) * TITLE_RUN_SENTENCES \
        < len(words)


def data_form(text: str) -> str | None:
    """What a block of data is, said in one line for it: "a table" (figures) or "a list of names"; None for prose."""
    words = text.split()
    if len(words) < DATA_WORDS:
        return None
    function, enough = 0, DATA_FUNCTION_SHARE * len(words)
    for w in words:  # (prose has enough of them within its first sentence)
        function += w.lower().strip(".,;:()\"'") in _FUNCTION
        if function >= enough:
            return None
    if sum(bool(_FIGURE.match(w.strip("(),;")) or _UNIT.match(w)) for w in words) >= DATA_FIGURE_SHARE * len(words):
        return "a table"
    return "a list of names" if sum(w[:1].isupper() for w in words) >= DATA_NAME_SHARE * len(words) else None


# Code printed as ordinary paragraphs (outside <pre> and fences), judged on measured signals of its form.
CODE_SYMBOLS = 0.06  # share of a line's characters among ()[]{};=<>|$ from which its form is code's
_CODE_START = re.compile(r"^\s*(?:[$>%] \w|>>> |//|/\*|#!|#include\b|(?:var|let|const|def|function|import|return|"
                         r"class|public|private|static|void|int|if|for|while)\b[^.!?]*[=({:;]|[}\])]+[,;)\]}]*)")
_PROMPT = re.compile(r"^\s*(?:>>>|\$|In \[\d+\]:)\s", re.MULTILINE)  # an interpreter's or a shell's prompt
_CODE_END = re.compile(r"[;{}]\s*$|\)\s*;?\s*$")
_CALL = re.compile(r"\b[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+\(|\b[a-z_]\w*\([^()\s]*\)")
_HASH = re.compile(r"(?<![\w/.])(?:[0-9a-fA-F]{32,}|(?=[A-Za-z+]*\d)[A-Za-z0-9+]{40,}={0,2})(?![\w/.])")


# Markup written out ("<iframe src=... ></iframe>", "<img src=...>"), and a JSON object's pairs ('"silex/silex":
# "~2.0@dev", "twig/twig": ">=1.8"'): code, whatever its symbols.
_MARKUP = re.compile(r"^<([a-z][a-z0-9:-]*)(?:\s+[\w:-]+=[^<>]*)?\s*/?>(?:.*</\1\s*>)?$|"
                     r"^<[a-z][a-z0-9:-]*\s+[\w:-]+=[^<>]*/?>$")  # (a tag's name, an attribute or its end tag:
#                                                           "<The Palace: Jang Noksu>" is a title in angle brackets)
_JSON_PAIRS = re.compile(r"[{\[]?\s*(?:\"[^\"]+\"\s*:\s*(?:\"[^\"]*\"|-?\d[\d.]*|true|false|null|[{\[])\s*,?\s*){2,}"
                         r"[}\]]?\s*,?")


def sponsor_line(text: str) -> bool:
    """Whether a line names who paid for the issue or episode ("This issue is offered by CodeRabbit, ...")."""
    return re.search(_SPONSOR, text.lower()) is not None


def code_form(text: str) -> bool:
    """Whether a paragraph is code, a command or a hash rather than prose: a prompt or a comment mark at its start;
    code's ending (";", "{", "}") with two of a dense share of code symbols, a method call and few function words, or
    a ")" ending a method call with one of the others; markup written out; a JSON object's pairs; or a hash or key of
    32 characters or more."""
    words = text.split()
    line = " ".join(words)
    if not line:
        return False
    if (line.startswith("<") and _MARKUP.match(line)) or (line[0] in '{["' and _JSON_PAIRS.fullmatch(line)):
        return True
    if max(map(len, words)) >= 32 and _HASH.search(line):  # (a hash is one word of 32 characters or more)
        return True
    start = _CODE_START.match(line)
    if not start and not (line[-1] in ";{})" and _CODE_END.search(line)):  # (the line ends in no space)
        return False  # (most prose: its function words need not be counted)
    function = sum(w.lower().strip(".,;:()\"'") in _FUNCTION for w in words) / len(words)
    if start:  # (a command run into a sentence about it, full stop and all, is prose)
        return (len(words) <= 15 and not _SENTENCE_END.search(line)) or function < 0.1
    symbols = sum(ch in "()[]{};=<>|$" for ch in line) / len(line)
    call = bool(_CALL.search(line))
    if line.endswith(")"):  # ("Jane Doe (AP)" ends so too: a call must be there)
        return call and (symbols >= CODE_SYMBOLS or function < 0.15)
    return (symbols >= CODE_SYMBOLS) + call + (function < 0.15) >= 2


# Running text set in a fixed font (<pre>, a fence): an RFC, a plain-text notice or e-mail, not code or a table.
FIXED_PROSE_SHARE = 0.7  # share of a preformatted block's words in paragraphs of sentences from which it is text
FIXED_PROSE_FUNCTION = 0.2  # share of function words ("the", "of", "and") from which a paragraph's words are prose's
FIXED_PROSE_WORDS = 40  # a shorter preformatted block stays as it is (a command, a snippet of output)


def prose_form(text: str) -> bool:
    """Whether a preformatted block is running text: at least FIXED_PROSE_SHARE of its words are in paragraphs (split at
    blank lines) of sentences with a prose's share of function words, that are not code by `code_form`."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    total = sum(len(p.split()) for p in paragraphs)
    if total < FIXED_PROSE_WORDS:
        return False

    def running(p: str) -> bool:
        words = p.split()
        function = sum(w.lower().strip(".,;:()\"'") in _FUNCTION for w in words) / len(words)
        return len(words) >= 8 and function >= FIXED_PROSE_FUNCTION and bool(re.search(r"[a-z][.!?](?:\s|$)", p)) \
            and not code_form(p) and not _PROMPT.search(p)  # (a session at a prompt, its messages and all)
    return sum(len(p.split()) for p in paragraphs if running(p)) >= FIXED_PROSE_SHARE * total


def _weak_tail(text: str, verdict: Verdict, link_only: bool) -> bool:
    """A block that may join a trailing run of clutter: a short line with some evidence, or a bare link."""
    return _short(text) and (verdict.score >= THRESHOLD / 2 or link_only)
