"""Detectors, card forms, lint, glossary and near-duplicates, on sentences written for the tests."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from talks import transcript_of

from podcards import nlp
from podcards.errors import InputError
from podcards.extract import cards, detectors, extract_cards, lint, load_glossary, ranking
from podcards.extract.cards import cloze, make_card, questions
from podcards.extract.dedupe import near_duplicate
from podcards.extract.glossary import apply_glossary
from podcards.models import Card, CardContent, CardKind, NoteType


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("A caldera is a large crater that forms when a volcano collapses.", detectors.DEFINITION),
        ("In geology, this process is called subduction.", detectors.DEFINITION),
        ("NASA stands for National Aeronautics and Space Administration.", detectors.DEFINITION),
        ("Basalt cools much faster than granite.", detectors.COMPARISON),
        ("The downside of solar panels is that they need a lot of space.", detectors.COMPARISON),
        ("Unlike rivers, glaciers move only a few metres a year.", detectors.COMPARISON),
        ("A big caveat is that the survey only counted adults.", detectors.COMPARISON),
        ("Battery prices fell by 90 percent in ten years.", detectors.QUANTITY),
        ("The number of transistors doubles every two years.", detectors.QUANTITY),
        ("The number of transistors doubles every two years.", detectors.TREND),
        ("Sea ice shrinks faster each decade.", detectors.TREND),
        ("Rust forms because iron reacts with oxygen and water.", detectors.CAUSE),
        ("Overfishing leads to the collapse of the food chain.", detectors.CAUSE),
        ("No matter what a plant eats, it always needs light.", detectors.PRINCIPLE),
        ("Almost any living cell automatically repairs its DNA.", detectors.PRINCIPLE),
        ("Diesel engines are more suited to heavy loads.", detectors.COMPARISON),
        ("A kayak is easier to steer when it is loaded.", detectors.COMPARISON),
        ("More and more bakeries sell sourdough.", detectors.TREND),
        ("Farmers increasingly plant cover crops.", detectors.TREND),
        ("The very first step is to measure the room.", detectors.PRINCIPLE),
        ("The most important thing is to keep the dough warm.", detectors.PRINCIPLE),
        ("There are two kinds of glacier: valley glaciers and ice sheets.", detectors.COMPARISON),
        ("Another part of sailing is reading the weather.", detectors.COMPARISON),
        ("Sailors call that slack water.", detectors.DEFINITION),
        ("They measured it with something called a sextant.", detectors.DEFINITION),
        ("The technical term is isostasy.", detectors.DEFINITION),
        ("Erosion, which is when water wears rock away, shapes every coast.", detectors.DEFINITION),
        ("A neap tide is what you get when the sun and moon pull apart.", detectors.DEFINITION),
        (
            "Um, so a watershed is the area of land that drains into one river.",
            detectors.DEFINITION,
        ),
        ("Lichen is, it's basically a fungus and an alga living together.", detectors.DEFINITION),
        ("A moraine is, um, it's basically a ridge of rock.", detectors.DEFINITION),
        ("Scour is the river eating the ground out from under a pier.", detectors.DEFINITION),
        ("Latency is the time it takes a packet to arrive.", detectors.DEFINITION),
        (
            "The way a heat pump cycle works is the fluid boils at a low pressure.",
            detectors.DEFINITION,
        ),
        ("Glaciers are basically frozen rivers.", detectors.DEFINITION),
        (
            "The textbook definition is that a delta is land built by river silt.",
            detectors.DEFINITION,
        ),
        ("So the water cycle is this process of evaporation and rain.", detectors.DEFINITION),
        ("A stalemate is when two players can no longer move.", detectors.DEFINITION),
        ("Rust is mostly the oxide that forms on wet steel.", detectors.DEFINITION),
        ("A vaccine works by training the immune system to spot the virus.", detectors.CAUSE),
        ("Most of the salt in the sea comes from rocks worn away by rivers.", detectors.CAUSE),
        (
            "You'd read something like, a moraine is a ridge of glacial debris.",
            detectors.DEFINITION,
        ),
        ("Sheep outnumber people in the valley by three to one.", detectors.COMPARISON),
        ("Sheep outnumber people in the valley by three to one.", detectors.QUANTITY),
        ("The pull of the sun is less than half of the moon's.", detectors.COMPARISON),
        ("People get this wrong all the time: cacti do need water.", detectors.COMPARISON),
        ("The printing press arrived in the fifteenth century.", detectors.QUANTITY),
        ("Dried seeds keep for years in a cool cellar.", detectors.QUANTITY),
        ("The lighthouse lens was invented by a French physicist.", detectors.QUANTITY),
        ("The thing about basalt is that it cools fast.", detectors.PRINCIPLE),
        ("Drag on a cyclist goes with the square of the speed.", detectors.TREND),
        ("A heavier pendulum is not twice as slow as a light one.", detectors.TREND),
        ("Pressure is inversely proportional to volume.", detectors.TREND),
        ("The more silt a river carries, the slower it flows.", detectors.TREND),
        ("What really matters is the depth of the keel.", detectors.PRINCIPLE),
        ("The key takeaway: rinse the filter weekly.", detectors.PRINCIPLE),
        ("Eclipses can be computed centuries in advance.", detectors.QUANTITY),
        ("Ferries here leave to the minute.", detectors.QUANTITY),
        (
            "For granite, the main thing that controls grain size is cooling time.",
            detectors.PRINCIPLE,
        ),
        ("So the key mechanism is the flywheel.", detectors.PRINCIPLE),
    ],
)
def test_fact_cues(sentence: str, kind: str) -> None:
    assert detectors.detect(sentence).get(kind, 0) > 0


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("What do you think about the new telescope?", detectors.QUESTION),
        ("do you see that happening soon", detectors.QUESTION),
        ("Thank you so much for coming on the show.", detectors.SOCIAL),
        ("This episode is brought to you by Acme, use promo code ROCK.", detectors.SPONSOR),
        ("I remember when I was a kid we went camping every summer.", detectors.ANECDOTE),
        ("I don't know, maybe it works, I'm not sure.", detectors.HEDGE),
        ("I would love it to have a bigger garden.", detectors.HEDGE),
        ("I don't think anyone grows up wanting to count gulls.", detectors.HEDGE),
        ("It's a pity, in my opinion, that the pier closed.", detectors.HEDGE),
        ("I've mostly been using the blue kettle for tea.", detectors.ANECDOTE),
        ("That's a great question, as you said earlier.", detectors.META),
        ("So let's do runny first.", detectors.META),
        ("Why don't we actually start there, with the harbour.", detectors.META),
        ("I want to get into tide tables, a term I hear a lot in 2022.", detectors.META),
        ("Now we're going to talk about the next storm season.", detectors.META),
        ("Go to seaweed dot com slash tides for ten percent off.", detectors.SPONSOR),
        ("If you enjoyed it, leave us a review wherever you listen.", detectors.SPONSOR),
        ("She grew up on a farm and studied geology in Oslo.", detectors.ANECDOTE),
        ("And on a Friday, at the evening rush, the whole pier flooded.", detectors.ANECDOTE),
        ("Just to set the scene, I'm three days into the hike.", detectors.ANECDOTE),
        ("Priya writes: Hi both, love the show, I listen while I cycle.", detectors.SOCIAL),
        ("We'll take a quick break, and when we come back, glaciers.", detectors.SOCIAL),
        ("Stick around, because after the break we get to the lava.", detectors.SOCIAL),
        ('And you\'re like, "Well, ten minutes from now, that cake is gone."', detectors.ANECDOTE),
        ('So I go "Hey, just post the draft" and walk away.', detectors.ANECDOTE),
    ],
)
def test_chatter_cues_count_against(sentence: str, kind: str) -> None:
    assert detectors.detect(sentence).get(kind, 0) < 0


@pytest.mark.parametrize(
    "sentence",
    [
        "What a thermostat does is switch the heater off once the room is warm enough.",
        "The way a lock works is that the pins must line up before the plug turns.",
        "The idea is that the starter feeds on the flour and makes the dough rise.",
        "We stored the readings in RRD, the round robin database, on a small server.",
        "If you ask what glaciers are, it's a river of ice that flows downhill.",
        "Under the hood the kettle uses a bimetal strip to switch itself off.",
        "Grafting is a technique where you join a cutting to a rooted plant.",
        "When I'm talking about moraines, I mean the ridges a glacier leaves behind.",
        "By latency, I mean the time a request waits in the queue.",
        "What we mean by drift is the slow change of the data.",
        "Curtailment is when a generator is told to switch off.",
        "So ablation, in this context, is when a glacier loses ice to melting.",
        "The firn line is the one place on a glacier where last winter's snow survives.",
        "Hydrogen is the only element that has no neutron in its nucleus.",
    ],
)
def test_spoken_definitions_count_wherever_they_are_said(sentence: str) -> None:
    """Speakers define things in passing, not only as 'X is a Y'; a sentence that merely
    mentions the same words without defining anything gets no such cue."""
    assert detectors.detect(sentence).get(detectors.DEFINITION, 0) >= 0.8
    assert detectors.DEFINITION not in detectors.detect("We drove to the lake and it rained.")
    assert detectors.DEFINITION not in detectors.detect("I mean, we drove to the lake.")
    assert detectors.DEFINITION not in detectors.detect("That is when we drove to the lake.")


@pytest.mark.parametrize(
    "sentence",
    ["The cache is the one that broke first.", "Mine is the only way to do it right."],
)
def test_the_one_that_or_the_only_way_is_no_definition(sentence: str) -> None:
    assert detectors.detect(sentence).get(detectors.DEFINITION, 0) < 0.8


def test_a_term_explained_after_a_comma_and_where_counts_as_explained() -> None:
    """'The second is transduction, where a virus carries...': the comma does not change what
    'where' does after a term."""
    comma = detectors.detect("The second is grafting, where you join a cutting to a plant.")
    assert comma.get(detectors.DEFINITION, 0) >= 0.6


def test_what_someone_does_is_no_definition() -> None:
    """'What a thermostat does is...' explains a thing; 'what they do is...' tells of people."""
    found = detectors.detect("And what they do is sell the boats before winter comes.")
    assert detectors.DEFINITION not in found
    assert detectors.DEFINITION not in detectors.detect("I know what it is, but not why.")


def test_because_counts_less_than_a_stated_consequence() -> None:
    """Speech says 'because' of anything ('because I think...'); 'leads to' states a cause."""
    weak = detectors.detect("We left early because it looked like rain.")[detectors.CAUSE]
    strong = detectors.detect("Overfishing leads to the collapse of the food chain.")
    assert 0 < weak < strong[detectors.CAUSE]


def test_calling_someone_is_no_definition() -> None:
    assert detectors.DEFINITION not in detectors.detect("I called him back after lunch.")
    assert detectors.DEFINITION not in detectors.detect("We call it a day at six.")


def test_at_least_and_at_most_are_no_comparison() -> None:
    assert detectors.COMPARISON not in detectors.detect("We met at least a dozen hikers there.")
    assert detectors.COMPARISON not in detectors.detect("The heron found one kind of fish here.")
    assert detectors.DEFINITION not in detectors.detect("There was a point where we turned back.")


def test_one_day_is_some_day_not_a_duration() -> None:
    assert detectors.QUANTITY not in detectors.detect(
        "One day there will be a robot in each kitchen."
    )
    assert detectors.QUANTITY in detectors.detect("The ferry takes two days to reach the island.")


def test_a_tag_question_is_still_a_statement() -> None:
    assert not detectors.is_question("Granite is an igneous rock, right?")
    assert detectors.is_question("Is granite an igneous rock?")


def passage_for(*texts: str) -> tuple[ranking.Passage, nlp.KeyTerms]:
    """The passage of the last sentence of one turn, with key terms of the whole turn."""
    transcript = transcript_of(" ".join(texts))
    sentences = nlp.split_transcript(transcript, nlp.load_toolkit(" ".join(texts)))
    terms = nlp.key_terms(sentences, nlp.builtin_stopwords())
    passage = ranking.make_passage([sentences[-1]], [detectors.detect(sentences[-1].text)], terms)
    return passage, terms


def card_for(*texts: str, topic: str | None = None) -> CardContent:
    passage, terms = passage_for(*texts)
    return make_card(passage, terms, topic).content


def talk_of(*texts: str) -> tuple[list[ranking.Passage], ranking.Talk]:
    """Every single-sentence passage of a one-turn talk, scored."""
    transcript = transcript_of(" ".join(texts))
    sentences = nlp.split_transcript(transcript, nlp.load_toolkit(" ".join(texts)))
    terms = nlp.key_terms(sentences, nlp.builtin_stopwords())
    passages = [
        passage
        for passage in ranking.build_passages(sentences, terms)
        if len(passage.sentences) == 1
    ]
    talk = ranking.study_talk(sentences)
    ranking.score_passages(passages, terms, talk)
    return passages, talk


FILLER_TALK = [
    f"The {thing} in the harbour was painted blue last spring."
    for thing in (
        "boat",
        "shed",
        "crane",
        "gate",
        "bench",
        "kiosk",
        "ramp",
        "fence",
        "buoy",
        "hut",
    )
]


def test_a_talk_without_speaker_turns_is_cut_into_turn_sized_runs() -> None:
    """Captions come as one segment: 'the rest of its turn' must not mean the whole talk."""
    one_segment = [
        nlp.Sentence(segment=0, start=0, end=1, text="x", speaker=None, index=n) for n in range(50)
    ]
    turns = ranking.turn_numbers(one_segment)
    assert turns == [0] * 50  # a long turn of a real speaker stays whole
    captions = [
        nlp.Sentence(segment=0, start=0, end=1, text="x", speaker=None, index=n) for n in range(130)
    ]
    turns = ranking.turn_numbers(captions)
    assert turns[:21] == [0] * 20 + [1] and turns[-1] == 6
    speakers = [
        nlp.Sentence(segment=n // 3, start=0, end=1, text="x", speaker=None, index=n)
        for n in range(9)
    ]
    assert ranking.turn_numbers(speakers) == [0, 0, 0, 1, 1, 1, 2, 2, 2]


def test_pieces_of_one_cut_sentence_can_pair_but_two_sentences_need_a_reason() -> None:
    """A cut inside a sentence (a run-on, captions without punctuation) can fall inside a fact:
    the two pieces may form one passage. Two whole independent sentences stay apart."""

    def sentence(text: str) -> nlp.Sentence:
        made = nlp.Sentence(segment=0, start=0, end=len(text), text=text, speaker=None)
        made.tokens = text.rstrip(".").split()
        return made

    piece = sentence("and the glacier moved forty metres in one winter while the valley")
    rest = sentence("floor beneath it was scraped down to the bedrock by the ice")
    assert ranking.belong_together(piece, rest)
    whole = sentence("The glacier moved forty metres down the valley in one cold winter.")
    other = sentence("Farmers in the valley kept their sheep on the high summer pastures.")
    assert not ranking.belong_together(whole, other)


@pytest.mark.parametrize(
    ("text", "dependent"),
    [
        ("For most of us it runs a little long, about ten minutes a day.", True),
        ("If it's confirmed, the main treatment is a pressure mask.", True),
        ("Once they dry out in the sun, the pots crack.", True),
        ("For most of us, the body clock runs a little long.", False),
        ("If you skip the freeze step, the counter wraps around.", False),
        ("In practice it turns out that most glaciers are retreating.", False),
    ],
)
def test_a_pointer_after_a_fronted_phrase_leans_on_what_came_before(
    text: str, dependent: bool
) -> None:
    [sentence] = split_of(text)
    assert ranking.opens_dependent(sentence) is dependent


def test_an_empty_lead_in_does_not_pair_with_the_fact_after_it() -> None:
    """'I hear that one a lot.' names nothing and states nothing: the fact after it is a card
    alone. A lead-in is kept when the next sentence points back to it."""
    passages = talk_of_pairs(
        "I hear that one a lot. Kelp forests grow half a metre a day in cold water."
    )
    assert "I hear that one a lot. Kelp forests grow" not in " | ".join(passages)
    passages = talk_of_pairs("Nobody believed us. It took ten years to prove the kelp grew.")
    assert "Nobody believed us. It took ten years to prove the kelp grew." in passages


def talk_of_pairs(text: str) -> list[str]:
    sentences = split_of(text)
    terms = nlp.key_terms(sentences, nlp.builtin_stopwords())
    return [passage.text for passage in ranking.build_passages(sentences, terms)]


def test_a_run_on_sentence_cut_in_two_reads_as_said_when_joined_again() -> None:
    """A long sentence is cut at its clauses; a passage of two of its pieces is the sentence
    again, comma and all, so its card cannot take it for captions without punctuation and
    stop mid-clause ('...of the moon's because even though.')."""
    run_on = (
        "So I read up on it and the short story, as far as I can tell, is that the moon pulls on"
        " the sea and the sun does too, but the sun's pull on the sea is a bit less than half of"
        " the moon's, because even though the sun is enormous it's so much further away."
    )
    assert (
        "but the sun's pull on the sea is a bit less than half of the moon's, because even though"
        " the sun is enormous it's so much further away."
    ) in talk_of_pairs(run_on)


def test_a_worked_example_is_read_with_the_law_it_works_out() -> None:
    """'So if...' and 'for example' work out the sentence before: the law and its example can
    make one card. A plain 'If...' may start a new claim and stays apart."""
    law = "The drag on a cyclist grows with the square of the speed."
    sentences = split_of(law, "So if you ride twice as fast, you push against four times the drag.")
    assert ranking.belong_together(*sentences)
    sentences = split_of(
        law, "For example, a sprint at fifty doubles the drag of a ride at thirty-five."
    )
    assert ranking.belong_together(*sentences)
    sentences = split_of(law, "If the road climbs, gravity matters far more than the drag does.")
    assert not ranking.belong_together(*sentences)


@pytest.mark.parametrize(
    ("text", "refuted"),
    [
        (
            "Myth number two. Sharks must keep swimming or they die. Um. No. Most sharks rest.",
            ["Sharks must keep swimming or they die."],
        ),
        (
            "People say you need a boat to see them. You don't. A pier will do.",
            ["People say you need a boat to see them."],
        ),
        (  # what no longer holds is refuted, negative or not
            "People say sharks can't see colour. That used to be true. It isn't anymore.",
            ["People say sharks can't see colour.", "That used to be true."],
        ),
        ("Sharks are not mammals. No. They are fish.", []),
        ("Do sharks sleep at all? No. They rest with their eyes open.", []),
        ("Sharks have been around for four hundred million years. Oh, no.", []),
    ],
)
def test_a_claim_flatly_denied_next_is_refuted(text: str, refuted: list[str]) -> None:
    """'..., so it's better. Um. No.': the speaker sets a myth up to knock it down, and a card
    would teach it as fact. A 'no' after a negative statement agrees with it; after a question
    it answers; 'Oh, no' is no denial."""
    sentences = split_of(text)
    found = ranking.refuted_sentences(sentences)
    assert [sentences[index].text for index in sorted(found)] == refuted


def test_a_refuted_claim_makes_no_card() -> None:
    myth = "A goldfish remembers things for only three seconds."
    talk = [
        "Goldfish can be trained to push a lever for food within a week.",
        f"Myth number one. {myth} No.",
        "Trained goldfish still pushed the lever after three months without practice.",
    ]
    quotes = [card.quote for card in extract_cards(transcript_of(*talk))]
    assert quotes and not any(myth in quote for quote in quotes)


def split_of(*texts: str) -> list[nlp.Sentence]:
    text = " ".join(texts)
    return nlp.split_transcript(transcript_of(text), nlp.load_toolkit(text))


def test_a_definition_of_what_the_talk_is_about_ranks_above_one_in_passing() -> None:
    """Defining one of the talk's heaviest key terms is a must-have card; defining a word met
    in passing is not, though both are definitions."""
    glacier = "A glacier is a river of ice that flows slowly down a mountain valley."
    tarn = "A tarn is a small mountain lake that fills a hollow in the rock."
    transcript = transcript_of(f"{glacier} {tarn}")
    sentences = nlp.split_transcript(transcript, nlp.load_toolkit(glacier))
    others = {f"term {number}": 5.0 for number in range(ranking.CENTRAL_TERMS)}
    terms = nlp.KeyTerms(weights={"glacier": 9.0, **others, "tarn": 1.0})
    passages = ranking.build_passages(sentences, terms)
    ranking.score_passages(passages, terms, ranking.study_talk(sentences))
    central, in_passing = passages[0], passages[-1]
    assert (central.text, in_passing.text) == (glacier, tarn)
    assert central.reasons["central"] > 0 == in_passing.reasons["central"]
    mail = "Sam writes: love the show, my dog is called Glacier because of you."
    sentences = nlp.split_transcript(transcript_of(mail), nlp.load_toolkit(mail))
    passages = ranking.build_passages(sentences, terms)
    ranking.score_passages(passages, terms, ranking.study_talk(sentences))
    assert passages[0].reasons["central"] == 0  # chatter, though it names a central term
    from card_factory import talk_of_turns

    intro = "Ana is a glacier scientist who measures the ice every spring."
    transcript = talk_of_turns("Ice", [("Host", intro), ("Ana", "Thanks. " + glacier)])
    sentences = nlp.split_transcript(transcript, nlp.load_toolkit(intro))
    terms = nlp.KeyTerms(weights={"glacier": 9.0, "glacier scientist": 8.0})
    passages = ranking.build_passages(sentences, terms)
    ranking.score_passages(passages, terms, ranking.study_talk(sentences))
    assert passages[0].text == intro and passages[0].reasons["central"] == 0  # a speaker


def test_a_definition_of_the_talk_s_main_subject_counts_as_central() -> None:
    """The subject said all through a talk weighs little as a key term (it tells no passage
    apart), yet 'So, a ledger is...' is a card a listener must have."""
    ledger = "So, a ledger is a book that lists every payment in the order it was made."
    tarn = "A tarn is a small mountain lake that fills a hollow in the rock."
    transcript = transcript_of(f"{ledger} {tarn}")
    sentences = nlp.split_transcript(transcript, nlp.load_toolkit(ledger))
    others = {f"term {number}": 5.0 for number in range(ranking.CENTRAL_TERMS)}
    weights = {**others, "ledger": 1.0, "tarn": 1.0}
    terms = nlp.KeyTerms(weights=weights, frequent=frozenset(["ledger"]))
    passages = ranking.build_passages(sentences, terms)
    ranking.score_passages(passages, terms, ranking.study_talk(sentences))
    subject, in_passing = passages[0], passages[-1]
    assert (subject.text, in_passing.text) == (ledger, tarn)
    assert subject.reasons["central"] > 0 == in_passing.reasons["central"]


def test_a_definition_answering_what_was_asked_ranks_higher() -> None:
    """'And lichen?' then 'So lichen is...': the answer to what the other speaker asked is
    the definition a listener came for; the same words unasked, or a turn that asked nothing,
    earn no lift. A question in the sentences just before counts without speakers too."""
    from card_factory import talk_of_turns

    lichen = "So lichen is, it's basically a fungus and an alga living together."
    terms = nlp.KeyTerms(weights={"lichen": 2.0, "fungus": 1.0})

    def answer_reasons(turns: list[tuple[str, str]]) -> dict[str, float]:
        transcript = talk_of_turns("Moss", turns)
        sentences = nlp.split_transcript(transcript, nlp.load_toolkit(lichen))
        passages = ranking.build_passages(sentences, terms)
        ranking.score_passages(passages, terms, ranking.study_talk(sentences))
        return next(passage for passage in passages if passage.text == lichen).reasons

    setup = "I want to talk about lichen, the crust on old walls. Can you explain it for us?"
    assert answer_reasons([("Host", setup), ("Guest", lichen)])["asked"] > 0
    assert answer_reasons([("Host", "And lichen?"), ("Guest", lichen)])["asked"] > 0
    assert answer_reasons([("Host", "What about moss?"), ("Guest", lichen)])["asked"] == 0
    told = "I want to talk about lichen, the crust on old walls. Go ahead."
    assert answer_reasons([("Host", told), ("Guest", lichen)])["asked"] == 0
    lecture = f"What is lichen, then? Look closely at a wall. {lichen}"
    assert answer_reasons([("Speaker", lecture)])["asked"] > 0
    set_up = f"Now lichen, the crust on old walls. So what is it, really? {lichen}"
    assert answer_reasons([("Speaker", set_up)])["asked"] > 0  # named just before the question


def test_a_talk_s_most_frequent_terms_are_its_main_subjects() -> None:
    talk = [
        "The ledger keeps every payment in order.",
        "A clerk checks the ledger at noon.",
        "Old ledgers sit in the vault.",
        "The tarn was cold that spring.",
        "Auditors read the ledger twice a year.",
        "The vault door is heavy steel.",
        "Each ledger has a red cover.",
    ]
    terms = nlp.key_terms(split_of(*talk * 3), nlp.builtin_stopwords())
    assert "ledger" in terms.frequent and "steel" not in terms.frequent


def test_a_sentence_on_the_subject_around_it_is_more_topical() -> None:
    claim = "Lichens survive drought because the fungus stores water for the alga."
    near = ["Lichens grow on bare rock.", "The alga feeds the fungus with sugar."]
    passages, _ = talk_of(*near, claim, *FILLER_TALK, *FILLER_TALK)
    on_topic = next(passage for passage in passages if passage.text == claim)
    passages, _ = talk_of(*near, *FILLER_TALK, *FILLER_TALK, claim)
    off_topic = next(passage for passage in passages if passage.text == claim)
    assert on_topic.reasons["topicality"] > off_topic.reasons["topicality"]


def scored_passage(index: int, offset: int, score: float) -> ranking.Passage:
    sentence = nlp.Sentence(
        segment=0, start=0, end=1, text=f"fact {index}", speaker=None, index=index, offset=offset
    )
    return ranking.Passage(
        sentences=[sentence],
        text=sentence.text,
        cues={},
        terms=[],
        words=frozenset({f"word{index}"}),
        score=score,
    )


def test_picks_spread_over_the_talk_instead_of_crowding_one_stretch() -> None:
    """Twenty good passages in the first minute, ten a little weaker spread over an hour: the
    best ten are not all from the first minute, and scores still fall along the ranking."""
    crowded = [scored_passage(index, index * 10, 5.0 - index * 0.01) for index in range(20)]
    spread = [scored_passage(20 + index, 1000 * (index + 1), 4.5) for index in range(10)]
    chosen = ranking.select(crowded + spread, 10)
    assert 3 <= sum(passage in spread for passage in chosen) <= 8
    assert [passage.score for passage in chosen] == sorted(
        (passage.score for passage in chosen), reverse=True
    )


def test_definitions_get_a_share_of_the_picks_against_number_rich_claims() -> None:
    """Ten numeric claims score a little higher than ten definitions spread over the same
    stretch: the first ten picks still hold some definitions, not numbers only."""
    numbers = [scored_passage(index, index * 500, 5.7 - index * 0.01) for index in range(10)]
    definitions = [scored_passage(10 + index, index * 500 + 250, 5.5) for index in range(10)]
    for passage in definitions:
        passage.cues = {detectors.DEFINITION: 1.0}
    chosen = ranking.select(numbers + definitions, 10)
    assert 2 <= sum(passage in definitions for passage in chosen) <= 5


def test_definition_becomes_what_is_question() -> None:
    card = card_for("So, um, a caldera is a large crater that forms after an eruption.")
    assert (card.note_type, card.front, card.back) == (
        NoteType.BASIC,
        "What is a caldera?",
        "A large crater that forms after an eruption",
    )
    assert lint(card) == []


@pytest.mark.parametrize(
    ("texts", "front", "back"),
    [
        (  # 'she defined X as Y' said anywhere in a sentence
            [
                "A hydrologist named Anna Berg wrote a famous study in 1956, and she defined a"
                " drought as a month with less than a tenth of the usual rain."
            ],
            "How is a drought defined?",
            "A month with less than a tenth of the usual rain",
        ),
        (  # 'The X, or XY, is a...': the acronym is an aside, what X is comes after it
            [
                "Kelp forests cover the coast here.",
                "The canopy index, or CI, is a measure of how much of the sea surface the kelp"
                " covers.",
            ],
            "What is the canopy index?",
            "A measure of how much of the sea surface the kelp covers",
        ),
    ],
)
def test_a_definition_said_in_a_less_usual_form_asks_for_its_term(
    texts: list[str], front: str, back: str
) -> None:
    card = card_for(*texts)
    assert (card.front, card.back) == (front, back)


@pytest.mark.parametrize(
    ("sentence", "answer"),
    [
        ("A tombstone is a marker in which the database records that a row was deleted.",
         "A marker in which the database records that a row was deleted"),
        ("A lifetime is the span of the program during which a reference is valid.",
         "The span of the program during which a reference is valid"),
        pytest.param(
            "So, a cache is a small, fast store, and reading from it costs next to nothing.",
            "A small, fast store",
            marks=pytest.mark.skipif(
                not nlp.has_resource(nlp.TAGGER_RESOURCE),
                reason="the data-free tagger knows no adjectives",
            ),
        ),
    ],
)  # fmt: skip
def test_a_definition_answer_is_not_cut_inside_its_noun_phrase(sentence: str, answer: str) -> None:
    """A comma between two adjectives and a 'which' after a preposition only look like the
    end of the clause: cut there, the answer was 'A small' or 'A marker in'."""
    assert card_for(sentence).back == answer


def test_a_definition_by_a_role_keeps_what_fills_the_role_in() -> None:
    """'X is the part of Y that...': 'The part of Y' alone answers nothing. The clause after it
    stays when it fits; when it does not, the card hides the term and shows the definition."""
    card = card_for("The carburettor is the part of the engine that mixes fuel with air.")
    assert (card.front, card.back) == (
        "What is the carburettor?",
        "The part of the engine that mixes fuel with air",
    )
    card = card_for(
        "The rudder is the part of the boat that turns the water flowing past the hull"
        " into a sideways push on the stern."
    )
    assert card.front.startswith("The {{c1::rudder}} is the part of the boat that turns")


@pytest.mark.parametrize(
    ("texts", "question"),
    [
        pytest.param(
            ["Sublimation is a change from solid straight to gas."],
            "What is sublimation?",
            marks=pytest.mark.skipif(
                not nlp.has_resource(nlp.TAGGER_RESOURCE),
                reason="the data-free tagger reads any capitalised word as a name",
            ),
        ),
        (["Python is a programming language that reads almost like English."], "What is Python?"),
        (
            [
                "Bakers knead the dough to build strong gluten.",
                "Gluten is the stretchy network of proteins that forms when flour meets water.",
            ],
            "What is gluten?",
        ),
    ],
)
def test_a_term_keeps_capitals_only_when_it_is_a_name(texts: list[str], question: str) -> None:
    """A word the talk also writes in lower case is no name, even opening a sentence."""
    assert card_for(*texts).front == question


def test_a_comment_on_a_subject_is_no_definition() -> None:
    """'X is a big story' says what the speaker thinks of X, not what X is."""
    card = card_for("The tide table is a long story with many chapters and footnotes.")
    assert not card.front.startswith("What is")
    card = card_for("Deep-sea mining is the biggest threat to the ocean floor that we know of.")
    assert not card.front.startswith("What is"), card.front  # a danger rated, not a thing said
    assert card_for("A caldera is a large crater left by a volcano.").front == "What is a caldera?"


def test_a_sentence_about_a_quantity_is_no_definition() -> None:
    card = card_for(
        "A thousand steps is a thousand times the work of a single pass of the network."
    )
    assert not card.front.startswith("What is")


def test_an_advantage_or_a_downside_is_no_term_to_define() -> None:
    """'The advantage is...' gives the advantage of something it does not name: 'What is the
    advantage?' cannot be answered."""
    card = card_for(
        "The advantage is the harbour still works, so boats can still get in at low tide."
    )
    assert not card.front.startswith("What is")


def test_a_change_is_no_term_to_define() -> None:
    """'Colder means stickier' relates two changes: 'What does colder mean?' asks nothing."""
    card = card_for("The lava up there is a lot colder.", "And colder means stickier, like syrup.")
    assert not card.front.startswith("What does")


@pytest.mark.parametrize(
    "caption",
    [
        "yes and so the soft stuff chalk which is the white rock you find on the coast",
        "and chalk is found in kent and normandy is about ninety percent calcium carbonate",
    ],
)
def test_a_caption_clause_is_no_definition_of_a_relative_clause_or_a_quantity(
    caption: str,
) -> None:
    """Captions have no commas: 'chalk which is the white rock' opens a relative clause (no
    'What is the soft stuff chalk which?'), and after 'and', 'normandy is about ninety
    percent...' says how much, not what normandy is."""
    terms = nlp.key_terms([], nlp.builtin_stopwords())
    assert questions.definition_card([caption], terms, frozenset()) is None


def test_acronym_next_to_its_expansion_asks_what_it_stands_for() -> None:
    card = card_for("We fixed the position with GPS, the global positioning system, from orbit.")
    assert (card.front, card.back) == ("What does GPS stand for?", "Global positioning system")
    card = card_for("The National Oceanic and Atmospheric Administration (NOAA) tracks storms.")
    assert card.front == "What does NOAA stand for?"
    card = card_for(
        "Yeah, so RICE is reach, impact, confidence, effort, in that order, for each idea."
    )
    assert (card.front, card.back) == (
        "What does RICE stand for?",
        "Reach, impact, confidence, effort",
    )


@pytest.mark.parametrize(
    ("text", "expansion"),
    [
        ("The pump keeps a write-ahead log, the WAL, on disk.", ("WAL", "write-ahead log")),
        ("They log in with a one-time password (OTP) each morning.", ("OTP", "one-time password")),
        ("The Open Data Format, ODF, is plain XML.", ("ODF", "Open Data Format")),
        ("It uses static single assignment, or SSA, inside.", ("SSA", "static single assignment")),
        ("We flew to the US on a Monday.", None),
        (
            "So RICE is reach, impact, confidence, effort.",
            ("RICE", "reach, impact, confidence, effort"),
        ),
    ],
)
def test_an_acronym_is_spelled_out_by_the_words_next_to_it(
    text: str, expansion: tuple[str, str] | None
) -> None:
    """Hyphenated words give a letter per part; an article between is no part of it, nor is a
    copula ('RICE is reach, ...')."""
    assert detectors.acronym_expansion(text) == expansion


def test_a_role_in_something_unnamed_is_not_a_term_to_define() -> None:
    """'What is the key mechanism?' cannot be answered without knowing of what."""
    card = card_for("So the key mechanism is the flywheel, a heavy wheel that stores energy.")
    assert "What is the key mechanism" not in card.front


@pytest.mark.parametrize(
    ("texts", "deletion", "hidden"),
    [
        # 'The main thing that controls X is Y' is there to say Y
        (
            ["For granite, the main thing that controls grain size is magma depth."],
            "{{c1::magma depth}}",
            True,
        ),
        (
            ["The big advantage is maintenance, because the legs fold up out of the sea."],
            "{{c1::maintenance}}",
            True,
        ),
        # 'If P, S does Q': the point is Q, not a noun of the premise
        (
            ["If you add a sixth shelf to the rack, almost every box moves to a new shelf."],
            "{{c1::moves to a new shelf}}",
            True,
        ),
        # ... unless the words right after echo it
        (
            [
                "If one strain of yeast helps in a trial, that tells you nothing, basically"
                " nothing, about another strain of the same species."
            ],
            "{{c1::tells you nothing}}",
            False,
        ),
        # a card never hides words it shows again
        (
            [
                "There's a chemical called melatonin, and what melatonin does is tell your"
                " body that night has come."
            ],
            "{{c1::melatonin}}",
            False,
        ),
        # a term explained mid-sentence is the answer, not a noun of its explanation
        (
            [
                "The brain sorts memories. The brain rests. Sleep helps the brain.",
                "During deep sleep, the hippocampus, which is the brain's short-term inbox for"
                " new memories, replays what you learned that day.",
            ],
            "the {{c1::hippocampus}}, which is the brain's",
            True,
        ),
        # a year the fact turns on is the answer, the date of a source is not
        (
            [
                "Farms used horses. Tractors were rare. Tractors got cheaper.",
                "There was a huge shift since 1950 roughly from horses to tractors on farms.",
            ],
            "since {{c1::1950}} roughly",
            True,
        ),
        (
            [
                "Farms used horses. Tractors were rare. Tractors got cheaper.",
                "A survey published in 1950 counted the tractors on farms in the valley.",
            ],
            "{{c1::1950}}",
            False,
        ),
        # ... and so is a term defined by what happens, after a comma or by what you get
        (
            [
                "The grid was full. The grid was weak. Wind farms fed the grid.",
                "The islands had a lot of curtailment, which is when a wind farm is told to"
                " switch off because the grid can't take the power.",
            ],
            "a lot of {{c1::curtailment}}, which is when",
            True,
        ),
        (
            [
                "The moon pulls the sea. The sun pulls the sea too. The moon is closer.",
                "A neap tide is what you get when the sun and the moon pull at right angles"
                " to each other.",
            ],
            "A {{c1::neap tide}} is what you get when",
            True,
        ),
        (
            ["A finished loaf is typically around pH 4 to 4.5 in the middle of the crumb."],
            "pH {{c1::4 to 4.5}} in",  # a range without a unit, not its upper end
            True,
        ),
        (
            ["Even in a huge library, the catalogue tree is only three or four levels deep."],
            "only {{c1::three or four levels}} deep",  # a range said in words counts a thing
            True,
        ),
        (
            ["The kiln runs at 1,200 to 1,300 for a stoneware glaze firing."],
            "{{c1::1,200 to 1,300}} for",
            True,
        ),
        (
            ["Constant folding works out sums like two times three before the program runs."],
            "{{c1::two times}}",  # 'times' before a number multiplies: no unit
            False,
        ),
        (
            ["The word for that is hygroscopic, it pulls water out of the air."],
            "The word for that is {{c1::hygroscopic}}",  # the name given, not 'water'
            True,
        ),
    ],
)
def test_what_a_cloze_hides(texts: list[str], deletion: str, hidden: bool) -> None:
    front = card_for(*texts).front
    assert (deletion in front) == hidden, front


def test_a_cloze_gives_no_capital_to_a_word_after_an_initial() -> None:
    """A card capitalises the first letter of each sentence it shows, but 'U.S.' ends no
    sentence."""
    card = card_for("The Smoot-Hawley Act raised U.S. tariffs on twenty thousand goods in 1930.")
    assert "raised U.S. tariffs" in card.front


def test_a_cloze_hides_a_whole_key_term_not_its_first_word() -> None:
    """The tagger takes 'pumps' for a verb, so 'water' alone is a noun phrase; but the talk
    says 'water pump' often enough to make it a key term: the card hides 'water pumps'."""
    text = "In winter the water pumps actually lift it from the old well at night."
    sentences = nlp.split_transcript(transcript_of(text), nlp.load_toolkit(text))
    terms = nlp.KeyTerms(
        weights={"water": 5.0, "water pump": 3.0}, phrases=frozenset(["water", "water pump"])
    )
    passage = ranking.make_passage(sentences, [detectors.detect(text)], terms)
    assert sentences[0].tags[sentences[0].tokens.index("pumps")] == "VBZ"
    assert "the {{c1::water pumps}} actually" in make_card(passage, terms, None).content.front


def test_what_is_no_focus_and_no_result() -> None:
    """A bare 'the reason was Y' leans on the sentence before; a clause after the copula is
    no single thing; a premise that goes on after its comma, a result that only points or
    has no noun ('gets faster': a guess) are no target."""
    assert cloze.focus_targets("The reason was mostly just depth.") == []
    assert cloze.focus_targets("The main reason is that granite cools slowly.") == []
    assert cloze.result_targets("If it rains, or it snows hard, the ferry stops.") == []
    assert cloze.result_targets("If you read one paper, you have to understand that one.") == []
    assert cloze.result_targets("If you drop the lock, the database gets faster.") == []


def test_an_aside_between_a_term_and_its_definition_is_read_past() -> None:
    card = card_for("So ablation, in this context, is when a glacier loses ice to melting.")
    assert (card.front, card.back) == ("What is ablation?", "When a glacier loses ice to melting")


def test_a_definition_answer_keeps_its_list_and_its_but() -> None:
    """Cutting 'hot gas, ash and rock' at its comma drops two thirds of the answer; cutting
    before 'but hasn't set yet' makes it false, so a definition too long for a Q/A card is a
    cloze on the term it defines."""
    card = card_for("A lahar is a flood of hot mud, ash and rock that races down a river valley.")
    assert (card.front, card.back) == ("What is a lahar?", "A flood of hot mud, ash and rock")
    card = card_for(
        "A cold joint is when concrete is poured against a layer that has been placed but"
        " hasn't set yet."
    )
    assert card.front.startswith("A {{c1::cold joint}} is when concrete is poured"), card.front


def test_a_term_in_apposition_keeps_the_article_the_talk_gives_it() -> None:
    card = card_for(
        "In spring the cirque, which is a bowl carved by a glacier, fills with meltwater."
    )
    assert card.front == "What is a cirque?"
    card = card_for("Pumice, a volcanic glass full of gas bubbles, floats on water.")
    assert card.front == "What is pumice?"


def test_how_an_unnamed_thing_works_is_given_its_topic() -> None:
    card = card_for(
        "The idea is, before the pump starts, it first floods the chamber with water.",
        topic="a priming valve",
    )
    assert card.front.startswith("A priming valve: the idea is, before the ")
    card = card_for("The reason is the pump floods the chamber first.", topic="a priming valve")
    assert not card.front.startswith("A priming valve")


@pytest.mark.parametrize(
    "text",
    [
        "The technical term for that is a rift valley, where two plates pull apart.",
        "The number people usually cite is about nine thousand lakes in the region.",
        "Zero is a calm sea with no waves, and twelve is a hurricane.",
        "Scotland is the spring of 1350, when the army marches it north over the border.",
        "Honestly, reach is the part of the score I just talked about, the count of users.",
        "Maps are models, charts are models, globes are models.",
        "So heavy anchors are better when storms are common, and light ones when it's calm.",
        "Most glaciers are rivers of ice that move downhill under their own weight.",
    ],
)
def test_no_question_about_a_pointer_a_clause_or_a_number(text: str) -> None:
    """'What is the technical term for that?', 'What is the number people usually cite?',
    'What is Zero?' cannot be answered from the card; 'What is Scotland?' is not answered by
    when something reached it, nor 'What is reach?' by what the speaker said before. A list
    of likenesses ('maps are models, charts are models'), a comparison or what most of a kind
    are defines no kind."""
    assert not card_for(text).front.startswith(("What is", "What are"))


def test_an_answer_keeps_the_meaning_that_spells_it_out_when_short() -> None:
    card = card_for("A levee is a raised bank, meaning the river sits above the fields.")
    assert card.back == "A raised bank, meaning the river sits above the fields"


def test_contrast_asks_about_the_contrast() -> None:
    card = card_for("The downside of tidal power is that it only works on a few coasts.")
    assert (card.front, card.back) == (
        "What is the downside of tidal power?",
        "It only works on a few coasts",
    )
    card = card_for("Honestly, basalt cools faster than granite does.")
    assert (card.front, card.back) == ("Which cools faster: Basalt or granite?", "Basalt")
    assert lint(card) == []
    card = card_for("On wet roads, disc brakes can be several times stronger than drum brakes.")
    assert (card.front, card.back) == (
        "Which can be several times stronger: disc brakes or drum brakes?",
        "Disc brakes",
    )


def test_number_becomes_a_cloze_on_the_quantity() -> None:
    card = card_for("The glacier lost about 30 metres of ice every year since 1990.")
    assert card.note_type is NoteType.CLOZE
    assert "{{c1::30 metres of ice}}" in card.front or "{{c1::30 metres}}" in card.front
    assert card.back == ""  # the note shows speaker and time itself
    assert lint(card) == []


def test_a_cloze_avoids_an_answer_that_earlier_cards_already_hide() -> None:
    """A deck whose every card answers the talk's main subject tests one guess many times."""
    from collections import Counter

    passage, terms = passage_for(
        "Pillow lava forms when lava erupts under the sea.",
        "Pillow lava cools quickly.",
        "Pillow lava covers the ocean floor near mid-ocean ridges.",
    )
    first = make_card(passage, terms, None)
    assert first.answer and f"{{{{c1::{first.answer}}}}}" in first.content.front
    again = make_card(passage, terms, None, answered=Counter({first.answer.lower(): 3}))
    assert again.answer and again.answer.lower() != first.answer.lower()


def test_a_cloze_never_hides_an_adverb_or_a_contraction() -> None:
    assert not cards.names_something(["pretty", "much"])
    assert cards.names_something(["ocean", "floor"])
    front = card_for("Divers map the ocean floor with knowledge that's decades old.").front
    assert "that's}}" not in front and "{{c1::that" not in front, front


def test_a_quantity_cloze_stops_before_an_article() -> None:
    card = card_for("A child does not need a million images of a cat to know one.")
    assert "{{c1::a million images}} of a cat" in card.front


def test_other_claims_become_a_cloze_on_a_key_term() -> None:
    card = card_for(
        "Coral bleaching hits reefs hard. Warm water drives coral bleaching.",
        "Reefs recover slowly once coral bleaching has struck them twice.",
    )
    assert card.front.count("{{c1::") == 1
    assert "{{c1::coral bleaching}}" in card.front
    assert lint(card) == []


def test_a_cause_becomes_a_why_question_answered_by_the_because_part() -> None:
    card = card_for("The basalt cools quickly because the lava erupts at the surface.")
    assert (card.front, card.back) == (
        "Why does the basalt cool quickly?",
        "The lava erupts at the surface",
    )
    card = card_for("Old granite doesn't erode quickly because its crystals are locked together.")
    assert card.front == "Why doesn't old granite erode quickly?"
    assert lint(card) == []


@pytest.mark.parametrize(
    "text",
    [
        "And the old harbour is a really interesting story, because it was never meant for ships.",
        "So wool is better when nights are cold, and cotton is better when they're warm, because"
        " you're not carrying heat you don't need.",
    ],
)
def test_no_why_question_about_a_comment_or_two_claims_at_once(text: str) -> None:
    """'Why is the old harbour a really interesting story?' asks why the speaker likes it;
    'Why is wool better when..., and cotton is better when...?' is two questions."""
    assert not card_for(text).front.startswith("Why"), card_for(text).front


def test_a_cause_of_what_follows_is_not_asked_of_the_clause_before() -> None:
    """', and because X, Y': X explains Y, so no 'Why is a kiln like an oven, and?'."""
    card = card_for(
        "A kiln is like an oven for pots, and because clay shrinks as it dries, a kiln heats slowly."
    )
    assert not card.front.startswith("Why is a kiln"), card.front
    assert lint(card) == []


def test_a_why_question_answered_by_because_becomes_that_question_and_answer() -> None:
    from card_factory import talk_of_turns

    from podcards.extract import extract_cards

    transcript = talk_of_turns(
        "Owls",
        [
            ("Host", "Owls are famous night hunters. So, um, why do owls hunt at night?"),
            (
                "Guest",
                "Because their prey is most active after dark. Owls also fly almost silently.",
            ),
        ],
    )
    answer = next(card for card in extract_cards(transcript) if "Because" in card.quote)
    assert answer.generated.note_type is NoteType.BASIC
    assert answer.generated.front == "Why do owls hunt at night?"
    assert answer.generated.back == "Their prey is most active after dark"
    assert answer.quote.startswith("Because their prey")  # the quote stays verbatim
    assert lint(answer.generated) == []


def test_a_because_answer_is_not_cut_after_the_phrase_it_opens_with() -> None:
    """'Because without a lid, the steam escapes...': cut at its first comma, the answer was
    'Without a lid', which answers nothing."""
    from card_factory import talk_of_turns

    from podcards.extract import extract_cards

    transcript = talk_of_turns(
        "Rice",
        [
            ("Host", "Rice needs a lid. Why does a lid matter so much for rice?"),
            ("Guest", "Because without a lid, the steam escapes and the top grains dry out."),
        ],
    )
    answer = next(card for card in extract_cards(transcript) if "Because" in card.quote)
    assert answer.generated.back not in ("Without a lid", ""), answer.generated
    assert "steam escapes" in answer.generated.back + answer.generated.front


def test_a_why_question_about_what_was_just_said_is_not_a_card_s_question() -> None:
    """'Why does that matter?': alone, the card cannot say what 'that' is; the answer makes a
    card of its own instead. A question naming its subject is asked as it was."""
    from card_factory import talk_of_turns

    transcript = talk_of_turns(
        "Vents",
        [
            ("Host", "Hot vents pour out minerals all day. Why does that matter for early life?"),
            ("Guest", "Because the minerals speed up the chemistry that builds bigger molecules."),
        ],
    )
    answer = next(card for card in extract_cards(transcript) if "Because" in card.quote)
    assert "that matter" not in answer.generated.front, answer.generated.front
    assert questions.asks_about_a_pointer("Why did it last so long?")
    assert not questions.asks_about_a_pointer("Why do those rocks float on water?")


def test_a_long_because_answer_loses_trailing_phrases_or_keeps_its_question() -> None:
    from podcards.extract import extract_cards

    turns = [
        ("Host", "Why do swifts sleep on the wing?"),
        (
            "Guest",
            "Because landing costs them far more energy than gliding does in calm air "
            "over the open sea.",
        ),
        ("Host", "Why count every nest by hand?"),
        (
            "Guest",
            "Because each volunteer logs one colony and the two teams then compare every "
            "single tally twice.",
        ),
    ]
    transcript = transcript_of(*turns)
    cards = {card.quote.split()[1]: card.generated for card in extract_cards(transcript)}
    trimmed = cards["landing"]
    assert trimmed.front == "Why do swifts sleep on the wing?"
    assert trimmed.back == "Landing costs them far more energy than gliding does in calm air"
    kept = cards["each"]
    assert kept.note_type is NoteType.CLOZE
    assert kept.front.startswith("Why count every nest by hand? Each volunteer")


def test_a_caption_piece_keeps_lower_case_in_the_middle_of_a_card() -> None:
    words = "the tide rises twice a day because the moon pulls the oceans toward it and"
    rest = "the sun adds a smaller pull of its own that makes spring tides higher than neap tides"
    transcript = transcript_of(" ".join([words] * 6 + [rest]), format="vtt")
    sentences = nlp.split_transcript(transcript, nlp.load_toolkit(transcript.segments[0].text))
    assert len(sentences) > 1  # no punctuation: cut into pieces
    terms = nlp.key_terms(sentences, nlp.builtin_stopwords())
    pair = ranking.make_passage(sentences[-2:], [{}, {}], terms)
    second = cards.readable_sentences(pair)[1]
    assert second[:1].islower()


def caption_card_front(caption: str) -> str:
    """The card made of a whole piece of automatic captions (no punctuation, no capitals)."""
    transcript = transcript_of(caption, format="vtt")
    sentences = nlp.split_transcript(transcript, nlp.load_toolkit(caption))
    terms = nlp.key_terms(sentences, nlp.builtin_stopwords())
    piece = ranking.make_passage(sentences, [detectors.detect(caption)], terms)
    return make_card(piece, terms, None).content.front


def test_a_caption_cloze_shows_the_clauses_around_its_answer_not_the_whole_piece() -> None:
    """Captions have no punctuation to cut a card at: the clauses come from where the boundary
    model finds one likely to begin, and what follows the fact is left to the quote."""
    text = (
        "and the reason the harbour silts up is that the river slows down when it meets the sea"
        " so it drops its mud there and since then the channel has lost about three metres of"
        " depth which is why the dredgers now go out every single winter and the town pays for it"
    )
    front = caption_card_front(text)
    assert front.endswith("the channel has lost about {{c1::three metres of depth}}.")
    assert "dredgers" not in front


@pytest.mark.parametrize(
    ("caption", "front"),
    [
        (
            "the short version so for most of 2019 the council's position was that the old"
            " bridge was safe meaning it would last at least another decade",
            "For most of {{c1::2019}} the council's position",
        ),
        (
            "that is the catch so the number engineers usually quote is about forty tonnes"
            " per axle on a bridge of that age",
            "The number engineers usually quote is about {{c1::forty tonnes per axle}}",
        ),
    ],
)
def test_a_caption_cloze_leaves_out_the_end_of_the_sentence_before(caption: str, front: str):
    """A caption piece may open with the last words of the sentence before ('the short version
    so...'): where the boundary model finds a sentence likely to start, the card starts."""
    assert caption_card_front(caption).startswith(front)


def test_a_caption_cloze_keeps_the_condition_and_the_clause_its_so_goes_on_from() -> None:
    """A likely sentence start in captions may still go on from what came before: after a
    condition waiting for its result, or at a 'so'; the card keeps both."""
    caption = (
        "if the river rises above the red line on the bridge the gates close so the town is"
        " shut off for about six hours and the trains stop too"
    )
    front = caption_card_front(caption)
    assert front.startswith("If the river rises above the red line")
    assert "{{c1::six hours}}" in front


def test_a_caption_cloze_does_not_stop_before_the_clause_its_pointer_opens() -> None:
    """'...and since 2015 | it's officially the museum ship': a clause cut before 'it's' or
    'that's' is rarely a card's end; the card goes on to say what the year changed."""
    caption = (
        "the most famous of those boats the one that everyone in town has heard of used to be"
        " called the morning star and since 2015 it's officially the harbour museum ship"
    )
    front = caption_card_front(caption)
    assert front.endswith("since {{c1::2015}} it's officially the harbour museum ship.")


def test_a_caption_cloze_does_not_end_on_the_first_word_of_a_clause_it_leaves_out() -> None:
    """Captions cut just past an 'and' ('...into carbon dioxide and ethanol and'): the card
    stops at its last word of substance, not on the 'and' that opened what came next."""
    front = caption_card_front(
        "so what do they each do well the yeast is mostly responsible for the rise what the yeast"
        " does is it eats the sugars in the flour and it ferments them into carbon dioxide and"
        " ethanol and"
    )
    assert front.endswith("ethanol."), front


def test_a_caption_cloze_keeps_the_reason_that_follows_its_claim() -> None:
    """'...were taking forever | and the reason is...': where the model finds a sentence
    start, the reason still belongs to the card, or only the anecdote is left."""
    front = caption_card_front(
        "there was a team whose bridge repairs were taking forever and the reason is every bolt"
        " has to be checked by two inspectors on every shift"
    )
    assert front.lower().endswith(
        "and the reason is every bolt has to be checked by two inspectors on every shift."
    )


def test_a_caption_cloze_shows_the_punctuation_the_boundary_model_finds() -> None:
    """Captions lost their punctuation: a card shows a full stop where the model is almost
    sure a sentence starts, and a comma where it finds one likely."""
    front = caption_card_front(
        "the ferry crossing takes about forty minutes in good weather which means most"
        " commuters read on the way that's the whole appeal really"
    )
    assert front == (
        "The ferry crossing takes about {{c1::forty minutes}} in good weather, which means most"
        " commuters read on the way, that's the whole appeal really."
    )
    front = caption_card_front(
        "there was a team whose bridge repairs were taking forever and the reason is every bolt"
        " has to be checked by two inspectors on every shift"
    )
    assert "were taking forever. And the reason is every bolt" in front


def test_a_number_s_own_point_or_comma_is_no_punctuation() -> None:
    """Automatic captions write '14.8' and '1,000': such a caption is still read as captions,
    its card cut to the clauses around its answer and given their marks."""
    assert detectors.unpunctuated("the rate peaked at 14.8 percent in 1980 and 1,000 jobs went")
    assert not detectors.unpunctuated("The rate peaked at 14.8 percent, then fell.")
    front = caption_card_front(
        "the ferry crossing takes about 40.5 minutes in good weather which means most"
        " commuters read on the way that's the whole appeal really"
    )
    assert front.startswith("The ferry crossing takes about {{c1::40.5 minutes}} in good weather,")


def test_a_caption_cloze_drops_a_filler_its_commas_show() -> None:
    """Captions hide a filler in the stream ('thrilled yeah the crossing'); once the card's
    commas set it apart, it goes as in punctuated text."""
    text = "we were thrilled yeah the crossing takes about forty minutes"
    captions = cloze.CaptionClauses(
        spans=[(0, len(text))],
        sentence_ends=frozenset(),
        marks={text.index(" yeah"): ",", text.index(" the crossing"): ","},
    )
    target = cloze.Target(text.index("forty"), len(text), worth=2.0, quantity=True)
    draft = cloze.cloze_around(text, captions.spans, 0, target, None, captions)
    assert draft.content.front == (
        "We were thrilled, the crossing takes about {{c1::forty minutes}}."
    )


def test_a_caption_cloze_leaves_out_the_replies_of_another_speaker() -> None:
    """Captions have no speakers: 'agree wow that's three okay...' after a claim, or 'go on'
    before it, is someone else's turn."""
    front = caption_card_front(
        "most of the time there's no storm and the trade-off you're actually making day to day"
        " is cost versus comfort agree wow that's three okay heating"
    )
    assert front.endswith("is {{c1::cost versus comfort}}.")
    front = caption_card_front(
        "go on the glue works by soaking deep into the wood fibres and it sets hard in about"
        " ten minutes"
    )
    assert front.startswith("The glue works by soaking")
    front = caption_card_front(
        "exactly once delivery is mostly a myth across a network so every consumer has to"
        " handle a message twice"
    )
    assert front.startswith("Exactly once delivery is"), front  # not a reply: it says which


def test_a_cloze_keeps_the_which_is_clause_that_says_what_its_answer_is() -> None:
    """', which is the background job that...' right after the hidden term defines it: the
    card keeps it, even when the clauses before fill the card. ', which is a lot better'
    only rates it."""
    front = card_for(
        "Old log files pile up and the disks slowly fill, and that's why every node runs a"
        " compactor, which is the background job that merges small files into big ones."
    ).front
    assert front.endswith(
        "{{c1::compactor}}, which is the background job that merges small files into big ones."
    ), front
    assert cloze.DEFINING_RELATIVE.match("which is a short code of letters")
    assert not cloze.DEFINING_RELATIVE.match("which is a lot better than solar")


def test_a_card_that_needs_writing_goes_after_the_ready_ones() -> None:
    from podcards.extract.cards import CardDraft, unclozed
    from podcards.extract.extractor import needing_edits_last

    passages = [passage_for(f"Sentence number {n} is about glaciers.")[0] for n in range(3)]
    for passage, score in zip(passages, [9.0, 8.0, 7.0], strict=True):
        passage.score = score
    ready = CardDraft(CardKind.CLAIM, CardContent(note_type=NoteType.CLOZE, front="{{c1::x}}"))
    drafts = [unclozed("Nothing to hide here."), ready, ready]
    ordered = needing_edits_last(passages, drafts)
    assert [passage.score for passage, _ in ordered] == [8.0, 7.0, 7.0]
    assert ordered[-1][1].quality == 0


def test_a_long_cloze_on_a_weak_target_still_hides_something() -> None:
    """A weak target in a long card is still a card to review where the passage ranks; only
    a card with nothing hidden waits at the end for the reviewer to write it."""
    passage, terms = passage_for(
        "I am more on the cautious side of it all, but since we do not know which one we will"
        " be, well today all you can do is try every one of them and you just need one of them"
        " to work out and then you will be happy enough with how the harbour went."
    )
    from podcards.extract.extractor import needing_edits_last

    weak = make_card(passage, terms, None)
    assert "{{c1::" in weak.content.front
    other = passage_for("Basalt cools quickly at the surface of a lava flow.")[0]
    ordered = needing_edits_last([passage, other], [weak, make_card(other, terms, None)])
    assert ordered[0][1] is weak


@pytest.mark.parametrize(
    ("text", "question", "answer"),
    [
        (
            "Geysers are hot springs that erupt in bursts, every few minutes.",
            "What are geysers?",
            "Hot springs that erupt in bursts",
        ),
        (
            "So deep-sea vents are cracks in the ocean floor where hot water pours out.",
            "What are deep-sea vents?",
            "Cracks in the ocean floor where hot water pours out",
        ),
        (
            "Lichens are partnerships that, in most cases, join a fungus and an alga.",
            "What are lichens?",
            "Partnerships that, in most cases, join a fungus and an alga",
        ),
        (
            "The textbook definition, from the big survey, is that moraines are ridges of rock"
            " a glacier leaves behind.",
            "What are moraines?",
            "Ridges of rock a glacier leaves behind",
        ),
    ],
)
def test_a_plural_kind_is_defined_without_an_article(text: str, question: str, answer: str) -> None:
    """'Xs are Ys that...' defines a kind: asked 'What are', in lower case unless a name, and
    a relative clause broken by an aside keeps its verb."""
    assert detectors.DEFINITION in detectors.detect(text)
    card = card_for(text)
    assert (card.front, card.back) == (question, answer)


def test_a_caption_s_definition_opens_after_the_words_before_it() -> None:
    """Captions have no punctuation, so a definition may open mid-piece, after 'so'; an
    acronym is spelled out in lower case."""
    text = "i won't say it's never useful so a moraine is a ridge of rock the glacier leaves behind"
    card = card_for(text)
    assert (card.front, card.back) == (
        "What is a moraine?",
        "A ridge of rock the glacier leaves behind",
    )
    card = card_for("yeah so rice is reach impact confidence effort for each idea we score")
    assert (card.front, card.back) == (
        "What does RICE stand for?",
        "Reach impact confidence effort",
    )


def test_an_appositive_defines_its_noun_phrase() -> None:
    card = card_for("Honestly, pumice, a volcanic glass full of gas bubbles, floats on water.")
    assert (card.front, card.back) == ("What is pumice?", "A volcanic glass full of gas bubbles")
    card = card_for("Later they used box girders, basically a deck shaped like a flat wing.")
    assert card.front == "What are box girders?", card.front  # a plural is asked as one


@pytest.mark.parametrize(
    "text",
    [
        # the appositive renames 'an index', not the columns it is on
        "So an index on two columns, a composite index, is sorted by the first column and then"
        " by the second.",
        # a list, not an appositive: no 'What is water? A pinch of salt...'
        "For the dough you need flour, water, a pinch of salt and a lot of patience.",
    ],
)
def test_an_appositive_of_something_else_defines_nothing(text: str) -> None:
    assert not card_for(text).front.startswith("What is")


def test_an_appositive_to_the_object_of_a_preposition_defines_it() -> None:
    card = card_for(
        "What you compare is the yield on a savings bond, a loan to the government that pays a"
        " fixed rate."
    )
    assert (card.front, card.back) == (
        "What is a savings bond?",
        "A loan to the government that pays a fixed rate",
    )


def test_a_definition_after_a_preamble_is_still_a_definition() -> None:
    card = card_for(
        "So, the textbook definition is that a delta is a landform built from river silt."
    )
    assert (card.front, card.back) == ("What is a delta?", "A landform built from river silt")


def test_a_pointer_or_a_count_is_no_term_to_define() -> None:
    """Nor what one thing has: 'What is own key?'."""
    for text in (
        "The famous one is the lighthouse at the end of the long pier.",
        "Number two is the tide that comes in twice a day over the flats.",
        "The trick is that each radio has its own key, a sixteen-byte secret, and the hub has all.",
    ):
        assert not card_for(text).front.startswith("What is"), text


def test_a_topic_opening_with_for_is_not_defined_by_what_follows() -> None:
    for text in (
        "So for river dams, a well-placed site, you're looking at forty percent output.",
        "So, unlike a kettle, a stove top pot has no thermostat in it at all.",
    ):
        assert not card_for(text).front.startswith("What is"), text


def test_because_it_does_is_no_reason() -> None:
    from podcards.extract.cards.questions import answer_card

    asked = "Why does rye bread keep longer?"
    assert answer_card(asked, ["Because it does, that part is true."]) is None
    card = answer_card(asked, ["Because the acid slows the mould down."])
    assert card is not None and card.content.back == "The acid slows the mould down"


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # ranges
        ("A fresh starter needs about four to eight hours to double in the jar.",
         "four to eight hours"),
        ("A good sampler needs somewhere between twenty and fifty steps per image.",
         "twenty and fifty steps"),
        ("The enamel keeps the old DNA sealed for six or seven hundred years in a grave.",
         "six or seven hundred years"),
        # numbers in words, with their units
        ("A river carries something like eight hundred times more silt in a flood.",
         "eight hundred times"),
        ("The tide tables repeat roughly every twenty-four hours and fifty minutes.",
         "twenty-four hours and fifty minutes"),
        ("The dough then proves for two and a half hours in a warm kitchen.",
         "two and a half hours"),
        # units of time, power and the like
        ("In orbit the clocks gain about 38 microseconds a day on clocks at home.",
         "38 microseconds"),
        ("Each tidal turbine on the reef is rated at one and a half megawatts.",
         "one and a half megawatts"),
        # a share said as 'half', with how near it is
        ("Dry stool is mostly microbes, and about half the dry weight is bacteria.",
         "about half"),
        ("The sun pulls the tides with a bit less than half of the moon's force.",
         "a bit less than half"),
        ("Around 2010 the panels were dear, and then their cost fell by two thirds.",
         "two thirds"),
        ("A 1996 report found the index ran high by 1.1 percentage points a year.",
         "1.1 percentage points"),
        # the noun a share counts, with the word that describes it; a temperature's scale
        ("By now about 60 percent of large companies run their own data centres.",
         "60 percent of large companies"),
        ("Fresh lava at the vent can reach about 1200 degrees celsius in a lava lake.",
         "1200 degrees celsius"),
        ("The survey found that twenty eight percent of the wells had run dry by May.",
         "twenty eight percent"),
        ("With consistent hashing, adding a node moves only about one over N of the keys.",
         "one over N"),
    ],
)  # fmt: skip
def test_a_figure_is_hidden_whole(text: str, figure: str) -> None:
    card = card_for(text)
    assert f"{{{{c1::{figure}}}}}" in card.front, card.front


def test_a_year_before_the_next_clause_s_subject_is_a_year_not_a_count() -> None:
    """Captions drop the comma: 'in like 2019 people were...' hides the year, not '2019
    people'; '2019 people signed it' still counts people."""
    said = "the panic peaked in like 2019 people were really worried the bridge would close"
    assert [said[t.start : t.end] for t in cloze.quantity_targets(said)] == ["2019"]
    counted = "in the end 2019 people signed the letter to the council"
    assert [counted[t.start : t.end] for t in cloze.quantity_targets(counted)] == ["2019 people"]


def test_a_key_term_running_out_of_a_verb_weighs_less_as_a_cloze_target() -> None:
    """'using Rust' is a collocation, not a name: with a verb at either end a key term makes a
    weak target; a participle in front is an adjective ('fermented food')."""
    passage, _ = passage_for("The next edition of the course will be using Rust instead of C.")
    assert cloze.verb_at_an_end(["using", "rust"], passage)
    assert not cloze.verb_at_an_end(["rust"], passage)
    passage, _ = passage_for("A fermented food is made with microbes, like yoghurt.")
    assert not cloze.verb_at_an_end(["fermented", "food"], passage)


def test_half_the_time_is_no_figure() -> None:
    assert cloze.quantity_targets("Half the time the ferry is late in winter.") == []


def test_a_title_or_a_profession_makes_a_who_question() -> None:
    for text in (
        "Doctor Mara Quist is a food microbiologist at the university.",
        "Mara Quist is a geologist who maps lava flows.",
    ):
        assert card_for(text).front.startswith("Who is"), text
    assert card_for("A checklist is a list of steps to follow.").front == "What is a checklist?"


def test_a_person_defined_by_a_role_is_asked_with_who() -> None:
    card = card_for("Mara Quist is the author of a field guide to volcanic rocks.")
    assert (card.front, card.back) == (
        "Who is Mara Quist?",
        "The author of a field guide to volcanic rocks",
    )


def test_a_rating_or_a_quantity_in_apposition_is_no_definition() -> None:
    """'X is a huge cost', 'X, a lot of them...' say how much or how good, not what X is."""
    card = card_for("The sea wall is a huge cost, you need cranes and a barge for months.")
    assert not card.front.startswith("What is"), card.front
    card = card_for("He tested rowing boats, a lot of that time up on the cold lakes.")
    assert not card.front.startswith("What is"), card.front
    card = card_for(
        "You get a yield of something like thirty to forty percent, which is a lot better than"
        " barley up north, barley there is more like ten percent."
    )
    assert not card.front.startswith("What is"), card.front
    card = card_for("Rent is a much bigger chunk of the index than fuel, about a third of it.")
    assert not card.front.startswith("What is"), card.front


def test_a_cloze_never_hides_the_person_spoken_to_but_does_hide_a_subject() -> None:
    card = card_for(
        "Compared to the whole bay, our nets catch a rounding error. Priya, you can relax."
    )
    assert "{{c1::Priya}}" not in card.front, card.front
    from podcards.extract.cards.cloze import Target, addresses_someone

    subject = "Basalt, a dark volcanic rock, cools quickly at the surface."
    assert not addresses_someone(subject, Target(0, len("Basalt"), 1.0))


def test_a_unit_is_a_whole_word() -> None:
    """'one ton' is not in 'one tonight'."""
    assert detectors.QUANTITY not in detectors.detect("I'm going to be the awkward one tonight.")


def test_an_appositive_after_a_title_defines_the_title_not_the_words_it_shares() -> None:
    """'Practical Volcanic Rocks' is a book, though 'volcanic rocks' is a noun phrase of the
    same sentence: an appositive never defines part of a capitalised name."""
    card = card_for(
        "Many of you know Mara Quist as the author of Practical Volcanic Rocks, a field guide that is the"
        " bestselling guide on volcanic rocks."
    )
    assert "what is volcanic rocks" not in card.front.lower(), card.front


def test_a_long_spoken_sentence_becomes_a_short_cloze_on_its_fact() -> None:
    """Filler and the clause that adds nothing are trimmed (the quote keeps them); the
    quantity with its unit is hidden, not a word around it."""
    card = card_for(
        "Yeah, so, clearly the thing is, ice cores from Antarctica hold tiny air bubbles that"
        " are about 800,000 years old, and, um, that's how we know what the atmosphere looked"
        " like back then, long before anyone had thermometers."
    )
    assert card.front == (
        "Ice cores from Antarctica hold tiny air bubbles that are about {{c1::800,000 years}} old."
    )
    assert lint(card) == []


def test_a_cloze_hides_a_whole_figure_or_share() -> None:
    """'{{c1::four thousand}} ninety-six' and 'one in {{c1::five people}}' split one number."""
    card = card_for("We cut the harbour into four thousand ninety-six small plots that year.")
    assert "{{c1::four thousand}}" not in card.front
    card = card_for("Something like one in five people have seen a ball of lightning once.")
    assert "{{c1::one in five people}}" in card.front
    card = card_for("The mortgage rate went from under 3% in 2021 to almost 8% in 2023.")
    assert "3% in 2021}}" not in card.front
    card = card_for("By midnight about a quarter of that salt is still in the tank.")
    assert "{{c1::a quarter}}" in card.front
    card = card_for("The Nile delta sinks by 3-5 millimetres every single year.")
    assert "{{c1::3-5 millimetres}}" in card.front
    card = card_for("Tolls in the canal went up by a steady 3-5% after the widening.")
    assert "{{c1::3-5%}}" in card.front


def test_a_key_term_running_into_the_verb_is_not_what_a_cloze_hides() -> None:
    """Said often enough, 'lava comes' is a collocation, but here 'comes' is the verb."""
    texts = [
        "Lava comes up through the crust here.",
        "Later the lava comes down the slope.",
        "Nobody knows when lava comes next.",
        "Each year more lava comes out at the ridges than from all the volcanoes on land.",
    ]
    passage, _ = passage_for(*texts)
    assert "lava comes" in passage.terms
    assert "{{c1::lava comes}}" not in card_for(*texts).front


def test_a_cloze_keeps_the_clause_that_names_what_its_pronoun_means() -> None:
    """'...and if you measure it from its base, it's ten kilometres tall': 'it' is named at
    the start of the same sentence, so the card keeps that start."""
    card = card_for(
        "Mauna Kea, on the Big Island, is the tallest mountain by one measure, and if you"
        " measure it from its base on the sea floor, it's about ten kilometres tall."
    )
    assert card.front.startswith("Mauna Kea"), card.front
    assert "{{c1::ten kilometres}}" in card.front


def test_a_cloze_does_not_hide_a_day_or_a_rating() -> None:
    """'{{c1::Monday}} and Friday' and 'a {{c1::well-known mouse study}}' hide the setting."""
    card = card_for(
        "If you want a range, say all the bookings between Monday and Friday, a hash index"
        " can't help you at all."
    )
    assert "{{c1::hash index}}" in card.front
    card = card_for(
        "There's a well-known mouse study where mice fed no fibre lost their mucus layer."
    )
    assert "{{c1::well-known" not in card.front


def test_a_term_explained_right_after_it_is_what_the_cloze_hides() -> None:
    """Reviewers asked for the term, not a key word of its explanation ('...on each
    {{c1::field}}')."""
    card = card_for(
        "Every field needs rest.",
        "A field can lose its nitrogen.",
        "The field then yields less.",
        "Farmers watch each field closely.",
        "Crop rotation, where you plant a different crop on each field every year, keeps"
        " the soil from wearing out.",
    )
    assert card.front.startswith("{{c1::Crop rotation}}, where"), card.front


def test_a_cloze_hides_the_result_not_the_figure_it_starts_from() -> None:
    """'Starting from one hour...' gives the premise; the figure after it is the fact."""
    card = card_for(
        "Starting from two metres, a tide of about eleven metres is a little more than five"
        " doublings away."
    )
    assert "{{c1::two metres}}" not in card.front, card.front


def test_a_cloze_hides_a_whole_name_never_its_number_or_half_of_it() -> None:
    card = card_for("The Apollo 11 crew landed near the Sea of Tranquility on a plain of basalt.")
    assert "{{c1::Sea of Tranquility}}" in card.front
    card = card_for("A glacier moving downhill scrapes the valley floor into a deep trough.")
    hidden = card.front.split("{{c1::")[1].split("}}")[0]
    assert hidden in ("valley floor", "deep trough"), card.front


def test_a_leading_pronoun_is_given_its_topic_and_fillers_are_cleaned() -> None:
    card = card_for(
        "It has, you know, the the oldest zircons on the continent.", topic="the Acasta gneiss"
    )
    assert card.front.startswith("The Acasta gneiss: it has the ")
    assert "you know" not in card.front and "the the" not in card.front


def test_no_topic_is_named_for_an_empty_it_or_a_this_pointing_at_a_statement() -> None:
    for text in (
        "It's hard to say why the glacier retreated so fast.",
        "That is why the glacier retreated so fast.",
    ):
        assert not card_for(text, topic="the glacier").front.startswith("The glacier:")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (CardContent(note_type=NoteType.BASIC, front="What is basalt", back="A rock"), "'?'"),
        (CardContent(note_type=NoteType.BASIC, front="Is basalt a rock?", back="Yes"), "yes/no"),
        (
            CardContent(
                note_type=NoteType.BASIC, front="What is basalt?", back=" ".join(["word"] * 13)
            ),
            "answer has 13 words",
        ),
        (CardContent(note_type=NoteType.CLOZE, front="Basalt is a rock."), "exactly one cloze"),
        (
            CardContent(
                note_type=NoteType.CLOZE, front="{{c1::one two three four five six seven}} rocks."
            ),
            "7 words",
        ),
        (CardContent(note_type=NoteType.CLOZE, front="Um, basalt is {{c1::volcanic}}."), "filler"),
        (CardContent(note_type=NoteType.CLOZE, front="It is {{c1::volcanic}}."), "pronoun"),
        (
            CardContent(note_type=NoteType.BASIC, front="Why is a kiln hot, and?", back="Fire"),
            "mid-phrase",
        ),
    ],
)
def test_lint_finds_each_problem(content: CardContent, problem: str) -> None:
    problems = lint(content)
    assert any(problem in found for found in problems), problems


def test_lint_accepts_an_opening_it_that_points_forward() -> None:
    """'It's easier to X than Y': the 'it' is the clause after it, nothing is missing."""
    front = "It's {{c1::easier}} for a diver to find a leak than to find a missing seal."
    assert lint(CardContent(note_type=NoteType.CLOZE, front=front)) == []


def test_lint_reads_a_deletion_across_a_line_break_as_anki_does() -> None:
    """An edited cloze may wrap inside the hidden words: still its one deletion, of 2 words."""
    front = "Glass cools slowly in a {{c1::lehr\noven}} after it is blown."
    assert lint(CardContent(note_type=NoteType.CLOZE, front=front)) == []


def test_a_sentence_opening_with_a_dummy_it_is_not_dependent() -> None:
    passages, _ = talk_of(
        "It's easier for a diver to find a leak than to find a missing seal on the hull.",
        "It is able to carry ten tonnes of sand across the bay in one trip.",
    )
    forward, back = passages
    assert forward.reasons["dependent"] == 0 > back.reasons["dependent"]


def test_lint_calls_filler_only_what_cleaning_removes() -> None:
    """'a sort of truce' names a kind of thing; 'it sort of works' is filler."""
    kind = CardContent(note_type=NoteType.CLOZE, front="It was a sort of {{c1::truce}} at sea.")
    hedge = CardContent(note_type=NoteType.CLOZE, front="Basalt sort of {{c1::cools}} fast.")
    assert not any("filler" in problem for problem in lint(kind))
    assert any("filler" in problem for problem in lint(hedge))
    front = "When I say {{c1::moraine}}, I mean the ridge of rock a glacier leaves."
    defining = CardContent(note_type=NoteType.CLOZE, front=front)
    assert not any("filler" in problem for problem in lint(defining))


def test_glossary_file_forms_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "glossary.txt"
    path.write_text(
        '# fixes\n[glossary]\nmagna = magma\n"bay salt" = "basalt"\nC# = C#\n', encoding="utf-8"
    )
    glossary = load_glossary(path)
    assert glossary == {"magna": "magma", "bay salt": "basalt", "C#": "C#"}
    assert (
        apply_glossary("Magna and bay salt, not magnate.", glossary)
        == "magma and basalt, not magnate."
    )
    path.write_text("magna magma\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1"):
        load_glossary(path)
    with pytest.raises(InputError, match="no such glossary file"):
        load_glossary(tmp_path / "missing.txt")


def test_a_glossary_spelling_matched_in_another_case_form_is_replaced() -> None:
    """The pattern matches case-insensitively, so 'ſun' (a long s) or 'STRASSE' matches an
    entry whose lower case differs: it is replaced, never a KeyError."""
    glossary = {"sun": "Sun", "straße": "Strasse"}
    assert (
        apply_glossary("The ſun rose over the STRASSE.", glossary)
        == "The Sun rose over the Strasse."
    )


def make_test_card(quote: str, front: str) -> Card:
    content = CardContent(note_type=NoteType.CLOZE, front=front)
    return Card(id=quote[:8], kind=CardKind.CLAIM, generated=content, quote=quote)


def test_near_duplicates_are_the_same_fact_in_other_words() -> None:
    first = make_test_card(
        "Basalt cools quickly because the lava erupts at the surface.",
        "Basalt cools quickly because the lava erupts at the {{c1::surface}}.",
    )
    restated = make_test_card(
        "So yeah, basalt lava erupts at the surface and cools quickly.",
        "Basalt lava erupts at the {{c1::surface}} and cools quickly.",
    )
    other = make_test_card(
        "Granite forms deep underground where magma cools slowly.",
        "{{c1::Granite}} forms deep underground where magma cools slowly.",
    )
    assert near_duplicate(first, restated)
    assert not near_duplicate(first, other)


def test_looking_for_an_apposition_takes_no_time_on_a_long_run_on() -> None:
    """A nested repeat in the pattern once took minutes on a long clause without a comma."""
    import subprocess
    import sys

    probe = (
        "from podcards.extract.cards.questions import APPOSITIVE;"
        "APPOSITIVE.search('x, a ' + 'long word ' * 60 + 'has no end!')"
    )
    subprocess.run([sys.executable, "-c", probe], check=True, timeout=10)


def test_a_caller_who_speaks_little_counts_less_than_the_guest() -> None:
    """Callers and audience members ask and tell their own stories; the guest teaches."""
    from card_factory import talk_of_turns

    guest = "Tides rise twice a day because the moon pulls the oceans toward it as it passes."
    turns = [
        ("Host", "Welcome back to the show about the sea and its moods."),
        ("Guest", " ".join([guest] * 12)),
        ("Host", "Let's take a call. Go ahead, Sam."),
        ("Sam", "I have sailed for thirty years and my boat leaks every single winter."),
        ("Host", "And why do the tides rise twice a day then?"),
    ]
    transcript = talk_of_turns("Tides", turns)
    sentences = nlp.split_transcript(transcript, nlp.load_toolkit(guest))
    talk = ranking.study_talk(sentences)
    assert talk.minor_voices == frozenset({"Sam"})
    caller = next(sentence for sentence in sentences if sentence.speaker == "Sam")
    teacher = next(sentence for sentence in sentences if sentence.speaker == "Guest")
    assert ranking.speaker_role(caller, talk) < 0 < ranking.speaker_role(teacher, talk)


def test_a_hosts_musing_is_set_up_but_a_hosts_explanation_is_not() -> None:
    """'It seems like maybe...' from the one who asks leads into a question; the same host
    explaining a number states a fact like anyone else."""
    from card_factory import talk_of_turns

    turns = [
        ("Host", "It seems like maybe the tides got stronger after the new harbour wall went up."),
        ("Host", "The harbour wall went up in 1998 and cost twelve million pounds to build."),
        ("Host", "Did the wall change them?"),
        ("Guest", "No. Tides rise twice a day because the moon pulls the oceans as it passes."),
        ("Host", "Why twice?"),
        ("Guest", "The far side of the earth bulges too, away from the moon."),
    ]
    transcript = talk_of_turns("Tides", turns)
    sentences = nlp.split_transcript(transcript, nlp.load_toolkit(turns[3][1]))
    terms = nlp.key_terms(sentences, frozenset())
    passages = ranking.build_passages(sentences, terms)
    ranking.score_passages(passages, terms, ranking.study_talk(sentences))
    musing, explaining = passages[0], passages[1]
    assert musing.first.speaker == explaining.first.speaker == "Host"
    assert musing.reasons["role"] < 0 == explaining.reasons["role"]


def test_the_hosts_opening_introduction_counts_less_than_the_answers() -> None:
    """Before the guest first speaks, the host introduces them ('she studied oceans...'); a
    lecturer who talks long before the first question is not an introduction."""
    from card_factory import talk_of_turns

    answer = "The sun pulls too, about half as strongly as the moon does."
    turns = [
        ("Host", "Today my guest is Ana. She studied oceans for twenty years in three countries."),
        ("Guest", "Thanks. Tides rise twice a day because the moon pulls the oceans as it passes."),
        ("Host", "So the moon does it all? Tell me more about the sun."),
        ("Guest", " ".join([answer] * 20)),
    ]
    transcript = talk_of_turns("Tides", turns)
    sentences = nlp.split_transcript(transcript, nlp.load_toolkit(turns[1][1]))
    talk = ranking.study_talk(sentences)
    opening = [sentence for sentence in sentences if sentence.index < talk.opening]
    assert [sentence.speaker for sentence in opening] == ["Host", "Host"]
    later_host = next(s for s in sentences[2:] if s.speaker == "Host" and "sun" in s.text)
    assert ranking.speaker_role(opening[1], talk) < ranking.speaker_role(later_host, talk)
    lecture = talk_of_turns("Tides", [turns[3], ("Student", "Why twice a day?"), turns[1]])
    assert ranking.study_talk(nlp.split_transcript(lecture, nlp.load_toolkit(answer))).opening == 0


@pytest.mark.parametrize(
    "text",
    [
        "The classic study comes from an economist named Anna Berg, who wrote a famous"
        " report back in 1961, and she counted a flood year as rain more than 50% above normal.",
        "So unlike a kiln, a pit fire has no chimney in it, or it shouldn't have, and that's why"
        " a pot fired in a couple of hours comes out black.",
    ],
)
def test_a_cloze_keeps_the_clause_that_and_he_or_and_that_s_why_points_back_to(text: str) -> None:
    """', and she defined...', ', and that's why...': after its 'and', the clause points back;
    the card keeps what it points to instead of opening 'She...' or 'That's why...'."""
    front = card_for(text).front
    assert front.split()[0] in ("The", "Unlike"), front
    assert not lint(card_for(text))


def test_a_cloze_grown_to_a_verb_keeps_the_subject_its_which_points_to() -> None:
    """A last clause without a verb (', and over the last ten years.') takes the clause before
    it; when that opens with 'which', the card goes back to what 'which' stands for."""
    front = card_for(
        "The best known one is the harbour board's survey of skippers, which rings every boat"
        " each spring and asks, how many days did you lose to weather last year, and over the"
        " last five to ten years."
    ).front
    assert front.startswith("The best known one is the harbour board's survey of skippers,")


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        (
            "So if you start with two thousand grams of clay and lose five hundred grams of"
            " water, that's a 25% shrinkage.",
            "25%",  # the result, not the given of the 'if' clause
        ),
        (
            "But it is actually a bit lower than the dams in the Alps, which are often in the"
            " mid-forties these days.",
            "mid-forties",  # a figure said roughly is still the number
        ),
    ],
)
def test_a_cloze_hides_the_whole_result_figure(text: str, hidden: str) -> None:
    assert "{{c1::" + hidden + "}}" in card_for(text).front


def test_a_cloze_card_never_starts_at_a_name_s_initial() -> None:
    """'T. F. Okonkwo': the period of an initial ends no sentence, so no card is cut there."""
    front = card_for(
        "In 1971, two researchers from the Forest Service, Anna Berg and T. F. Okonkwo, went and"
        " studied the old mill ponds, and they described the beetle, which they named after the town."
    ).front
    assert front.startswith("In ") and "T. F. Okonkwo" in front, front


def test_a_cloze_never_hides_a_rating_or_a_size() -> None:
    """'a {{c1::big chunk}} too' asks the learner to recall a comment, not a fact; so do 'a
    tremendous {{c1::impact}}' and 'the right {{c1::companies}}'."""
    card = card_for("Then the upkeep over the life of the kiln is a big chunk, more than a pit.")
    assert "{{c1::big" not in card.front, card.front
    card = card_for("In mathematics, which can have a tremendous impact, machines go faster.")
    assert "{{c1::impact}}" not in card.front, card.front
    card = card_for("If you invested in the right companies, you might live off the dividends.")
    assert "{{c1::companies}}" not in card.front, card.front


def test_a_run_on_cut_in_two_keeps_the_words_that_joined_it() -> None:
    """A long sentence is cut at ', and then...' for ranking; the card joins the pieces with
    their ', and then' instead of 'of the index there's a...'."""
    text = (
        "And there are a few reasons, but the big ones are that the weights are different, so"
        " rent is a much bigger share of the index, and then there's a formula difference, where"
        " the second index notices sooner when people change what they buy."
    )
    transcript = transcript_of(text)
    pieces = nlp.split_transcript(transcript, nlp.load_toolkit(text))
    pieces = pieces[-2:]  # '... of the index' and 'and then there's a formula difference...'
    cues = [detectors.detect(piece.text) for piece in pieces]
    passage = ranking.make_passage(pieces, cues, nlp.key_terms(pieces, nlp.builtin_stopwords()))
    joined = " ".join(cards.common.readable_sentences(passage))
    assert "of the index, and then there's a formula difference" in joined, joined


def test_that_s_why_gives_way_to_the_claim_it_introduces() -> None:
    """'That's why X' points at a cause said before the card; X alone still holds."""
    front = card_for("That's why a pot fired in a couple of hours comes out black.").front
    assert front == "A pot fired in {{c1::a couple of hours}} comes out black.", front
    assert not lint(card_for("This is how the kiln reaches 1200 degrees."))


def test_a_cloze_clause_without_a_verb_keeps_the_clause_it_ends() -> None:
    """', and over the next five to ten years.' alone says nothing: the card keeps the verb."""
    front = card_for(
        "The famous one is the national survey of farmers, which literally calls households"
        " every month and asks, what do you think yields will do over the next year, and over"
        " the next five to ten years."
    ).front
    assert not front.startswith("Over the next"), front
    assert "{{c1::five to ten years}}" in front, front


@pytest.mark.parametrize(
    ("texts", "hidden"),
    [
        (
            [
                "Counter wraparound is rare.",
                "Counter wraparound hurts the log.",
                "If you skip the freeze step, you hit what's called counter wraparound in the log.",
            ],
            "counter wraparound",
        ),
        (
            ["Salt calms the yeast. It encourages what are called resting spore cells."],
            "resting spore cells",
        ),
        (
            ["So the counters are thirty-two bits, and there are only about four billion of them."],
            "four billion",
        ),
        (
            [
                "TLS protects the connection.",
                "TLS runs on every site.",
                "Every TLS handshake costs a round trip.",
                "Normally the second visit is way faster, and the reason is something called"
                " resumed TLS.",
            ],
            "resumed TLS",
        ),
        (
            [
                "Kelp forests grow fast in cold water.",
                "That kind of shelter, where fish hide from seals in the kelp, we call that"
                " a nursery ground.",
            ],
            "nursery ground",
        ),
        (
            ["The divers call those floating kelp mats rafts, and seabirds nest on them."],
            "rafts",
        ),
        (
            [
                "The tragedy of the commons is a thought experiment: picture a shared field"
                " where every herder adds one more cow."
            ],
            "tragedy of the commons",
        ),
        (
            [
                "The Mirror Box method helps stroke patients.",
                "Mirror Box sessions run weekly.",
                "Mirror Box therapy is cheap.",
                "Something like sixty to seventy percent of patients improve with Mirror Box"
                " therapy.",
            ],
            "sixty to seventy percent of patients",
        ),
        (
            [
                "The Silk Road ran for centuries.",
                "Merchants on the Silk Road traded silk and spices.",
                "The phrase Silk Road only catches on much later, in German writing.",
            ],
            "Silk Road",
        ),
    ],
)
def test_a_cloze_hides_the_name_or_the_number_not_the_words_around_it(
    texts: list[str], hidden: str
) -> None:
    """Not 'what's {{c1::called X}}', '{{c1::X.}}.', '{{c1::four billion of them}}' or a key
    term inside the name ('called resumed {{c1::TLS}}') or the label with it ('the {{c1::phrase
    Silk Road}}'); a figure with its unit beats a key term, however heavy."""
    assert "{{c1::" + hidden + "}}" in card_for(*texts).front


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        (
            "And a ledger is, uh, the way I'd put it, a ledger is a book that lists every payment"
            " in the order it was made.",
            "A book that lists every payment in the order it was made",
        ),
        (
            "And a B-tree is a, it's a balanced tree, so every leaf is as deep as the others.",
            "A balanced tree",
        ),
    ],
)
def test_a_definition_the_speaker_started_twice_gives_its_second_start(
    text: str, answer: str
) -> None:
    """'X is, the way I'd put it, X is a Y' and 'X is a, it's a Y': the answer is Y, not 'The
    way I'd put it' or 'A'."""
    card = card_for(text)
    assert card.front.startswith("What is") and card.back == answer, card


def test_a_sentence_about_one_of_the_speakers_counts_less() -> None:
    """'And Ana Ruiz is a glaciologist at...': it introduces a person, not the subject."""
    from card_factory import talk_of_turns

    fact = "A glacier is a river of ice that flows downhill under its own weight."
    turns = [
        ("Host", "Welcome back to the show."),
        ("Host", "And Ana Ruiz is a glaciologist at the polar institute in Tromso."),
        ("Ana Ruiz", " ".join([fact] * 10)),
        ("Host", "Thanks, Ana."),
    ]
    transcript = talk_of_turns("Ice", turns)
    sentences = nlp.split_transcript(transcript, nlp.load_toolkit(fact))
    talk = ranking.study_talk(sentences)
    terms = nlp.key_terms(sentences, nlp.builtin_stopwords())
    passages = ranking.build_passages(sentences, terms)
    ranking.score_passages(passages, terms, talk)
    intro = next(p for p in passages if p.text.startswith("And Ana Ruiz is"))
    glacier = next(p for p in passages if p.text == fact)
    assert intro.reasons["person"] < 0 == glacier.reasons["person"]


def test_a_passage_about_someone_counts_less_than_one_about_the_subject() -> None:
    """'His clock runs two hours late' is advice for one caller's son; the rule is not."""
    passages, _ = talk_of(
        "His body clock runs about two hours later than yours does, so he cannot sleep.",
        "A teenage body clock runs about two hours later than an adult one, so teens sleep late.",
    )
    son, teens = passages
    assert son.reasons["someone"] < 0 == teens.reasons["someone"]


def test_a_whereas_clause_is_read_with_the_claim_it_contrasts() -> None:
    """'Whereas a sourdough takes twelve hours' alone hides what it is compared with: it joins
    the sentence before it and, alone, counts as pointing back."""
    passages, _ = talk_of(
        "A yeasted dough might rise in one to three hours.",
        "Whereas a sourdough, from mixing to baking, takes twelve to twenty-four hours.",
    )
    whereas = passages[1]
    assert whereas.reasons["dependent"] < 0
    transcript = transcript_of(" ".join(passage.text for passage in passages))
    sentences = nlp.split_transcript(transcript, nlp.load_toolkit(whereas.text))
    assert ranking.belong_together(sentences[0], sentences[1])


def test_an_advert_read_out_is_chatter_to_its_last_sales_line() -> None:
    """After 'a word from our sponsor' the next turn sells, though most of its sentences
    name no code or URL; the talk resumes after its last sales line."""
    transcript = transcript_of(
        ("Host", "Tides next. But first, a quick word from our sponsor."),
        (
            "Host",
            "This episode is brought to you by Gullwing. Gullwing makes rain jackets that pack"
            " into their own pocket. I wore one all winter on the pier. Go to gullwing dot com"
            " slash tides for ten percent off. Okay. A spring tide comes twice a month.",
        ),
    )
    sentences = nlp.split_transcript(transcript, nlp.load_toolkit("x"))
    adverts = ranking.advert_sentences(sentences)
    texts = [sentence.text for sentence in sentences]
    assert [texts[index] for index in sorted(adverts)] == texts[1:6]
    terms = nlp.key_terms(sentences, nlp.builtin_stopwords())
    passages = ranking.build_passages(sentences, terms)
    jacket = next(p for p in passages if p.text.startswith("Gullwing makes"))
    assert jacket.cues[detectors.SPONSOR] < 0


def test_an_advert_runs_across_a_co_hosts_aside_to_its_sales_line() -> None:
    transcript = transcript_of(
        ("Ana", "This episode is brought to you by Tally. Tally sorts your spending."),
        ("Ben", "Mine said my coffee was up a lot."),
        ("Ana", "Anyway, Tally is offering our listeners three months free."),
        ("Ben", "Inflation is a sustained rise in the general price level."),
    )
    sentences = nlp.split_transcript(transcript, nlp.load_toolkit("x"))
    assert ranking.advert_sentences(sentences) == {0, 1, 2, 3}


TERM_NAMED = (
    "So the second habit, which every instructor drills into you on your very first course, "
    "is what divers call a safety stop."
)
TERM_EXPLAINED = (
    "The idea is you hang at five metres for three minutes on the way up, and the nitrogen in "
    "your blood leaves it slowly before you reach the surface."
)


def test_a_term_named_at_the_end_is_read_with_the_sentence_that_explains_it() -> None:
    """'...is what divers call a safety stop. The idea is you...': neither makes a card alone,
    so the two are one passage, and the explanation alone ranks as pointing back."""
    sentences = split_of(TERM_NAMED, TERM_EXPLAINED)
    assert ranking.explained_terms(sentences, nlp.builtin_stopwords()) == {1: "a safety stop"}
    terms = nlp.key_terms(sentences, nlp.builtin_stopwords())
    passages = ranking.build_passages(sentences, terms)
    assert [len(passage.sentences) for passage in passages] == [1, 2, 1]
    assert passages[-1].leans_back and not passages[0].leans_back
    ranking.score_passages(passages, terms, ranking.study_talk(sentences))
    assert passages[-1].reasons["dependent"] < 0


@pytest.mark.parametrize(
    "texts",
    [
        # a name said before is no introduction
        ("A safety stop is short.", TERM_NAMED, TERM_EXPLAINED),
        # what follows names its own subject
        (TERM_NAMED, "There's a gauge called a dive computer that times it for you."),
        # a name, and then a story
        ("We had a dog called Biscuit.", "I took him diving every summer as a kid."),
    ],
)
def test_no_introduction_pair_without_a_new_term_explained(texts: tuple[str, ...]) -> None:
    sentences = split_of(*texts)
    terms = nlp.key_terms(sentences, nlp.builtin_stopwords())
    passages = ranking.build_passages(sentences, terms)
    assert not any(passage.leans_back for passage in passages)


def test_a_term_named_then_explained_makes_a_what_is_card() -> None:
    sentences = split_of(TERM_NAMED, TERM_EXPLAINED)
    terms = nlp.key_terms(sentences, nlp.builtin_stopwords())
    pair = next(p for p in ranking.build_passages(sentences, terms) if len(p.sentences) == 2)
    content = make_card(pair, terms, None).content
    assert content.front == "What is a safety stop?"
    assert content.back == "You hang at five metres for three minutes on the way up"


def test_a_one_letter_code_spells_out_no_acronym() -> None:
    """'L5' has one letter: any word starting with an l would 'spell' it."""
    assert detectors.acronym_expansion("We use L5. A lot of phones have it.") is None
    assert detectors.acronym_expansion("The open data format, ODF, is free.") == (
        "ODF",
        "open data format",
    )


def test_a_cloze_does_not_hide_the_talk_s_main_subject() -> None:
    """In a talk about ledgers, '{{c1::ledgers}}' is given away by the deck's own topic: the
    cloze hides another name in the sentence."""
    text = "Double entry made merchant ledgers far easier to audit than a single list."
    sentences = split_of(text)
    others = {f"term {number}": 5.0 for number in range(30)}
    weights = {**others, "merchant ledgers": 1.0, "double entry": 0.6}
    for frequent, hidden in (
        (frozenset(), "merchant ledgers"),
        ({"merchant ledgers"}, "Double entry"),
        ({"merchant ledger"}, "Double entry"),  # the subject said in the singular
    ):
        terms = nlp.KeyTerms(weights=weights, frequent=frozenset(frequent))
        passage = ranking.make_passage(sentences, [detectors.detect(text)], terms)
        assert f"{{{{c1::{hidden}}}}}" in make_card(passage, terms, None).content.front


def test_a_cloze_does_not_hide_a_label() -> None:
    """'where the {{c1::name}} came from' asks for nothing."""
    card = card_for("Nobody at the time really knew where the name came from.")
    assert "{{c1::" not in card.front


def test_a_definition_answer_is_never_cut_inside_between_and() -> None:
    """Cut before 'that', the answer was 'The ratio between the load': 'between' waits for
    its 'and', so the term is hidden and the whole definition shown."""
    card = card_for(
        "A safety margin is the ratio between the load that would actually break a part and the"
        " load you expect it to carry."
    )
    assert card.front == (
        "A {{c1::safety margin}} is the ratio between the load that would actually break a part"
        " and the load you expect it to carry."
    )


def test_a_definition_answer_is_never_cut_before_the_but_that_limits_it() -> None:
    """'What is the render tree? The DOM': cut before ', but only...', the answer is false."""
    card = card_for(
        "The render tree is the DOM, but only the parts of the page that will actually be drawn"
        " on screen."
    )
    assert card.note_type == NoteType.CLOZE and "but only the parts" in card.front, card.front


def test_a_definition_too_long_for_an_answer_hides_its_term_whole() -> None:
    """Cut at the aside's comma, the answer would end 'would cut the power'; cut before
    'whose', it would leave out what makes the cabinet a fuse box."""
    card = card_for(
        "A fuse box is a metal cabinet in the hallway whose breakers would cut the power, or"
        " most of it, to the house."
    )
    assert card.front == (
        "A {{c1::fuse box}} is a metal cabinet in the hallway whose breakers would cut the"
        " power, or most of it, to the house."
    )


def test_a_sentence_that_needs_no_comma_is_not_cut_like_captions() -> None:
    """Read as captions (no mark inside), the card ended 'on both the original amount.',
    which is simple interest."""
    card = card_for(
        "Compound interest is interest earned on both the original amount and the interest"
        " already added."
    )
    assert card.front.endswith("on both the original amount and the interest already added.")


@pytest.mark.parametrize(
    "sentence",
    [
        "For the class you need three things: a jar, a spoon, flour and water.",
        "If the beam has a small flaw, a bad weld, a notch, a rust pit, a crack starts there.",
        "A task is anything on the queue, a click handler firing, a timer callback, a network"
        " response being handled.",
    ],
)
def test_an_item_of_a_list_is_not_defined_by_the_next_item(sentence: str) -> None:
    assert not card_for(sentence).front.startswith("What is"), card_for(sentence).front


def test_what_a_term_just_means_asks_what_it_means() -> None:
    card = card_for("So ablation just means the ice a glacier loses to melting and calving.")
    assert (card.front, card.back) == (
        "What does ablation mean?",
        "The ice a glacier loses to melting and calving",
    )


def test_a_cloze_whose_subject_points_back_shows_the_sentence_it_points_to() -> None:
    """'Once it erupts..., it is called lava' without 'Magma is molten rock...' before it asks
    about an 'it' the card never names."""
    from card_factory import talk_of_turns

    from podcards.extract import extract_cards

    transcript = talk_of_turns(
        "Glass",
        [
            (
                "Guest",
                "Molten glass is sand melted in a furnace at very high heat. Once it cools and"
                " sets hard on a bed of tin, it is called float glass.",
            )
        ],
    )
    card = next(card for card in extract_cards(transcript) if "float glass" in card.quote)
    assert card.generated.front.startswith("Molten glass is sand melted"), card.generated.front


def pair_card(*texts: str) -> CardContent:
    """The card of the two-sentence passage of a one-turn talk."""
    sentences = split_of(*texts)
    terms = nlp.key_terms(sentences, nlp.builtin_stopwords())
    pair = next(p for p in ranking.build_passages(sentences, terms) if len(p.sentences) == 2)
    return make_card(pair, terms, None).content


NAMED_AFTER = "Over years the river drops its silt where it slows and the delta grows seaward."
NAMED_BACK = "Geographers call that progradation, and it happens at every muddy coast."


@pytest.mark.parametrize(
    "texts",
    [
        (NAMED_AFTER, NAMED_BACK),
        (
            "Most harbours still run what's called the pilot system, one pilot per ship.",
            "A pilot boards outside the breakwater and steers the ship to its berth.",
        ),
    ],
)
def test_a_term_named_and_what_it_names_pair_across_two_long_sentences(
    texts: tuple[str, str],
) -> None:
    """'X happens. People call that Y.' and '...what's called Y. <what Y is>': either sentence
    alone misses half the fact, though both are long enough to stand alone."""
    assert " ".join(texts) in talk_of_pairs(" ".join(texts))


@pytest.mark.parametrize(
    "texts",
    [
        (
            "A big book costs a fortune to print and ship to every shop in the country.",
            "So I made that call that the last chapter goes online, free for every reader.",
        ),
        (
            "The ferry to the island leaves twice a day from the old harbour in summer.",
            "Winter crossings only run on weekends because the sea gets far too rough.",
        ),
    ],
)
def test_two_long_claims_that_name_nothing_stay_apart(texts: tuple[str, str]) -> None:
    """'made that call' decides, it names nothing."""
    assert " ".join(texts) not in talk_of_pairs(" ".join(texts))


def test_a_name_for_what_was_just_described_is_hidden_with_the_description_shown() -> None:
    content = pair_card(NAMED_AFTER, NAMED_BACK)
    assert content.front.startswith("Over years the river drops its silt")
    assert "Geographers call that {{c1::progradation}}" in content.front


def test_a_term_named_at_the_end_of_a_sentence_is_shown_with_the_next_that_explains_it() -> None:
    content = pair_card(
        "Most harbours still use what's called the pilot ladder.",
        "It hangs down the hull so the pilot can climb aboard from a small boat.",
    )
    assert content.front == (
        "Most harbours still use what's called the {{c1::pilot ladder}}. It hangs down the hull"
        " so the pilot can climb aboard from a small boat."
    )


def test_a_term_named_with_an_adverb_after_it_is_hidden_without_the_adverb() -> None:
    text = "The engines don't have a part called cold plates anymore, they use fans."
    front = cloze.cloze_card(text, *passage_for(text), None, Counter()).content.front
    assert "called {{c1::cold plates}} anymore" in front


def test_no_why_question_about_what_a_pointer_stands_for() -> None:
    """'Why do geographers call that progradation?': what 'that' is, the card never says."""
    assert questions.why_question("Geographers call that progradation") is None
    assert questions.why_question("Geographers call the delta young") == (
        "Why do geographers call the delta young?"
    )


def test_because_before_a_clause_with_its_own_condition_is_dropped_from_a_cloze() -> None:
    content = card_for(
        "Because when the tide turns, the water in the basin is held behind the wall for "
        "about 3 hours."
    )
    assert content.front.startswith("When the tide turns")


def test_a_name_for_what_came_before_does_not_name_what_follows() -> None:
    naming, after = split_of(
        "Engineers call that backflow, and every pump house fears it.",
        "The valves at the inlet are checked every single spring before the floods come.",
    )
    assert not ranking.names_a_term(naming, after)


@pytest.mark.parametrize(
    "text",
    [
        "Each cell grows a little hook, a barb, and grips the rock face with it all winter.",
        "In 1921 they treated their first patient, a young farmer called Tom Reed, with it.",
    ],
)
def test_an_apposition_that_names_one_thing_asks_no_what_is(text: str) -> None:
    """'a little hook, a barb': the name comes second, so 'What is a little hook?' is
    backwards; 'their first patient, a farmer called...' is someone, not a term; 'this
    pipeline, a distributed training system' says what 'this' is, not what a pipeline is."""
    front = card_for(text).front
    assert not front.startswith("What is")


def test_an_apposition_after_this_says_which_one_not_what_it_is() -> None:
    """'to run this job, a nightly batch import,': what 'this' is, not what a job is."""
    from podcards.extract.cards.questions import names_an_instance

    text = "Back then, to run this job, a nightly batch import, you scripted it all yourself."
    assert names_an_instance(text, text.index("job"), "a nightly batch import")
    plain = "Back then, a job, a unit of work for the scheduler, ran once a night."
    assert not names_an_instance(plain, plain.index("job"), "a unit of work for the scheduler")


def test_they_is_named_only_by_a_plural_topic() -> None:
    """'Orkney: they had a lot of curtailment' means the people there, not the islands."""
    from podcards.extract.cards.common import resolve_pointer

    assert resolve_pointer("They had a lot of curtailment.", "Orkney") == (
        "They had a lot of curtailment."
    )
    assert resolve_pointer("They grow best in the dark.", "oyster mushrooms") == (
        "Oyster mushrooms: they grow best in the dark."
    )


@pytest.mark.parametrize(
    ("sentence", "front"),
    [
        (
            "A burrow is a small tunnel that a rabbit digs under the roots of a hedge.",
            "A {{c1::burrow}} is a small tunnel that a rabbit digs under the roots of a hedge.",
        ),
        (
            "A keel is a heavy fin, meaning the boat rights itself when the wind pushes it over.",
            "A {{c1::keel}} is a heavy fin, meaning the boat rights itself when the wind pushes it"
            " over.",
        ),
    ],
)
def test_a_definition_whose_answer_would_only_name_the_kind_hides_the_term(
    sentence: str, front: str
) -> None:
    """'What is a burrow? A small tunnel' is true but teaches little: the clause after the
    kind says which one, so the card shows it all and hides the term, as a definition."""
    passage, terms = passage_for(sentence)
    draft = make_card(passage, terms, None)
    assert draft.content.front == front
    assert draft.kind is CardKind.DEFINITION


@pytest.mark.parametrize(
    ("sentence", "front"),
    [
        (
            "Demurrage is when the crate sits on the quay, at the port, say, and you leave it"
            " there past the free days before anyone collects it.",
            "{{c1::Demurrage}} is when the crate sits on the quay, at the port, say, and you leave"
            " it there past the free days before anyone collects it.",
        ),
        (
            "Backflow is when the pressure in the mains drops, and dirty water gets pulled back"
            " into the clean pipes.",
            "{{c1::Backflow}} is when the pressure in the mains drops, and dirty water gets pulled"
            " back into the clean pipes.",
        ),
    ],
)
def test_an_event_that_goes_on_past_its_first_clause_is_shown_whole(
    sentence: str, front: str
) -> None:
    """'What is demurrage? When the crate sits on the quay' keeps half the event, which
    teaches a wrong definition: the card hides the term and shows the whole event, a little
    past the usual length if need be."""
    passage, terms = passage_for(sentence)
    draft = make_card(passage, terms, None)
    assert draft.content.front == front
    assert draft.kind is CardKind.DEFINITION


def test_an_event_answer_that_ends_at_its_result_stays_a_question() -> None:
    """', so...' gives what follows from the event, not more of it: the answer is whole."""
    card = card_for(
        "A cold start is when the function has no warm container ready, so the first request"
        " waits for one to boot."
    )
    assert (card.front, card.back) == (
        "What is a cold start?",
        "When the function has no warm container ready",
    )


def test_a_hundred_percent_sure_is_no_figure_to_hide() -> None:
    """'I was 100% sure' says how sure the speaker was; '100% on one cloud' is a figure."""
    from podcards.extract.cards.cloze import quantity_targets

    sure = "After the first week of tests, I was 100% sure the pump design would fail."
    assert not quantity_targets(sure)
    figure = card_for("For years the whole company ran 100% on one cloud provider.").front
    assert "{{c1::100%}}" in figure


def test_the_first_word_of_quoted_speech_is_no_name_to_hide() -> None:
    """A capital after an opening quotation mark starts the quoted sentence: '"{{c1::Hey}},'
    hides a greeting; a term named in quotation marks is still hidden."""
    from podcards.extract.cards.cloze import Target, opens_quoted_speech

    text = 'The foreman shouts "Hey, clip your harness on" before every lift.'
    hey = text.index("Hey")
    assert opens_quoted_speech(text, Target(hey, hey + 3, 1.0))
    assert not opens_quoted_speech(text, Target(hey, hey + 3, 1.5, named=True))
    harness = text.index("harness")
    assert not opens_quoted_speech(text, Target(harness, harness + 7, 1.0))


def test_a_card_keeps_its_quotation_marks_paired() -> None:
    """Cut inside quoted words, a card closes the quotation it opened and drops a mark that
    closes nothing; it ends '."', not '.".'."""
    from podcards.extract.cards.cloze import with_quotation_marks_paired

    assert with_quotation_marks_paired('You go, "Well, that is {{c1::par}} for the course.') == (
        'You go, "Well, that is {{c1::par}} for the course."'
    )
    assert with_quotation_marks_paired('It was a great {{c1::school}}", and I left.') == (
        "It was a great {{c1::school}}, and I left."
    )
    front = card_for(
        'And then the status page would say, for eleven minutes, "all systems are normal."'
    ).front
    assert front.endswith('."') and front.count('"') == 2


def test_a_term_named_in_quotation_marks_is_hidden_without_them() -> None:
    card = card_for(
        'The pattern is what they call "cache-aside" in most of the books on databases.'
    )
    assert card.front == (
        'The pattern is what they call "{{c1::cache-aside}}" in most of the books on databases.'
    )


def test_a_clock_time_is_not_cut_into_numbers() -> None:
    """'9:00 to 5:00' once became '9:{{c1::00 to 5}}:00'."""
    front = card_for(
        "The standard office day in the town was 9:00 to 5:00, with an hour for lunch."
    ).front
    assert "{{c1::00" not in front and ":{{c1::" not in front


def test_a_clause_that_opens_on_its_verb_keeps_the_subject_before_it() -> None:
    """'..., and compared two ways...': a card opening 'Compared two ways...' has lost who did;
    the clause before it comes too."""
    from podcards.extract.cards import cloze

    text = (
        "So the trials ran from 1995 to 2010 in four hospitals, and compared two ways of"
        " dosing the drug after surgery. The trials enrolled nearly 3,000 patients."
    )
    start = text.index("3,000")
    target = cloze.Target(start, start + len("3,000"), cloze.UNIT_NUMBER_WORTH, quantity=True)
    clauses = cloze.clause_spans(text)
    draft = cloze.cloze_around(text, clauses, cloze.clause_of(clauses, start), target, None)
    assert draft.content.front.startswith("The trials ran from 1995")
    assert cloze.lacks_subject("and are also able to teach their neighbours")
    assert not cloze.lacks_subject("and they are also able to teach their neighbours")


def test_a_set_phrase_or_a_word_for_an_idea_is_no_cloze_target() -> None:
    """'to some {{c1::degree}}', 'this {{c1::concept}} of...', 'we have {{c1::plenty}} of...'
    and 'in the {{c1::future}}' hide words that name nothing."""
    from podcards.extract.cards.cloze import Target, in_set_phrase, names_something

    text = "To some degree, the harbour wall shelters the old town from winter storms."
    degree, wall = text.index("degree"), text.index("harbour wall")
    assert in_set_phrase(text, Target(degree, degree + len("degree"), 1.0))
    assert not in_set_phrase(text, Target(wall, wall + len("harbour wall"), 1.0))
    for vague in ("concept", "construct", "notion", "plenty", "future"):
        assert not names_something([vague])
    assert names_something(["harbour", "wall"])


def test_the_difference_is_not_a_term_to_define() -> None:
    """'The difference is when it runs.' frames the next sentence; it defines nothing."""
    card = card_for("The difference is when it runs.")
    assert card.front != "What is the difference?"
    assert "{{c1::difference}}" not in card.front


def test_a_short_reply_before_the_fact_is_left_off_the_card() -> None:
    """'For decades, yeah. It was the largest...': the reply answers a question the card
    does not ask."""
    front = pair_card(
        "For decades, yeah.",
        "It was the largest concrete dam in the world until 1959, when a bigger one opened.",
    ).front
    assert front.startswith("It was the largest concrete dam")


def test_a_fact_said_over_two_long_sentences_is_read_as_one_passage() -> None:
    """Unscripted talk runs a fact over two long sentences; the second works out the first."""
    first = (
        "The fuel a ship burns goes up roughly with the cube of its speed through the water,"
        " which is why operators watch the speed so closely on the long ocean crossings."
    )
    second = (
        "So if you cut that speed by a fifth, the fuel it burns each day drops by about half,"
        " which over a long voyage saves a fortune."
    )
    assert 48 < len(f"{first} {second}".split()) <= ranking.MAX_PASSAGE_WORDS
    assert f"{first} {second}" in talk_of_pairs(f"{first} {second}")


@pytest.mark.parametrize(
    "sentence",
    ["Yeah, oak is the classic.", "Honestly, rust is the culprit.", "Basalt is the exception."],
)
def test_a_verdict_on_the_subject_is_no_definition(sentence: str) -> None:
    """'What is penicillin? The classic' asks for a verdict, not what penicillin is."""
    assert not card_for(sentence).front.startswith("What is")


@pytest.mark.parametrize(
    ("sentence", "defines"),
    [
        (
            "So, the ratchet effect is when small price rises in one year never come back down.",
            True,
        ),
        ("Frost heave is where wet soil freezes and lifts the road above it.", True),
        ("A cairn is, it's literally a pile of stones that marks the path.", True),
        ("My favourite part is when small boats come in at dusk.", False),
        ("The worst bit is when it rains all week.", False),
    ],
)
def test_a_term_defined_by_what_happens_may_go_on_with_any_noun_phrase(
    sentence: str, defines: bool
) -> None:
    """'X is when small wiggles...' defines X as 'X is when the...' does; not 'my favourite
    part is when...' or '...is when it rains'."""
    assert (detectors.DEFINITION in detectors.detect(sentence)) is defines


def test_a_fragment_without_a_verb_names_no_topic_for_an_it() -> None:
    """'Like a, like a montage.' has no subject: 'it' in the next answer is not the montage."""
    from podcards.extract.extractor import first_named_thing

    fragment, sentence = split_of("Like a, like a montage.", "The harbour crane was built in 1960.")
    terms = nlp.key_terms([fragment, sentence], nlp.builtin_stopwords())
    assert first_named_thing(fragment, terms) is None
    assert first_named_thing(sentence, terms) == "harbour crane"


def test_a_noun_after_of_in_the_subject_is_no_topic() -> None:
    """'The flip side of the coin was that...': the subject is the vague 'side', so an 'it'
    or 'the idea' after it is not the coin; 'The harbour crane of the port was...' keeps its
    subject."""
    from podcards.extract.extractor import first_named_thing

    idiom, sentence = split_of(
        "The flip side of the coin was that the staff liked the old tools.",
        "The harbour crane of the port was built in 1960.",
    )
    terms = nlp.key_terms([idiom, sentence], nlp.builtin_stopwords())
    assert first_named_thing(idiom, terms) is None
    assert first_named_thing(sentence, terms) == "harbour crane"


def test_a_card_does_not_end_on_a_reason_that_never_reaches_its_verb() -> None:
    """'...a funny thing, because unlike Suez.': the rest of the reason did not fit."""
    text = (
        "The Kiel Canal is a strange one, because unlike the Corinth Canal, which is a narrow cut"
        " through solid rock with sheer walls on both sides and a railway bridge high above it,"
        " the Kiel Canal runs through flat farmland."
    )
    target = cloze.Target(4, 14, 1.5)
    start, end = cloze.window(text, cloze.clause_spans(text), 0, target)
    assert text[start:end] == "The Kiel Canal is a strange one"


def test_where_the_speaker_grew_up_defines_no_place() -> None:
    """', which is where I grew up' tells the speaker's life, not what Felixstowe is."""
    sentence = "Most of the boxes went on to Felixstowe, which is where I grew up, near the docks."
    assert detectors.DEFINITION not in detectors.detect(sentence)
    passage, terms = passage_for(sentence)
    assert make_card(passage, terms, None).kind is CardKind.CLAIM
