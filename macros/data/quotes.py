"""Where quotes stand in a text, all found in one pass.

An Aho-Corasick automaton (pyahocorasick) finds every quote at once, so checking or marking
the quotes of an indicator with tens of thousands of rows takes time linear in the text and
the quotes; searching the text once per quote would take their product.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import ahocorasick

BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")  # a word processor's marker in an archived text: the source page hides it


def positions(text: str, quotes: Iterable[str]) -> dict[str, int]:
    """The first position of each quote that ``text`` holds verbatim; a quote it lacks is absent."""
    automaton = ahocorasick.Automaton()
    for quote in set(quotes):
        if quote:
            automaton.add_word(quote, quote)
    if len(automaton) == 0:
        return {}
    automaton.make_automaton()
    first: dict[str, int] = {}
    for end, quote in automaton.iter(text):
        first.setdefault(quote, end - len(quote) + 1)
    return first


def quote_anchor(quote: str) -> str:
    """The id of a quoted sentence on its source page (``#q-…``): the same sentence, the same anchor."""
    return "q-" + hashlib.sha1(quote.encode()).hexdigest()[:10]


def paragraphs(text: str) -> list[str]:
    """The paragraphs of an archived text as its page shows and numbers them (¶1 …): its non-empty lines."""
    return [p.strip() for p in BOOKMARK.sub("", text).splitlines() if p.strip()]
