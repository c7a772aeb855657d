"""The words speech opens a sentence with before saying anything ('so', 'well', 'um', 'yeah').

Several rules read past them or cut at them, each with a set of its own that differs on
purpose ('because' opens a clause, not a definition). The base sets are named here once; each
rule derives its set from them and says why it differs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

CONNECTIVES = frozenset(["so", "and", "but"])
"""Conjunctions a spoken sentence opens with, tying it to the one before."""
DISCOURSE_MARKERS = CONNECTIVES | {"well", "now", "okay"}
"""Words that open a spoken sentence and say nothing of its content."""
FILLERS = frozenset(["um", "uh"])
"""Hesitations: written transcripts mostly drop them, captions keep them."""
SPOKEN_OPENERS = DISCOURSE_MARKERS | FILLERS | {"yeah"}
"""All a speaker may say before a sentence's content: markers, fillers, an answer's 'yeah'."""


def any_word(words: Iterable[str]) -> str:
    """A regex group matching one of the words ('(?:and|so)'): longest first, so no word is
    taken for a shorter one it starts with ('an' for 'a'), then alphabetical, so a pattern
    built from a set is the same in every run."""
    ordered = sorted(map(re.escape, words), key=lambda word: (-len(word), word))
    return "(?:" + "|".join(ordered) + ")"


def opening_run(words: Iterable[str]) -> str:
    """A regex group matching any run of the words, each with or without a comma after it
    ('so, um, well '): what a sentence may open with before its content."""
    return rf"(?:{any_word(words)},? )*"
