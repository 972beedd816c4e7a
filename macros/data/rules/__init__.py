"""Checks across files: each a function ``rule(draft) -> Iterable[Problem]``, grouped by theme.

``macros.data.loader`` runs them over the draft (``macros.data.draft``) in the order it lists them.
"""
