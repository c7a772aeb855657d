"""Turn a chosen passage into one card that makes sense alone.

Definitions become "What is X?", contrasts a question about the contrast, numbers a cloze on
the number, other claims a cloze on their key term. Card text is cleaned of disfluencies and a
leading pronoun is replaced by the topic it points back to; the quote is never touched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from podcards.extract import detectors
from podcards.extract.ranking import Passage
from podcards.models import CardContent, CardKind, NoteType
from podcards.nlp import (
    VAGUE_NOUNS,
    KeyTerms,
    candidate_terms,
    clean_disfluencies,
    is_content_word,
)

MAX_ANSWER_WORDS = 12
MAX_CLOZE_WORDS = 6
MAX_TERM_WORDS = 6

ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
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
NOT_A_TERM_END = frozenset(["the", "a", "an", "of", "to", "in", "on", "for", "with", "and", "or"])
QUALIFIERS = r"(?:basically |essentially |simply |just |really |actually |also |kind of |sort of )?"
TERM = r"(?P<term>[A-Za-z][\w.+#/-]*(?: [\w.+#/-]+){0,4}?)"
DEFINITION_FORMS = [
    (
        re.compile(
            rf"^{TERM} (?:is|are) {QUALIFIERS}(?P<answer>(?:a|an|the|when|where|how|about)\b.+)$",
            re.IGNORECASE,
        ),
        "What is {term}?",
    ),
    (
        re.compile(rf"^{TERM} means {QUALIFIERS}(?:that )?(?P<answer>.+)$", re.IGNORECASE),
        "What does {term} mean?",
    ),
    (
        re.compile(rf"^{TERM} (?:refers|is referring) to (?P<answer>.+)$", re.IGNORECASE),
        "What does {term} refer to?",
    ),
    (
        re.compile(rf"^{TERM} stands for (?P<answer>.+)$", re.IGNORECASE),
        "What does {term} stand for?",
    ),
    (
        re.compile(rf"^{TERM} (?:is|are) defined as (?P<answer>.+)$", re.IGNORECASE),
        "How is {term} defined?",
    ),
    (
        re.compile(
            r"^the (?P<term>(?:core |basic |main |key |whole |central )?idea (?:of|behind) [\w .+#/-]{2,40}?) is (?:that )?(?P<answer>.+)$",
            re.IGNORECASE,
        ),
        "What is {term}?",
    ),
]
DOWNSIDE_FORM = re.compile(
    r"\bthe (?P<aspect>(?:main |big |biggest |only |one )?(?:downside|upside|drawback|caveat|pitfall|advantage|disadvantage|benefit|limitation|weakness|strength|problem)) "
    r"(?:of|with) (?P<subject>[\w .+#/-]{2,40}?) (?:is|are) (?:that )?(?P<answer>.+)$",
    re.IGNORECASE,
)
COMPARATIVE_FORM = re.compile(
    rf"(?:^|, |\b(?:that|and|but|so) ){TERM} (?P<verb>is|are|was|were|can be|gets?|will be|\w+s) "
    r"(?:much |a lot |way |far |a bit |slightly |generally |usually |often |still )?"
    r"(?P<comparative>(?:more|less) \w+|\w+er) than (?P<other>[\w .+#/-]{2,40}?)(?=[,.;!?]|$| because| and| but| so)",
    re.IGNORECASE,
)
CALLED_FORM = re.compile(
    r"\b(?:called|known as|named|termed|dubbed) (?P<term>[\w.+#/-]+(?: [\w.+#/-]+){0,4}?)(?=[,.;!?]|$| and| or| which| that| because)",
    re.IGNORECASE,
)
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,7}s?\b")
NUMBER_PHRASE = re.compile(
    detectors.NUMBER
    + r"(?:\s*(?:-\s*)?"
    + detectors.UNITS
    + r")(?: (?:of|per) \w+)?|\b(?:19|20)\d\d(?:s)?\b|\b\$?\d+(?:[.,]\d+)*%?",
    re.IGNORECASE,
)
CLAUSE_END = re.compile(r"[,;:]| because | which | so | but | and then | whereas ")
LEADING_POINTER = re.compile(r"^(?P<pointer>it|this|that|they|these|those)\b", re.IGNORECASE)
EMPTY_SUBJECT = re.compile(
    r"^it(?:'s| is| was| would be| will be)(?: not)?(?: \w+){0,2} (?:that|to|how|why|because|when|if|whether)\b"
    r"|^it (?:seems|looks|feels|sounds|turns out|depends)\b|^it's (?:like|kind of|sort of)\b",
    re.IGNORECASE,
)
TRAILING_AUXILIARY = re.compile(
    r"\s+(?:does|do|did|is|are|was|were|can|could|will|would)$", re.IGNORECASE
)
COPULAS = frozenset(["is", "are", "was", "were"])
LINKING_WORDS = frozenset(["of", "and", "the", "for", "in", "on", "to", "a", "an"])


@dataclass(frozen=True)
class CardDraft:
    kind: CardKind
    content: CardContent


def make_card(passage: Passage, terms: KeyTerms, topic: str | None, extra: str) -> CardDraft:
    """The first card form that fits the passage, else a cloze on its key term."""
    cleaned = [clean_disfluencies(sentence.text) for sentence in passage.sentences]
    sentences = [resolve_pointer(cleaned[0], topic), *cleaned[1:]]
    sentences = [sentence for sentence in sentences if sentence]
    text = " ".join(sentences)
    makers: list[Callable[[], CardDraft | None]] = [
        lambda: definition_card(sentences, terms),
        lambda: acronym_card(text),
        lambda: contrast_card(sentences),
        lambda: number_cloze(text, passage, extra),
        lambda: term_cloze(text, passage, terms, extra),
    ]
    for maker in makers:
        draft = maker()
        if draft is not None:
            return draft
    return CardDraft(CardKind.CLAIM, CardContent(note_type=NoteType.CLOZE, front=text, back=extra))


def resolve_pointer(text: str, topic: str | None) -> str:
    """'It is slow...' -> 'Diffusion models: it is slow...': name the topic a bare pronoun
    points back to, in front of the sentence rather than in its place. 'This' and 'that'
    mostly point back to a whole statement, and 'it' is often an empty subject ('it's hard
    to say why...'): no topic names those."""
    pointer = LEADING_POINTER.match(text)
    if not topic or not pointer or pointer.group("pointer").lower() in ("this", "that"):
        return text
    if EMPTY_SUBJECT.match(text):
        return text
    return f"{capitalise(topic)}: {text[:1].lower()}{text[1:]}"


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def basic(kind: CardKind, question: str, answer: str) -> CardDraft | None:
    """A Q/A card, or None when the answer is not one short fact."""
    answer = short_answer(answer)
    if answer is None:
        return None
    question = " ".join(question.split())
    return CardDraft(
        kind, CardContent(note_type=NoteType.BASIC, front=capitalise(question), back=answer)
    )


def short_answer(text: str) -> str | None:
    """The answer up to its first clause break, when that is at most a dozen words."""
    cut = CLAUSE_END.search(text)
    answer = (text[: cut.start()] if cut else text).strip(" .!?;:,")
    words = answer.split()
    if not words or len(words) > MAX_ANSWER_WORDS:
        return None
    return capitalise(answer)


def usable_term(term: str) -> str | None:
    """The term (article lowercased), if it names something: not a pronoun or a vague noun."""
    term = term.strip()
    article = ARTICLE.match(term)
    if article:
        term = article.group(0).lower() + term[article.end() :]
    words = term[article.end() :].lower().split() if article else term.lower().split()
    if not words or len(words) > MAX_TERM_WORDS or words[0] in NOT_A_TERM:
        return None
    if words[-1] in NOT_A_TERM_END:
        return None
    if all(word in VAGUE_NOUNS or word in NOT_A_TERM for word in words):
        return None
    return term


def definition_card(sentences: list[str], terms: KeyTerms) -> CardDraft | None:
    """'X is a Y...' -> 'What is X?', X written as the talk most often writes it (a sentence's
    first word is capitalised only because it comes first)."""
    for sentence in sentences:
        for pattern, question in DEFINITION_FORMS:
            match = pattern.match(sentence)
            term = match and usable_term(match.group("term"))
            if match and term:
                term = terms.display.get(term.lower(), term)
                draft = basic(
                    CardKind.DEFINITION, question.format(term=term), match.group("answer")
                )
                if draft:
                    return draft
    return None


def acronym_card(text: str) -> CardDraft | None:
    """An acronym next to its expansion: 'What does ABC stand for?'."""
    for match in ACRONYM.finditer(text):
        acronym = match.group(0).rstrip("s")
        expansion = expansion_near(text, match.start(), match.end(), acronym)
        if expansion:
            return basic(CardKind.DEFINITION, f"What does {acronym} stand for?", expansion)
    return None


def expansion_near(text: str, start: int, end: int, acronym: str) -> str | None:
    """Words just before or after the acronym whose initials spell it ('of', 'and'... may
    sit between them without a letter of their own)."""
    letters = [letter for letter in acronym.lower() if letter.isalpha()]
    before = re.findall(r"[\w-]+", text[:start])
    after = re.findall(r"[\w-]+", text[end:])
    if after[:1] and after[0].lower() in ("the", "a", "an"):
        after = after[1:]
    for size in range(len(letters), len(letters) + 3):
        for words in (before[-size:], after[:size]):
            initials = [word[0].lower() for word in words if word.lower() not in LINKING_WORDS]
            if len(words) == size and initials == letters and words[0].lower() not in LINKING_WORDS:
                return " ".join(words)
    return None


def contrast_card(sentences: list[str]) -> CardDraft | None:
    """'The downside of X is Y' -> 'What is the downside of X?'; 'X is faster than Y' -> 'Which is faster...'."""
    for sentence in sentences:
        match = DOWNSIDE_FORM.search(sentence)
        subject = match and usable_term(match.group("subject"))
        if match and subject:
            draft = basic(
                CardKind.CLAIM,
                f"What is the {match.group('aspect').lower()} of {subject}?",
                match.group("answer"),
            )
            if draft:
                return draft
        for match in COMPARATIVE_FORM.finditer(sentence):
            term = usable_term(match.group("term"))
            other = usable_term(TRAILING_AUXILIARY.sub("", match.group("other")))
            if term and other and term.lower() != other.lower():
                comparative = match.group("comparative").lower()
                verb = match.group("verb").lower()
                verb = "is" if verb in COPULAS else verb
                return basic(
                    CardKind.CLAIM, f"Which {verb} {comparative}: {term} or {other}?", term
                )
    return None


def cloze(text: str, start: int, end: int, extra: str) -> CardDraft:
    front = f"{text[:start]}{{{{c1::{text[start:end]}}}}}{text[end:]}"
    return CardDraft(CardKind.CLAIM, CardContent(note_type=NoteType.CLOZE, front=front, back=extra))


def number_cloze(text: str, passage: Passage, extra: str) -> CardDraft | None:
    """Hide the quantity the claim turns on (a number with its unit, or a year)."""
    if detectors.QUANTITY not in passage.cues:
        return None
    matches = [
        match
        for match in NUMBER_PHRASE.finditer(text)
        if len(match.group(0).split()) <= MAX_CLOZE_WORDS
    ]
    if not matches:
        return None
    best = max(
        matches,
        key=lambda match: (
            len(match.group(0).split()) > 1
            or not match.group(0)[0].isdigit()
            or len(match.group(0)) >= 4,
            -match.start(),
        ),
    )
    return cloze(text, best.start(), best.end(), extra)


def term_cloze(text: str, passage: Passage, terms: KeyTerms, extra: str) -> CardDraft | None:
    """Hide the passage's most telling term: a named one ('called X'), else the most specific
    of its key terms and noun phrases that occurs once (hiding a term the text repeats would
    give the answer away)."""
    called = CALLED_FORM.search(text)
    if called and usable_term(called.group("term")):
        return cloze(text, called.start("term"), called.end("term"), extra)
    spans = []
    for term in dict.fromkeys(passage.terms + phrases_of(passage, terms)):
        found = list(
            re.finditer(r"(?<![\w-])" + re.escape(term) + r"(?![\w-])", text, re.IGNORECASE)
        )
        if found and len(term.split()) <= MAX_CLOZE_WORDS and usable_term(term):
            worth = specificity(term, text, found[0], terms)
            spans.append((len(found) == 1, worth, -found[0].start(), found[0]))
    if not spans:
        return None
    *_, best = max(spans, key=lambda span: span[:3])
    return cloze(text, best.start(), best.end(), extra)


def specificity(term: str, text: str, found: re.Match[str], terms: KeyTerms) -> float:
    """How much a term names one thing: a heavy episode key term of several content words,
    a name, an acronym or a number ('code' or 'approach' say little; 'training loop' says
    more). A phrase the talk never repeats counts only when it is a name."""
    top = max(terms.weights.values(), default=1.0)
    written = found.group(0)
    named = any(character.isupper() or character.isdigit() for character in written[1:]) or (
        written[:1].isupper()
        and found.start() > 0
        and text[: found.start()].rstrip()[-1:] not in ".!?:"
    )
    weight = terms.weights.get(term.lower(), 0.0)
    if not weight:
        return 0.6 * named
    content = [word for word in term.split() if is_content_word(word, terms.stopwords)]
    return weight / top + 0.5 * (len(content) - 1) + 0.6 * named


def phrases_of(passage: Passage, terms: KeyTerms) -> list[str]:
    """Noun phrases of the passage trimmed of function words, for when no key term fits."""
    return [
        phrase
        for sentence in passage.sentences
        for phrase in candidate_terms(sentence, terms.stopwords)
    ]
