"""Cloze cards: which span of a passage is worth hiding, and how much text around it to show.

Numbers become a cloze on the number, other claims a cloze on their key term, in the few
clauses around it that carry the fact.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from podcards.cloze import replace_deletions, with_answers
from podcards.extract import detectors, ranking
from podcards.extract.cards.common import (
    ARTICLE,
    FRAMING_SUBJECTS,
    NARROWING_CLAUSE,
    NOT_A_TERM,
    NOT_A_TERM_END,
    RATING_OR_SIZE,
    ROLE_NOUNS,
    VAGUE_HEADS,
    CardDraft,
    capitalise,
    is_name,
    needs_topic,
    phrase_pattern,
    starts_sentence,
    states_something,
    usable_term,
    without_pointing_opener,
)
from podcards.extract.lint import MAX_CLOZE_WORDS
from podcards.extract.ranking import Passage
from podcards.models import CardContent, CardKind, NoteType
from podcards.nlp import (
    BE_FORMS,
    LABEL_NOUNS,
    LOOSE_MODIFIERS,
    PERFECT_AUXILIARIES,
    VAGUE_NOUNS,
    KeyTerms,
    boundaries,
    is_content_word,
    is_verb,
    leading_filler,
    opens_with_dummy_it,
    tag_text,
    term_start,
    without_fillers,
)
from podcards.nlp.discourse import CONNECTIVES, any_word

MAX_CARD_WORDS = 25
MIN_CARD_WORDS = 8
DEPENDENT_EXTRA_WORDS = 10
LONG_CARD_PENALTY = 0.03
DANGLING_PENALTY = 0.4
GOOD_TARGET = 1.2
STRONG_CLOZE = 0.99
CLAUSE_CUE_SHARE = 0.2
UNIT_NUMBER_WORTH = 2.0
YEAR_WORTH = 1.2
TIMING_YEAR_WORTH = 2.0
TIMING = re.compile(
    r"\b(?:since|until|till|back in|as early as|as late as|by|before|after)"
    r" (?:(?:about|around|roughly|early|mid|late) )?$",
    re.IGNORECASE,
)
"""A year the fact turns on ('a huge shift since 2019', 'all the rage until 2021', 'switched
to the PCE back in 2000'), not the date of a source ('a study published in 2021')."""
FIGURE_WORTH = 0.8
DIGIT_WORTH = 0.3
CALLED_WORTH = 1.5
FOCUS_WORTH = 2.0
COMPOUND_WORTH = 0.4
MAX_PHRASE_WORTH = 1.9
NAME_WORTH = 0.6
PREDICATE_WORTH = 0.4
PARTIAL_TERM_SHARE = 0.7
VERB_END_SHARE = 0.3
MAIN_SUBJECT_SHARE = 0.5
"""A term the talk says most (terms.frequent) is its subject: hidden, the deck's own topic gives
it away ('Glonass does better than {{c1::GPS}} at high latitudes', in a talk about GPS)."""
SUBJECT_TERMS = 30
"""Key terms a talk needs before its most-said ones single out a subject."""
REPEATED_ANSWER_PENALTY = 0.5
CONDITION_PENALTY = 0.5
GIVEAWAY_PENALTY = 1.0
ECHO_WORDS = 3
CONDITION = re.compile(
    r"\b(?:if|when|whenever|once|suppose|let's say|starting (?:from|at|with))\b"
    r"|(?:^|(?<=[.!?] ))(?:say|imagine)\b",  # 'Say you've got a 95% hit ratio.'
    re.IGNORECASE,
)
GIVEN_ASIDE = re.compile(
    r",\s+(?:say|like|for example|for instance|let's say),"
    r"|,(?=\s+(?:around|about|roughly|approximately)(?:\s+[^\s,.;]+){1,3},)",
    re.IGNORECASE,
)
"""Commas inside a condition that do not end it: around ', say,' before its given ('if rates
are, say, 4%, then...'), or opening an estimate of it that the next comma closes, with the
condition ('if you keep it warm, around 30 degrees, the bacteria...')."""
DEFINED_BY_WHAT_HAPPENS = r"(?:is|are) (?:basically |essentially )?(?:when|where)"
"""'A dirty read is when...', 'Optimistic locking is where...': a term defined by an event."""
OPENING_TERM = (
    r"(?:^|(?<=[.!?] ))(?:(?:a|an|the) )?(?P<term>(?:(?!(?:is|are|was|were)\b)[\w-]+ ?){1,4}?),? "
)
DEFINED_OPENING = re.compile(
    OPENING_TERM + r"(?:where|which is when|"
    r"which means|which is basically|that is,|"
    + DEFINED_BY_WHAT_HAPPENS
    + r"|(?:is|are) "
    + detectors.WHAT_HAPPENS_WHEN
    + r"|(?:is|are) (?:the|a|an) "
    + any_word(ROLE_NOUNS)
    + r" of"
    + r"|(?:is|are) (?:a|an) (?:[\w-]+ ){0,2}[\w-]+(?=:))\b",  # 'X is a thought experiment: ...'
    re.IGNORECASE,
)
"""Where the words after a term explain it ('Hash sharding, where...', 'A dirty read is
when...', 'The borrow checker is the part of the compiler that...'): the term is the answer."""
DEFINED_AS_KIND = re.compile(
    OPENING_TERM
    + r"(?:is|are) (?:a|an|the) (?=(?:[\w-]+ ){3}|(?:[\w-]+ ){0,3}[\w-]+,? "
    + NARROWING_CLAUSE
    + ")",
    re.I,
)
"""'A factor of safety is the ratio between the load that would break something and...', 'A
B-tree is a balanced tree, meaning...': a definition too long for a Q/A card, or one whose
answer would only say what kind of thing the term is, hides its term. Only in punctuated
text: in captions, where a sentence starts is a guess ('the textbook version an antibiotic is
a drug...')."""
DEFINED_INLINE = re.compile(
    r"\b(?:the|a|an) (?P<term>(?:(?!(?:is|are|was|were)\b)[\w-]+ ?){1,3}?), (?:which|who) "
    r"(?:is|are) (?:basically |essentially )?(?:the|a|an)\b",
    re.IGNORECASE,
)
"""'...the hippocampus, which is the brain's short-term inbox, ...': the term is explained
in passing, mid-sentence."""
DEFINED_BY_EVENT = re.compile(
    r"\b(?P<term>[\w-]+(?: [\w-]+)?), which (?:is|are) (?:basically |essentially )?"
    r"(?:when|where|" + detectors.WHAT_HAPPENS_WHEN + r")\b" + detectors.NOT_THE_SPEAKERS,
    re.IGNORECASE,
)
"""'...a lot of curtailment, which is when a generator is told to switch off': the one or two
words before the comma, less a leading function word ('of curtailment')."""
DEFINED_AS_EVENT = re.compile(rf",? {DEFINED_BY_WHAT_HAPPENS}\b", re.IGNORECASE)
CALLED_FORM = re.compile(
    r"\b(?:(?:call|calls|called) (?:that|this|it|them) "
    r"|(?:call|calls|called) (?:these|those)(?: [\w-]+){1,3}? (?=[\w-]+(?:[,.;:!?]|$))"
    r"|(?:called|known as|named|termed|dubbed) "
    r"|(?:call|calls) (?=[\"\u201c])"
    r"|\b(?:term|word|name) for (?:that|this|it|them|these|those) is (?:(?:a|an|the) )?)"
    r"[\"\u201c]?(?P<term>[\w.+#/-]+(?: [\w.+#/-]+){0,4}?)"
    r"(?=[\"\u201d,.;:!?]|$| (?:and|or|which|that|because|anymore|now|today|nowadays|though|too|either|"
    r"instead|actually)\b)",
    re.IGNORECASE,
)
"""The name a speaker gives: '...a pigment called X', 'we call that X', 'geologists call those
dissolved gases X' (after 'these' or 'those' and their noun, the one word that ends the
clause), 'the technical term for that is X', 'what they call "X"' (in quotation marks, which
the hidden term leaves out)."""
FOCUS_FORM = re.compile(
    r"\b(?:the|my|our|their|one|another) (?P<modifiers>(?:[\w-]+ ){0,3}?)(?:downside|upside|drawback|problem|"
    r"advantage|benefit|reason|key|trick|point|catch|difference|answer|lesson|takeaway|rule|"
    r"secret|thing|factor|mechanism|cause|culprit|ingredient|driver|bottleneck)"
    r"(?P<qualifier> (?:that|which|about|of|for|with|behind|in)\b[^,.;:!?]{0,40}?)? (?:is|was|are) "
    r"(?:(?:just|basically|really|simply|actually|mostly|probably) )*(?P<focus>[^,.;:!?]+)",
    re.IGNORECASE,
)
"""'The big advantage is maintenance', 'the main thing that controls viscosity is silica': the
words after the copula are what the sentence is there to say. A bare 'the reason was...' or
'the thing is...' leans on what came before."""
FOCUS_WORDS = 4
PREMISE = re.compile(
    r"(?:(?:^|(?<=[.!?] ))(?:(?:and|so|but),? )?(?:if|when|once)|(?<=\bis )if) [^,.;]{3,80}, ",
    re.IGNORECASE,
)
CLAUSE_END_IN_RESULT = re.compile(r"[,.;:!?]| (?:and|but|so|because|which|whereas)\b")
AUXILIARY_WORDS = BE_FORMS | PERFECT_AUXILIARIES | frozenset(["do", "does", "did", "going"])
SUBJECT_TAGS = frozenset(["DT", "PRP", "PRP$", "NN", "NNS", "NNP", "NNPS", "JJ", "CD", "EX", "RB"])
RESULT_WORTH = 1.3
"""Above a plain key term, below a figure: under a condition the result is the point, unless
a number says it."""
SPOKEN_FIGURE = (  # a figure said in words, with no unit: 'four thousand ninety-six'
    r"\b"
    + detectors.NUMBER_WORDS
    + r"(?:[ -](?:hundred|thousand|million|billion))+(?: (?:and )?"
    + detectors.NUMBER_WORDS
    + detectors.UNIT_DIGITS
    + r")?\b"
)
NUMBER_WITH_UNIT = detectors.NUMBER + r"\s*(?:-\s*)?" + detectors.UNITS
NUMBER_PHRASE = re.compile(
    r"(?:\b\d+|"
    + detectors.NUMBER
    + r") and a half\s*"  # 'two and a half hours' is one length
    + detectors.UNITS
    + r"|\b\d+(?:\.\d+)?\s*[-\u2013]\s*\d+(?:\.\d+)?%"  # a range of shares: '3-5%'
    + r"|\b\d+(?:[.,]\d+)*(?:\s*[-\u2013]\s*| to )\d+(?:[.,]\d+)*(?!\d|[.,]\d)(?!\s*(?:-\s*)?"
    + detectors.UNITS
    + r")"  # a range of plain figures: 'pH 4 to 4.5' (one with a unit comes below)
    + r"|"
    + detectors.NUMBER
    + r" to (?:one|1)(?=[,.;:!?]|$| (?:and|or|but|in|against)\b)"  # a ratio: 'a hundred to one'
    + r"|(?<=\bbetween )"  # a range: 'between twenty and fifty steps'
    + detectors.NUMBER
    + r" and "
    + detectors.NUMBER_BODY
    + r"(?:\s*"
    + detectors.UNITS
    + r")?"
    + r"|\b(?:one|two|three|\d+) over (?:(?![ai]\b)[a-z]|\d+|two|three|four|five|six|seven|"
    + r"eight|nine|ten)\b"  # a fraction said aloud: 'one over N of the keys'
    + r"|\b(?:one|two|three|four|five|six|seven|eight|nine|\d) in "  # 'one in five people'
    + r"(?:a (?:hundred|thousand|million|billion)|[a-z]+ty|ten|three|four|five|six|seven|"
    + r"eight|nine|eleven|twelve|fifteen|\d{1,3}(?:,\d{3})*)\b(?![%.,]\d|%)(?:\s*"
    + detectors.UNITS
    + r")?|"
    + detectors.NUMBER
    + r"(?:(?: to | or |\s*[-\u2013]\s*)"  # a range: 'four to eight hours', 'six or seven hundred years'
    + detectors.NUMBER_BODY
    + r")?(?:\s*(?:-\s*)?"
    + detectors.UNITS
    + r")(?!(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))[ -](?:and )?"
    # 'four thousand' is not the whole of 'four thousand ninety-six'
    + detectors.NUMBER_WORDS
    + r"\b)(?: and "  # 'twenty-four hours and ten minutes' is one length
    + NUMBER_WITH_UNIT
    + r")?(?: (?:of|per) (?!(?:a|an|the|this|that|these|those|my|your|our|their|them|us|it)\b)\w+)?"
    + r"|\b"
    + detectors.NUMBER_WORDS
    + r" (?:or|to) "
    + detectors.NUMBER_WORDS
    + r" (?!(?:times|things|ways|kinds|types|of)\b)[a-z]+s\b"  # 'three or four levels'
    + r"|\b(?:early|mid|late)[- ](?:teens|twenties|thirties|forties|fifties|sixties|seventies|"
    + r"eighties|nineties)\b"  # 'the mid-forties': a figure, said roughly
    + r"|\b(?:19|20)\d\d(?:s)?\b|\b\$?\d+(?:[.,]\d+)*%?"
    + r"|"
    + SPOKEN_FIGURE
    + r"|\b(?:a|one|two|three) (?:half|third|quarter|fifth|tenth)s?(?= of\b)"  # 'a quarter of'
    + r"|\b(?:two|three|four|five|seven|nine) (?:thirds|quarters|fifths|tenths)\b"  # 'fell by two thirds'
    + r"|\b(?:(?:about|roughly|around|nearly|almost|over|under|(?:just |well |a bit )?"
    + r"(?:less|more) than) )?(?<!the )(?<!other )(?<!first )(?<!second )(?<!last )(?<!a )"
    + r"half(?= (?:of|the|all|its|their|our|your|my)\b)(?! the time\b)",  # 'about half the...'
    re.IGNORECASE,
)
FULL_STOP_CHANCE = 0.8
COMMA_CHANCE = 0.5
SENTENCE_OPENING = re.compile(r"(?<=[.!?] )(?<!\b[A-Z]\. )(?:\{\{c1::)?[a-z]")
"""A sentence's first letter in a card, not one after an initial ('U.S. tariffs')."""
DANGLING_END = re.compile(
    r"(?:,?\s+(?:and|but|so|or|because|whereas|and then|and so|even though|although))+[\s,]*$",
    re.IGNORECASE,
)
"""'...into carbon dioxide and ethanol and': the first word of a clause the card leaves out,
where captions were cut just past it."""
CLAUSE_BREAK = re.compile(  # a sentence ends at '.', but not at an initial ('T. F. Sugihara')
    r"(?<=[.!?])(?<!\b[A-Z]\.)\s+|;\s+|\s+(?:--|—|–)\s+|,\s+(?=(?:and|but|so|whereas|which|because|although|"
    r"though|while|since|unless)\b)"
)
YEAR = re.compile(r"(?:1[5-9]|20)\d\d")
DEPENDENT_OPENERS = ranking.DEPENDENT_OPENERS | frozenset(
    ["it's", "that's", "they're", "because", "although", "though"]
)
"""A card's clause points back with the words a passage does, read from text (where 'it's'
stays whole), and with the conjunctions that tie it to the clause before."""
ADDRESSING_WORDS = frozenset(
    ["you", "your", "you're", "you've", "can", "could", "would", "do", "did", "what", "how",
     "why", "tell", "thanks", "thank", "welcome", "i", "we", "let's", "so", "over", "go"]
)  # fmt: skip
REFERRING_PRONOUN = re.compile(r"\b(?:it|its|they|them|their|he|his|him|she|her)\b", re.IGNORECASE)
PRONOUN_REACH = 6
REASON_WORDS = frozenset(["because", "whereas", "which means", "than"])
DEFINING_RELATIVE = re.compile(
    r"(?:which|who) (?:is|are) (?:basically |essentially )?(?:a|an|the)\b"
    r"(?! (?:lot|bit|little|few|couple|same)\b)"
)
"""', which is a long string of ones and zeros...' says what the word before it is; ', which is
a lot better' rates it."""
EXPLAINS = re.compile(any_word(REASON_WORDS | {"so that"}) + r"\b", re.IGNORECASE)


@dataclass(frozen=True)
class Target:
    """A span of card text worth hiding, and how much it names one thing."""

    start: int
    end: int
    worth: float
    quantity: bool = False
    result: bool = False
    named: bool = False
    """The term a speaker names or defines ('something called resumed TLS')."""


QUOTATION_MARK = re.compile(r"[\"\u201c\u201d]")
CLOSING_QUOTES = '"\u201d'


SET_PHRASE = re.compile(
    r"\b(?:to (?:some|a|a (?:large|great|certain)|what) (?:degree|extent)|in (?:a|some) (?:way|sense)"
    r"|in terms of|on the other hand|at the end of the day|in the long run|at the same time"
    r"|for the most part|by the way|in the first place|as a matter of fact|on a daily basis)\b",
    re.IGNORECASE,
)
"""Set phrases of speech, whose nouns name nothing: 'to some {{c1::degree}}'."""


def opens_quoted_speech(text: str, target: Target) -> bool:
    """'...and I said "{{c1::Look}}, nobody is to blame"': the first word of quoted words is
    no name, only a word that starts a sentence (a term named in quotation marks is one)."""
    return (
        not target.named
        and QUOTATION_MARK.match(text, max(0, target.start - 1)) is not None
        and len(text[target.start : target.end].split()) == 1
    )


def in_set_phrase(text: str, target: Target) -> bool:
    """The target overlaps a set phrase (see SET_PHRASE)."""
    return any(
        phrase.start() < target.end and target.start < phrase.end()
        for phrase in SET_PHRASE.finditer(text)
    )


def without_quotation_marks(text: str, target: Target) -> Target | None:
    """The target without the quotation marks at its ends ('"cache-aside"'); None when one is
    inside it ('saying "Hey'), a span across the edge of quoted words."""
    start, end = target.start, target.end
    while start < end and QUOTATION_MARK.match(text, start):
        start += 1
    while end > start and QUOTATION_MARK.match(text, end - 1):
        end -= 1
    if start == end or QUOTATION_MARK.search(text, start, end):
        return None
    return replace(target, start=start, end=end)


def inside_a_name(target: Target, targets: list[Target]) -> bool:
    """The head of a named term without its modifier: '...called resumed {{c1::TLS}}' tests half
    a name. (A named span that runs on, 'called counter wraparound in the log', is still
    trimmed by a key term at its start.)"""
    return any(
        other.named and other.start < target.start and other.end == target.end for other in targets
    )


def addresses_someone(text: str, target: Target) -> bool:
    """'Priya, you can relax': a name opening a sentence, then a comma and words spoken to
    someone, is the person addressed, not a fact of the talk ('Basalt, a volcanic rock,...'
    still hides 'Basalt')."""
    hidden = text[target.start : target.end]
    after = re.match(r",\s*([\w']+)", text[target.end :])
    return (
        starts_sentence(text, target.start)
        and hidden[:1].isupper()
        and len(hidden.split()) <= 2
        and bool(after)
        and after.group(1).lower() in ADDRESSING_WORDS
    )


def unclozed(text: str) -> CardDraft:
    """No term worth hiding: the text as a cloze to edit in review, ranked low."""
    return CardDraft(CardKind.CLAIM, CardContent(note_type=NoteType.CLOZE, front=text), quality=0.0)


def cloze_card(
    text: str, passage: Passage, terms: KeyTerms, topic: str | None, answered: Counter[str]
) -> CardDraft | None:
    """Hide the best target (a quantity, a name, a specific key term), in the few clauses
    around it that carry the fact: a card reads at a glance, the quote keeps the rest. A target
    that earlier cards already hide weighs less: a deck whose cards keep answering the talk's
    main subject tests one guess many times."""
    targets = [
        target
        for target in quantity_targets(text)
        + called_targets(text, terms)
        + defined_targets(text, terms)
        + focus_targets(text)
        + result_targets(text)
        + phrase_targets(text, passage, terms)
        if not addresses_someone(text, target)
        and not in_set_phrase(text, target)
        and not opens_quoted_speech(text, target)
    ]
    targets = [
        unquoted for target in targets if (unquoted := without_quotation_marks(text, target))
    ]
    targets = [target for target in targets if not inside_a_name(target, targets)]
    if not targets:
        return None
    clauses = clause_spans(text)
    cues = [fact_weight(text[start:end]) for start, end in clauses]
    drafts = []
    for target in targets:
        clause = clause_of(clauses, target.start)
        draft = cloze_around(text, clauses, clause, target, topic)
        value = (
            draft.quality
            + max(0.0, target.worth - GOOD_TARGET)
            + CLAUSE_CUE_SHARE * cues[clause]
            - REPEATED_ANSWER_PENALTY * answered[draft.answer.lower()]
            - CONDITION_PENALTY * (target.quantity and in_condition(text, target.start))
            - GIVEAWAY_PENALTY * gives_itself_away(draft, target)
        )
        drafts.append((value, -target.start, draft, target))
    draft, target = max(drafts, key=lambda option: option[:2])[2:]
    if from_captions(text):
        # chosen on the whole piece, where a target's worth and its clause's cues read as in
        # punctuated text; then shown in the clauses around it, not the run-on piece
        captions = caption_clauses(text)
        number = clause_of(captions.spans, target.start)
        return cloze_around(text, captions.spans, number, target, topic, captions)
    return draft


def from_captions(text: str) -> bool:
    """A piece of automatic captions: no mark at all, not even at its end (a sentence of
    punctuated text may need no comma: 'A factor of safety is the ratio between...')."""
    return detectors.unpunctuated(text) and text.rstrip()[-1:] not in ranking.SENTENCE_ENDS


def gives_itself_away(draft: CardDraft, target: Target) -> bool:
    """The hidden words are on the card again ('a chemical called {{c1::adenosine}}, and what
    adenosine does is...'); for a result, its last word echoed right after it
    ('{{c1::tells you nothing}}, basically nothing')."""
    front = draft.content.front
    if target.result:
        after = front[front.find("}}") + 2 :].split()[:ECHO_WORDS]
        return draft.answer.split()[-1].lower() in (word.strip(",.;").lower() for word in after)
    shown = replace_deletions(front, " ")
    return bool(phrase_pattern(tuple(draft.answer.split())).search(shown))


def in_condition(text: str, position: int) -> bool:
    """Inside an 'if...', 'when...' or 'Say...' clause, before its comma: a number there is the
    given of the fact ('if you have a thousand grams of flour...'), the one after it is the
    result. An example or an estimate of the given (', say,', ', around 30 degrees') does not
    end the clause."""
    sentence_start = max(text.rfind(mark, 0, position) for mark in ".!?")
    conditions = list(CONDITION.finditer(text, sentence_start + 1, position))
    if not conditions:
        return False
    clause = text[conditions[-1].end() :]
    clause = GIVEN_ASIDE.sub(lambda aside: " " * len(aside.group(0)), clause)
    return "," not in clause[: position - conditions[-1].end()]


def cloze_around(
    text: str,
    clauses: list[tuple[int, int]],
    clause: int,
    target: Target,
    topic: str | None,
    captions: CaptionClauses | None = None,
) -> CardDraft:
    """The cloze on one target, its quality lowered when the card runs long or still opens by
    pointing at something it does not name; captions get the punctuation their clauses
    suggest."""
    sentence_ends = captions.sentence_ends if captions else None
    start, end = window(text, clauses, clause, target, sentence_ends)
    hidden = text[target.start : target.end]
    marks = captions.marks if captions else {}
    front = (
        f"{marked(text, start, target.start, marks)}{{{{c1::{hidden}}}}}"
        f"{DANGLING_END.sub('', marked(text, target.end, end, marks))}"
    )
    if marks:  # a filler shows once its commas do ('excited, yeah, why don't we...')
        front = without_fillers(front)
    front = SENTENCE_OPENING.sub(lambda opening: opening.group(0).upper(), front)
    front = without_pointing_opener(capitalise(front.rstrip(" ,;:-")))
    front = with_quotation_marks_paired(front)
    if front.rstrip(CLOSING_QUOTES)[-1:] not in ".!?":
        front += "."
    if topic and topic.lower() not in hidden.lower() and needs_topic(text[start:end], topic):
        front = f"{capitalise(topic)}: {front[:1].lower()}{front[1:]}"
    quality = (
        min(1.0, target.worth / GOOD_TARGET)
        - LONG_CARD_PENALTY * max(0, len(front.split()) - MAX_CARD_WORDS)
        - DANGLING_PENALTY * dangles(with_answers(front))
    )
    return CardDraft(
        CardKind.DEFINITION if target.named else CardKind.CLAIM,  # it hides the term defined
        CardContent(note_type=NoteType.CLOZE, front=front),
        quality=round(max(0.0, quality), 4),
        answer=hidden,
    )


def marked(text: str, start: int, end: int, marks: dict[int, str]) -> str:
    """The text from `start` to `end` with a mark after each clause that ends inside it."""
    cuts = sorted(position for position in marks if start <= position < end)
    pieces = [text[low:high] + marks[high] for low, high in pairwise([start, *cuts])]
    return "".join(pieces) + text[cuts[-1] if cuts else start : end]


def clause_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of the text's sentences and clauses, in order."""
    spans = []
    start = 0
    for boundary in CLAUSE_BREAK.finditer(text):
        spans.append((start, boundary.start()))
        start = boundary.end()
    spans.append((start, len(text)))
    return [(start, end) for start, end in spans if end > start]


class CaptionClauses(NamedTuple):
    """A piece of automatic captions, which has no punctuation to cut at, read by the boundary
    model."""

    spans: list[tuple[int, int]]
    """Where a clause likely begins."""
    sentence_ends: frozenset[int]
    """The clauses after which a sentence likely starts, where a card may begin or end."""
    marks: dict[int, str]
    """The punctuation a card shows, by position in the text."""


def caption_clauses(text: str) -> CaptionClauses:
    words = [match.span() for match in re.finditer(r"\S+", text)]
    plain = [boundaries.plain_word(text[low:high]) for low, high in words]
    chances = boundaries.start_probabilities(plain)
    found = boundaries.clause_starts(plain, chances)
    starts = [0, *found, len(words)]
    clauses = [(words[first][0], words[after - 1][1]) for first, after in pairwise(starts)]
    ends = {number for number, start in enumerate(found) if found[start]}
    ends.update(number - 1 for number, (low, _) in enumerate(clauses) if REPLY.match(text, low))
    return CaptionClauses(clauses, frozenset(ends), caption_marks(chances, words))


def caption_marks(chances: list[float], words: list[tuple[int, int]]) -> dict[int, str]:
    """A full stop where the boundary model almost surely finds a sentence start, a comma where
    it likely finds one: on the held-out talks and the dev episode as captions, 80% of the
    full stops are at a sentence end in the written text and 4% where it has no mark; the
    commas are at a sentence end or a comma 86% of the time."""
    return {
        words[position - 1][1]: "." if chance >= FULL_STOP_CHANCE else ","
        for position, chance in enumerate(chances)
        if position > 0 and chance >= COMMA_CHANCE
    }


def without_trailing_replies(text: str, end: int) -> int:
    """Where the text before `end` stops once the replies it ends on are left off ('...is cost
    versus comfort agree'): in captions, the next speaker's first words."""
    words = list(re.finditer(r"\S+", text[:end]))
    while words and REPLY.fullmatch(words[-1].group(0)):
        end = words.pop().start()
    return len(text[:end].rstrip())


def past_leading_replies(text: str, start: int) -> int:
    """Where the text from `start` goes on once the replies it opens with are left off ('go on
    caffeine works by blocking...'): in captions, the end of the speaker before."""
    while (reply := LEADING_REPLY.match(text, start)) and not MODIFYING.match(text, start):
        start = reply.end()
    return start


REPLY_WORDS = (
    r"(?:yeah|yes|okay|ok|wow|oh|right|exactly|sure|agreed?|go on|mm+|hmm+|huh|ah|absolutely)"
)
"""Captions have no speakers: a clause that opens with a reply ('...latency versus consistency
| agree wow that's three okay sharding') is most often someone else's turn, where a card
stops; one that opens a piece ('go on | caffeine works by...') ends the turn before."""
REPLY = re.compile(REPLY_WORDS + r"\b", re.IGNORECASE)
LEADING_REPLY = re.compile(REPLY_WORDS + r"\s+", re.IGNORECASE)
MODIFYING = re.compile(
    r"(?:exactly|right|sure|absolutely)\s+(?:once|twice|what|how|why|when|where|which|who|"
    r"the same|now|here|there|after|before|away|enough|no|not|nothing|never|all)\b",
    re.IGNORECASE,
)
"""'Exactly once delivery is a myth', 'right after the eruption': the word is part of what
follows, not a reply; leaving it off can turn the claim around."""
CONDITION_WORDS = frozenset(["if", "unless"])
CONNECTIVE_OPENING = re.compile(
    any_word(CONNECTIVES | {"or", "because", "whereas"}) + r"\b", re.IGNORECASE
)
CONDITION_OPENING = re.compile(
    any_word(CONDITION_WORDS | {"when", "whenever", "once"}) + r"\b", re.IGNORECASE
)
REASON_AFTER = re.compile(r"(?:and )?the reason\b|" + any_word(REASON_WORDS) + r"\b", re.IGNORECASE)
CONDITION_AFTER = re.compile(
    any_word(CONDITION_WORDS | {"only if", "as long as"}) + r"\b", re.IGNORECASE
)
"""In captions, a clause the model cut off that the claim before it needs: its reason
('...inserts were taking forever | and the reason is...'), or, where the model was unsure
of the cut, the condition it holds under ('...can only use a composite index | if your
query filters on the leftmost columns'); an 'if' where a sentence likely starts opens the
next one. Punctuated text keeps a trailing 'if' clause in the same clause."""
WH_QUESTION = re.compile(
    r"(?:what|where|why|how)(?: \w+)? (?:is|are|was|were|does|do|did|can|would)\b",
    re.IGNORECASE,
)
"""'where does the forty come from', 'what actually is fibre': a question, though captions
lost its mark ('which is...' and 'who is...' mostly go on about what came before)."""


def caption_leans_back(text: str, clauses: list[tuple[int, int]], clause: int) -> bool:
    """A caption clause may go on from the one before, though the model found a sentence likely
    to start: it opens with a connective ('...corrodes much faster | so the main defence
    is...'), or the clause before is a condition still waiting for what follows from it ('if
    the price goes above it | you pay the difference back'). Not on a piece's first few
    words, which end the sentence before ('the t word | so for most of 2021...'), nor on a
    question ('where does the forty come from | so over time...'): it leads in, the answer
    stands alone."""
    before = text[clauses[clause - 1][0] : clauses[clause - 1][1]]
    if clause == 1 and len(before.split()) < boundaries.MIN_CLAUSE_WORDS:
        return False
    connective = CONNECTIVE_OPENING.match(text, clauses[clause][0])
    return bool(
        (connective and not WH_QUESTION.match(before))
        or (CONDITION_OPENING.match(before) and "," not in before)
    )


def clause_of(clauses: list[tuple[int, int]], position: int) -> int:
    return next(
        (number for number, (_, end) in enumerate(clauses) if position < end), len(clauses) - 1
    )


def fact_weight(text: str) -> float:
    return min(2.0, sum(weight for weight in detectors.detect(text).values() if weight > 0))


def window(
    text: str,
    clauses: list[tuple[int, int]],
    first: int,
    target: Target,
    sentence_ends: frozenset[int] | None = None,
) -> tuple[int, int]:
    """The target's clause, with the clause before it when it opens by pointing back ('it',
    'which', 'because'...) or, within a sentence, says 'it' or 'his' in its first words, the
    clause after when that explains or compares ('because...', 'than...'), the rest of its
    sentence when that fits, and neighbours while it is too short to say anything: at most
    about MAX_CARD_WORDS words, never cutting the target."""
    last = first
    while last < len(clauses) - 1 and clauses[last][1] < target.end:
        last += 1
    shown = CardWindow(text, clauses, first, last, sentence_ends)
    shown.take_definition(target)
    shown.take_named_explanation(target)
    shown.take_antecedent()
    shown.take_explanation()
    shown.take_sentence_start()
    shown.take_rest_of_sentence(target)
    shown.take_subject()
    shown.take_enough_words()
    shown.take_verb()
    shown.drop_unfinished_tail(last)
    return shown.span(target)


@dataclass
class CardWindow:
    """The clauses a cloze card shows, `first` to `last`, grown step by step from its target's.
    A sentence ends at '.', '!' or '?' in punctuated text; in captions (with `sentence_ends`)
    where the boundary model finds one likely."""

    text: str
    clauses: list[tuple[int, int]]
    first: int
    last: int
    sentence_ends: frozenset[int] | None = None

    @property
    def captions(self) -> bool:
        return self.sentence_ends is not None

    def opening(self, clause: int) -> str:
        return self.text[self.clauses[clause][0] :]

    def words(self, low: int, high: int) -> int:
        return len(self.text[self.clauses[low][0] : self.clauses[high][1]].split())

    def fits(self, low: int, high: int, extra: int = 0) -> bool:
        return self.words(low, high) <= MAX_CARD_WORDS + extra

    def in_one_sentence(self, clause: int) -> bool:
        """The clause and the next belong to one sentence."""
        if self.sentence_ends is not None:
            return clause not in self.sentence_ends
        return self.text[self.clauses[clause][1] - 1] not in ".!?"

    def leans_back(self, clause: int) -> bool:
        opening = self.opening(clause)
        return (
            opens_dependent(opening)
            or bool(ranking.NAMES_WHAT_CAME_BEFORE.match(opening, leading_filler(opening)))
            or (self.in_one_sentence(clause - 1) and names_by_pronoun(opening))
            or (self.in_one_sentence(clause - 1) and lacks_subject(opening))
            or subject_points_back(opening)
            or (self.captions and caption_leans_back(self.text, self.clauses, clause))
        )

    def explains_or_qualifies(self, clause: int) -> bool:
        """The clause gives the reason for the one before, or in captions also the condition
        it holds under (see CONDITION_AFTER)."""
        opening = self.opening(clause)
        if self.sentence_ends is None:
            return bool(EXPLAINS.match(opening))
        unsure_cut = clause - 1 not in self.sentence_ends
        return bool(REASON_AFTER.match(opening) or (unsure_cut and CONDITION_AFTER.match(opening)))

    def take_definition(self, target: Target) -> None:
        """', which is the background process that cleans up dead rows' right after the hidden
        term says what it is: the card keeps it first, the clauses before only if they fit."""
        if (
            self.last < len(self.clauses) - 1
            and not self.text[target.end : self.clauses[self.last][1]].strip(" ,")
            and DEFINING_RELATIVE.match(self.opening(self.last + 1))
            and self.fits(self.first, self.last + 1, DEPENDENT_EXTRA_WORDS)
        ):
            self.last += 1

    def take_named_explanation(self, target: Target) -> None:
        """'...is called {{c1::cache-aside}}. The app checks the cache first...': a term named
        at the end of its sentence is explained by the next, which the card keeps when the two
        fit."""
        after = self.last + 1
        if (
            target.named
            and after < len(self.clauses)
            and not self.in_one_sentence(self.last)
            and NAMED_LAST.fullmatch(self.text, target.end, self.clauses[self.last][1])
        ):
            last = after
            while last < len(self.clauses) - 1 and self.in_one_sentence(last):
                last += 1
            if self.fits(self.first, last, DEPENDENT_EXTRA_WORDS):
                self.last = last

    def take_antecedent(self) -> None:
        while (
            self.first > 0
            and self.leans_back(self.first)
            and self.fits(self.first - 1, self.last, DEPENDENT_EXTRA_WORDS)
        ):
            self.first -= 1

    def take_subject(self) -> None:
        """A long card that names its subject beats a short one that cannot."""
        self.take_antecedent()
        if dangles(self.opening(self.first)):
            self.first = 0

    def take_explanation(self) -> None:
        extra = DEPENDENT_EXTRA_WORDS if self.captions else 0
        if (
            self.last < len(self.clauses) - 1
            and self.explains_or_qualifies(self.last + 1)
            and self.fits(self.first, self.last + 1, extra)
        ):
            self.last += 1

    def take_sentence_start(self) -> None:
        """Back to where the sentence starts while that fits. Captions go a little past
        MAX_CARD_WORDS if need be, since a clause cut where the model was unsure may have lost
        the subject; but not onto a clause that points back itself, unless the card already
        does."""
        if not self.captions:
            while (
                self.first > 0
                and self.in_one_sentence(self.first - 1)
                and self.fits(self.first - 1, self.last)
            ):
                self.first -= 1
            return
        while (
            self.first > 0
            and self.in_one_sentence(self.first - 1)
            and self.fits(self.first - 1, self.last, DEPENDENT_EXTRA_WORDS)
            and (self.leans_back(self.first) or not opens_dependent(self.opening(self.first - 1)))
        ):
            self.first -= 1

    def take_rest_of_sentence(self, target: Target) -> None:
        """A term defined by an event keeps the whole event a little past MAX_CARD_WORDS
        ('Detention is when you've taken the box out, to your warehouse, say, and you keep it
        too long...'): half of it would teach a wrong definition."""
        extra = DEPENDENT_EXTRA_WORDS if DEFINED_AS_EVENT.match(self.text, target.end) else 0
        while (
            self.last < len(self.clauses) - 1
            and self.in_one_sentence(self.last)
            and self.fits(self.first, self.last + 1, extra)
        ):
            self.last += 1

    def take_enough_words(self) -> None:
        """Neighbours while the card is too short to say anything (and, when one before was
        taken, what it leans on)."""
        first = self.first
        while self.words(self.first, self.last) < MIN_CARD_WORDS and (
            self.first > 0 or self.last < len(self.clauses) - 1
        ):
            if self.last < len(self.clauses) - 1:
                self.last += 1
            else:
                self.first -= 1
        if self.first < first:
            self.take_antecedent()

    def take_verb(self) -> None:
        """', and over the next ten years.' is the tail of the clause before it."""
        while self.first > 0 and not states_something(
            self.text[self.clauses[self.first][0] : self.clauses[self.last][1]]
        ):
            self.first -= 1
            self.take_subject()

    def drop_unfinished_tail(self, keep: int) -> None:
        """'...a funny thing, because unlike Suez.': a last clause that opens a reason or an
        aside and never reaches its verb (the rest of it did not fit) ends the card
        mid-thought; past the target's clauses, it goes."""
        while self.last > keep:
            low, high = self.clauses[self.last]
            clause = self.text[low:high]
            if not (SUBORDINATE_OPENING.match(clause) and not states_something(clause)):
                return
            self.last -= 1

    def span(self, target: Target) -> tuple[int, int]:
        """Where the card's text starts and ends, past replies at either end of captions and
        a filler it opens with."""
        start, end = self.clauses[self.first][0], self.clauses[self.last][1]
        if self.captions:
            start = min(target.start, past_leading_replies(self.text, start))
            end = max(target.end, without_trailing_replies(self.text, end))
        start += min(leading_filler(self.text[start:]), max(0, target.start - start))
        return start, end


SUBORDINATE_OPENING = re.compile(
    r"(?:because|which|although|though|since|while|whereas|unless)\b", re.IGNORECASE
)
NAMED_LAST = re.compile(r"(?:,? (?:or|sometimes|also|aka) [\w -]{1,30})?[.!?]?")
"""What may follow a term named at the end of its sentence: another name for it."""


def with_quotation_marks_paired(text: str) -> str:
    """A card that stops inside quoted words ('and you think "Well, that went badly.') has
    the quotation closed; one that starts inside them ('...a fine plan", and...') loses the
    mark that closes nothing. A mark before a word opens, any other closes."""
    opened: list[int] = []
    closing_nothing: list[int] = []
    for mark in QUOTATION_MARK.finditer(text):
        at = mark.start()
        if re.match(r"[\w{]", text[at + 1 : at + 2]) and not text[at - 1 : at].isalnum():
            opened.append(at)
        elif opened:
            opened.pop()
        else:
            closing_nothing.append(at)
    for at in reversed(closing_nothing):
        text = text[:at] + text[at + 1 :]
    return text + '"' * bool(opened)


def dangles(text: str) -> bool:
    """The card opens by pointing back, or on a verb whose subject it leaves out."""
    return opens_dependent(text) or lacks_subject(text)


JOINING_WORDS = re.compile(r"(?:(?:and|but|or|then)\s+)+(?:(?:also|then|just|still)\s+)?", re.I)
FINITE_VERB_TAGS = frozenset(["VBD", "VBZ", "VBP", "VBN", "MD"])


def lacks_subject(text: str) -> bool:
    """'...ran from the 1980s to today, and measured the link...': a clause that opens on its
    verb shares the subject of the clause before."""
    joined = JOINING_WORDS.match(text)
    return opens_on_verb(" ".join(text[joined.end() if joined else 0 :].split()[:4]))


@lru_cache(maxsize=1024)
def opens_on_verb(words: str) -> bool:
    """Cached: each target of a passage asks again of the same clauses."""
    tagged = tag_text(words)
    return bool(tagged) and tagged[0][1] in FINITE_VERB_TAGS


def names_by_pronoun(text: str) -> bool:
    """Its first few words say 'it', 'they', 'his'... ('and if you measure it from its
    base...'): in a sentence, what they stand for is mostly named in the clause before."""
    text = text[leading_filler(text) :]
    return bool(REFERRING_PRONOUN.search(" ".join(text.split()[:PRONOUN_REACH])))


POINTING_SUBJECT = re.compile(
    r"(?:(?:once|when|if|after|before|as|since|while|until|then)\s+)?(?:it|they|he|she)\b",
    re.IGNORECASE,
)


def subject_points_back(text: str) -> bool:
    """Its subject is a pronoun ('Once it erupts, it is called lava'): across a sentence end
    too, what it stands for is in the sentence before, which the card then shows."""
    return bool(POINTING_SUBJECT.match(text, leading_filler(text)))


def opens_dependent(text: str) -> bool:
    """Points back once its linking words are gone ('and he defined...', 'and that's why')."""
    text = text[leading_filler(text) :]
    first = re.match(r"[\w']+", text)
    if not first or first.group(0).lower() not in DEPENDENT_OPENERS:
        return False
    return first.group(0).lower() not in ("it", "it's") or not opens_with_dummy_it(text)


def quantity_targets(text: str) -> list[Target]:
    """Numbers with their unit (worth most), years, other figures; never the number of a
    name ('Model 3')."""
    targets = []
    for match in NUMBER_PHRASE.finditer(text):
        start, end = match.span()
        if year_then_subject(text, match):
            end = YEAR.match(text, start).end()
        end = past_counted_noun(text, start, end)
        hidden = text[start:end]
        if len(hidden.split()) > MAX_CLOZE_WORDS or part_of_name(text, match.start()):
            continue
        if text[start - 1 : start] == ":" or CLOCK_MINUTES.match(text, end):
            continue  # '9:00 to 5:00' is no '9:{{c1::00 to 5}}:00'
        if FULL_CERTAINTY.match(text, start):
            continue  # 'I was 100% sure': how sure, not a figure
        digits = re.sub(r"\D", "", hidden)
        if re.fullmatch(SPOKEN_FIGURE, hidden, re.IGNORECASE):
            worth = FIGURE_WORTH  # a count without its unit, like '500'
        elif len(hidden.split()) > 1 or hidden.endswith("%") or not hidden[0].isdigit():
            worth = UNIT_NUMBER_WORTH
        elif YEAR.fullmatch(hidden):
            timing = TIMING.search(text, max(0, start - 20), start)
            worth = TIMING_YEAR_WORTH if timing else YEAR_WORTH
        else:
            worth = FIGURE_WORTH if len(digits) >= 2 else DIGIT_WORTH
        targets.append(Target(start, end, worth, quantity=True))
    return targets


CLOCK_MINUTES = re.compile(r":\d\d")
FULL_CERTAINTY = re.compile(
    r"(?:100|a hundred|one hundred) ?(?:%|per ?cent)(?: (?:sure|certain|agree|agreed|true|right|"
    r"correct|wrong|obvious|clear|honest|convinced|committed|confident|serious|behind))\b",
    re.IGNORECASE,
)
COUNTED_AFTER_OF = re.compile(r" (?:of|per) [\w-]+$")
NEXT_WORD = re.compile(r" [\w-]+")


def past_counted_noun(text: str, start: int, end: int) -> int:
    """'60 percent of large companies': the one word a quantity takes after 'of' may describe
    the noun it counts, which the cloze then hides too (not '{{c1::60 percent of large}}')."""
    following = NEXT_WORD.match(text, end)
    if not (following and COUNTED_AFTER_OF.search(text, start, end)):
        return end
    tags = [tag for _, tag in tag_text(text[start : following.end()])]
    described = len(tags) >= 2 and tags[-2].startswith("JJ") and tags[-1].startswith("NN")
    return following.end() if described else end


YEAR_THEN_COUNTED = re.compile(YEAR.pattern + " " + detectors.COUNTED_NOUNS)
WHEN_LEAD = re.compile(r"\b(?:in|since|until|till|by|before|after|from|around|like)\s+$")


def year_then_subject(text: str, match: re.Match[str]) -> bool:
    """'...in like 2022 people were really worried': captions drop the comma after a year, so
    the next clause's subject reads as what the year counts ('2022 people')."""
    lead = WHEN_LEAD.search(text, max(0, match.start() - 12), match.start())
    return bool(lead and YEAR_THEN_COUNTED.fullmatch(match.group(0)))


def called_targets(text: str, terms: KeyTerms) -> list[Target]:
    """The term a speaker names ('...is called X'): the answer the sentence gives."""
    called = CALLED_FORM.search(text)
    if not called:
        return []
    article = ARTICLE.match(called.group("term"))
    start = called.start("term") + (article.end() if article else 0)
    term = text[start : called.end("term")].rstrip(".")  # not the full stop
    if not usable_term(term) or not is_content_word(term.split()[0], terms.stopwords):
        return []
    return [Target(start, start + len(term), CALLED_WORTH, named=True)]


def defined_targets(text: str, terms: KeyTerms) -> list[Target]:
    """A term explained right after it ('Hash sharding, where you hash the key...', 'A dirty
    read is when...', '...the hippocampus, which is the brain's inbox'): the term is the
    answer."""
    targets = []
    openings = [*DEFINED_OPENING.finditer(text), *DEFINED_INLINE.finditer(text)]
    if not from_captions(text):
        openings += DEFINED_AS_KIND.finditer(text)
    for opening in openings:
        term = opening.group("term")
        if defines_term(term.split(), terms):
            targets.append(
                Target(opening.start("term"), opening.end("term"), CALLED_WORTH, named=True)
            )
    for event in DEFINED_BY_EVENT.finditer(text):
        words = event.group("term").split()
        if len(words) > 1 and not is_content_word(words[0], terms.stopwords):
            words = words[1:]
        if defines_term(words, terms):
            start = event.end("term") - len(" ".join(words))
            targets.append(Target(start, event.end("term"), CALLED_WORTH, named=True))
    return targets


def defines_term(words: list[str], terms: KeyTerms) -> bool:
    """The words a definition explains name a thing worth asking for (not 'it' or 'the
    thing', not a function word first)."""
    return bool(
        words
        and usable_term(" ".join(words))
        and names_something(words)
        and is_content_word(words[0], terms.stopwords)
    )


def focus_targets(text: str) -> list[Target]:
    """The short noun phrase a specificational sentence ends on ('the big advantage is
    {{c1::maintenance}}'); a clause there ('the reason is that...') is no single thing."""
    targets = []
    for form in FOCUS_FORM.finditer(text):
        tagged = tag_text(form.group("focus"))
        tokens = [token for token, _ in tagged]
        if (
            (form.group("modifiers") or form.group("qualifier"))
            and 0 < len(tagged) <= FOCUS_WORDS
            and tagged[-1][1].startswith("NN")
            and all(tag[:2] in ("NN", "JJ", "DT", "CD", "CC") for _, tag in tagged)
            and names_something(tokens)
        ):
            targets.append(Target(form.start("focus"), form.end("focus"), FOCUS_WORTH))
    return targets


def result_targets(text: str) -> list[Target]:
    """What happens under a condition: 'if you go from ten shards to eleven, almost every key
    {{c1::moves to a different shard}}': the verb phrase of the clause after the if-clause,
    when that clause has a subject, a verb of its own and a noun after it, in at most
    MAX_CLOZE_WORDS words."""
    targets = []
    for premise in PREMISE.finditer(text):
        result = text[premise.end() : premise.end() + 200]
        result = result[: CLAUSE_END_IN_RESULT.search(result + ".").start()]
        tagged = tag_text(result)
        if not tagged or tagged[0][1] not in SUBJECT_TAGS or tagged[0][0] == "I":
            continue  # the if-clause goes on ('..., or...', '..., like...'), or a plan ('I want')
        verb = next(
            (
                at
                for at, (token, tag) in enumerate(tagged)
                if at > 0 and tag.startswith("VB") and token.lower() not in AUXILIARY_WORDS
            ),
            None,
        )
        if verb is None or len(tagged) - verb > MAX_CLOZE_WORDS:
            continue
        if tagged[-1][0].lower() in NOT_A_TERM_END | VAGUE_HEADS:
            continue  # 'you have to {{understand that one}}' says nothing alone
        if not any(tag.startswith("NN") or tag == "CD" for _, tag in tagged[verb + 1 :]):
            continue  # 'the database {{gets faster}}': a guess, not a fact to recall
        start = premise.end() + result.find(tagged[verb][0])
        end = premise.end() + len(result.rstrip())
        targets.append(Target(start, end, RESULT_WORTH, result=True))
    return targets


def part_of_name(text: str, position: int) -> bool:
    """A number right after a capitalised word that does not open the sentence is part of a
    name ('GPT 4', 'Windows 11')."""
    before = re.search(r"(?:^|([.!?:]\s+)|\s)([A-Z][\w-]*)\s+$", text[:position])
    return bool(before) and before.start(2) > 0 and not before.group(1)


def verb_at_an_end(words: list[str], passage: Passage) -> bool:
    """The words' first or last one is tagged a verb where they stand in the passage: a
    collocation running into a verb ('lava comes') or out of one ('using PyTorch'); a
    participle in front is an adjective ('fermented food')."""
    size = len(words)
    for sentence in passage.sentences:
        lowered = [token.lower() for token in sentence.tokens]
        for start in range(len(lowered) - size + 1):
            if lowered[start : start + size] == words and (
                (is_verb(sentence.tags[start]) and sentence.tags[start] != "VBN")
                or is_verb(sentence.tags[start + size - 1])
            ):
                return True
    return False


def phrase_targets(text: str, passage: Passage, terms: KeyTerms) -> list[Target]:
    """Whole noun phrases of the passage (chunked by the RegexpParser rule) that name something: their
    head is a specific noun, they occur once in the card text (a repeated one gives itself
    away) and they are not half of a longer phrase."""
    top = max(terms.weights.values(), default=1.0)
    targets = []
    for term, (start, end) in single_mentions(text, passage.terms).items():
        term, end = completed_term(text, term, end, terms) or (term, end)
        if usable_term(term) and names_something(term.split()):
            worth = terms.weights[term] / top + COMPOUND_WORTH * (min(len(term.split()), 3) - 1)
            if verb_at_an_end(term.split(), passage):
                worth *= VERB_END_SHARE  # 'lava comes', 'using PyTorch'
            if main_subject(term, terms):
                worth *= MAIN_SUBJECT_SHARE
            targets.append(Target(start, end, worth))
    for sentence in passage.sentences:
        verb = next(
            (n for n, tag in enumerate(sentence.tags) if is_verb(tag)),
            len(sentence.tags),
        )
        for chunk_start, high in sentence.chunks:
            low = term_start(sentence.tokens, sentence.tags, chunk_start, high, terms.stopwords)
            tokens, tags = sentence.tokens[low:high], sentence.tags[low:high]
            if not tokens or len(tokens) > MAX_CLOZE_WORDS or not names_something(tokens):
                continue
            if terms.names.issuperset(token.lower() for token in tokens):
                continue  # a speaker ('and {{c1::Anneliese}} will correct me...')
            key = " ".join(tokens).lower()
            if "NNS" in tags[:-1] and key not in terms.weights:
                continue  # a plural inside a compound is mostly a verb the tagger missed
            modifiers = sentence.tokens[chunk_start:low] + tokens[:1]
            if rates_instead_of_naming(modifiers, tokens, key, terms):
                continue
            found = list(phrase_pattern(tuple(tokens)).finditer(text))
            if len(found) != 1 or completed_term(text, key, found[0].end(), terms):
                continue
            named = any(is_name(token, low + position) for position, token in enumerate(tokens))
            nouns = sum(tag.startswith("NN") for tag in tags)
            worth = (
                term_weight(key, terms) / top
                + COMPOUND_WORTH * (min(nouns, 3) - 1)
                + NAME_WORTH * named
                + PREDICATE_WORTH * (low > verb)
            )
            if main_subject(key, terms):
                worth *= MAIN_SUBJECT_SHARE
            targets.append(Target(found[0].start(), found[0].end(), min(worth, MAX_PHRASE_WORTH)))
    return targets


NEXT_WORD = re.compile(r"\s+([\w-]+)")


def completed_term(text: str, phrase: str, end: int, terms: KeyTerms) -> tuple[str, int] | None:
    """The key term the phrase begins, when the word after it (at `end`) completes one, and
    where that word ends: 'teenagers' body clocks' hides 'body clocks', never 'body' (the
    tagger may take 'clocks' for a verb; the talk says 'body clock' often enough)."""
    following = NEXT_WORD.match(text, end)
    if not following:
        return None
    word = following.group(1).lower()
    for longer in (f"{phrase} {word}", f"{phrase} {word.removesuffix('s')}"):
        if longer in terms.phrases:  # a noun phrase, not 'lava comes'
            return longer, following.end()
    return None


def main_subject(term: str, terms: KeyTerms) -> bool:
    """One of the terms the talk says most, singular or plural ('objectives' in a talk about
    an AI's objective), in a talk with enough key terms for 'most' to single out its subject
    (in a short clip every term is among the most said)."""
    if len(terms.weights) < SUBJECT_TERMS:
        return False
    return term.removesuffix("s") in {subject.removesuffix("s") for subject in terms.frequent}


def single_mentions(text: str, found_terms: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Where each key term the text says once stands, unless that is inside a longer one
    ('acid bacteria' in 'lactic acid bacteria')."""
    spans = {}
    for term in found_terms:
        found = list(phrase_pattern(tuple(term.split())).finditer(text))
        if len(found) == 1:
            spans[term] = found[0].span()
    return {
        term: (start, end)
        for term, (start, end) in spans.items()
        if not any(
            low <= start and end <= high and (low, high) != (start, end)
            for low, high in spans.values()
        )
    }


def rates_instead_of_naming(
    modifiers: list[str], tokens: list[str], key: str, terms: KeyTerms
) -> bool:
    """'a big chunk', 'a tremendous impact', 'the right companies': a noun that a rating, a
    size or a pick ('right', 'new', 'different') qualifies is a comment on the subject, not a
    name to recall ('real San Francisco sourdough' still names a thing; 'big data' is a term)."""
    loose = RATING_OR_SIZE | LOOSE_MODIFIERS
    return (
        any(word.lower() in loose for word in modifiers)
        and key not in terms.weights
        and not any(token[:1].isupper() for token in tokens if token.lower() not in loose)
    )


def names_something(tokens: list[str]) -> bool:
    """The phrase's head can be asked for: not a vague noun ('thing', 'way'), a label ('the
    {{c1::name}} is a mistranslation'), a pronoun or an adverb the tagger took for a noun
    ('pretty much')."""
    head = tokens[-1].lower()
    return (
        head not in VAGUE_NOUNS
        and head not in LABEL_NOUNS
        and head not in NOT_A_TERM
        and not (len(tokens) == 1 and head in FRAMING_SUBJECTS)  # 'the {{c1::difference}} is'
        and head[:1].isalnum()
    )


def term_weight(phrase: str, terms: KeyTerms) -> float:
    """The phrase's key-term weight, or a share of the heaviest key term inside it."""
    if phrase in terms.weights:
        return terms.weights[phrase]
    padded = f" {phrase} "
    inside = [weight for term, weight in terms.weights.items() if f" {term} " in padded]
    return PARTIAL_TERM_SHARE * max(inside, default=0.0)
