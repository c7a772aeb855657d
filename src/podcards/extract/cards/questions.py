"""Question-and-answer cards: the sentence forms a question can be read from.

Definitions become "What is X?" (also 'X, a Y' and an acronym next to its expansion),
contrasts a question about the contrast, a cause 'Why...?', and a speaker's own 'Why...?'
answered by 'Because...' keeps its question.
"""

from __future__ import annotations

import re

from podcards.extract import detectors
from podcards.extract.cards.common import (
    ARTICLE,
    DEMONSTRATIVES,
    MAX_ANSWER_WORDS,
    MAX_TERM_WORDS,
    NARROWING_CLAUSE,
    PREPOSITIONS,
    RATING_OR_SIZE,
    ROLE_NOUNS,
    CardDraft,
    basic,
    is_name,
    phrase_pattern,
    sentence_case,
    starts_sentence,
    states_something,
    usable_term,
)
from podcards.extract.ranking import EXPLANATION_LEAD, Passage, named_then_explained
from podcards.models import CardKind
from podcards.nlp import KeyTerms, clean_disfluencies, is_verb, tag_text, word_tokenizer
from podcards.nlp.discourse import DISCOURSE_MARKERS, SPOKEN_OPENERS, any_word, opening_run

QUALIFIERS = r"(?:basically |essentially |simply |just |really |actually |also |literally |kind of |sort of )?"
TERM = r"(?P<term>[A-Za-z][\w.+#/-]*(?: [\w.+#/-]+){0,4}?)"
CLAUSE_WORD = (
    r"(?:and|or|but|when|if|than|because|that|which|who|where|to|of|in|on|at|for|with|by|from|"
    r"as|is|are)\b"
)
"""A word that no noun phrase holds before its noun: 'better when storms' is no kind."""
NOT_A_KIND = (
    r"(?!(?:a|an|the|not|also|very|so|too|more|less|much|all|both|\d|"
    + detectors.NUMBER_WORDS
    + r")\b)(?![\w-]+s\W*$|[\w-]+s[,;:])"
)
"""A bare plural answer names a kind ('hot springs that erupt'), not a count ('thirty-two
bits'), a degree ('very rare') or one word in a list ('maps are models, charts are...')."""
DEFINITION_FORMS = [
    (
        re.compile(
            rf"^{TERM} (?P<verb>is|are) {QUALIFIERS}"
            r"(?P<answer>(?:a|an|the|when|where|how|about)\b.+)$",
            re.IGNORECASE,
        ),
        "What {verb} {term}?",
    ),
    (
        re.compile(
            rf"^{detectors.NOT_A_KIND_SUBJECT}{TERM}(?<=s) (?P<verb>are) {QUALIFIERS}"
            rf"(?P<answer>{NOT_A_KIND}(?:(?!{CLAUSE_WORD})[\w-]+ ){{0,2}}[\w-]+s\b.+)$",
            re.IGNORECASE,
        ),
        "What {verb} {term}?",
    ),
    (
        re.compile(rf"^{TERM} {QUALIFIERS}means {QUALIFIERS}(?:that )?(?P<answer>.+)$", re.I),
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
    (  # '..., and he defined hyperinflation as prices rising...': said anywhere in the sentence
        re.compile(rf"^.*?\bdefined? {TERM} as (?P<answer>.+)$", re.IGNORECASE),
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
ACRONYM_ASIDE = re.compile(r", or [A-Z][A-Z0-9]{1,6}s?,(?= )")
"""'The glycaemic index, or GI, is a measure of...': the acronym is an aside; what the term is
comes after it (a card asking what GI stands for would leave that out)."""
DEFINITION_PREAMBLE = re.compile(
    r"^(?:(?:the|a) (?:\w+ )?definition(?:, [^,]{0,80},)? is(?: that)?,? |[^,.;]{0,60}?\b(?:you'll|you will|you'd|you "
    r"would) (?:get|read|find|see) something like,? )",
    re.IGNORECASE,
)
"""'The textbook definition is that inflation is...', 'look it up and you'll get something
like, a starter is...': what follows is the definition itself (the sentence is already
cleaned of 'So,' and the like)."""
DOWNSIDE_FORM = re.compile(
    r"\bthe (?P<aspect>(?:main |big |biggest |only |one )?(?:downside|upside|drawback|caveat|pitfall|advantage|disadvantage|benefit|limitation|weakness|strength|problem)) "
    r"(?:of|with) (?P<subject>[\w .+#/-]{2,40}?) (?:is|are) (?:that )?(?P<answer>.+)$",
    re.IGNORECASE,
)
COMPARATIVE_FORM = re.compile(
    rf"(?:^|, |\b(?:that|and|but|so) ){TERM} (?P<verb>is|are|was|were|can be|gets?|will be|\w+s) "
    r"(?:much |a lot |way |far |a bit |slightly |generally |usually |often |still )?"
    r"(?P<degree>(?:a few|\w+) times |twice )?"  # 'several times faster', 'three times'
    r"(?P<comparative>(?:more|less) \w+|\w+er) than (?P<other>[\w .+#/-]{2,40}?)(?=[,.;!?]|$| because| and| but| so)",
    re.IGNORECASE,
)
TRAILING_AUXILIARY = re.compile(
    r"\s+(?:does|do|did|is|are|was|were|can|could|will|would)$", re.IGNORECASE
)
COPULAS = frozenset(["is", "are", "was", "were"])
AUXILIARIES = frozenset(
    ["is", "are", "was", "were", "can", "could", "will", "would", "should", "must", "may", "might"]
)
PERFECT = frozenset(["has", "have", "had"])
WHY_BLOCKERS = frozenset(["PRP", "WDT", "WP", "IN", "CC", "RB", "EX", "UH", ",", "TO"])
APPOSITIVE = re.compile(
    r",\s+(?:(?:which|who) (?:is|are) )?(?:basically |essentially |simply )?"
    r"(?P<answer>(?:a|an)(?: (?!(?:is|are|was|were|has|have|had|does|do|did|can|will|would)\b)[^,;.!?\s]+)+)(?:,|$|\.)"
)
"""', a volcanic glass full of gas bubbles,': a noun phrase; ', a packet of yeast has no
bacteria' goes on with a verb, so it is a clause of its own, not an apposition."""


def definition_card(
    sentences: list[str], terms: KeyTerms, proper: frozenset[str]
) -> CardDraft | None:
    """'X is a Y...' -> 'What is X?', X written as the talk most often writes it (a sentence's
    first word is capitalised only because it comes first)."""
    openings = [
        opening
        for sentence in sentences
        for opening in [sentence, *detectors.unpunctuated_clauses(sentence)]
    ]
    for sentence in openings:
        sentence = DEFINITION_PREAMBLE.sub("", sentence)
        sentence = ACRONYM_ASIDE.sub("", detectors.PARENTHETICAL.sub("", sentence))
        for pattern, question in DEFINITION_FORMS:
            match = pattern.match(sentence)
            term = match and usable_term(match.group("term"))
            if match and term and not frames_instead_of_defining(match.group("answer")):
                term = terms.display.get(term.lower()) or sentence_case(term, proper)
                if names_a_person(term, answer_head(match.group("answer"))):
                    question = question.replace("What ", "Who ")
                answer = match.group("answer")
                verb = (match.groupdict().get("verb") or "is").lower()
                asked = question.format(term=term, verb=verb)
                draft = basic(CardKind.DEFINITION, asked, answer)
                cut = ARTICLE.match(answer) and defining_part(answer)
                if draft is None and cut:
                    draft = basic(CardKind.DEFINITION, asked, cut)
                if draft and (
                    only_the_kind(answer, draft.answer) or event_goes_on(answer, draft.answer)
                ):
                    return None  # a cloze on the term, the whole definition shown, asks it
                if draft:
                    return draft
    return None


MAX_KIND_WORDS = 4
NARROWING_NEXT = re.compile(",? " + NARROWING_CLAUSE, re.IGNORECASE)


def only_the_kind(answer: str, kept: str) -> bool:
    """The answer kept only says what kind of thing the term is ('What is a plasmid? A small
    circle of DNA'), cut before the clause that says which one ('...that lives apart from
    the chromosome', ', meaning every leaf is the same depth'): true, but it teaches little."""
    rest = answer[len(kept) :] if answer.lower().startswith(kept.lower()) else ""
    kind = [word for word in kept.split() if word.lower() not in detectors.ARTICLES]
    return len(kind) <= MAX_KIND_WORDS and bool(NARROWING_NEXT.match(rest))


EVENT_OPENING = re.compile(r"(?:when|where)\b", re.IGNORECASE)
EVENT_GOES_ON = re.compile(
    r", and\b|,(?: [^,.;!?]{1,30},)*? (?:and |but )?(?:you|it|they|we|he|she|that|this|there|i)\b",
    re.IGNORECASE,
)


def event_goes_on(answer: str, kept: str) -> bool:
    """An event said to be the term ('detention is when you've taken the box out, to your
    warehouse, say, and you keep it too long') goes on past the clause kept, with ', and...'
    or a clause about what happens next: the answer would hold half the event. A clause that
    gives a result (', so...') or an example (', like...') is not part of it."""
    if not EVENT_OPENING.match(answer):
        return False
    rest = answer[len(kept) :] if answer.lower().startswith(kept.lower()) else ""
    return bool(EVENT_GOES_ON.match(rest))


def defining_part(answer: str) -> str | None:
    """A definition too long for an answer, cut to what defines: its noun phrase, or, when
    that phrase only names a role in something ('the part of TCP', 'the kind of index'), the
    clause after it without its trailing phrases ('the part of the engine that mixes fuel
    with air'); None when that is still too long, as a bare role would answer nothing (a
    cloze on the term, the definition shown, asks it better)."""
    core = noun_phrase_core(answer)
    if answer_head(core) not in ROLE_NOUNS:
        return core
    shortened = without_trailing_phrases(answer)
    return shortened if len(shortened.split()) <= MAX_ANSWER_WORDS else None


POST_MODIFIER = re.compile(r"\s(?:that|which|who|where|when)\b", re.IGNORECASE)
"""Where a noun phrase's narrowing clause starts; not 'whose', whose clause is what defines
('a steel member whose failure would bring the bridge down')."""
UNFINISHED_PAIR = re.compile(r"\bbetween\b(?!.*\band\b)", re.IGNORECASE)
"""'the ratio between the load': 'between' waits for its 'and', so no cut falls before it."""
RATIO = re.compile(r"(?:divided|multiplied) by\b", re.IGNORECASE)


def noun_phrase_core(answer: str) -> str:
    """A long answer without what follows its noun phrase: 'a stable mixed culture of wild
    yeasts and bacteria living in flour and water' -> '...of wild yeasts and bacteria'. What
    follows a noun (a relative clause, a participle) narrows it down; the quote keeps it."""
    tagged = tag_text(answer)
    offset, cut = 0, len(answer)
    for position, (token, tag) in enumerate(tagged):
        offset = answer.find(token, offset)
        after_noun = position >= 3 and tagged[position - 1][1].startswith("NN")
        if (
            after_noun
            and not RATIO.match(answer, offset)  # 'the energy made divided by...': one quantity
            and not UNFINISHED_PAIR.search(answer, 0, offset)
            and (tag in ("VBG", "VBN") or POST_MODIFIER.match(answer, offset - 1))
        ):
            cut = offset
            break
        offset += len(token)
    return answer[:cut]


FRAMING_NOUNS = frozenset(
    ["story", "stories", "question", "matter", "deal", "point", "case", "example", "thing",
     "things", "stuff", "one", "lot", "bit", "problem", "issue", "pity", "shame", "mess", "joke",
     "threat", "risk", "danger", "challenge", "mistake", "concern", "worry", "classic",
     "favourite", "favorite", "culprit", "exception", "winner"]
)  # fmt: skip
ANSWER_NOUN_PHRASE_END = re.compile(
    r"\s+(?:and|or|of|that|which|who|where|when|with|in|on|for|to|at|from|by|because|but|than)\b|[,;:.!?]"
)


PERSON_ROLES = frozenset(
    ["author", "founder", "co-founder", "cofounder", "ceo", "cto", "professor", "researcher",
     "engineer", "writer", "journalist", "host", "director", "president", "inventor",
     "creator", "student", "historian", "philosopher", "doctor", "chef", "musician",
     "designer", "entrepreneur", "investor", "lecturer", "teacher", "pioneer", "expert"]
)  # fmt: skip
"""Roles that name a person; '-ist' and '-ician' words ('a biologist') are caught by their
ending (PERSON_SUFFIX)."""


PERSON_TITLE = re.compile(
    r"^(?:doctor|dr\.?|professor|prof\.?|mr\.?|mrs\.?|ms\.?|sir|dame)\s", re.I
)
PERSON_SUFFIX = re.compile(r"\w{3,}(?:ologist|ist|ician)$")
NOT_PEOPLE = frozenset(["list", "playlist", "checklist", "twist", "exist", "assist", "consist"])


def names_a_person(term: str, head: str) -> bool:
    """'Dr. X is...', 'X is the author...', 'X is a microbiologist': a person, asked 'Who is'."""
    role = head in PERSON_ROLES or (PERSON_SUFFIX.match(head) and head not in NOT_PEOPLE)
    return bool(PERSON_TITLE.match(term) or role)


CATEGORY_THEN_COLON = re.compile(r"(?:a|an|the) (?:[\w-]+ ){0,2}[\w-]+\s*:", re.IGNORECASE)
"""'X is a thought experiment: imagine...': the kind is said before the colon, what X is
after it; 'What is X? A thought experiment' would keep only the kind."""
TIME_ANSWER = re.compile(
    r"(?:the )?(?:(?:early|late|mid|middle) )?(?:(?:spring|summer|autumn|fall|winter|start|end|"
    r"middle|beginning|turn) of (?:the )?)?(?:\d{3,4}s?|\w+ century|(?:january|february|march|"
    r"april|may|june|july|august|september|october|november|december) \d+)\b",
    re.IGNORECASE,
)


SAID_BEFORE = re.compile(
    r"\b(?:i|we|you) (?:just |already )?(?:said|mentioned|talked about|described)\b",
    re.IGNORECASE,
)


QUANTITY_ANSWER = re.compile(
    r"(?:(?:about|around|roughly|nearly|almost|over|under|just|only|some) )?" + detectors.NUMBER,
    re.IGNORECASE,
)


def frames_instead_of_defining(answer: str) -> bool:
    """'The doubling is a capabilities story...', 'X is a big problem', 'X is a lot better': the
    answer's first noun phrase comments on the subject (a story, a problem, a rating) instead
    of saying what it is, so 'What is X?' would ask for an opinion. An answer that is a time
    says when, not what; one that points at what was said before says nothing alone; a bare
    kind before a colon leaves what X is to the words after it."""
    if TIME_ANSWER.match(answer):
        return True  # 'England is the summer of 1348': when it got there, not what it is
    if CATEGORY_THEN_COLON.match(answer):
        return True  # 'a thought experiment: imagine...': what it is comes after the colon
    if SAID_BEFORE.search(answer):
        return True  # 'the all-or-nothing thing I just said': the card cannot say what
    if QUANTITY_ANSWER.match(answer):
        return True  # 'iceland is about 50 percent silica': how much of something, not what
    words = first_noun_phrase(answer)
    return bool(words) and (
        words[-1] in FRAMING_NOUNS
        or words[1:2] in (["lot"], ["bit"], ["much"], ["far"])  # 'a much bigger chunk': a degree
        or bool(RATING_OR_SIZE & set(words))
    )


def answer_head(answer: str) -> str:
    """The last word of the answer's first noun phrase, lower case: what the answer says the
    subject is ('the author of...' -> 'author'; a person, asked with 'Who')."""
    words = first_noun_phrase(answer)
    return words[-1] if words else ""


def first_noun_phrase(answer: str) -> list[str]:
    """The answer's words up to its first preposition, conjunction or punctuation."""
    end = ANSWER_NOUN_PHRASE_END.search(answer)
    return (answer[: end.start()] if end else answer).lower().split()


def acronym_card(text: str) -> CardDraft | None:
    """An acronym next to its expansion: 'What does ABC stand for?'."""
    found = detectors.acronym_expansion(text)
    if found:
        acronym, expansion = found
        return basic(CardKind.DEFINITION, f"What does {acronym} stand for?", expansion, whole=True)
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
                comparative = f"{match.group('degree') or ''}{match.group('comparative')}".lower()
                verb = match.group("verb").lower()
                verb = "is" if verb in COPULAS else verb
                return basic(
                    CardKind.CLAIM, f"Which {verb} {comparative}: {term} or {other}?", term
                )
    return None


WHY_QUESTION = re.compile("^" + opening_run(DISCOURSE_MARKERS) + r"why\b[^?]*\?$", re.IGNORECASE)
BECAUSE_OPENING = re.compile(r"^(?:(?:well|so|yeah|oh),? )*because (?:of )?", re.IGNORECASE)


def answer_card(question: str | None, sentences: list[str]) -> CardDraft | None:
    """'Why X?' answered by 'Because Y.': the speaker's own question (from `why_answered`),
    with Y as the answer."""
    opening = question and BECAUSE_OPENING.match(sentences[0])
    if not opening:
        return None
    reason = sentences[0][opening.end() :]
    if ECHO.match(reason):
        return None
    return reason_card(question, without_trailing_phrases(reason))


def reason_card(question: str, reason: str) -> CardDraft | None:
    """The reason as the answer, up to its first clause break; past it when the reason opens
    with a phrase that states nothing ('without a lid, the steam escapes'), so the answer is
    never 'Without a lid'."""
    draft = basic(CardKind.CLAIM, question, reason)
    if draft is None or states_something(draft.content.back):
        return draft
    reason = reason.strip(" .!?")
    fits = len(reason.split()) <= MAX_ANSWER_WORDS
    return basic(CardKind.CLAIM, question, reason, whole=True) if fits else None


ECHO = re.compile(
    r"^\s*(?:it|they|we|you|he|she|that|this) (?:really )?(?:does|do|did|is|are|was|were|can|will|has|have)\b\s*(?:[,.;:!?]|$)",
    re.IGNORECASE,
)
"""'Why does it keep longer? Because it does, ...': an echo that affirms the question, not
the reason (which comes later, if at all)."""


PREPOSITION = re.compile(
    r"\s+(?:with|in|on|for|by|at|from|over|under|across|through|within|during)\s+"
)
MIN_REASON_WORDS = 4


def without_trailing_phrases(reason: str) -> str:
    """A reason too long for an answer loses trailing prepositional phrases ('...reliably
    with a modest number of tasks' -> '...reliably') while its core clause stays whole; the
    quote beside the card keeps every word."""
    reason = reason.strip(" .!?")
    while len(reason.split()) > MAX_ANSWER_WORDS:
        cuts = [found.start() for found in PREPOSITION.finditer(reason)]
        if not cuts or len(reason[: cuts[-1]].split()) < MIN_REASON_WORDS:
            break
        reason = reason[: cuts[-1]]
    return reason


POINTERS = DEMONSTRATIVES | {"it", "they", "he", "she"}


def asks_about_a_pointer(question: str) -> bool:
    """'Why does that matter?', 'Why did it last so long?': the subject after 'why' and its
    verb points at what was said before, so the card alone cannot say what it asks about
    ('Why does this valve leak?' names its subject)."""
    tagged = tag_text(question)
    words = [token.lower() for token, _ in tagged]
    tags = [tag for _, tag in tagged] + ["."] * 3
    if len(words) < 3 or words[2] not in POINTERS:
        return False
    if words[2] not in DEMONSTRATIVES:
        return True
    if words[1] in COPULAS:  # 'why is that a problem', not 'why is that valve leaking'
        return not tags[3].startswith(("NN", "JJ"))
    # 'why does that matter for...': one word, the verb, before a preposition or the end;
    # 'why does this valve leak' has its noun, then its verb
    return not tags[4].startswith(("NN", "VB", "JJ"))


def why_answered(asked: str | None, sentences: list[str]) -> str | None:
    """The 'Why...?' question (cleaned) that the passage's 'Because...' answers, if any."""
    if asked is None or not sentences or not BECAUSE_OPENING.match(sentences[0]):
        return None
    question = clean_disfluencies(asked)
    if not WHY_QUESTION.match(question):
        return None
    asked_why = question[re.search(r"\bwhy\b", question, re.IGNORECASE).start() :]
    return None if asks_about_a_pointer(asked_why) else asked_why


EXPLAINS_WHAT_FOLLOWS = re.compile(r"\b(?:and|but|so|or),?$", re.IGNORECASE)
"""'X is like Y, and because water is denser, it can be smaller': the cause is of what comes
after it, not of the clause before ('Why is X like Y, and?')."""


def why_card(sentences: list[str]) -> CardDraft | None:
    """'X is slow because Y' -> 'Why is X slow?' with Y as the answer, when the clause before
    'because' has a noun-phrase subject and a verb the question can be built on."""
    for sentence in sentences:
        cut = re.search(r",?\s+because\s+(?:of\s+)?", sentence)
        if cut and EXPLAINS_WHAT_FOLLOWS.search(sentence, 0, cut.start()):
            continue
        question = cut and why_question(sentence[: cut.start()])
        if cut and question:
            draft = reason_card(question, sentence[cut.end() :])
            if draft:
                return draft
    return None


POINTER_OBJECT = re.compile(r"(?:it|this|that|these|those|them)\b", re.IGNORECASE)
TWO_CLAUSES = re.compile(r", (?:and|but|or|whereas) \w+ (?:is|are|was|were|\w+s)\b")


def why_question(head: str) -> str | None:
    tagged = tag_text(head)
    spans = list(word_tokenizer().span_tokenize(head))
    tags = [tag for _, tag in tagged]
    verb = next((n for n, tag in enumerate(tags) if is_verb(tag)), None)
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
    if not rest or len(rest.split()) > MAX_ANSWER_WORDS or frames_instead_of_defining(rest):
        return None  # 'Why is Sihwa a really interesting story?' asks why the speaker likes it
    if POINTER_OBJECT.match(rest):
        return None  # 'Why do volcanologists call that inflation?': what 'that' is, is unsaid
    if TWO_CLAUSES.search(rest):
        return None  # 'Why is X better when A, and Y better when B?' is two questions
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
    if not APPOSITIVE.search(text):
        return None  # most passages: no need to look for each noun phrase's occurrences
    for sentence in passage.sentences:
        for low, high in sentence.chunks:
            tokens = sentence.tokens[low:high]
            named = any(is_name(token, low + place) for place, token in enumerate(tokens))
            if named or not usable_term(" ".join(tokens)):
                continue
            for found in phrase_pattern(tuple(tokens)).finditer(text):
                answer = APPOSITIVE.match(text, found.end())
                written = text[found.start() : found.end()]
                if (
                    answer
                    and not capitalised_mid_sentence(text, found.start(), written)
                    and not frames_instead_of_defining(answer.group("answer"))
                    and not TOPIC_FRAME.search(text[: found.start()])
                    and not appositive_of_something_else(
                        text, found.start(), answer.group("answer")
                    )
                    and not LIST_ITEM_AFTER.match(text, answer.end())
                    and not names_an_instance(text, found.start(), answer.group("answer"))
                ):
                    written = written[:1].lower() + written[1:]
                    if DETERMINER_BEFORE.search(text, 0, found.start()):
                        written = with_article(written)
                    verb = "are" if sentence.tags[high - 1] == "NNS" else "is"
                    draft = basic(
                        CardKind.DEFINITION, f"What {verb} {written}?", answer.group("answer")
                    )
                    if draft:
                        return draft
    return None


OWNER_BEFORE = re.compile(
    r"\b(?:my|our|your|his|her|their|its|this|these|those)\s+$", re.IGNORECASE
)
INDEFINITE_BEFORE = re.compile(r"\b(?:a|an)\s+$", re.IGNORECASE)
MAX_NAME_WORDS = 2


def names_an_instance(text: str, position: int, answer: str) -> bool:
    """The apposition names one thing rather than saying what a term is: someone's ('their
    first patient, a police officer called...'), the one pointed at ('if you want to build
    this pipeline, a training system,': what 'this' is, not what a pipeline is), or a thing
    described and then named ('builds a little tube, a pilus,': the name comes second, so
    'What is a little tube?' is backwards)."""
    if OWNER_BEFORE.search(text, 0, position):
        return True
    named = [word for word in answer.split() if word.lower() not in detectors.ARTICLES]
    return bool(INDEFINITE_BEFORE.search(text, 0, position)) and len(named) <= MAX_NAME_WORDS


NOT_AN_EXPLANATION = re.compile(
    r"^(?:when|if|because|as|since|while|after|before|once|unless|although|though|instead|"
    r"there|here|usually|sometimes|often)\b|\b(?:called|known as|named)\b",
    re.IGNORECASE,
)
"""An answer cut at its first comma that would be only a condition ('It's when a popular key
expires'), a detail ('It's usually milliseconds') or another term being named."""


def introduced_term_card(
    sentences: list[str], passage: Passage, terms: KeyTerms, proper: frozenset[str]
) -> CardDraft | None:
    """'So one part is what we call stimulus control. The idea is you only use the bed for
    sleep, and...' -> 'What is stimulus control?' answered by the next sentence, when the
    first ends by naming the term and the second opens by explaining it (new to the talk or
    not: ranking pairs them only for a new term, but a pair made otherwise reads the same)."""
    if len(passage.sentences) != 2:
        return None
    term = named_then_explained(*passage.sentences, terms.stopwords)
    lead = EXPLANATION_LEAD.match(sentences[1])  # on the cleaned text the card shows
    if term is None or lead is None:
        return None
    explanation = sentences[1][lead.end() :]
    if NOT_AN_EXPLANATION.search(explanation):
        return None
    term = usable_term(term)
    if term is None or term.lower() in explanation.lower():
        return None  # the next sentence goes on about it, rather than saying what it is
    shown = terms.display.get(term.lower()) or sentence_case(term, proper)
    return basic(CardKind.DEFINITION, f"What is {shown}?", explanation)


DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|this|that)\s+$", re.IGNORECASE)
HOLDER_BEFORE = re.compile(
    r"(?P<holder>\w+) "
    + any_word(PREPOSITIONS | {"in", "on", "over", "under", "between", "across", "through"})
    + r"\s+(?:[\w'-]+\s+){0,2}$",
    re.IGNORECASE,
)


LIST_ITEM_BEFORE = re.compile(r"(?P<item>[\w']+),\s*(?:(?:a|an|the)\s+)?$", re.IGNORECASE)
LEAD_IN_WORDS = SPOKEN_OPENERS | {"then", "basically", "actually", "honestly", "right"}
"""'And then, pumice, a volcanic glass...': after these the phrase starts its clause."""


def appositive_of_something_else(text: str, position: int, answer: str) -> bool:
    """The appositive after the phrase at `position` does not name that phrase: it renames the
    phrase holding it after a preposition ('an index on multiple columns, a composite index':
    'index'; while 'the yield on a TIPS bond, a Treasury that...' does define the bond), or the
    phrase is an item of a list or follows an aside ('flour, water, a pinch of salt'; 'at a,
    again, previous job, an engineer')."""
    holder = HOLDER_BEFORE.search(text, 0, position)
    if holder and holder.group("holder").lower() in answer.lower().split():
        return True
    before = LIST_ITEM_BEFORE.search(text, 0, position)
    return bool(before) and before.group("item").lower() not in LEAD_IN_WORDS


LIST_ITEM_AFTER = re.compile(
    r"\s*(?:(?:a|an|the) [\w'-]+(?: [\w'-]+){0,3},|[\w'-]+(?: [\w'-]+)? (?:and|or) [\w'-]+"
    r"(?: [\w'-]+)?[.,;]|(?:and|or) (?:a|an|the) )",
    re.IGNORECASE,
)
"""', a spoon, flour and water', ', a notch, a rust pit,': what follows the apposition is
another item, so it was an item of a list too."""


def with_article(term: str) -> str:
    """'the cirque, a bowl...' -> 'What is a cirque?': a noun the talk gives an article is
    countable ('What is cirque?' reads as broken English; 'pumice, a volcanic glass' had none
    and stays bare); a plural or a term that has its article stays as it is."""
    first = term.split()[0].lower()
    if first in detectors.ARTICLES or term.endswith("s"):
        return term
    return f"{'an' if first[0] in 'aeiou' else 'a'} {term}"


TOPIC_FRAME = re.compile(
    r"(?:^|[.!?]\s+)"
    + opening_run(DISCOURSE_MARKERS)
    + r"(?:as for|for|with|in|on|unlike|like|compared (?:to|with)|apart from|besides) (?:the |a |an )?$",
    re.IGNORECASE,
)
"""'For tidal stream, a well-sited array...', 'Unlike a starter, a packet of yeast...': a
sentence opening 'for X,' or 'unlike X,' names its topic or foil; the ', a ...' after it goes
on about something else."""


def capitalised_mid_sentence(text: str, start: int, written: str) -> bool:
    """This occurrence of a common phrase is part of a name or title ('...of Practical
    Volcanic Rocks, a field guide'): the phrase matched it only by ignoring case."""
    opens_sentence = starts_sentence(text, start)
    words = written.split()
    return any(is_name(word, 0 if opens_sentence and n == 0 else 1) for n, word in enumerate(words))
