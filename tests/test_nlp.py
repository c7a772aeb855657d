"""The NLP layer: sentence offsets, clause splitting, key terms and disfluency cleaning."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest
from talks import transcript_of

from podcards import nlp
from podcards.nlp.terms import candidate_terms

ROOT = Path(__file__).resolve().parent.parent


def sentences_of(*texts: str) -> list[nlp.Sentence]:
    transcript = transcript_of(*texts)
    toolkit = nlp.load_toolkit("\n".join(texts))
    return nlp.split_transcript(transcript, toolkit)


def test_sentences_keep_offsets_into_their_segment_and_respect_abbreviations() -> None:
    text = "Dr. Okafor measured the glacier. It moved 40 metres a year! Did it speed up?"
    sentences = sentences_of("Hello there.", text)
    assert [sentence.text for sentence in sentences[1:]] == [
        "Dr. Okafor measured the glacier.",
        "It moved 40 metres a year!",
        "Did it speed up?",
    ]
    for sentence in sentences[1:]:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.segment == 1
    assert [sentence.index for sentence in sentences] == [0, 1, 2, 3]
    assert sentences[2].tags[sentences[2].tokens.index("40")] == "CD"


def test_a_run_on_sentence_is_cut_at_its_clauses_and_a_normal_one_is_not() -> None:
    long_but_whole = (
        "The reactor stayed cold for the whole first winter of the trial because nobody had "
        "ordered the right pumps in time, but the second winter it ran at full power every "
        "single day and the town finally had cheap heat for the first time in decades."
    )
    run_on = long_but_whole.replace(
        "decades.",
        "decades, and the council spent the whole of the next spring telling the"
        " newspapers that it had been their plan from the very start.",
    )
    pieces = [run_on[start:end] for start, end in nlp.clause_spans(run_on, 0, len(run_on))]
    assert pieces[0].endswith("in time,")  # its comma kept: joined again, they read as said
    assert pieces[1].startswith("but the second winter")
    short = "Lichens are a partnership between a fungus and an alga, but they look like one plant."
    for whole in (short, long_but_whole):  # spoken sentences run long: fifty words is one
        assert nlp.clause_spans(whole, 0, len(whole)) == [(0, len(whole))]


CAPTIONED_TALK = (
    "Okay, so today we're looking at glaciers. A glacier is basically a river of ice that moves "
    "under its own weight. And most of them are slow, like, a few metres a year. But some of them "
    "surge. They can move tens of metres a day for a few months, because meltwater gets under "
    "them and lifts them off the bed. Then they just stall again for decades. Which is why people "
    "watch them from satellites now. Yeah. I think the numbers surprise people, honestly. The ice "
    "sheet on Greenland holds enough water to raise the sea by about seven metres. So where does "
    "all that ice come from? Well, snow that survives the summer gets buried by the next winter's "
    "snow. And over decades the weight squeezes the air out. You can see it in a core, actually. "
    "The bubbles get smaller as you go down. And those bubbles are really useful, because they "
    "hold old air from the year the snow fell. So you get the atmosphere of ten thousand years "
    "ago, sealed in a bubble. I love that. Right, let's take a quick break."
)


def caption_of(text: str) -> tuple[str, set[int]]:
    """The text as automatic captions give it (lower case, no punctuation) and the word numbers
    where its sentences start."""
    words = text.split()
    starts = {number for number in range(1, len(words)) if words[number - 1][-1] in ".?!"}
    return " ".join(nlp.boundaries.plain_word(word) for word in words), starts


def test_captions_without_punctuation_are_cut_where_sentences_start() -> None:
    lost, starts = caption_of(CAPTIONED_TALK)
    pieces = [lost[start:end] for start, end in nlp.clause_spans(lost, 0, len(lost))]
    assert " ".join(pieces) == lost
    assert all(len(piece.split()) <= nlp.MAX_SENTENCE_WORDS for piece in pieces)
    cuts = {len(" ".join(pieces[:number]).split()) for number in range(1, len(pieces))}
    assert len(cuts) >= 6
    assert len(cuts & starts) >= 0.6 * len(cuts)


def test_a_long_run_on_sentence_that_kept_its_commas_is_cut_after_a_comma() -> None:
    run_on = (
        "Okay, quick recap, the glacier moves because the ice deforms under its own weight, "
        "meltwater at the bed lets it slide faster in summer, surges happen when that water "
        "gets trapped and lifts the whole thing off its bed for a few months at a time, the "
        "ice sheets hold enough water to raise the sea by seven metres or so and the bubbles "
        "in the cores keep old air from the year the snow fell, and that is basically "
        "everything we covered in the whole course this term"
    )
    pieces = [run_on[start:end] for start, end in nlp.clause_spans(run_on, 0, len(run_on))]
    assert len(pieces) >= 3
    assert all(piece.endswith(",") for piece in pieces[:-1])


def test_a_caption_is_not_cut_before_a_word_that_leans_on_the_words_before() -> None:
    """With the same odds of a sentence start, a cut before 'so' is taken and one before 'they'
    is not: the piece would open on a pronoun and could not stand alone. A stretch with no
    likely start is still cut, at its likeliest start, before it runs too long."""
    even_odds = (frozenset(["so", "they"]), {"bias": -5.0, "0=so": 5.0, "0=they": 5.0})
    caption = (
        "we went up to the glacier early on monday so we all saw the ice at the top they said"
        " it was thin and old"
    )
    words = caption.split(" ")
    assert nlp.boundaries.start_probabilities(words, even_odds)[9] == 0.5
    assert nlp.boundaries.start_probabilities(words, even_odds)[18] == 0.5
    assert nlp.boundaries.sentence_starts(words, 40, even_odds) == [9]
    assert nlp.boundaries.sentence_starts(words, 12, even_odds) == [9, 18]


def test_a_caption_sentence_starts_where_a_definition_opens() -> None:
    """With no odds of a start anywhere, a cut still goes before 'a moraine is a...' after
    'so': the model reads too few words to see the 'is' that opens a definition. Not before
    a pronoun's 'is', nor before a subject with no 'is a/the/when' after it."""
    no_odds = (frozenset(), {"bias": -30.0})
    caption = "we walked for two hours up the valley so a moraine is a ridge of rock the ice left"
    words = caption.split()
    assert nlp.boundaries.sentence_starts(words, 40, no_odds) == [words.index("moraine") - 1]
    for other in (
        "we walked for two hours up the valley so it is a ridge of rock the ice left behind",
        "we walked for two hours up the valley so a moraine is hard to see from the road",
    ):
        assert nlp.boundaries.sentence_starts(other.split(), 40, no_odds) == []


def test_a_caption_sentence_starts_at_a_marker_after_a_finished_clause() -> None:
    """'so' or 'okay' after a finished clause opens a sentence; no word inside a clause does
    (a verb after its subject, a noun after its article, 'so' right after 'okay')."""
    for caption, start in [
        ("we turned back because the ice was thin so the next morning we tried again", "so"),
        ("and that is what a moraine is okay so where were we", "okay"),
    ]:
        words = caption.split()
        likely = dict(zip(words[1:], nlp.boundaries.start_probabilities(words)[1:], strict=True))
        assert likely[start] >= nlp.boundaries.START_THRESHOLD
        assert all(chance < likely[start] for word, chance in likely.items() if word != start)
    assert likely["were"] < 0.05
    assert likely["moraine"] < 0.05


def test_the_caption_model_was_never_trained_on_a_talk_we_score_it_on() -> None:
    model = json.loads((files("podcards") / "data" / nlp.boundaries.MODEL_FILE).read_text())
    held_out = {path.stem for path in (ROOT / "benchmarks" / "heldout").glob("*.txt")}
    assert held_out and not held_out & {Path(name).stem for name in model["trained_on"]}
    assert "sds-919-geron" not in {Path(name).stem for name in model["trained_on"]}


def test_key_terms_favour_a_repeated_specific_phrase_over_generic_words() -> None:
    """Not 'things', 'lot', nor 'analogy' (how the speaker explains, never the topic)."""
    sentences = sentences_of(
        "The permafrost layer holds a lot of carbon. Thawing permafrost layer releases methane.",
        "People say many things about the weather. The permafrost layer is thawing fast.",
        "Scientists drill cores into the permafrost layer to date it.",
        "The analogy I like is a freezer. A freezer analogy helps. The analogy is a freezer.",
    )
    terms = nlp.key_terms(sentences, nlp.builtin_stopwords())
    assert next(iter(terms.weights)) == "permafrost layer"
    assert not {"things", "lot", "analogy"} & set(terms.weights), terms.weights
    assert terms.found_in([sentences[1]])[0] == "permafrost layer"


def test_a_name_after_the_nouns_that_say_what_it_is_is_the_term() -> None:
    """'the genus Lactobacillus' names Lactobacillus; 'transaction ID' stays whole."""
    [sentence] = sentences_of(
        "Later the genus Lactobacillus got split, and every transaction ID changed."
    )
    terms = candidate_terms(sentence, nlp.builtin_stopwords())
    assert "Lactobacillus" in terms and "genus Lactobacillus" not in terms
    assert "transaction ID" in terms


def test_a_phrase_said_twice_in_one_story_is_no_key_term() -> None:
    """'The ferry timetable' twice in an anecdote is no topic; 'pack ice', said three times, is."""
    sentences = sentences_of(
        "Pack ice forms on the sea. We checked the ferry timetable that winter.",
        "Pack ice drifts with the wind. The ferry timetable changed in May.",
        "Old pack ice is thicker and bluer than new ice.",
    )
    terms = nlp.key_terms(sentences, nlp.builtin_stopwords()).weights
    assert "pack ice" in terms and "ferry timetable" not in terms, terms


def test_what_is_left_of_a_split_contraction_is_no_key_term() -> None:
    """'let's talk', 'can't say', 'won't help': 'let', 'ca' and 'wo' are no words of a topic."""
    sentences = sentences_of(
        *["Let's talk about glaciers. You can't stop ice. It won't melt in a day."] * 4
    )
    terms = nlp.key_terms(sentences, nlp.builtin_stopwords())
    assert not {"let", "let talk", "ca", "wo"} & set(terms.weights), terms.weights


def test_a_term_opening_its_sentence_is_shown_as_written_mid_sentence() -> None:
    """'Cache invalidation is...' has its capital for its place: the talk writes 'cache' in
    lower case elsewhere. A name ('Redis', never lower case) keeps its capital."""
    sentences = sentences_of(
        *["Cache invalidation is the job of updating a cached copy when the data changes."] * 3,
        *["Redis keeps the cache in memory, and the cache is fast."] * 3,
    )
    terms = nlp.key_terms(sentences, nlp.builtin_stopwords())
    assert terms.shown("cache invalidation") == "cache invalidation"
    assert terms.shown("redis") == "Redis"


def test_a_word_and_its_contraction_are_no_stutter() -> None:
    assert nlp.clean_disfluencies("They laughed at it, it's a toy, they said.") == (
        "They laughed at it, it's a toy, they said."
    )
    assert nlp.clean_disfluencies("We, we sailed at dawn.") == "We sailed at dawn."
    # a term said again to define it, in captions that lost the full stop between
    said_again = "the glaze has to be vitreous vitreous means glass-like and watertight"
    assert nlp.clean_disfluencies(said_again) == said_again.capitalize()
    asked_then_answered = "so what is a kiln a kiln is an oven for pottery"
    assert (
        nlp.clean_disfluencies(asked_then_answered)
        == "What is a kiln a kiln is an oven for pottery"
    )


def test_a_key_term_never_opens_with_a_word_that_only_rates_or_picks_it() -> None:
    """'the right harbours', 'a huge storm', 'a nice chart': the term is what follows; a
    classifying word ('tidal' in 'tidal range') and a capitalised name stay whole; 'Nice.' said
    as a reply, 'a higher level' (a vague noun left a modifier) and 'using X' name nothing."""
    sentences = sentences_of(
        "Sailors look for the right harbours before a huge storm hits the New Forest.",
        "The right harbours have a tidal range and a nice chart of the huge storm.",
        "In the New Forest, the tidal range shows on a nice chart.",
        "Nice. Skippers plot it using Tidewise, and a higher level means a safer crossing.",
        "Great. So using Tidewise, you reach a higher level of safety.",
        "The right harbours, a huge storm, a nice chart and the tidal range: all in the New Forest.",
        "Nice. From a higher level, Tidewise shows it all.",
    )
    terms = nlp.key_terms(sentences, nlp.builtin_stopwords()).weights
    assert {"chart", "tidal range", "new forest", "tidewise"} <= set(terms)
    unwanted = {"right harbours", "huge storm", "nice chart", "nice", "huge", "great"}
    if nlp.has_resource(nlp.TAGGER_RESOURCE):  # the stand-in tagger takes 'higher' for a noun
        unwanted.add("higher")
    assert not (unwanted | {"using tidewise"}) & set(terms)


def test_cleaning_removes_fillers_stutters_and_hedges_but_keeps_meaning() -> None:
    cleaned = nlp.clean_disfluencies(
        "So, um, I think the the glacier is, you know, sort of retreating, uh, every year."
    )
    assert cleaned == "The glacier is retreating every year."
    assert nlp.clean_disfluencies("Yeah, I mean, basalt cools fast.") == "Basalt cools fast."
    assert nlp.clean_disfluencies("It is a kind of rock.") == "It is a kind of rock."
    assert nlp.clean_disfluencies("It was, like, huge.") == "It was huge."
    quoted = "You'll read something like, a tarn is a lake in a cirque."
    assert nlp.clean_disfluencies(quoted) == quoted  # 'something like' introduces, not a filler
    defining = "When I say moraine, I mean the ridge a glacier leaves."
    assert nlp.clean_disfluencies(defining) == defining
    framed = "But yeah, it's interesting because most glaciers lose ice in summer."
    assert nlp.clean_disfluencies(framed) == "Most glaciers lose ice in summer."
    assert (
        nlp.clean_disfluencies("It's important that you rest.") == "It's important that you rest."
    )
    assert nlp.clean_disfluencies("Again, we pump the tanks dry each spring.") == (
        "We pump the tanks dry each spring."
    )
    assert (
        nlp.clean_disfluencies("Again the river rose in March.") == "Again the river rose in March."
    )
    assert nlp.clean_disfluencies("As I mentioned, the gauge reads low.") == "The gauge reads low."
    recalled = "And I think of the old lighthouse keeper, who logged every storm."
    assert nlp.clean_disfluencies(recalled) == (
        "I think of the old lighthouse keeper, who logged every storm."
    )


def test_an_article_said_again_is_said_once() -> None:
    """'So a, um, an index...': once the filler goes, the first article is a false start."""
    assert (
        nlp.clean_disfluencies("So a, um, an index on two columns.") == "An index on two columns."
    )
    assert nlp.clean_disfluencies("It was the, uh, the tide.") == "It was the tide."
    assert nlp.clean_disfluencies("We call it the A team.") == "We call it the A team."


def test_a_filler_between_commas_leaves_a_comma_where_the_speaker_restarts() -> None:
    """Dropping 'um' must not glue a false start to its restart ('just it starts'), and a
    'yeah' inside a sentence is filler too."""
    restarted = "And the council just, um, it starts selling the land to pay its bills."
    assert (
        nlp.clean_disfluencies(restarted)
        == "The council just, it starts selling the land to pay its bills."
    )
    assert nlp.clean_disfluencies("Oslo is the modern one, yeah, late 1990s.") == (
        "Oslo is the modern one, late 1990s."
    )
    assert nlp.clean_disfluencies("For centuries, yeah. It was the biggest.") == (
        "For centuries. It was the biggest."
    )


def test_contractions_are_split_as_the_tagger_learnt_them() -> None:
    """Whole, 'it's' and 'you've' were unknown words to the tagger: it read 'it's' as an
    adjective and 'you've' as a noun, and the words after them wrongly too ('hold' a noun)."""
    tagged = nlp.tag_text(
        "In that wall you’ve got gates, they'll hold, and it's wet at two o'clock."
    )
    tags = dict(tagged)
    assert [token for token, _ in tagged][3:5] == ["you", "’ve"]
    assert tags["you"] == "PRP" and tags["hold"] == "VB" and tags["'s"] == "VBZ"
    assert "o'clock" in tags


def test_a_stutter_around_a_removed_filler_is_one_word() -> None:
    assert nlp.clean_disfluencies("The cause is a, sort of a formula gap.") == (
        "The cause is a formula gap."
    )


def test_cleaning_gives_lower_case_captions_their_capital_i() -> None:
    cleaned = nlp.clean_disfluencies("and i've seen the tide turn i.e. twice as i'd said")
    assert cleaned == "I've seen the tide turn i.e. twice as I'd said"


def test_a_verb_read_as_a_plural_noun_after_the_subject_is_a_verb_again() -> None:
    """'Water boils at...': the tagger's NNS 'boils' would join the noun phrase."""
    sentence = sentences_of("Water boils at a lower temperature on a high mountain.")[0]
    assert "Water boils" not in sentence.phrases
    assert sentence.tags[1] == "VBZ"
    sentence = sentences_of("Loop unrolling copies the body of a loop several times.")[0]
    assert sentence.tags[2] == "VBZ"  # after a gerund subject too


def test_a_verb_taking_to_after_a_noun_is_a_verb_and_a_noun_before_its_adverb_stays_one() -> None:
    """'tend' in 'calves born in spring tend to be' is the verb; 'herd' in 'the herd actually
    moved' is the subject (the verb comes after the adverb), though taggers swap them."""
    tags = dict(nlp.tag_text("Calves born in spring tend to be weaned in autumn."))
    assert tags["tend"].startswith("VB")
    assert dict(nlp.tag_text("The need to eat is strong."))["need"] == "NN"
    sentence = sentences_of("In the valley, their own native herd actually moved further.")[0]
    tags = dict(zip(sentence.tokens, sentence.tags, strict=True))
    assert tags["herd"].startswith("NN")
    sentence = sentences_of("But a soil sample really only tells you about the top layer.")[0]
    tags = dict(zip(sentence.tokens, sentence.tags, strict=True))
    assert tags["sample"].startswith("NN")


def test_a_participle_after_have_is_a_verb_not_a_noun() -> None:
    """Taggers read 'heard' in 'might have heard of' as a noun: it became a cloze answer."""
    text = "There are stories you might have heard of where the river floods the town."
    sentence = sentences_of(text)[0]
    tags = dict(zip(sentence.tokens, sentence.tags, strict=True))
    assert tags["heard"] == "VBN"
    assert tags["river"] == "NN"


@pytest.mark.parametrize(
    ("text", "dummy"),
    [
        ("It's easier for a diver to find a leak than to find a missing seal.", True),
        ("It turns out that the tide comes in twice a day.", True),
        ("It is not obvious at first why salt water freezes later.", True),
        ("It's really hard to grow rice without a flood.", True),
        ("It's important that you check the valve.", True),
        ("It is interesting how, in winter, the lake freezes from the top.", True),
        ("It's trying to reach the shore before dark.", False),
        ("It's similar to a granite quarry.", False),
        ("It's able to carry ten tonnes of sand.", False),
        ("It is a tool to measure the wind.", False),
        ("It was cold.", False),
    ],
)
def test_a_dummy_it_stands_for_the_clause_after_it(text: str, dummy: bool) -> None:
    """'It's easier to X than Y' makes sense alone; 'It's able to X' points back."""
    tokens, tags = zip(*nlp.tag_text(text), strict=True)
    assert nlp.dummy_it(tokens, tags) is dummy
    assert nlp.opens_with_dummy_it(text) is dummy


@pytest.mark.parametrize(
    ("said", "card"),
    [
        ("An engine, I think it was called, was tested in May.",
         "An engine was tested in May."),
        ("In a flood you can lose, I've seen it, five metres of riverbed.",
         "In a flood you can lose five metres of riverbed."),
        ("The reef, if I remember correctly, grows a centimetre a year.",
         "The reef grows a centimetre a year."),
        ("Teenagers, and Ana will correct me if I've got this wrong, sleep later.",
         "Teenagers sleep later."),
        ("He warned that, I'm paraphrasing here, the drug would be misused.",
         "He warned that the drug would be misused."),
    ],
)  # fmt: skip
def test_a_speaker_s_aside_about_their_own_memory_is_cleaned_from_card_text(
    said: str, card: str
) -> None:
    """Asides on what the speaker saw, recalls or paraphrases vouch for the fact; the card
    states the fact (the quote keeps them)."""
    assert nlp.clean_disfluencies(said) == card
