"""Noun phrases, and the episode's key terms: frequent, specific phrases and collocations."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import pairwise
from typing import TYPE_CHECKING

from podcards.nlp.toolkit import CLOSED_CLASS_TAGS, FINITE_VERB_TAGS, nltk_module

if TYPE_CHECKING:
    from podcards.nlp.sentences import Sentence

STRETCH_SENTENCES = 20
"""Key terms are weighed by how many stretches of this many sentences they appear in."""
MIN_TERM_COUNT = 3
"""A phrase said twice is no key term yet ('Tuesdays', 'sixteen metres' in one story)."""

FREQUENT_TERMS = 10
NAMING_PARTICIPLES = frozenset(["called", "named", "termed", "dubbed", "nicknamed"])
LABEL_NOUNS = frozenset(["phrase", "word", "term", "name", "label", "acronym", "title"])
"""'The phrase Black Death', 'the word Kubernetes': the label is not part of the name."""
NOUN_PHRASE_PATTERN = "<JJ|JJR|JJS|VBG|VBN|NN.*>*<NN.*>+<CD>?"
"""A noun phrase, as a RegexpParser chunk rule: modifiers, nouns, an optional number."""


VAGUE_NOUNS = set(
    [
        "thing",
        "things",
        "lot",
        "lots",
        "plenty",  # 'we have {{c1::plenty}} of cleaning steps': how many, not what
        "bunch",
        "handful",
        "future",  # 'in the future': when, like 'today'
        "past",
        "way",
        "ways",
        "kind",
        "kinds",
        "sort",
        "sorts",
        "people",
        "person",
        "guy",
        "guys",
        "stuff",
        "bit",
        "time",
        "times",
        "question",
        "questions",
        "point",
        "points",
        "yeah",
        "okay",
        "today",
        "year",
        "years",
        "day",
        "days",
        "week",
        "weeks",
        "example",
        "examples",
        "analogy",  # how the speaker explains, like an example: never the topic
        "analogies",
        "metaphor",
        "metaphors",
        "case",
        "cases",
        "idea",
        "ideas",
        "concept",  # like 'idea': 'this concept of...' names the thing after it
        "concepts",
        "notion",
        "notions",
        "aspect",
        "aspects",
        "construct",
        "constructs",
        "part",
        "parts",
        "fact",
        "sense",
        "something",
        "anything",
        "everything",
        "nothing",
        "someone",
        "somebody",
        "anybody",
        "everybody",
        "nobody",
        "anyone",
        "everyone",
        "one",
        "ones",
        "others",
        "number",
        "numbers",
        "end",
        "place",
        "places",
        "world",
        "reason",
        "reasons",
        "moment",
        "moments",
        "answer",
        "answers",
        "problem",
        "problems",
        "advantage",  # 'the advantage is...' names no thing: the advantage of what?
        "advantages",
        "disadvantage",
        "disadvantages",
        "downside",
        "downsides",
        "upside",
        "upsides",
        "drawback",
        "drawbacks",
        "term",
        "terms",
        "matter",
        "level",
        "levels",
        "area",
        "areas",
        "side",
        "sides",
        "aspect",
        "aspects",
        "type",
        "types",
        "version",
        "versions",
        "show",
        "episode",
        "episodes",
        "podcast",
        "podcasts",
        "conversation",
        "guest",
        "host",
        "audience",
        "listener",
        "listeners",
        "thanks",
        "thank",
        "welcome",
        "hello",
        "congratulations",
        "bye",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "yesterday",
        "tomorrow",
        "tonight",
        "order",
        "course",
        "deal",
        "story",
        "stories",
    ]
)
NUMBER_WORDS = frozenset(CLOSED_CLASS_TAGS["CD"].split())
RATING_WORDS = frozenset(
    ["nice", "great", "good", "bad", "huge", "tremendous", "enormous", "massive", "incredible",
     "amazing", "awesome", "terrible", "crazy", "weird", "cool", "fancy", "interesting",
     "important", "famous", "well-known"]
)  # fmt: skip
"""Words that say how a speaker feels about a thing."""
LOOSE_MODIFIERS = RATING_WORDS | frozenset(
    ["right", "wrong", "new", "whole", "entire", "actual", "simple", "different", "same", "other",
     "certain", "particular", "specific", "main", "typical", "usual", "various", "several",
     "many", "few", "much", "more", "less", "most", "such", "very", "pretty", "really", "best",
     "better", "worst", "previous", "current", "recent"]
)  # fmt: skip
"""Modifiers that rate a thing, or say which of several is meant, not what kind of thing it
is: 'a huge shift', 'the right companies', 'a nice diagram'. A term does not start with one
in lower case ('neural' in 'neural nets' classifies and stays, and so does 'New' in 'New
Zealand')."""


@cache
def noun_phrase_regex() -> re.Pattern[str]:
    """The chunk rule compiled by NLTK's own RegexpParser machinery (tag_pattern2re_pattern),
    applied straight to a sentence's tag string: the same chunks as RegexpParser.parse without
    building and walking a tree for each of a talk's ~1000 sentences (5x faster)."""
    regexp = nltk_module().chunk.regexp
    return re.compile(regexp.tag_pattern2re_pattern(NOUN_PHRASE_PATTERN))


def noun_phrase_spans(tokens: Sequence[str], tags: Sequence[str]) -> list[tuple[int, int]]:
    """Token ranges of the noun phrases; two capitalised phrases joined by 'of' are one."""
    tag_string = "".join(f"<{tag}>" for tag in tags)
    spans: list[tuple[int, int]] = []
    for match in noun_phrase_regex().finditer(tag_string):
        position = tag_string.count("<", 0, match.start())
        end = position + match.group().count("<")
        if is_name_of_name(tokens, spans, position):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((position, end))
    return spans


def is_name_of_name(tokens: Sequence[str], spans: list[tuple[int, int]], position: int) -> bool:
    """'Bay' + 'of' + 'Fundy': two capitalised phrases joined by 'of' are one name."""
    if not spans or spans[-1][1] != position - 1 or tokens[position - 1] != "of":
        return False
    low, high = spans[-1]
    return all(token[:1].isupper() for token in tokens[low:high]) and tokens[position][:1].isupper()


def is_content_word(word: str, stopwords: frozenset[str]) -> bool:
    """A word that can name something: not a function word, a vague noun or a spelt number."""
    lowered = word.lower()
    return (
        lowered not in stopwords
        and lowered not in VAGUE_NOUNS
        and lowered not in NUMBER_WORDS
        and len(lowered) > 1
    )


def term_start(
    tokens: Sequence[str], tags: Sequence[str], low: int, high: int, stopwords: frozenset[str]
) -> int:
    """Where the term inside the noun phrase tokens[low:high] starts: past function words,
    vague nouns and loose modifiers ('the right companies', or 'Nice' said as a reply), and
    past a verb that takes a name as its object ('using PyTorch'), and past the noun before
    a naming participle ('a bacterium called X', 'what's called X': the term is X), a label
    noun before a name ('the phrase Black Death') and the role nouns before a name ('the
    evaluation group METR')."""
    while low < high and not opens_term(tokens, low, stopwords):
        low += 1
    naming = [n for n in range(low, high - 1) if tokens[n].lower() in NAMING_PARTICIPLES]
    if naming:
        low = naming[-1] + 1
    if high - low > 1 and tags[low] in ("VBG", "VBN") and tags[low + 1].startswith("NNP"):
        low += 1
    if high - low > 1 and tokens[low].lower() in LABEL_NOUNS and tokens[low + 1][:1].isupper():
        low += 1
    return name_after_role(tokens, low, high)


ROLE_NOUNS = frozenset(
    ["group", "company", "startup", "lab", "laboratory", "organisation", "organization", "team",
     "agency", "firm", "institute", "university", "genus", "species", "project", "journal",
     "magazine", "newspaper", "chatbot", "app", "platform", "framework", "library", "language",
     "river", "town", "city", "village", "region", "province", "state", "band", "ship"]
)  # fmt: skip
"""Nouns that say what kind of thing the name after them is ('the genus Lactobacillus')."""


def name_after_role(tokens: Sequence[str], low: int, high: int) -> int:
    """'the evaluation group METR', 'the genus Lactobacillus': common nouns saying what a name
    is, then the name; the name is the term ('transaction ID' or 'row B' stay whole)."""
    name = high
    while name > low and tokens[name - 1][:1].isupper():
        name -= 1
    role = low < name < high and tokens[name - 1].lower() in ROLE_NOUNS
    return name if role and tokens[low][:1].islower() else low


def opens_term(tokens: Sequence[str], position: int, stopwords: frozenset[str]) -> bool:
    """A content word that is not a loose modifier. A sentence's first word is capitalised
    only by its place, unless a name goes on after it ('New Zealand')."""
    word = tokens[position]
    opens_name = position + 1 < len(tokens) and tokens[position + 1][:1].isupper()
    if position == 0 and not opens_name:
        word = word.lower()
    return is_content_word(word, stopwords) and word not in LOOSE_MODIFIERS


@dataclass
class KeyTerms:
    """The episode's key terms (lowercased) with weights: frequent, specific noun phrases."""

    weights: dict[str, float]
    stopwords: frozenset[str] = frozenset()
    display: dict[str, str] = field(default_factory=dict)
    """How each term is most often written (its casing), for card text."""
    names: frozenset[str] = frozenset()
    """The words of the speakers' names (lowercased): never a term, nor what a card asks."""
    frequent: frozenset[str] = frozenset()
    """The talk's most often said terms: its main subjects, which are everywhere (so weigh
    little) but which a listener must be able to define."""
    uncapitalised: frozenset[str] = frozenset()
    """Words the talk writes in lower case somewhere: no name, even where the tagger takes
    one opening a sentence for a name ('Gluten is...')."""
    phrases: frozenset[str] = frozenset()
    """The terms said as noun phrases: a topic to tag a card with. A collocation found only
    as a pair of words ('come back', 'using pytorch') weighs a passage but names nothing."""

    def shown(self, term: str) -> str:
        return self.display.get(term, term)

    @cached_property
    def spaced_terms(self) -> list[tuple[str, str]]:
        """Each term and its whole-word search string, made once: every passage asks."""
        return [(term, f" {term} ") for term in self.weights]

    def found_in(self, sentences: Iterable[Sentence]) -> list[str]:
        """Key terms these sentences contain (as whole words), heaviest first."""
        joined = " " + " ".join(sentence.lowered for sentence in sentences if sentence.words) + " "
        found = [term for term, spaced in self.spaced_terms if spaced in joined]
        return sorted(found, key=lambda term: (-self.weights[term], term))


def key_terms(
    sentences: Sequence[Sentence],
    stopwords: frozenset[str],
    limit: int = 80,
    names: frozenset[str] = frozenset(),
) -> KeyTerms:
    """Repeated noun phrases and collocations that cluster in part of the talk.

    Speech has no background corpus to compare with here, so a term's weight is its frequency
    times how concentrated it is (an idf over stretches of the talk: the episode's overall
    subject is everywhere and tells no fact apart), with names, acronyms and compound terms
    favoured over common nouns; vague nouns never count, nor do the speakers' `names`
    (lower case words: hosts and guests call each other by name, which is no topic).
    """
    counts: Counter[str] = Counter()
    stretches: dict[str, set[int]] = {}
    forms: dict[str, Counter[str]] = {}
    uncapitalised = frozenset(
        token for sentence in sentences for token in sentence.tokens if token.islower()
    )
    for sentence in sentences:
        for phrase in candidate_terms(sentence, stopwords):
            key = phrase.lower()
            if names.issuperset(key.split()):
                continue
            counts[key] += 1
            stretches.setdefault(key, set()).add(sentence.index // STRETCH_SENTENCES)
            forms.setdefault(key, Counter())[as_written(phrase, sentence, uncapitalised)] += 1
    display = {key: written.most_common(1)[0][0] for key, written in forms.items()}
    pairs, nominal = collocations(sentences, stopwords | names)
    for bigram, places in pairs.items():
        counts[bigram] = max(counts[bigram], len(places))
        stretches.setdefault(bigram, set()).update(place // STRETCH_SENTENCES for place in places)
    total_stretches = (
        1 + max((sentence.index for sentence in sentences), default=0) // STRETCH_SENTENCES
    )
    weights = {}
    for term, count in counts.items():
        if count < MIN_TERM_COUNT:
            continue
        shape = 1.0
        if any(character.isupper() for character in display.get(term, term)):
            shape += 0.5
        if " " in term:
            shape += 0.5
        concentration = math.log(1 + total_stretches / len(stretches[term]))
        weights[term] = round(math.log2(1 + count) * concentration * shape, 4)
    best = sorted(weights, key=lambda term: (-weights[term], term))[:limit]
    return KeyTerms(
        weights={term: weights[term] for term in best},
        stopwords=stopwords,
        display={term: display.get(term, term) for term in best},
        names=names,
        frequent=frozenset(sorted(best, key=lambda term: -counts[term])[:FREQUENT_TERMS]),
        uncapitalised=uncapitalised,
        phrases=frozenset(term for term in best if term in forms or term in nominal),
    )


def as_written(phrase: str, sentence: Sentence, uncapitalised: frozenset[str]) -> str:
    """The phrase as the talk would write it mid-sentence: one that opens its sentence has a
    capital only for its place, when the talk writes its first word in lower case elsewhere
    ('Cache invalidation is...' beside 'a cache'); a name keeps its capital."""
    first = phrase.split()[0]
    if sentence.words[:1] == [first] and first[1:].islower() and first.lower() in uncapitalised:
        return first.lower() + phrase[len(first) :]
    return phrase


def candidate_terms(sentence: Sentence, stopwords: frozenset[str]) -> list[str]:
    """Noun phrases trimmed of stop and vague words at their edges, plus their head nouns. A
    phrase whose noun was vague ('a higher level') leaves a modifier, which names nothing."""
    terms = []
    for low, high in sentence.chunks:
        low = term_start(sentence.tokens, sentence.tags, low, high, stopwords)
        while high > low and not is_content_word(sentence.tokens[high - 1], stopwords):
            high -= 1
        if high == low or high - low > 4 or not ends_in_noun(sentence.tags[low:high]):
            continue
        words = sentence.tokens[low:high]
        terms.append(" ".join(words))
        if len(words) > 1:
            terms.append(words[-1])
    return terms


def ends_in_noun(tags: Sequence[str]) -> bool:
    """A noun, or a number after one ('GPT 4')."""
    return tags[-1].startswith("NN") or (tags[-1] == "CD" and len(tags) > 1)


def collocations(
    sentences: Sequence[Sentence], stopwords: frozenset[str], top: int = 30
) -> tuple[dict[str, list[int]], frozenset[str]]:
    """Word pairs that occur together far more than chance (likelihood ratio), with the
    indexes of the sentences they occur in; and those of them mostly tagged like a noun
    phrase: a noun or gerund after anything but a verb ('slack water', 'coral bleaching';
    not 'come back', 'lava comes'), which name a topic."""
    nltk = nltk_module()
    lowered = [[word.lower() for word in sentence.words] for sentence in sentences]
    finder = nltk.collocations.BigramCollocationFinder.from_documents(lowered)
    finder.apply_freq_filter(3)
    finder.apply_word_filter(lambda word: not is_content_word(word, stopwords) or word.isdigit())
    # "model model": overlapping counts make NLTK's contingency table negative (math domain error)
    finder.apply_ngram_filter(lambda first, second: first == second or first in LOOSE_MODIFIERS)
    measures = nltk.collocations.BigramAssocMeasures()
    places: dict[str, list[int]] = {
        " ".join(pair): [] for pair in finder.nbest(measures.likelihood_ratio, top)
    }
    nominal: Counter[str] = Counter()
    said: Counter[str] = Counter()
    for sentence, words in zip(sentences, lowered, strict=True):
        tags = [
            tag
            for token, tag in zip(sentence.tokens, sentence.tags, strict=True)
            if token[0].isalnum()
        ]
        for at, pair in enumerate(map(" ".join, pairwise(words))):
            if pair in places:
                if places[pair][-1:] != [sentence.index]:
                    places[pair].append(sentence.index)
                said[pair] += 1
                nominal[pair] += noun_pair(tags[at], tags[at + 1])
    return places, frozenset(pair for pair in places if 2 * nominal[pair] > said[pair])


def noun_pair(first_tag: str, second_tag: str) -> bool:
    """Tagged like a two-word noun phrase: no verb first, bare ('come back') or finite."""
    verb = first_tag in FINITE_VERB_TAGS or first_tag == "VB"
    return not verb and (second_tag.startswith("NN") or second_tag == "VBG")
