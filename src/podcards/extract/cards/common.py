"""What every card form shares: the draft a form returns, and card text made readable alone.

A card's text is the passage cleaned of disfluencies, a leading pronoun preceded by the topic it
points back to; a term is asked for only when it names something (not a pronoun or a vague noun).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from podcards.cloze import deletions
from podcards.extract import detectors
from podcards.extract.lint import MAX_ANSWER_WORDS
from podcards.extract.ranking import Passage
from podcards.models import CardContent, CardKind, NoteType
from podcards.nlp import (
    LOOSE_MODIFIERS,
    NUMBER_WORDS,
    RATING_WORDS,
    VAGUE_NOUNS,
    clean_disfluencies,
    is_verb,
    opens_with_dummy_it,
    tag_text,
)

MAX_TERM_WORDS = 6
ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
DEMONSTRATIVES = frozenset(["this", "that", "these", "those"])
NOT_A_TERM = frozenset(
    [
        "it",
        "this",
        "that",
        "these",
        "those",
        "they",
        "there",
        "here",
        "what",
        "which",
        "who",
        "how",
        "why",
        "when",
        "where",
        "whenever",
        "wherever",
        "whatever",
        "whoever",
        "however",
        "much",
        "i",
        "you",
        "we",
        "he",
        "she",
        "one",
        "everything",
        "something",
        "anything",
        "nothing",
        "all",
        "some",
        "each",
        "both",
        "another",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "own",  # 'its own code': what one thing has, not a term
        "because",
        "since",
        "if",
        "when",
        "while",
        "whether",
        "although",
        "though",
        "so",
        "and",
        "but",
        "or",
    ]
)
PREPOSITIONS = frozenset(["of", "to", "for", "with", "by", "from", "at", "than", "into", "about"])
"""Words no term opens with: 'of some special local soil is a myth' is the tail of a clause
cut at 'because', not a thing to define."""
NOT_A_TERM_START = NOT_A_TERM | PREPOSITIONS
QUANTITY_OPENING = re.compile(rf"^(?:\d[\d.,]*|{detectors.NUMBER_WORDS})$")
NOT_A_TERM_END = frozenset(
    ["the", "a", "an", "of", "to", "in", "on", "for", "with", "and", "or", "that", "this", "it",
     "them", "these", "those", "which", "who", "whom", "whose"]
)  # fmt: skip
"""Words a term cannot end with: 'the technical term for that' points, it names nothing;
'basalt which is the dark rock' (captions, no commas) opens a relative clause."""
CHANGE = re.compile(rf"{detectors.COMPARATIVES}$")
"""A term that is a change ('colder means stickier', 'more sugar means...') relates two
changes; it names nothing to define."""
VAGUE_HEADS = frozenset(["one", "ones", "thing", "things", "stuff", "bit", "part", "way", "guy"])
"""The vague nouns that never head a defined term ('the famous one'); others can ('a leap
year'), so this is not all of VAGUE_NOUNS."""
ROLE_NOUNS = frozenset(["part", "piece", "kind", "type", "sort", "layer", "stage", "step", "phase"])
"""'The part of the compiler that...': a role in a whole, which only the words after it fill
in; as a definition's answer alone it says nothing."""
PICKING_WORDS = LOOSE_MODIFIERS | frozenset(
    ["key", "first", "last", "biggest", "real", "only", "core", "central", "big"]
)
"""'The main thing', 'the key mechanism', 'the first step': which part of something unnamed."""
ORDINALS = frozenset(["first", "second", "third", "fourth", "fifth", "last"])
RATING_OR_SIZE = RATING_WORDS | frozenset(["big", "real", "major", "serious", "tiny"])
"""Words that rate a thing or size it up ('a big problem', 'a big chunk'): what follows is a
comment, not a name, though a key term may start with one ('big data')."""
UNIT = re.compile(detectors.UNITS)
"""A unit alone names no thing to define ('forty percent, which is a lot better than...')."""
SPELLING_OUT = re.compile(r", (?:meaning|which means|i\.e\.|in other words) ")
CLAUSE_WORDS = (
    r"(?:when|where|while|which|who|that|the|a|an|if|so|but|because|as|since|until|after|"
    r"before|then|it|they|you|we|i|he|she|this|these|those|is|are|was|were)"
)
"""Words that start a clause, not the next item of a list."""
CLAUSE_WORD_SET = frozenset(CLAUSE_WORDS.strip("(?:)").split("|"))
DANGLING_RELATIVE = re.compile(r"\b(?:that|which|who|whose)$", re.IGNORECASE)
CLAUSE_END = re.compile(
    r"(?!, (?:(?!" + CLAUSE_WORDS + r"\b)[\w-]+ ){1,3}(?:and|or) )"  # a list: 'gas, ash and rock'
    r"(?:[,;:]| because | which | so | but | and then | whereas )"
)
QUALIFIER = re.compile(r"(?:,? (?:but|except|unless|only if)| (?:without|not)) ")
"""Cut there, the answer would say something else ('reads data another transaction has
written' without 'but hasn't committed yet'; 'the DOM' without ', but only what is drawn')."""
CLAUSE_ASIDE = re.compile(r", (?:or|and) (?:[\w'-]+ ){0,4}[\w'-]+, (?=[a-z])")
"""', or most of it, ': an aside inside a clause, which goes on after it ('would cut the
power, or most of it, to the house')."""
NARROWING_CLAUSE = r"(?:meaning|which means|that|which|who|where|whose)\b"
"""What opens the clause that says which one of its kind a defined term is ('a balanced
tree, meaning...', 'a small circle of DNA that...')."""
POINTING_OPENER = re.compile(
    r"^(?:that's|that is|this is|which is|and that's|so that's) (?:why|how)\b,?\s*",
    re.IGNORECASE,
)
LEADING_BECAUSE = re.compile(r"^because,?\s+(?!of\b)", re.IGNORECASE)
CONDITION_AFTER_BECAUSE = re.compile(r"(?:when|whenever|if|once|after|before|as soon as)\b")
REASON_GOES_ON = re.compile(
    r"(?:which|who|where|say|so|and|but|or|like|because|whether|for example|you know)\b",
    re.IGNORECASE,
)
LEADING_POINTER = re.compile(
    r"^(?P<pointer>it|this|that|they|(?:these|those)(?= (?:are|were|have|had|can|could|will|would|do|did|all|both)\b))\b"
    r"|^the (?:(?:main|big|whole|basic|key) )?(?:idea|trick|way it works),? (?:is|was)\b",
    re.IGNORECASE,
)
"""A card opening that leans on the topic said before: a pronoun, or how the thing just named
works ('The idea is, before the database changes a page...'; a reason or an advantage that
follows is often about something else)."""
VAGUE_IT = re.compile(
    r"^it (?:looks|feels|sounds)\b|^it's (?:like|kind of|sort of)\b", re.IGNORECASE
)
"""'It's like...', 'it feels...': a loose 'it' that naming a topic would not make clearer."""
ASIDE = r"(?: (?:honestly|basically|really|actually|frankly|again),)?"
PRONOUN_WITH_COPULA = r"(?:it|that|they)(?:'s|'re| is| was| are| were)"
COPULA_RESTARTED = re.compile(
    rf"\b(?P<copula>is|was|are|were),{ASIDE} {PRONOUN_WITH_COPULA} ", re.IGNORECASE
)
"""'Dead reckoning is, honestly, it's guessing...': the copula said again with a pronoun."""
PREDICATE_RESTARTED = re.compile(
    rf"\b(?:is|was),{ASIDE} (?:it|they) (?!(?:is|was|are|were|has|had|does|did)\b)",
    re.IGNORECASE,
)
"""'The one everyone paints, is, it used to be called...': the copula given up for a verb."""
ADVERB_RESTARTED = re.compile(
    rf"\b(?P<adverb>just|really|basically|actually|literally|simply), "
    rf"(?:(?P<copular>{PRONOUN_WITH_COPULA})|(?:it|they|he|she|we)) (?=\w)",
    re.IGNORECASE,
)
"""'The council just, it starts...', 'the gap is just, it's absurd': after the adverb, the
speaker named the subject again."""
ENDS_IN_COPULA = re.compile(r"(?:\b(?:is|was|are|were)|'s|'re)\s*$", re.IGNORECASE)
SUMMING_UP = re.compile(
    r"^(?:the short version is|long story short|the bottom line is|in a nutshell),?\s+",
    re.IGNORECASE,
)
"""'The short version is, ...' announces the claim without being part of it."""
FRAMING_SUBJECTS = frozenset(
    ["problem", "issue", "thing", "point", "reason", "idea", "question", "answer", "truth",
     "fact", "catch", "trick", "key", "rule", "result", "risk", "worry", "concern", "hope",
     "plan", "goal", "difference", "upside", "downside", "advantage", "benefit", "drawback",
     "bottom", "news", "version", "takeaway", "lesson", "irony", "beauty", "part", "story",
     "deal", "bet", "guess", "sense", "feeling", "theory", "argument", "claim", "message",
     "secret", "danger", "challenge", "assumption", "belief", "myth", "notion"]
)  # fmt: skip
"""Subjects that frame the clause after them ('the problem is, it's too cold'): its 'it' is
another thing, so the comma and the pronoun stay."""
PSEUDO_CLEFT = re.compile(r"^(?:what|how|why|where|all (?:i|we|you|they))\b", re.IGNORECASE)
QUESTION_WORDS = frozenset(["what", "how", "why", "where", "when", "whatever", "however"])
"""Not 'which' or 'who': 'slack water, which is, it's basically...' is a restart."""
FRAME_REACH = 4


@dataclass(frozen=True)
class CardDraft:
    kind: CardKind
    content: CardContent
    quality: float = 1.0
    """0..1: how good a card this form makes (a Q/A or a cloze on a specific term: 1; a cloze
    on a weak word or none: low); the best-scoring cloze target wins."""
    answer: str = ""
    """What the card asks for: the hidden text of a cloze, the back of a Q/A."""

    @property
    def asks_something(self) -> bool:
        """A question, or a cloze with something hidden, however weak: else the reviewer has
        to write the card."""
        content = self.content
        return content.note_type is NoteType.BASIC or bool(deletions(content.front))


def readable_sentences(passage: Passage) -> list[str]:
    """The passage's sentences cleaned for a card. A piece that did not open with a capital
    after an unended one was cut from a longer sentence (a run-on cut at ', and then...', or
    captions without punctuation): it keeps its linking words and its lower case, so the two
    read as the one sentence they were, not 'of the CPI there's a formula difference'."""
    readable: list[str] = []
    for position, sentence in enumerate(passage.sentences):
        before = passage.sentences[position - 1].text.rstrip() if position else ""
        continues = bool(before) and before[-1:] not in ".!?"
        if continues and not sentence.text.lstrip()[:1].isupper():
            readable.append(without_restarts(clean_disfluencies(sentence.text, continues=True)))
        else:
            readable.append(without_restarts(clean_disfluencies(sentence.text)))
    return readable


MAX_REPLY_WORDS = 4


def without_leading_reply(sentences: list[str]) -> list[str]:
    """A passage that opens with a short answer to a question ('For decades, yeah.', 'Oh,
    absolutely.') states its fact in the sentence after: a card leaves the reply out (an
    empty string in its place keeps the sentences in step with the passage's)."""
    first = sentences[0] if sentences else ""
    words = first.split()
    if len(sentences) < 2 or not words or len(words) > MAX_REPLY_WORDS:
        return sentences
    if any(is_verb(tag) for _, tag in tag_text(first)):
        return sentences
    return ["", *sentences[1:]]


def without_restarts(text: str) -> str:
    """The text with each clause said once where the speaker began it twice: 'X is, that's a
    myth' -> 'X is a myth', 'the council just, it starts' -> 'the council just starts'; and
    without an opening 'The short version is,'. Cleaning leaves the comma of a restart (dropping
    only the 'um' in it); a card reads better without the first try. Not after a subject that
    frames what follows ('the problem is, it's too cold'), where the pronoun is another thing.
    ('It's, the mix is similar...' keeps its 'It's,': without it, the card would no longer take
    in the sentence before, which says what is similar.)"""
    text = COPULA_RESTARTED.sub(lambda found: said_once(found, found["copula"] + " "), text)
    text = PREDICATE_RESTARTED.sub(lambda found: said_once(found, ""), text)
    text = ADVERB_RESTARTED.sub(adverb_said_once, text)
    opening = SUMMING_UP.match(text) if text[:1].isupper() else None
    text = capitalise(text[opening.end() :]) if opening else text
    return without_announcement(text)


ANNOUNCED_CLAIM = re.compile(r"^(?P<frame>[^.?!]{0,120}?),? which is that\s+(?=\w)", re.IGNORECASE)
"""'I'd add one thing, which is the thing that really matters, which is that <claim>'."""


def without_announcement(text: str) -> str:
    """The claim alone when the sentence opens by announcing it ('I'd add one thing that
    matters, which is that...'): a clause about a FRAMING_SUBJECTS noun says nothing itself.
    After a bare noun phrase ('The big lesson, which is that X, took years') the sentence
    goes on past the claim, and stays whole."""
    announced = ANNOUNCED_CLAIM.match(text)
    if not announced:
        return text
    frame = announced["frame"]
    framing = FRAMING_SUBJECTS.intersection(re.findall(r"[a-z]+", frame.lower()))
    first_clause = frame.split(",")[0]
    if not framing or not any(is_verb(tag) for _, tag in tag_text(first_clause)):
        return text
    return capitalise(text[announced.end() :])


def said_once(found: re.Match[str], replacement: str) -> str:
    """The restart replaced, unless the subject before it frames what follows."""
    return found.group(0) if frames_what_follows(found.string, found.start()) else replacement


def adverb_said_once(found: re.Match[str]) -> str:
    """'just, it starts' -> 'just starts' after a subject, 'is just, it's absurd' -> 'is just
    absurd' after a copula; 'is just, it starts' is two clauses and stays."""
    after_copula = bool(ENDS_IN_COPULA.search(found.string, 0, found.start()))
    if after_copula != bool(found["copular"]):
        return found.group(0)
    return said_once(found, found["adverb"] + " ")


def frames_what_follows(text: str, position: int) -> bool:
    """The sentence before `position` opens with a framing subject ('The thing about basalt',
    not 'The claim that...', whose 'that' makes it the thing itself) or a pseudo-cleft ('What's
    interesting', 'All I know'), or its last words are a question word's clause ('if you think
    of what emotions are, it's like...'): the clause after the comma is another one."""
    sentence = re.split(r"(?<=[.!?])\s+", text[:position])[-1]
    if PSEUDO_CLEFT.match(sentence):
        return True
    words = [word.strip(",;:").lower() for word in sentence.split()]
    return any(word in QUESTION_WORDS for word in words[-FRAME_REACH:]) or any(
        word in FRAMING_SUBJECTS and words[at + 1 : at + 2] != ["that"]
        for at, word in enumerate(words[:FRAME_REACH])
    )


def resolve_pointer(text: str, topic: str | None) -> str:
    """'It is slow...' -> 'Diffusion models: it is slow...': name the topic a bare pronoun
    points back to, in front of the sentence rather than in its place. 'This' and 'that'
    mostly point back to a whole statement, and 'it' is often an empty subject ('it's hard
    to say why...'): no topic names those."""
    if not topic or not needs_topic(text, topic):
        return text
    return f"{capitalise(topic)}: {text[:1].lower()}{text[1:]}"


def without_pointing_opener(text: str) -> str:
    """'That's why rye bread has always been sourdough' -> 'Rye bread has always been
    sourdough': the claim stands alone once its pointer to the cause said before is gone."""
    opener = POINTING_OPENER.match(text) or needless_because(text)
    return capitalise(text[opener.end() :]) if opener and opener.end() < len(text) else text


def needless_because(text: str) -> re.Match[str] | None:
    """A leading 'Because' the claim holds without: before a clause with its own condition
    ('Because when magma rises, the ground bulges'), or on a reason given as an answer, with
    no main clause after it ('Because the crew is the same whatever the ship carries.';
    after its first comma only a relative clause, an aside or a connective). 'Because X, Y'
    gives Y's reason and keeps it."""
    because = LEADING_BECAUSE.match(text)
    if not because or CONDITION_AFTER_BECAUSE.match(text, because.end()):
        return because
    comma = text.find(", ")
    return because if comma == -1 or REASON_GOES_ON.match(text, comma + 2) else None


def needs_topic(text: str, topic: str) -> bool:
    """A pronoun opening the text that the topic can stand for: not 'this' or 'that', nor an
    empty 'it'; and 'they' only for a plural topic ('Orkney: they had...' means the people
    there, 'Air: they use...' the engineers)."""
    pointer = LEADING_POINTER.match(text)
    word = (pointer.group("pointer") or "").lower() if pointer else ""
    if not topic or not pointer or word in ("this", "that"):
        return False
    if word == "they" and not names_several(topic):
        return False
    return not (VAGUE_IT.match(text) or opens_with_dummy_it(text))


def names_several(topic: str) -> bool:
    """The topic is plural: its last word is a plural noun ('stool samples', 'B-trees')."""
    tags = [tag for _, tag in tag_text(topic)]
    return bool(tags) and tags[-1] in ("NNS", "NNPS")


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def basic(kind: CardKind, question: str, answer: str, whole: bool = False) -> CardDraft | None:
    """A Q/A card, or None when the answer is not one short fact. A `whole` answer is kept
    as it is, commas and all (an acronym's expansion: 'atomicity, consistency, ...')."""
    answer = capitalise(answer) if whole else short_answer(answer)
    if answer is None:
        return None
    question = " ".join(question.split())
    return CardDraft(
        kind,
        CardContent(note_type=NoteType.BASIC, front=capitalise(question), back=answer),
        answer=answer,
    )


def short_answer(text: str) -> str | None:
    """The answer up to its first clause break, when that is at most a dozen words; a
    'meaning...' that spells the answer out stays when it fits ('A balanced tree, meaning
    every leaf is the same distance from the root')."""
    cut = clause_end(text)
    if cut and SPELLING_OUT.match(text, cut.start()):
        further = clause_end(text, cut.end())
        spelled = text[: further.start()] if further else text
        if len(spelled.split()) <= MAX_ANSWER_WORDS:
            cut = further
    if cut and QUALIFIER.match(text, cut.start()):
        return None
    aside = cut and CLAUSE_ASIDE.match(text, cut.start())
    if aside:
        cut = clause_end(text, aside.end())
    if cut and DANGLING_RELATIVE.search(text, 0, cut.start()):
        cut = clause_end(text, cut.end())  # past the aside: 'organisms that, when..., give'
        cut = cut and clause_end(text, cut.end())
    answer = (text[: cut.start()] if cut else text).strip(" .!?;:,")
    words = answer.split()
    if not words or len(words) > MAX_ANSWER_WORDS or answer.lower() in detectors.ARTICLES:
        return None
    return capitalise(answer)


def clause_end(text: str, start: int = 0) -> re.Match[str] | None:
    """Where the clause from `start` ends (CLAUSE_END), read past what only looks like an end
    inside a noun phrase: a comma between its adjectives ('a small, fast store') and a 'which'
    after a preposition, which opens a clause that says which one ('the span during which a
    reference is valid')."""
    cut = CLAUSE_END.search(text, start)
    while cut and (
        between_adjectives(text, cut) or PREPOSITION_BEFORE.search(text, 0, cut.start())
    ):
        cut = CLAUSE_END.search(text, cut.end())
    return cut


ADJECTIVE_TAGS = frozenset(["JJ", "JJR", "JJS"])
PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|on|at|by|for|from|with|during|through|under|over|into|to|of)$", re.IGNORECASE
)


def between_adjectives(text: str, cut: re.Match[str]) -> bool:
    """A comma right after the answer's first adjective, before another word of the same noun
    phrase ('a small, fast store', 'the oldest, simplest kind')."""
    before = text[: cut.start()].split()
    after = text[cut.end() :].split()
    if cut.group() != "," or len(before) > 3 or not after or after[0].lower() in CLAUSE_WORD_SET:
        return False
    tags = [tag for _, tag in tag_text(" ".join([*before, ",", *after[:2]]))]
    adjective = tags[len(before) - 1] in ADJECTIVE_TAGS
    then_noun = tags[len(before) + 1 :][:2]  # 'a compact, probabilistic set': a tagger's NN
    return adjective or (then_noun[:1] == ["JJ"] and then_noun[-1].startswith("NN"))


def usable_term(term: str) -> str | None:
    """The term (article lowercased), if it names something: not a pronoun or a vague noun."""
    term = term.strip()
    article = ARTICLE.match(term)
    if article:
        term = article.group(0).lower() + term[article.end() :]
    words = term[article.end() :].lower().split() if article else term.lower().split()
    if not words or len(words) > MAX_TERM_WORDS or words[0] in NOT_A_TERM_START:
        return None
    the = bool(article) and article.group(0).strip().lower() == "the"
    if the and words[0] in PICKING_WORDS:
        return None  # 'the key mechanism is the WAL': a role in an unnamed whole, not a term
    if words[0] in FRAMING_SUBJECTS and len(words) == 1:
        return None  # 'the difference is when it runs': frames what follows, names nothing
    if the and words[0] in VAGUE_NOUNS and len(words) >= 3:
        return None  # 'the number people usually cite': a clause about it, no term
    if QUANTITY_OPENING.match(words[0]):  # 'a thousand steps is...' states a number, not a term
        return None
    if CHANGE.match(words[0]) and (len(words) == 1 or words[0] in ("more", "less", "fewer")):
        return None
    head = words[-1]
    if head in NOT_A_TERM_END or head in VAGUE_HEADS or is_count(head):
        return None  # 'the famous one', 'number two': a pointer or a count, not a name
    if words == [head] and UNIT.fullmatch(head):
        return None
    if all(word in VAGUE_NOUNS or word in NOT_A_TERM for word in words):
        return None
    return term


def starts_sentence(text: str, position: int) -> bool:
    """Nothing but space before `position`, or the end of a sentence."""
    before = text[:position].rstrip()
    return not before or before[-1] in ".!?"


@lru_cache(maxsize=1024)
def states_something(text: str) -> bool:
    """Has a verb: a clause without one ('and over the next ten years') is the tail of the one
    before it, and an answer without one ('Without a lid') the phrase a reason opens with."""
    return any(is_verb(tag) and not is_count(token.lower()) for token, tag in tag_text(text))


def is_count(word: str) -> bool:
    """A number or an ordinal: 'number two', 'step 3', 'the first'."""
    return word.isdigit() or word in NUMBER_WORDS or word in ORDINALS


def proper_nouns(passage: Passage) -> frozenset[str]:
    """Words the tagger reads as names in this passage (lowercased)."""
    return frozenset(
        token.lower()
        for sentence in passage.sentences
        for token, tag in zip(sentence.tokens, sentence.tags, strict=True)
        if tag.startswith("NNP")
    )


def sentence_case(term: str, proper: frozenset[str]) -> str:
    """'Sampling' -> 'sampling': a common word is capitalised only for opening the sentence;
    names ('Python') and acronyms keep their capitals."""
    first, _, rest = term.partition(" ")
    if first[:1].isupper() and first[1:].islower() and first.lower() not in proper:
        first = first.lower()
    return f"{first} {rest}" if rest else first


def is_name(token: str, position: int) -> bool:
    """Capitalised past a sentence's first word, an acronym, CamelCase or holding a digit."""
    return any(character.isupper() or character.isdigit() for character in token[1:]) or (
        position > 0 and token[:1].isupper()
    )


@lru_cache(maxsize=512)
def phrase_pattern(tokens: tuple[str, ...]) -> re.Pattern[str]:
    """The tokens as written in text, with or without space between them ('Moon 's'); kept
    for a talk's cards, not a whole batch's."""
    body = r"\s*".join(re.escape(token) for token in tokens)
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)
