"""Word lists that speech normalisation reads: units, symbols, idioms, and the words that decide a reading.

Data only; speech.py holds the rules that use them.
"""
from __future__ import annotations

# unit -> (singular, plural)
UNITS = {
    "km/h": ("kilometre per hour", "kilometres per hour"), "kph": ("kilometre per hour", "kilometres per hour"),
    "mph": ("mile per hour", "miles per hour"), "km²": ("square kilometre", "square kilometres"),
    "km2": ("square kilometre", "square kilometres"), "sq km": ("square kilometre", "square kilometres"),
    "m²": ("square metre", "square metres"), "m2": ("square metre", "square metres"),
    "sq m": ("square metre", "square metres"), "km³": ("cubic kilometre", "cubic kilometres"),
    "m³": ("cubic metre", "cubic metres"),
    "km": ("kilometre", "kilometres"), "KM": ("kilometre", "kilometres"), "cm": ("centimetre", "centimetres"),
    "mm": ("millimetre", "millimetres"), "m": ("metre", "metres"), "mi": ("mile", "miles"),
    "ft": ("foot", "feet"), "bbl": ("barrel", "barrels"), "kg": ("kilogram", "kilograms"),
    "KG": ("kilogram", "kilograms"),
    "g": ("gram", "grams"), "lb": ("pound", "pounds"), "lbs": ("pound", "pounds"), "t": ("tonne", "tonnes"),
    "ha": ("hectare", "hectares"), "kW": ("kilowatt", "kilowatts"), "MW": ("megawatt", "megawatts"),
    "GW": ("gigawatt", "gigawatts"), "°C": ("degree Celsius", "degrees Celsius"),
    "°F": ("degree Fahrenheit", "degrees Fahrenheit"), "°": ("degree", "degrees"),
    "mbps": ("megabit per second", "megabits per second"), "Mbps": ("megabit per second", "megabits per second"),
    "kbps": ("kilobit per second", "kilobits per second"), "Gbps": ("gigabit per second", "gigabits per second"),
    "GB": ("gigabyte", "gigabytes"), "MB": ("megabyte", "megabytes"), "TB": ("terabyte", "terabytes"),
    "mg": ("milligram", "milligrams"), "ml": ("millilitre", "millilitres"), "l": ("litre", "litres"),
    "kWh": ("kilowatt hour", "kilowatt hours"), "MWh": ("megawatt hour", "megawatt hours"),
    "GWh": ("gigawatt hour", "gigawatt hours"), "W": ("watt", "watts"), "kV": ("kilovolt", "kilovolts"),
    "V": ("volt", "volts"), "mAh": ("milliamp hour", "milliamp hours"), "dB": ("decibel", "decibels"),
    "Hz": ("hertz", "hertz"), "kHz": ("kilohertz", "kilohertz"), "MHz": ("megahertz", "megahertz"),
    "GHz": ("gigahertz", "gigahertz"), "hz": ("hertz", "hertz"), "hrs": ("hour", "hours"),
    "hr": ("hour", "hours"), "mins": ("minute", "minutes"), "min": ("minute", "minutes"),
    "mA": ("milliamp", "milliamps"), "mV": ("millivolt", "millivolts"), "ms": ("millisecond", "milliseconds"),
    "µs": ("microsecond", "microseconds"), "ns": ("nanosecond", "nanoseconds"),
}
# what follows a slash after a number or a unit: "12/kg", "$20/mo", "3 cc/s"
PER = {u: one for u, (one, _) in UNITS.items()} | {
    "s": "second", "sec": "second", "h": "hour", "hr": "hour", "min": "minute", "d": "day", "day": "day",
    "wk": "week", "week": "week", "mo": "month", "month": "month", "yr": "year", "year": "year",
}
SYMBOLS = {"&": " and ", "=": " equals ", "§": " section ", "~": " about ", "|": ", ",
            "©": " copyright ", "®": " ", "™": " ", "•": ", ", "→": " to ", "×": " by ", "º": "°", "¢": " cents"}
VULGAR = {"½": "1/2", "¼": "1/4", "¾": "3/4", "⅓": "1/3", "⅔": "2/3", "⅕": "1/5", "⅖": "2/5", "⅗": "3/5",
           "⅘": "4/5", "⅙": "1/6", "⅚": "5/6", "⅛": "1/8", "⅜": "3/8", "⅝": "5/8", "⅞": "7/8"}
# number pairs with a slash said as two numbers: idioms, not fractions or dates
SLASH_IDIOMS = frozenset({"24/7", "9/11", "7/7", "50/50", "20/20", "365/24", "4/20", "11/9"})
# what a bare number with "m" is when the next word says distance (otherwise: million)
DISTANCE_WORDS = frozenset(
    "away from high tall deep long wide above below off of to in on at and or per by across under over beneath "
    "sprint race dash hurdles freestyle relay run swim backstroke butterfly breaststroke medley final event "
    "pb record title gold silver bronze heat heats semifinal semifinals champion".split()
)
# short words that are words when written in capitals for emphasis ("OUT and VOTE", "there IS")
SHOUTED_WORDS = frozenset("OUT IN THE AND NOT ALL NOW YES NO ON OFF BUT FOR ARE WAS HAS HAD CAN DID GET GOT NEW OLD "
                           "BIG TOP HOT MY YOU HE SHE HIS HER OUR ITS BAD END WIN WON BY OF TO OR SO IF NEVER EVER "
                           "VERY MUST YOUR THIS THAT WHAT WHY HOW WHO WHEN WILL JUST ONLY EVERY MORE MOST LOVE STOP "
                           "HELP NEED WANT HUGE REALLY DO DOES DONE BE BEEN WERE HAVE SHOULD WOULD COULD THEY "
                           "THEM THAN THEN THERE HERE ANY SOME MUCH MANY STILL AGAIN ALWAYS FREE BEST GOOD GREAT "
                           "FIRST LAST NEXT TRUE FALSE RIGHT WRONG LIVE WATCH READ NOTHING EVERYONE".split())
# US state abbreviations after a dateline's comma ("HAYWARD, Calif.")
STATES = {"Ala": "Alabama", "Ariz": "Arizona", "Ark": "Arkansas", "Calif": "California", "Colo": "Colorado",
           "Conn": "Connecticut", "Del": "Delaware", "Fla": "Florida", "Ga": "Georgia", "Ill": "Illinois",
           "Ind": "Indiana", "Kan": "Kansas", "Ky": "Kentucky", "La": "Louisiana", "Md": "Maryland",
           "Mass": "Massachusetts", "Mich": "Michigan", "Minn": "Minnesota", "Miss": "Mississippi", "Mo": "Missouri",
           "Mont": "Montana", "Neb": "Nebraska", "Nev": "Nevada", "Okla": "Oklahoma", "Ore": "Oregon",
           "Pa": "Pennsylvania", "Tenn": "Tennessee", "Tex": "Texas", "Va": "Virginia", "Vt": "Vermont",
           "Wash": "Washington", "Wis": "Wisconsin", "Wyo": "Wyoming"}
# Postal codes of US states and Canadian provinces after a place ("Miami, FL", "Toronto, ON"), and the dotted forms
# of the wire styles ("Buffalo, N.Y.")
POSTAL = {"AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
          "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho",
          "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
          "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
          "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
          "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
          "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
          "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
          "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
          "WI": "Wisconsin", "WY": "Wyoming", "ON": "Ontario", "QC": "Quebec", "BC": "British Columbia",
          "AB": "Alberta", "MB": "Manitoba", "SK": "Saskatchewan", "NS": "Nova Scotia", "NB": "New Brunswick",
          "NL": "Newfoundland and Labrador", "PE": "Prince Edward Island"}
# codes that are also words or degrees ("Yes, OK", "Jo Doe, MD"): a state only in a dateline
POSTAL_WORDS = frozenset({"OK", "HI", "MD", "MA", "PA", "ME"})
DOTTED_STATES = {"N.Y.": "New York", "N.J.": "New Jersey", "N.M.": "New Mexico", "N.C.": "North Carolina",
                 "S.C.": "South Carolina", "N.D.": "North Dakota", "S.D.": "South Dakota", "N.H.": "New Hampshire",
                 "R.I.": "Rhode Island", "W.Va.": "West Virginia", "B.C.": "British Columbia", "Ont.": "Ontario",
                 "Que.": "Quebec", "Alta.": "Alberta", "Sask.": "Saskatchewan", "Man.": "Manitoba"}
