"""Speech normalisation for the categories news text needs (issue 9): each reading a listener would accept."""
from __future__ import annotations

import pytest

from briefcast.segmenter.speech import speak


@pytest.mark.parametrize(
    "written, spoken",
    [
        # whose dollars, and currencies written as letters before the amount
        ("It costs N$85 a month.", "It costs eighty five Namibian dollars a month."),
        ("It cost A$10 and NZ$5.", "It cost ten Australian dollars and five New Zealand dollars."),
        ("The plane cost RM6.162 million.", "The plane cost six point one six two million ringgit."),
        ("Sars gets R4bn to hire staff.", "Sars gets four billion rand to hire staff."),
        ("The R2 road is shut.", "The R two road is shut."),  # no scale, no grouped digits: not money
        ("It costs Rs 500.", "It costs five hundred rupees."),
        ("He won ₦5,000.", "He won five thousand naira."),
        ("a $100-million, property-wide makeover", "a one hundred million dollars, property-wide makeover"),
        ("the $100-million project", "the one hundred million dollar project"),
        ("He has spent Rs 24 lakh on it.", "He has spent twenty four lakh rupees on it."),
        ("Adv Tšosane shares.", "Advocate Tšosane shares."),  # a South African and Lesotho lawyer's title
        ("open beyond 18 hrs", "open beyond eighteen hours"),
        ("the SLG46620V is small", "the SLG forty six thousand six hundred twenty V is small"),  # a model, not volts
        ("Temp rating: 15°F/-9°C", "Temp rating: fifteen degrees Fahrenheit, minus nine degrees Celsius"),
        ("the 2025/2026 budget", "the twenty twenty five twenty six budget"),  # two years in full: a season
        # software platforms and languages, the world wars, ranges of percentages, small units, a sprint's distance
        ("The Future of .NET with ASP.NET Core", "The Future of dot net with A S P dot net Core"),
        ("written in C# and F#", "written in C sharp and F sharp"),
        ("How contingent was WWII?", "How contingent was World War Two?"),
        ("It rose 30%-40% last year.", "It rose thirty to forty percent last year."),
        ("It draws about 100mA.", "It draws about one hundred milliamps."),
        ("a lag of 16ms on a 60hz screen", "a lag of sixteen milliseconds on a sixty hertz screen"),
        ("She clocked a new 100m PB.", "She clocked a new one hundred metre P B."),
        ("the $100m deal", "the one hundred million dollar deal"),
        ("Python 3.10 is out.", "Python three point ten is out."),  # a version after its product's name
        # odds, a range of days, a ZIP code's digits, thousands set apart by spaces
        ("Honor A.P. at 5-1 odds", "Honor A P at five to one odds"),
        ("one of eight 50-1 long shots", "one of eight fifty to one long shots"),
        ("the 8-1 third choice", "the eight to one third choice"),
        ("They won 3-1 on Sunday, a 50-50 chance.", "They won three one on Sunday, a fifty fifty chance."),
        ("a lockdown from July 10-12", "a lockdown from July tenth to twelfth"),
        ("June 3-5, 2020", "June third to fifth, twenty twenty"),
        ("in Missouri zip code 63848", "in Missouri zip code six three eight four eight"),
        ("San Francisco, CA 94107.", "San Francisco, C A nine four one zero seven."),
        # a house number before its street, in pairs; not a count before "block"
        ("at 8777 Frederick Road", "at eighty seven seventy seven Frederick Road"),
        ("at 350 Fifth Ave.", "at three fifty Fifth Avenue."),
        ("in the 400 block of East 15th Avenue", "in the four hundred block of East fifteenth Avenue"),
        ("over 800 000 hectares, 1 200 000 people", "over eight hundred thousand hectares, one million two hundred "
                                                    "thousand people"),
        ("roughly 400 737 Max jets", "roughly four hundred seven hundred thirty seven Max jets"),  # two numbers
        # a number before what it counts is no year (before 1800, where no news year is), unless a year's word leads
        ("She won 1225 votes.", "She won one thousand two hundred twenty five votes."),
        ("By 1750 farmers had moved.", "By seventeen fifty farmers had moved."),
        ("In 1225 the king died.", "In twelve twenty five the king died."),
        # mathematics in TeX: a lone symbol said, a formula in a sentence named, one set apart not said
        ("a formal system $F$, the foundation", "a formal system F, the foundation"),
        (r"a root $s_0$ and $p(x) \propto R(x)$ to sample", "a root s zero and a formula to sample"),
        (r"The sum $$\sum_i x_i = 1$$ holds.", "The sum holds."),
        ("It cost $5 and $10 later.", "It cost five dollars and ten dollars later."),
        ("The walk takes 2-2.5hr return.", "The walk takes two to two point five hours return."),
        ("a 30min drive", "a thirty minute drive"),
        ("It costs $3.10 today.", "It costs three dollars ten cents today."),
        # units of power, sound and temperature
        ("It draws 300W.", "It draws three hundred watts."),
        ("a 230V plug at 30p per kWh", "a two hundred thirty volt plug at thirty p per kilowatt hour"),
        ("quiet at less than 52dB", "quiet at less than fifty two decibels"),
        ("highs of 30C on Monday", "highs of thirty degrees Celsius on Monday"),
        ("It fell to -5C overnight.", "It fell to minus five degrees Celsius overnight."),
        ("The iPhone 5C sold well.", "The iPhone five C sold well."),  # a model, not a temperature
        # a lawmaker's party and state in the form some papers print
        ("Senator Chris Murphy (D., Conn.) said.", "Senator Chris Murphy, Democrat of Connecticut, said."),
        ("Senator Ted Cruz (R., Texas) said.", "Senator Ted Cruz, Republican of Texas, said."),
        # phone numbers, digit by digit
        ("Call 624-6456 now.", "Call six two four, six four five six now."),
        ("+1 (123) 456-7890", "plus one, one two three, four five six, seven eight nine zero"),
        ("555.555.5555", "five five five, five five five, five five five five"),
        # slashes by meaning
        ("and/or", "or"),
        ("open 24/7", "open twenty four seven"),
        ("after 9/11", "after nine eleven"),
        ("at 40 km/h", "at forty kilometres per hour"),
        ("$20/mo", "twenty dollars per month"),
        ("he/she said", "he, she said"),
        ("network I/O rate", "network I O rate"),  # letters either side: said as letters
        ("C/C++ code", "C, C plus plus code"),
        ("Result: N/A", "Result: not applicable"),
        ("the /proc filesystem", "the slash proc filesystem"),  # a path
        ("the 19/20 model", "the nineteen twenty model"),  # a season
        ("the 2019/20 season", "the twenty nineteen twenty season"),
        ("15/16 of an inch", "fifteen sixteenths of an inch"),
        # a file type or a domain on its own
        ("the .org domain", "the dot org domain"),
        ("a new .dex file", "a new dot dex file"),
        ("up .5% on Monday", "up point five percent on Monday"),
        ("he is 6′7″ tall", "he is six foot seven tall"),
        ("the wall was 18' high", "the wall was eighteen feet high"),
        ("the 747-200B is old", "the seven hundred forty seven-two hundred B is old"),  # a model, no range
        ("the two 747s landed", "the two seven forty sevens landed"),  # models in the plural
        ("tl;dr: don't", "T L D R: don't"),
        ("Cold War Pt. II", "Cold War part two"),
        ("the ACLU sued", "the A C L U sued"),  # no English word ends in "clu"
        # fractions
        ("1/4 of them", "one quarter of them"),
        ("2 1/2 miles", "two and a half miles"),
        ("18½ inches", "eighteen and a half inches"),
        ("¾ of voters", "three quarters of voters"),
        ("31/32", "thirty one thirty seconds"),
        ("rated 8/10", "rated eight out of ten"),
        # times
        ("at 2000hrs the", "at twenty hundred hours the"),
        ("at 0630 hrs", "at oh six thirty hours"),
        ("at 5pm", "at five p m"),
        ("2pm-5pm", "two p m to five p m"),
        ("01:00", "one o'clock"),
        ("14:10:30", "fourteen hours ten minutes and thirty seconds"),
        # m/bn/k by context
        ("1.5m people", "one point five million people"),
        ("a 5m wall", "a five metre wall"),
        ("5m away", "five metres away"),
        ("$1.5m deal", "one point five million dollars deal"),
        ("£3bn", "three billion pounds"),
        ("5k runners", "five thousand runners"),
        # multipliers
        ("a 3x increase", "a three times increase"),
        ("2x8", "two by eight"),
        # letters and digits
        ("G7 summit", "G seven summit"),
        ("Q3 results", "Q three results"),
        ("F-16 jets", "F sixteen jets"),
        ("Su-24 bombers", "Su twenty four bombers"),
        ("S-300 missiles", "S three hundred missiles"),  # a round hundred whole, not "three oh zero"
        ("call 212-667-350123", "call two one two, six six seven, three five zero one two three"),  # another plan's
        ("the 2019-2020-2021 seasons", "the twenty nineteen-twenty twenty-twenty twenty one seasons"),  # years
        ("Only One (Ft. Stevie Wonder)", "Only One, featuring Stevie Wonder"),  # a song's guest
        ("Hotline Bling ft. Drake", "Hotline Bling featuring Drake"),
        ("Ft. Worth police", "Fort Worth police"),
        ("T-90 tanks", "T ninety tanks"),
        ("COVID-19 cases", "Covid nineteen cases"),
        # roman numerals
        ("Charles III", "Charles the third"),
        ("Louis XIV", "Louis the fourteenth"),
        ("Pope John Paul II", "Pope John Paul the second"),
        ("Davis Love III won", "Davis Love the third won"),  # a person's numeral
        ("the Apple II computer", "the Apple two computer"),  # a model's, a sequel's, a council's number
        ("after Vatican II", "after Vatican two"),
        ("the Apollo XI crew", "the Apollo eleven crew"),
        ("Emily V. Gordon wrote it", "Emily V Gordon wrote it"),  # a middle initial, no numeral
        ("Chapter IV", "Chapter four"),
        ("PART XL", "Part forty"),
        ("I think I said", "I think I said"),
        ("In this article I’ll cover", "In this article I’ll cover"),  # the pronoun after a numbered word
        ("in the second part I show", "in the second part I show"),
        ("part I of the plan", "part one of the plan"),
        ("World War I veterans", "World War one veterans"),
        ("Malcolm X", "Malcolm X"),
        # decades
        ("the '90s", "the nineties"),
        ("the 1990s", "the nineteen nineties"),
        ("mid-80s", "mid-eighties"),
        ("the 1960s-80s", "the nineteen sixties to eighties"),
        # scores and ranges
        ("a 50-50 chance", "a fifty fifty chance"),
        ("won 3-2", "won three two"),
        ("from 2014-2016", "from twenty fourteen to twenty sixteen"),
        ("pages 10-15", "pages ten to fifteen"),
        ("$20-$30", "twenty dollars to thirty dollars"),
        # versions and addresses
        ("version 2.0.1", "version two point zero point one"),
        ("IP 123.123.0.40", "I P one two three dot one two three dot zero dot four zero"),
        ("abc1@gmail.com", "abc one at gmail dot com"),
        # abbreviations by context
        ("on Baker St. The police", "on Baker Street The police"),
        ("in St. Louis", "in Saint Louis"),
        ("Mr. Smith", "Mister Smith"),
        ("Mr Smith", "Mister Smith"),
        ("Mrs. Jones", "Missus Jones"),
        ("Mr. and Mrs. Smith", "Mister and Missus Smith"),
        ("Dr. Who", "Doctor Who"),
        ("No. 5", "number five"),
        ("Arsenal vs. Chelsea", "Arsenal versus Chelsea"),
        ("e.g. apples, i.e. fruit", "for example apples, that is fruit"),
        # capitals: initialisms spelled, words and pronounceable acronyms read
        ("NATO and ISIS", "Nato and Isis"),
        ("KVELLER", "Kveller"),
        ("STEVEN DAVIDOFF SOLOMON", "Steven Davidoff Solomon"),
        ("the SDF", "the S D F"),
        ("the U.S. and AP", "the U S and A P"),
        # dates in other shapes
        ("2016/07/03", "July third twenty sixteen"),
        ("15.01.2020", "the fifteenth of January twenty twenty"),
        ("jan. 15", "January fifteenth"),
        ("you may 5 times", "you may five times"),
        ("on the 26th May", "on the twenty sixth of May"),
        ("in 2Q22", "in the second quarter of twenty two"),
        # money
        ("$2.00", "two dollars"),
        ("$0.02", "two cents"),
        ("£2.01", "two pounds one penny"),
        # ordinals with a wrong suffix are said as written
        ("1,000th", "one thousandth"),
        ("21th", "twenty one th"),
        # capitals in datelines and emphasis, scores in sets, codes and times seen in wire copy
        ("NEW YORK (Reuters) - Oil prices fell", "New York, Reuters, Oil prices fell"),
        ("US FALLS", "U S Falls"),
        ("OUT and VOTE", "Out and Vote"),
        ("beat Uchiyama 6-7 (4), 6-4, 7-5 in", "beat Uchiyama six seven, four, six four, seven five in"),
        ("3-4 days", "three to four days"),
        ("an A330neo jet", "an A three hundred thirty neo jet"),
        ("at 0100 GMT on", "at oh one hundred G M T on"),
        ("911 calls", "nine one one calls"),
        ("HAYWARD, Calif.", "Hayward, California."),
        ("Governor @MattBevin has done", "Governor Matt Bevin has done"),
        ("share the hashtag #MethWeAreOnIt", "share the hashtag Meth We Are On It"),
        ("#deleteFacebook trends", "hashtag delete Facebook trends"),
        # prose addresses stay words
        ("Amazon.com reported", "Amazon.com reported"),
        # forms read on blogs and tech pages: a model's number in pairs, resolutions, hex, a case's "v.", inches
        ("the Atari 2600 was", "the Atari twenty six hundred was"),
        ("returning HTTP 304 Not Modified", "returning H T T P three oh four Not Modified"),
        ("Nearly 300 people", "Nearly three hundred people"),
        ("in 720p or 1080p", "in seven twenty p or ten eighty p"),
        ("a seed of 0x00000000 or 0xFF", "a seed of hex eight zeros or hex F F"),
        ("Janus v. AFSCME", "Janus versus Afscme"),
        ("a 10\" Android tablet and a 7\" one", "a ten inch Android tablet and a seven inch one"),
        ('he said "I was 10" and left', 'he said "I was ten" and left'),
        ("priced at 𝜋 dollars", "priced at pi dollars"),
        ("the β cells", "the beta cells"),
        ("<<Senator Kennedy>>", "Senator Kennedy"),
        ("Trump.. became", "Trump... became"),
        ("run wasmtime --version", "run wasmtime dash dash version"),
        ("2.10 AIrAsia boss is on his way", "two ten AIrAsia boss is on his way"),  # a live blog's entry time
        ("the 5′ end and the 3′ UTR, read 5′-to-3′", "the five prime end and the three prime U T R, read five prime to "
                                                     "three prime"),
        ("an 18' boat", "an eighteen feet boat"),
        # capitals: a three-letter initialism in a shouted run, emphasis, a plural with its own sound
        ("USB MIDI", "U S B Midi"),
        ("One IS Too Many", "One Is Too Many"),
        ("IS fighters and the IS group", "I S fighters and the I S group"),
        ("you guys DO have", "you guys Do have"),
        ("returns JPEGs", "returns jay-pegs"),
        # a product's tier and a number in capitals are words; memory is its letter then "ram"
        ("the Ryzen 7 PRO chips", "the Ryzen seven Pro chips"),
        ("it is SIX times more likely", "it is Six times more likely"),
        ("it encrypts DRAM", "it encrypts D RAM"),
        # initialisms that the pronounceability rule would read as words, in a run of capitals or alone
        ("The SCARA AI-enabled robots", "The Scara A I-enabled robots"),
        ("an S3 compatible REST API", "an S three compatible Rest A P I"),
        # watts after a number, then a new sentence: no street direction ("1225 N. Rampart St." still is)
        ("from 35 to 65 W. By contrast, the new", "from thirty five to sixty five watts. By contrast, the new"),
        ("at 1225 N. Rampart St.", "at twelve twenty five North Rampart Street"),
        # a model's variant is no range
        ("uses DDR4-2400 memory", "uses D D R four-two thousand four hundred memory"),
        # numerals as plural nouns and a team's name; a model's "5s" is not one
        ("thirteen 9s durability", "thirteen nines durability"),
        ("ranging from Fortune 500s to startups", "ranging from Fortune five hundreds to startups"),
        ("against the 49ers in San Francisco", "against the forty niners in San Francisco"),
        ("the iPhone 5s or later", "the iPhone five s or later"),
        # a single letter after "Series" or "Section" is a label, not a roman numeral
        ("raised $22 million in Series D funding", "raised twenty two million dollars in Series D funding"),
        ("Section C applies", "Section C applies"),
        # money as an adjective with a capital scale letter, and before a funding round's letter
        ("a $958M marketing problem", "a nine hundred fifty eight million dollar marketing problem"),
        ("a $22M Series B round", "a twenty two million dollar Series B round"),
        ("raised $22M in funding", "raised twenty two million dollars in funding"),
        # a wire's dateline in capitals, the state's code run into its dashes
        ("SAN FRANCISCO, CA, Marketwired", "San Francisco, California, Marketwired"),
        ("Austin, TX--(BUSINESS WIRE)", "Austin, Texas, Business Wire"),
    ],
)
def test_news_reading(written, spoken):
    assert speak(written) == spoken


def test_only_a_degree_unit_reads_across_a_slash() -> None:
    assert speak("Temp rating: 15°F/-9°C") == "Temp rating: fifteen degrees Fahrenheit, minus nine degrees Celsius"
    assert "metre" not in speak("Each pole cost 4m/-.")  # East African shillings ("4m/-"), not four metres
