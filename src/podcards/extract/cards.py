"""Turn a chosen passage into one card that makes sense alone.

Definitions become "What is X?", contrasts a question about the contrast, numbers a cloze on
the number, other claims a cloze on their key term. Card text is cleaned of disfluencies and a
leading pronoun is replaced by the topic it points back to; the quote is never touched.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from podcards.extract import detectors
from podcards.extract.ranking import Passage
from podcards.models import CardContent, CardKind, NoteType
from podcards.nlp import (
    VAGUE_NOUNS,
    KeyTerms,
    clean_disfluencies,
    is_content_word,
    leading_filler,
    tag_text,
    word_tokenizer,
)

MAX_ANSWER_WORDS = 12
MAX_CLOZE_WORDS = 6
MAX_TERM_WORDS = 6
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
FIGURE_WORTH = 0.8
DIGIT_WORTH = 0.3
CALLED_WORTH = 1.5
COMPOUND_WORTH = 0.4
NAME_WORTH = 0.6
PREDICATE_WORTH = 0.4
PARTIAL_TERM_SHARE = 0.7
REPEATED_ANSWER_PENALTY = 0.5

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
PRONOUN_CONTRACTION = re.compile(r"^(?:that|it|there|what|here|who|he|she)['\u2019]s$")
QUANTITY_OPENING = re.compile(rf"^(?:\d[\d.,]*|{detectors.NUMBER_WORDS})$")
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
    r"\b(?:called|known as|named|termed|dubbed) (?P<term>[\w.+#/-]+(?: [\w.+#/-]+){0,4}?)(?=[,.;:!?]|$| and| or| which| that| because)",
    re.IGNORECASE,
)
NUMBER_PHRASE = re.compile(
    detectors.NUMBER
    + r"(?:\s*(?:-\s*)?"
    + detectors.UNITS
    + r")(?: (?:of|per) (?!(?:a|an|the|this|that|my|your|our|their)\b)\w+)?|\b(?:19|20)\d\d(?:s)?\b|\b\$?\d+(?:[.,]\d+)*%?",
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
YEAR = re.compile(r"(?:1[5-9]|20)\d\d")
CLAUSE_BREAK = re.compile(
    r"(?<=[.!?])\s+|;\s+|\s+(?:--|—|–)\s+|,\s+(?=(?:and|but|so|whereas|which|because|although|"
    r"though|while|since|unless)\b)"
)
DEPENDENT_OPENERS = frozenset(
    ["it", "it's", "its", "this", "that", "that's", "these", "those", "they", "they're", "them", "he", "she", "which", "because", "whereas", "although", "though"]
)  # fmt: skip
EXPLAINS = re.compile(r"(?:because|whereas|which means|so that|than)\b", re.IGNORECASE)
AUXILIARIES = frozenset(
    ["is", "are", "was", "were", "can", "could", "will", "would", "should", "must", "may", "might"]
)
PERFECT = frozenset(["has", "have", "had"])
WHY_BLOCKERS = frozenset(["PRP", "WDT", "WP", "IN", "CC", "RB", "EX", "UH", ",", "TO"])
APPOSITIVE = re.compile(
    r",\s+(?:(?:which|that|who) (?:is|are) )?(?:basically |essentially |simply )?"
    r"(?P<answer>(?:a|an) [^,;.!?]+)(?:,|$|\.)"
)


@dataclass(frozen=True)
class CardDraft:
    kind: CardKind
    content: CardContent
    quality: float = 1.0
    """0..1: how good a card this form makes (a Q/A or a cloze on a specific term: 1; a cloze
    on a weak word or none: low); the best-scoring cloze target wins."""
    answer: str = ""
    """What the card asks for: the hidden text of a cloze, the back of a Q/A."""


def make_card(
    passage: Passage,
    terms: KeyTerms,
    topic: str | None,
    asked: str | None = None,
    answered: Counter[str] | None = None,
) -> CardDraft:
    """The first Q/A form that fits the passage, else a cloze on its most telling term in the
    clause that carries it (a cause becomes 'Why...?' when no quantity makes a better cloze).
    `asked` is the 'Why...?' question the passage answers ('Because...'), if any; `answered`
    counts the answers of the cards made before this one (lowercased)."""
    cleaned = readable_sentences(passage)
    sentences = [resolve_pointer(cleaned[0], topic), *cleaned[1:]]
    sentences = [sentence for sentence in sentences if sentence]
    text = " ".join(sentences)
    makers: list[Callable[[], CardDraft | None]] = [
        lambda: answer_card(asked, sentences),
        lambda: definition_card(sentences, terms, proper_nouns(passage)),
        lambda: appositive_card(sentences, passage),
        lambda: acronym_card(text),
        lambda: contrast_card(sentences),
    ]
    for maker in makers:
        draft = maker()
        if draft is not None:
            return draft
    cloze = cloze_card(
        " ".join(part for part in cleaned if part), passage, terms, topic, answered or Counter()
    )
    if cloze is not None and cloze.quality >= STRONG_CLOZE:
        return cloze
    return why_card(sentences) or cloze or unclozed(text)


def readable_sentences(passage: Passage) -> list[str]:
    """The passage's sentences cleaned for a card. A piece that did not open with a capital
    after an ended sentence was cut from captions without punctuation: it stays in lower case
    rather than gaining a capital in the middle of the thought."""
    readable = []
    for position, sentence in enumerate(passage.sentences):
        cleaned = clean_disfluencies(sentence.text)
        before = passage.sentences[position - 1].text.rstrip() if position else ""
        if before and before[-1:] not in ".!?" and not sentence.text.lstrip()[:1].isupper():
            cleaned = cleaned[:1].lower() + cleaned[1:]
        readable.append(cleaned)
    return readable


def unclozed(text: str) -> CardDraft:
    """No term worth hiding: the text as a cloze to edit in review, ranked low."""
    return CardDraft(CardKind.CLAIM, CardContent(note_type=NoteType.CLOZE, front=text), quality=0.0)


def resolve_pointer(text: str, topic: str | None) -> str:
    """'It is slow...' -> 'Diffusion models: it is slow...': name the topic a bare pronoun
    points back to, in front of the sentence rather than in its place. 'This' and 'that'
    mostly point back to a whole statement, and 'it' is often an empty subject ('it's hard
    to say why...'): no topic names those."""
    if not topic or not needs_topic(text, topic):
        return text
    return f"{capitalise(topic)}: {text[:1].lower()}{text[1:]}"


def needs_topic(text: str, topic: str) -> bool:
    pointer = LEADING_POINTER.match(text)
    if not topic or not pointer or pointer.group("pointer").lower() in ("this", "that"):
        return False
    return not EMPTY_SUBJECT.match(text)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def basic(kind: CardKind, question: str, answer: str) -> CardDraft | None:
    """A Q/A card, or None when the answer is not one short fact."""
    answer = short_answer(answer)
    if answer is None:
        return None
    question = " ".join(question.split())
    return CardDraft(
        kind,
        CardContent(note_type=NoteType.BASIC, front=capitalise(question), back=answer),
        answer=answer,
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
    if QUANTITY_OPENING.match(words[0]):  # 'a thousand steps is...' states a number, not a term
        return None
    if words[-1] in NOT_A_TERM_END:
        return None
    if all(word in VAGUE_NOUNS or word in NOT_A_TERM for word in words):
        return None
    return term


def definition_card(
    sentences: list[str], terms: KeyTerms, proper: frozenset[str]
) -> CardDraft | None:
    """'X is a Y...' -> 'What is X?', X written as the talk most often writes it (a sentence's
    first word is capitalised only because it comes first)."""
    for sentence in sentences:
        for pattern, question in DEFINITION_FORMS:
            match = pattern.match(sentence)
            term = match and usable_term(match.group("term"))
            if match and term:
                term = terms.display.get(term.lower()) or sentence_case(term, proper)
                draft = basic(
                    CardKind.DEFINITION, question.format(term=term), match.group("answer")
                )
                if draft:
                    return draft
    return None


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
    if first.istitle() and first[1:].islower() and first.lower() not in proper:
        first = first.lower()
    return f"{first} {rest}" if rest else first


def acronym_card(text: str) -> CardDraft | None:
    """An acronym next to its expansion: 'What does ABC stand for?'."""
    found = detectors.acronym_expansion(text)
    if found:
        acronym, expansion = found
        return basic(CardKind.DEFINITION, f"What does {acronym} stand for?", expansion)
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


@dataclass(frozen=True)
class Target:
    """A span of card text worth hiding, and how much it names one thing."""

    start: int
    end: int
    worth: float


def cloze_card(
    text: str, passage: Passage, terms: KeyTerms, topic: str | None, answered: Counter[str]
) -> CardDraft | None:
    """Hide the best target (a quantity, a name, a specific key term), in the few clauses
    around it that carry the fact: a card reads at a glance, the quote keeps the rest. A target
    that earlier cards already hide weighs less: a deck whose cards keep answering the talk's
    main subject tests one guess many times."""
    targets = (
        quantity_targets(text) + called_targets(text, terms) + phrase_targets(text, passage, terms)
    )
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
        )
        drafts.append((value, -target.start, draft))
    return max(drafts, key=lambda option: option[:2])[2]


def cloze_around(
    text: str, clauses: list[tuple[int, int]], clause: int, target: Target, topic: str | None
) -> CardDraft:
    """The cloze on one target, its quality lowered when the card runs long or still opens by
    pointing at something it does not name."""
    start, end = window(text, clauses, clause, target)
    hidden = text[target.start : target.end]
    front = f"{text[start : target.start]}{{{{c1::{hidden}}}}}{text[target.end : end]}"
    front = capitalise(front.rstrip(" ,;:-"))
    if front[-1:] not in ".!?":
        front += "."
    if topic and topic.lower() not in hidden.lower() and needs_topic(text[start:end], topic):
        front = f"{capitalise(topic)}: {front[:1].lower()}{front[1:]}"
    quality = (
        min(1.0, target.worth / GOOD_TARGET)
        - LONG_CARD_PENALTY * max(0, len(front.split()) - MAX_CARD_WORDS)
        - DANGLING_PENALTY * opens_dependent(front)
    )
    return CardDraft(
        CardKind.CLAIM,
        CardContent(note_type=NoteType.CLOZE, front=front),
        quality=round(max(0.0, quality), 4),
        answer=hidden,
    )


def clause_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of the text's sentences and clauses, in order."""
    spans = []
    start = 0
    for boundary in CLAUSE_BREAK.finditer(text):
        spans.append((start, boundary.start()))
        start = boundary.end()
    spans.append((start, len(text)))
    return [(start, end) for start, end in spans if end > start]


def clause_of(clauses: list[tuple[int, int]], position: int) -> int:
    return next(
        (number for number, (_, end) in enumerate(clauses) if position < end), len(clauses) - 1
    )


def fact_weight(text: str) -> float:
    return min(2.0, sum(weight for weight in detectors.detect(text).values() if weight > 0))


def window(
    text: str, clauses: list[tuple[int, int]], first: int, target: Target
) -> tuple[int, int]:
    """The target's clause, with the clause before it when it opens by pointing back ('it',
    'which', 'because'...), the clause after when that explains or compares ('because...',
    'than...'), the rest of its sentence when that fits, and neighbours while it is too short
    to say anything: at most about MAX_CARD_WORDS words, never cutting the target."""
    last = first
    while last < len(clauses) - 1 and clauses[last][1] < target.end:
        last += 1

    def size(low: int, high: int) -> int:
        return len(text[clauses[low][0] : clauses[high][1]].split())

    def in_one_sentence(clause: int) -> bool:
        """The clause and the next belong to one sentence."""
        return text[clauses[clause][1] - 1] not in ".!?"

    def with_antecedent(first: int) -> int:
        while first > 0 and opens_dependent(text[clauses[first][0] :]):
            if size(first - 1, last) > MAX_CARD_WORDS + DEPENDENT_EXTRA_WORDS:
                break
            first -= 1
        return first

    first = with_antecedent(first)
    if (
        last < len(clauses) - 1
        and EXPLAINS.match(text[clauses[last + 1][0] :])
        and size(first, last + 1) <= MAX_CARD_WORDS
    ):
        last += 1
    while first > 0 and in_one_sentence(first - 1) and size(first - 1, last) <= MAX_CARD_WORDS:
        first -= 1
    while (
        last < len(clauses) - 1
        and in_one_sentence(last)
        and size(first, last + 1) <= MAX_CARD_WORDS
    ):
        last += 1
    first = with_antecedent(first)
    if opens_dependent(text[clauses[first][0] :]):
        first = 0  # a long card that names its subject beats a short one that cannot
    while size(first, last) < MIN_CARD_WORDS and (first > 0 or last < len(clauses) - 1):
        if last < len(clauses) - 1:
            last += 1
        else:
            first -= 1
    start = clauses[first][0]
    start += min(leading_filler(text[start:]), max(0, target.start - start))
    return start, clauses[last][1]


def opens_dependent(text: str) -> bool:
    first = re.match(r"[\w']+", text)
    return bool(first) and first.group(0).lower() in DEPENDENT_OPENERS


def quantity_targets(text: str) -> list[Target]:
    """Numbers with their unit (worth most), years, other figures; never the number of a
    name ('Model 3')."""
    targets = []
    for match in NUMBER_PHRASE.finditer(text):
        hidden = match.group(0)
        if len(hidden.split()) > MAX_CLOZE_WORDS or part_of_name(text, match.start()):
            continue
        digits = re.sub(r"\D", "", hidden)
        if len(hidden.split()) > 1 or hidden.endswith("%") or not hidden[0].isdigit():
            worth = UNIT_NUMBER_WORTH
        elif YEAR.fullmatch(hidden):
            worth = YEAR_WORTH
        else:
            worth = FIGURE_WORTH if len(digits) >= 2 else DIGIT_WORTH
        targets.append(Target(match.start(), match.end(), worth))
    return targets


def called_targets(text: str, terms: KeyTerms) -> list[Target]:
    """The term a speaker names ('...is called X'): the answer the sentence gives."""
    called = CALLED_FORM.search(text)
    if not called or not usable_term(called.group("term")):
        return []
    if not is_content_word(called.group("term").split()[0], terms.stopwords):
        return []
    return [Target(called.start("term"), called.end("term"), CALLED_WORTH)]


def part_of_name(text: str, position: int) -> bool:
    """A number right after a capitalised word that does not open the sentence is part of a
    name ('GPT 4', 'Windows 11')."""
    before = re.search(r"(?:^|([.!?:]\s+)|\s)([A-Z][\w-]*)\s+$", text[:position])
    return bool(before) and before.start(2) > 0 and not before.group(1)


def phrase_targets(text: str, passage: Passage, terms: KeyTerms) -> list[Target]:
    """Whole noun phrases of the passage (chunked by the RegexpParser rule) that name something: their
    head is a specific noun, they occur once in the card text (a repeated one gives itself
    away) and they are not half of a longer phrase."""
    top = max(terms.weights.values(), default=1.0)
    targets = []
    for term in passage.terms:
        found = list(phrase_pattern(tuple(term.split())).finditer(text))
        if len(found) == 1 and usable_term(term) and names_something(term.split()):
            worth = terms.weights[term] / top + COMPOUND_WORTH * (min(len(term.split()), 3) - 1)
            targets.append(Target(found[0].start(), found[0].end(), worth))
    for sentence in passage.sentences:
        verb = next(
            (n for n, tag in enumerate(sentence.tags) if tag.startswith("VB") or tag == "MD"),
            len(sentence.tags),
        )
        for low, high in sentence.chunks:
            while low < high and not is_content_word(sentence.tokens[low], terms.stopwords):
                low += 1
            if high - low > 1 and sentence.tags[low] in ("VBG", "VBN"):
                low += sentence.tags[low + 1].startswith("NNP")  # 'using PyTorch' -> 'PyTorch'
            tokens, tags = sentence.tokens[low:high], sentence.tags[low:high]
            if not tokens or len(tokens) > MAX_CLOZE_WORDS or not names_something(tokens):
                continue
            key = " ".join(tokens).lower()
            if "NNS" in tags[:-1] and key not in terms.weights:
                continue  # a plural inside a compound is mostly a verb the tagger missed
            found = list(phrase_pattern(tuple(tokens)).finditer(text))
            if len(found) != 1:
                continue
            named = any(is_name(token, low + position) for position, token in enumerate(tokens))
            nouns = sum(tag.startswith("NN") for tag in tags)
            worth = (
                term_weight(key, terms) / top
                + COMPOUND_WORTH * (min(nouns, 3) - 1)
                + NAME_WORTH * named
                + PREDICATE_WORTH * (low > verb)
            )
            targets.append(Target(found[0].start(), found[0].end(), worth))
    return targets


def names_something(tokens: list[str]) -> bool:
    """The phrase's head can be asked for: not a vague noun ('thing', 'way'), a pronoun, an
    adverb the tagger took for a noun ('pretty much') or a contraction ('that's')."""
    head = tokens[-1].lower()
    return (
        head not in VAGUE_NOUNS
        and head not in NOT_A_TERM
        and head[:1].isalnum()
        and not PRONOUN_CONTRACTION.match(head)
    )


def is_name(token: str, position: int) -> bool:
    """Capitalised past a sentence's first word, an acronym, CamelCase or holding a digit."""
    return any(character.isupper() or character.isdigit() for character in token[1:]) or (
        position > 0 and token[:1].isupper()
    )


def term_weight(phrase: str, terms: KeyTerms) -> float:
    """The phrase's key-term weight, or a share of the heaviest key term inside it."""
    if phrase in terms.weights:
        return terms.weights[phrase]
    padded = f" {phrase} "
    inside = [weight for term, weight in terms.weights.items() if f" {term} " in padded]
    return PARTIAL_TERM_SHARE * max(inside, default=0.0)


@lru_cache(maxsize=512)
def phrase_pattern(tokens: tuple[str, ...]) -> re.Pattern[str]:
    """The tokens as written in text, with or without space between them ('Moon 's'); kept
    for a talk's cards, not a whole batch's."""
    body = r"\s*".join(re.escape(token) for token in tokens)
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)


WHY_QUESTION = re.compile(r"^(?:(?:and|so|but|okay|now|well),? )*why\b[^?]*\?$", re.IGNORECASE)
BECAUSE_OPENING = re.compile(r"^(?:(?:well|so|yeah|oh),? )*because (?:of )?", re.IGNORECASE)


def answer_card(asked: str | None, sentences: list[str]) -> CardDraft | None:
    """'Why X?' answered by 'Because Y.': the speaker's own question, with Y as the answer."""
    if asked is None or not sentences:
        return None
    question = clean_disfluencies(asked)
    opening = BECAUSE_OPENING.match(sentences[0])
    if not WHY_QUESTION.match(question) or not opening:
        return None
    question = question[question.lower().index("why") :]
    return basic(CardKind.CLAIM, question, sentences[0][opening.end() :])


def why_card(sentences: list[str]) -> CardDraft | None:
    """'X is slow because Y' -> 'Why is X slow?' with Y as the answer, when the clause before
    'because' has a noun-phrase subject and a verb the question can be built on."""
    for sentence in sentences:
        cut = re.search(r",?\s+because\s+(?:of\s+)?", sentence)
        question = cut and why_question(sentence[: cut.start()])
        if cut and question:
            draft = basic(CardKind.CLAIM, question, sentence[cut.end() :])
            if draft:
                return draft
    return None


def why_question(head: str) -> str | None:
    tagged = tag_text(head)
    spans = list(word_tokenizer().span_tokenize(head))
    tags = [tag for _, tag in tagged]
    verb = next((n for n, tag in enumerate(tags) if tag.startswith("VB") or tag == "MD"), None)
    if not verb or verb > MAX_TERM_WORDS or verb + 1 >= len(tagged):
        return None
    if not any(tag.startswith("NN") for tag in tags[:verb]) or WHY_BLOCKERS.intersection(
        tags[:verb]
    ):
        return None
    subject = head[: spans[verb][0]].strip()
    if usable_term(subject) is None:
        return None
    if not tags[0].startswith("NNP") or (verb > 1 and tagged[1][0][:1].islower()):
        subject = subject[:1].lower() + subject[1:]  # a name, not a sentence's first word
    negated = tagged[verb + 1][0].lower() == "n't"
    word_end = spans[verb + 1][1] if negated else spans[verb][1]
    word = head[spans[verb][0] : word_end].lower()
    rest = head[word_end:].strip(" ,")
    if not rest or len(rest.split()) > MAX_ANSWER_WORDS:
        return None
    if negated or word in AUXILIARIES or (word in PERFECT and tags[verb + 1] == "VBN"):
        return f"Why {word} {subject} {rest}?"
    if tags[verb] == "VBZ":
        return f"Why does {subject} {base_form(word)} {rest}?"
    if tags[verb] == "VBP":
        return f"Why do {subject} {word} {rest}?"
    return None


def base_form(verb: str) -> str:
    """The bare verb of a third-person form: 'has' -> 'have', 'carries' -> 'carry'."""
    if verb in ("has", "does", "goes"):
        return {"has": "have", "does": "do", "goes": "go"}[verb]
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    if re.search(r"(?:ch|sh|ss|x|z)es$", verb):
        return verb[:-2]
    return verb[:-1] if verb.endswith("s") else verb


def appositive_card(sentences: list[str], passage: Passage) -> CardDraft | None:
    """'X, a Y, ...' or 'X, which is a Y' -> 'What is X?' when X is a noun phrase of common
    words (a name in apposition is usually a person: its card reads badly as 'What is')."""
    text = " ".join(sentences)
    for sentence in passage.sentences:
        for low, high in sentence.chunks:
            tokens = sentence.tokens[low:high]
            named = any(is_name(token, low + place) for place, token in enumerate(tokens))
            if named or not usable_term(" ".join(tokens)):
                continue
            for found in phrase_pattern(tuple(tokens)).finditer(text):
                answer = APPOSITIVE.match(text, found.end())
                if answer:
                    written = text[found.start() : found.end()]
                    written = written[:1].lower() + written[1:]
                    draft = basic(
                        CardKind.DEFINITION, f"What is {written}?", answer.group("answer")
                    )
                    if draft:
                        return draft
    return None
