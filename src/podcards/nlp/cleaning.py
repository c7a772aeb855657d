"""Disfluencies of speech (fillers, hedges, stutters, false starts) found and removed."""

from __future__ import annotations

import re

FILLERS = re.compile(
    r"(?:,\s*)?\b(?:um+|uh+|uhm|erm|er|ah|hmm+|you know|I mean|"
    r"(?<!\bsomething )(?<!\banything )(?<!\bnothing )(?<!\bthings )(?<!\bstuff )(?<!\blooks )"
    r"(?<!\bsounds )(?<!\bfeels )(?<!\bseems )like(?=,)|I (?:think|guess)(?=,)|the way I(?:'d| would)? (?:put|say|describe|think (?:of|about)) it|so to speak|"
    r"(?<=, )yeah(?=[,.]))\b(?:\s*,)?\s*"
    r"|(?<!\ba )(?<!\bthe )(?<!\bthis )(?<!\bthat )(?<!\bwhat )(?<!\bsome )(?<!\bany )(?<!\bone )"
    r"\b(?:sort|kind) of\s+",
    re.IGNORECASE,
)
LEADING_MARKERS = re.compile(
    r"^(?:(?:and|but|so|yeah|yes|no|well|okay|ok|oh|now|right|actually|basically|"
    r"honestly|anyway|also|then|like(?=,)|though(?=,)|again(?=,))\b[,.]?\s+)+",
    re.IGNORECASE,
)
LEADING_HEDGES = re.compile(
    r"^(?:I (?:think(?! (?:of|about)\b)|believe|guess|feel like|feel|would say|'d say|would argue|'d argue|suppose|"
    r"mean)|I'm (?:pretty |fairly )?sure|it seems(?: to me)?|in my (?:opinion|view)|to be honest|"
    r"as (?:I|we|you) (?:mentioned|said)(?: (?:earlier|before))?(?=,)|of course|in fact|to be fair|that said|having said that|that being said|clearly|obviously|interestingly|honestly|frankly|surprisingly|"
    r"funnily enough|the thing is|the point is|what's interesting is|it turns out|you see(?=,)|look(?=,)|"
    r"it(?:'s| is) (?:really |very |kind of |sort of )?(?:interesting|fascinating|"
    r"funny|surprising|striking|clear|obvious|true) (?:because|that))(?: that)?,?\s+",
    re.IGNORECASE,
)
REPEATED_WORDS = re.compile(
    r"(?<!\bwhat is )(?<!\bwhat are )(?<!\bwhat's )"
    r"\b([\w']+(?: [\w']+){0,2})(?:,? \1(?![\w']))+(?! (?:means|stands for|refers to)\b)",
    re.IGNORECASE,
)
"""'the the', 'we, we', 'an index is, an index is': the same words again; 'it, it's' is two
words, not a stutter. Nor is a term said again to define it, in captions that lost the full
stop or question mark between ('...has to be idempotent idempotent means that...', 'what is a
branch a branch is just a file...')."""
LOWERCASE_I = re.compile(r"(?<![\w'.-])i(?=(?:'(?:m|ve|ll|d))?(?![\w'-]|\.\w))")
"""'i' as a word is the pronoun: captions written in lower case get it back as 'I'."""
RESTART = re.compile(r"(?:it|it's|they|they're|he|she|we|I|you|that's|there's)\b", re.IGNORECASE)
RESTARTED_COPULA = re.compile(
    r"\b(is|are|was|were) (?:a|an|the),? (?:it's|it is|they're|they are|that's) ", re.IGNORECASE
)
"""'a B-tree is a, it's a balanced tree': the speaker began the answer twice."""
MEANING_FRAME = re.compile(
    r"\b(?:when (?:I|we)(?: say| talk about|'m talking about| am talking about|'re talking about|"
    r" are talking about)|by) [^,.;]{1,40}$",
    re.IGNORECASE,
)
"""'When I'm talking about the basics, I mean...': the 'I mean' after it says what a word
stands for."""
ARTICLE_RESTART = re.compile(r"\b(?i:a|an|the),? (?=(?:a|an|the) )")
"""'So a, um, an index...': an article said again, the first one dropped ('the A team' keeps
its capital letter)."""
FALSE_START = re.compile(r"^[^,.;]{1,25}?\s+(?:--|—|–)\s+")
MEMORY_ASIDE = re.compile(
    r",\s+(?:I think (?:it|that|this) (?:was|is) called|I(?:'ve| have) seen (?:it|that|this)|"
    r"if I (?:remember|recall)(?: (?:right|rightly|correctly))?|I'm paraphrasing(?: (?:here|a bit))?|"
    r"(?:and )?(?:correct me if I'm wrong|\w+ (?:will|can) correct me if I(?:'ve| have) got "
    r"(?:this|that|it) wrong)|as far as I know),\s+",
    re.IGNORECASE,
)
"""', I've seen it,', ', if I remember correctly,': the speaker vouching for the fact, between
commas; the card states the fact."""


def leading_filler(text: str) -> int:
    """How many characters of discourse markers and hedges open the text ('So yeah, I think
    ...'): a card's clause starts after them."""
    position = 0
    while True:
        found = LEADING_MARKERS.match(text[position:]) or LEADING_HEDGES.match(text[position:])
        if not found or not found.end():
            return position
        position += found.end()


def says_what_it_means(found: re.Match[str]) -> bool:
    """'When I say X, I mean Y': this 'I mean' defines X, it is no filler."""
    return found.group().strip(" ,").lower() == "i mean" and bool(
        MEANING_FRAME.search(found.string, 0, found.start())
    )


def has_filler(text: str) -> bool:
    """Whether cleaning would remove a filler from the text."""
    return any(not says_what_it_means(found) for found in FILLERS.finditer(text))


def filler_gap(found: re.Match[str]) -> str:
    """What a removed filler leaves: a comma where it stood between commas and the speaker
    restarted with a new subject ('the government just, um, it starts...' -> 'just, it
    starts') or went on with a phrase of the sentence ('the modern one, yeah, late 2000s');
    else a space ('which is, you know, the main thing' -> 'which is the main thing')."""
    filler = found.group()
    if says_what_it_means(found):
        return filler
    between_commas = filler.startswith(",") and filler.rstrip().endswith(",")
    keeps_comma = RESTART.match(found.string, found.end()) or filler.strip(" ,") == "yeah"
    return ", " if between_commas and keeps_comma else " "


def without_fillers(text: str) -> str:
    return " ".join(FILLERS.sub(filler_gap, text).split())


def clean_disfluencies(text: str, *, continues: bool = False) -> str:
    """Speech made readable for a card: fillers, hedges, stutters and false starts removed.

    Only card text is cleaned; quotes keep the transcript's exact words. A piece that
    `continues` a sentence cut before it ('..., and then there's...') keeps its linking
    words and its lower case: it is read after the piece before it.
    """
    cleaned = " ".join(text.split())
    cleaned = FALSE_START.sub("", cleaned)
    cleaned = MEMORY_ASIDE.sub(" ", without_fillers(cleaned))
    cleaned = ARTICLE_RESTART.sub("", cleaned)
    cleaned = REPEATED_WORDS.sub(r"\1", cleaned)
    cleaned = RESTARTED_COPULA.sub(r"\1 ", cleaned)
    if not continues:
        cleaned = cleaned[leading_filler(cleaned) :]
    cleaned = re.sub(r"\s+", " ", cleaned)
    cleaned = re.sub(r"\s+([,.;:?!])", r"\1", cleaned)
    cleaned = re.sub(r",\s*([,.;:?!])", r"\1", cleaned)
    cleaned = re.sub(r"^[,;:\s]+", "", cleaned).strip()
    cleaned = LOWERCASE_I.sub("I", cleaned)
    return cleaned if continues else cleaned[:1].upper() + cleaned[1:]
