"""Score briefcast's speech normalisation on NeMo's English text-normalisation cases, per class and overall.

Usage: .venv/bin/python scripts/measure_normalisation.py [--data ../shared/data] [-v]
Each `written~spoken` pair is compared leniently (see the data's README): lowercase, hyphens as spaces, punctuation
and the word "and" dropped; then two spellings of one sound are also taken as one (letters spaced or not, "metres"
and "meters"), and the README's fold alone is printed beside. -v prints every miss.
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

from briefcast.segmenter.speech import speak

_PUNCT = re.compile(r"[^\w\s']|(?<!\w)'|'(?!\w)")
_LETTERS = re.compile(r"\b(?:[a-z] )+[a-z]\b")  # "a m", "d n a": letters said one by one
_TRE = re.compile(r"(?<=[a-z])tre(s?)\b")  # British and American spelling of one sound: "metres", "meters"


def lenient(text: str) -> str:
    """The comparison form: lowercase, hyphens as spaces, punctuation and "and" dropped, whitespace folded."""
    text = _PUNCT.sub(" ", text.lower().replace("-", " "))
    return " ".join(w for w in text.split() if w != "and")


def same_sound(text: str) -> str:
    """lenient() plus two spellings of one sound: letters spaced or not ("a m", "AM"), "metres" and "meters"."""
    text = lenient(text)
    return _TRE.sub(r"ter\1", _LETTERS.sub(lambda m: m.group(0).replace(" ", ""), text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    folder = args.data / "text_normalisation"
    total = passed = strict = 0
    for path in sorted(folder.glob("*.txt")):
        cases = [line.split("~", 1) for line in path.read_text(encoding="utf-8").splitlines() if "~" in line]
        ok = readme = 0
        for written, spoken in cases:
            got = speak(written)
            hit = same_sound(got) == same_sound(spoken)
            ok += hit
            readme += lenient(got) == lenient(spoken)
            if args.verbose and not hit:
                print(f"    {path.stem}: {written!r}\n      got      {got!r}\n      expected {spoken!r}")
        print(f"{path.stem:12} {ok:3}/{len(cases):3}  {ok / len(cases):6.1%}   (README's fold alone: {readme})")
        total += len(cases)
        passed += ok
        strict += readme
    print(f"{'overall':12} {passed:3}/{total:3}  {passed / total:6.1%}   (README's fold alone: {strict / total:.1%})")


if __name__ == "__main__":
    main()
