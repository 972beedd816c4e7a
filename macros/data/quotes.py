"""Where quotes stand in a text, all found in one pass.

An Aho-Corasick automaton (pyahocorasick) finds every quote at once, so checking or marking
the quotes of an indicator with tens of thousands of rows takes time linear in the text and
the quotes; searching the text once per quote would take their product.
"""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick


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
