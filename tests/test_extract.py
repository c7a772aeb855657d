"""Extraction end to end: a written transcript in, ranked grounded cards out, the same every time."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from talks import transcript_of

from podcards import nlp
from podcards.extract import extract_cards, lint, ranking
from podcards.transcripts import read_transcript

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
TALK = FIXTURES / "tides.txt"
KITCHEN = FIXTURES / "kitchen.txt"
LECTURE = FIXTURES / "printing.vtt"


@pytest.fixture
def talk_cards():
    return extract_cards(read_transcript(TALK))


def test_cards_are_grounded_ranked_and_carry_their_source(talk_cards) -> None:
    transcript = read_transcript(TALK)
    texts = [segment.text for segment in transcript.segments]
    assert talk_cards, "no candidates"
    assert [card.score for card in talk_cards] == sorted(
        (card.score for card in talk_cards), reverse=True
    )
    assert all(0 < card.score < 1 for card in talk_cards)  # a chance, for --min-score
    for card in talk_cards:
        assert any(card.quote in text for text in texts)
        assert card.speaker in transcript.speakers
        assert card.start is not None
        assert all(" " not in tag and tag == tag.lower() for tag in card.tags)
    fronts = " ".join(card.content.front for card in talk_cards)
    assert "What is a spring tide?" in fronts
    assert "{{c1::16 metres}}" in fronts


def test_chatter_is_left_out_and_facts_come_first(talk_cards) -> None:
    quotes = " ".join(card.quote for card in talk_cards)
    assert "promo code" not in quotes
    assert "great to have you" not in quotes
    assert "what actually causes the tides" not in quotes.lower()
    top = " ".join(card.quote for card in talk_cards[:5])
    assert "I remember" not in top
    assert sum(not lint(card.content) for card in talk_cards[:5]) >= 4


def test_quote_stays_verbatim_while_card_text_is_cleaned() -> None:
    cards = extract_cards(read_transcript(TALK), glossary={"Fundy": "FUNDY-FIXED"})
    myth = next(card for card in cards if "myth" in card.quote)
    assert myth.quote.startswith("Yeah, I mean, you know, the the biggest myth")
    assert "you know" not in myth.content.front and "the the" not in myth.content.front
    bay = next(card for card in cards if "Bay of Fundy" in card.quote)
    assert "FUNDY-FIXED" in bay.content.front and "FUNDY-FIXED" not in bay.quote


@pytest.mark.parametrize(
    ("talk", "facts", "chatter"),
    [
        (
            KITCHEN,
            [
                "Maillard reaction is a reaction between amino acids",
                "downside of sous vide",
                "Bread flour has more protein",
                "Water boils at a lower temperature",
                "Gluten is a network",
            ],
            ["copperline", "Thanks for having me", "grandmother", "usual places"],
        ),
        (
            LECTURE,
            [
                "invented in China by Bi Sheng",
                "the Jikji",
                "called incunabula",
                "By 1500 there were printing presses",
                "Luther posted his ninety five theses",
            ],
            ["essay deadline", "Can everyone", "see you all", "I actually went to Mainz"],
        ),
    ],
)
def test_a_listener_s_facts_lead_and_chatter_trails(
    talk: Path, facts: list[str], chatter: list[str]
) -> None:
    """Other subjects and formats (an interview; a lecture from captions with some periods
    lost): the facts worth a card rank near the top, the talk around them does not."""
    cards = extract_cards(read_transcript(talk))
    top = " ".join(card.quote for card in cards[:15])
    assert [fact for fact in facts if fact not in top] == []
    lead = " ".join(card.quote for card in cards[:10]).lower()
    assert [line for line in chatter if line.lower() in lead] == []
    assert sum(not lint(card.content) for card in cards[:10]) >= 8


def test_captions_that_lost_all_punctuation_still_give_the_facts(tmp_path: Path) -> None:
    """Automatic captions: no periods, no capitals. Pieces cut where sentences likely start
    still carry the lecture's facts near the top, with quotes that fit a card. (Pieces of at
    least 8 words keep 'i have to be careful here' in front of the Bi Sheng fact: 16th.)"""
    captions = LECTURE.read_text(encoding="utf-8").splitlines()
    flattened = [
        line if "-->" in line or line.startswith("WEBVTT") else re.sub(r"[.,?!;:]", "", line)
        for line in captions
    ]
    lost = tmp_path / "lecture.vtt"
    lost.write_text("\n".join(line.lower() for line in flattened), encoding="utf-8")
    cards = extract_cards(read_transcript(lost))
    top = " ".join(card.quote for card in cards[:20])
    assert "bi sheng" in top and "1517" in top and "1501" in top
    assert max(len(card.quote.split()) for card in cards) <= ranking.MAX_PASSAGE_WORDS


@pytest.mark.parametrize(("between", "joined"), [(" ", True), ("\n\n00:00:06 ", False)])
def test_a_quote_never_joins_sentences_across_a_timestamp_in_the_text(
    tmp_path: Path, between: str, joined: bool
) -> None:
    """The file has the timestamp between the two sentences: a quote joining them would not
    be the file's text."""
    talk = tmp_path / "glaciers.txt"
    talk.write_text(
        "Ana Ruiz: 00:00:00 What moves a glacier?\n"
        f"Ben Okoro: 00:00:04 Gravity, mostly.{between}It is why a glacier flows downhill.\n",
        encoding="utf-8",
    )
    transcript = read_transcript(talk)
    toolkit = nlp.load_toolkit(talk.read_text(encoding="utf-8"))
    sentences = nlp.split_transcript(transcript, toolkit)
    passages = ranking.build_passages(sentences, nlp.key_terms(sentences, toolkit.stopwords))
    assert any(len(passage.sentences) == 2 for passage in passages) == joined


def test_same_input_gives_the_same_candidates_and_ids(talk_cards) -> None:
    again = extract_cards(read_transcript(TALK))
    assert [card.as_candidate() for card in again] == [card.as_candidate() for card in talk_cards]
    assert len({card.id for card in talk_cards}) == len(talk_cards)


def test_ids_come_from_the_quote_not_the_wording(talk_cards) -> None:
    fewer = extract_cards(read_transcript(TALK), max_cards=3, glossary={"tide": "TIDE"})
    by_quote = {card.quote: card.id for card in talk_cards}
    assert len(fewer) == 3
    for card in fewer:
        assert by_quote[card.quote] == card.id


def test_ids_survive_a_rule_change_that_drops_a_quote_s_second_sentence(monkeypatch) -> None:
    pairs = [card for card in extract_cards(read_transcript(KITCHEN)) if ". " in card.quote]
    monkeypatch.setattr(ranking, "MAX_PASSAGE_WORDS", 0)
    singles = extract_cards(read_transcript(KITCHEN))
    kept = [
        (pair, single)
        for pair in pairs
        for single in singles
        if pair.quote.startswith(single.quote) and pair.quote != single.quote
    ]
    assert kept, "no quote became shorter under the changed rule"
    assert all(pair.id == single.id for pair, single in kept)


def run_podcards(
    *args: str, cwd: Path, nltk_data: Path | None = None
) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if nltk_data is not None:
        env["NLTK_DATA"] = str(nltk_data)
    return subprocess.run(
        [sys.executable, "-m", "podcards", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_extract_command_writes_the_card_file_and_prints_json(tmp_path: Path) -> None:
    done = run_podcards("extract", str(TALK), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written = list((tmp_path / "decks").glob("*.cards.json"))
    assert len(written) == 1 and "candidates" in done.stderr
    card_file = json.loads(written[0].read_text(encoding="utf-8"))
    assert card_file["episode"]["title"] == "Tides"
    target = tmp_path / "mine.cards.json"
    done = run_podcards(
        "extract", str(TALK), "-o", str(target), "--max", "4", "--json", cwd=tmp_path
    )
    candidates = json.loads(done.stdout)
    assert len(candidates) == 4 and target.is_file()
    assert {"id", "kind", "front", "back", "quote", "speaker", "start", "score", "tags"} <= set(
        candidates[0]
    )
    assert [card["id"] for card in json.loads(target.read_text())["cards"]][:4] == [
        c["id"] for c in candidates
    ]


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = run_podcards("extract", str(tmp_path / "missing.txt"), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "missing.txt" in done.stderr
    (tmp_path / "glossary.txt").write_text("no equals sign here\n", encoding="utf-8")
    done = run_podcards("extract", str(TALK), "--glossary", "glossary.txt", cwd=tmp_path)
    assert done.returncode == 2 and "glossary.txt: line 1" in done.stderr


def test_without_nltk_data_it_warns_once_and_still_makes_cards(tmp_path: Path) -> None:
    empty = tmp_path / "no-nltk-data"
    empty.mkdir()
    done = run_podcards(
        "extract", str(TALK), "--json", "-o", "out.cards.json", cwd=tmp_path, nltk_data=empty
    )
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if "quality is reduced" in line]
    assert len(warnings) == 1
    assert (
        "python -m nltk.downloader punkt_tab averaged_perceptron_tagger_eng stopwords"
        in done.stderr
    )
    candidates = json.loads(done.stdout)
    assert len(candidates) >= 5
    assert any("spring tide" in card["quote"] for card in candidates[:5])


def test_dev_episode_candidates_are_grounded_and_short(dev_transcript: Path) -> None:
    cards = extract_cards(read_transcript(dev_transcript))
    text = " ".join(segment.text for segment in read_transcript(dev_transcript).segments)
    assert len(cards) >= 80
    assert all(card.quote in text for card in cards)
    lengths = sorted(len(card.quote.split()) for card in cards)
    assert lengths[len(lengths) // 2] <= 40
    assert sum(not lint(card.content) for card in cards[:40]) >= 36


def test_speakers_names_and_sponsor_reads_never_become_key_terms() -> None:
    """Hosts call guests by name and adverts repeat a product: neither is what the talk
    teaches, so neither tags a card nor counts as a key term."""
    from card_factory import talk_of_turns

    from podcards.extract.extractor import talk_terms

    turns = [
        ("Ada Lind", "Welcome back. Tomas, tell us about kelp forests."),
        ("Tomas Berg", "Sure, Ada. Kelp forests grow up to half a metre a day in cold water."),
        ("Ada Lind", "Tomas, this show is brought to you by Seabrush, go to seabrush dot com."),
        ("Ada Lind", "Seabrush, the seabrush for divers, use code KELP at seabrush dot com."),
        ("Tomas Berg", "Kelp forests shelter fish, and sea urchins graze kelp forests bare."),
        ("Ada Lind", "So Tomas, what keeps the sea urchins in check in kelp forests?"),
        ("Tomas Berg", "Sea otters eat sea urchins, so kelp forests recover where otters return."),
    ]
    transcript = talk_of_turns("Kelp", turns)
    toolkit = nlp.load_toolkit("\n".join(text for _, text in turns))
    sentences = nlp.split_transcript(transcript, toolkit)
    terms = set(talk_terms(transcript, sentences, toolkit.stopwords).weights)
    assert "kelp forests" in terms
    assert not {"tomas", "ada", "seabrush"} & terms


def test_a_term_led_by_a_figure_tags_no_card() -> None:
    """'50% accuracy' can be a key term, but '50-accuracy' is no topic to browse a deck by."""
    cards = extract_cards(
        transcript_of(
            "The model reached 50% accuracy on the reef photos after a week of training.",
            "At 50% accuracy the reef survey still needs a diver to check every photo.",
            "We want more than 50% accuracy before the reef survey runs on its own.",
        )
    )
    tags = {tag for card in cards for tag in card.tags}
    assert "accuracy" in tags and not {tag for tag in tags if tag[0].isdigit()}, tags


def test_a_unit_alone_tags_no_card() -> None:
    """'percent', 'hours', 'tens' are said often in a talk of numbers, but are no topic."""
    cards = extract_cards(
        transcript_of(
            "Coral bleaching cut reef cover by thirty percent in ten years; divers counted for"
            " hours.",
            "Another thirty percent of the coral bleaching came after the storm, in a few hours.",
            "Tens of divers spent hours on coral bleaching surveys, and tens of photos showed it.",
            "Coral bleaching happens when warm water drives the algae out of the coral.",
        )
    )
    tags = {tag for card in cards for tag in card.tags}
    assert "coral-bleaching" in tags and not {"percent", "hours", "tens"} & tags, tags


def test_a_card_is_not_tagged_with_part_of_a_longer_term_it_has() -> None:
    """'slack-water' says it; 'water' beside it is half a term, no topic to browse by."""
    cards = extract_cards(
        transcript_of(
            "Slack water is the short pause when the tide turns and the water stands still.",
            "Divers wait for slack water because the water barely moves for twenty minutes.",
            "At slack water the turbines stop, since no water flows through them.",
            "The water then speeds up again, and the turbines spin faster as the water rises.",
        )
    )
    tags = [card.tags for card in cards]
    assert ["slack-water"] in tags and ["water"] in tags
    assert not any({"slack-water", "water"} <= set(card_tags) for card_tags in tags), tags


def test_a_pair_of_words_said_together_but_naming_nothing_tags_no_card() -> None:
    """'come back' is said together often enough to be a collocation, and weighs its
    passages like a term, but it is no topic to browse a deck by; 'coral reef' is."""
    cards = extract_cards(
        transcript_of(
            "The coral reef grows a centimetre a year, and we come back each spring to measure.",
            "When the fish come back, the coral reef recovers faster than the bare rock nearby.",
            "A coral reef needs clear water; silt makes the fish leave and they rarely come back.",
            "Divers come back to the coral reef at night, when the polyps open to feed on plankton.",
        )
    )
    tags = {tag for card in cards for tag in card.tags}
    assert "coral-reef" in tags and "come-back" not in tags, tags


def fronts_of(*turns: str | tuple[str, str]) -> list[str]:
    return [card.generated.front for card in extract_cards(transcript_of(*turns))]


def test_a_card_leaning_on_an_acronym_names_it_spelled_out() -> None:
    """'The idea is...' after 'the write-ahead log, the WAL' is about the log: the card says
    so in the words the talk spelled it out with, and asks what WAL stands for only where the
    talk says it, not from the topic put in front."""
    text = (
        "Every database needs a way to survive a crash. "
        "So the key mechanism is the write-ahead log, the WAL. "
        "The idea is, before the database changes a data page, it first writes the change to "
        "the WAL on disk. The WAL is replayed after a crash. "
        "A WAL record is small. The WAL grows until a checkpoint trims it."
    )
    fronts = fronts_of(text)
    idea = next(front for front in fronts if "the idea is" in front.lower())
    assert idea.startswith("Write-ahead log (WAL): the idea is, before the database")
    assert fronts.count("What does WAL stand for?") == 1


def test_a_speaker_is_never_what_a_card_hides() -> None:
    fronts = fronts_of(
        ("Ray Dunn", "So what happens to teenagers? Is it just laziness?"),
        (
            "Mira Osei",
            "Because we know, and Ray will correct me if I've got this wrong, that teenagers'"
            " body clocks shift later at puberty. Body clocks run late in teens. A late body"
            " clock is not laziness.",
        ),
    )
    assert fronts and not any("{{c1::Ray}}" in front for front in fronts), fronts


def test_an_opening_it_is_named_by_the_subject_before_it_not_a_word_in_passing() -> None:
    """'It' stands for what the sentences before are about (their subject), not for the
    heaviest key term near it ('...whether it needs an index'); a sentence whose subject is
    itself a pronoun ('Does it...?') is passed over."""
    fronts = fronts_of(
        (
            "Host",
            "Every slow query costs money. Every index helps a query. An index is not free."
            " Tidewatch follows every query your database runs and says whether it needs an"
            " index.",
        ),
        ("Guest", "Does it need much setting up?"),
        ("Host", "It works with most cloud databases and it takes about five minutes to set up."),
    )
    card = next(front for front in fronts if "five minutes" in front)
    assert card.startswith("Tidewatch: it works"), card


def test_an_opening_it_is_named_by_the_subject_not_by_the_nearest_key_term() -> None:
    """'But a stool sample only tells you about the end of the gut. It's not a great picture
    of... the colon': 'it' is the stool sample, though 'colon' is the key term."""
    fronts = fronts_of(
        "The colon is long. Your colon holds many microbes. Each part of the colon differs."
        " But a stool sample really only tells you about the very end of the gut."
        " It's not a great picture of what's going on further up, in the colon."
    )
    card = next(front for front in fronts if "great picture" in front)
    assert card.startswith("Stool sample: it's not a great picture"), card


def test_these_days_is_no_pointer() -> None:
    from podcards.extract.cards.common import needs_topic

    assert not needs_topic("These days that's often done at home with a monitor.", "sleep")
    assert needs_topic("These are the slowest queries of all.", "index")


def test_a_definition_is_not_closed_as_a_restatement_of_a_claim_on_its_topic() -> None:
    """The ratio of a starter's microbes and what a starter is share most of their words but
    are two facts: each gets its card. The textbook frame in front is no part of the answer,
    and the answer stops where its noun phrase does (the quote keeps the rest)."""
    fronts = fronts_of(
        "In a mature starter the lactic acid bacteria outnumber the wild yeasts by a hundred"
        " to one. Bakers keep starters for decades. If you look it up you'll get something"
        " like, a sourdough starter is a stable culture of wild yeasts and lactic acid"
        " bacteria living together in a paste of flour and water."
    )
    assert any("{{c1::a hundred to one}}" in front for front in fronts), fronts
    assert "What is a sourdough starter?" in fronts, fronts


def test_a_definition_by_a_ratio_is_never_answered_by_its_first_half() -> None:
    """'the water a field gets divided by the water it loses' is one quantity: cut at its
    participle like a narrowing clause, the answer would say something the talk did not
    ('the water a field actually gets over a season'). Too long for an answer whole, it
    becomes a cloze on the term, the definition shown."""
    from podcards.extract.cards import questions

    answer = "the water a field actually gets over a season divided by the water it loses"
    assert questions.noun_phrase_core(answer) == answer
    fronts = fronts_of(
        "So the wetness ratio is the water a field actually gets over a season divided by the"
        " water it would have lost to the air if the sun had shone on it all day every day."
    )
    assert not any(front.startswith("What is the wetness ratio?") for front in fronts), fronts


def test_a_cloze_hides_a_whole_key_term_not_its_tail() -> None:
    """'Lactic acid bacteria' and 'acid bacteria' are both key terms; only the whole one is a
    target (when the whole one was already asked, the tail used to win)."""
    from podcards.extract.cards.cloze import single_mentions

    text = "The bacteria, the lactic acid bacteria, are named for the lactic acid they make."
    spans = single_mentions(text, ["acid bacteria", "lactic acid bacteria", "bacteria", "sugar"])
    assert {term: text[low:high] for term, (low, high) in spans.items()} == {
        "lactic acid bacteria": "lactic acid bacteria"
    }


def test_a_card_is_not_tagged_with_part_of_a_hyphenated_term_it_has() -> None:
    """'b-tree' beside 'tree' on one card: the hyphen does not make 'tree' a topic of its own."""
    from types import SimpleNamespace

    from podcards.extract.extractor import tags_for

    terms = nlp.KeyTerms(
        weights={"b-tree": 2.0, "tree": 1.0}, phrases=frozenset(["b-tree", "tree"])
    )
    passage = SimpleNamespace(terms=["b-tree", "tree"])
    assert tags_for(passage, terms, {}) == ["b-tree"]


def test_a_card_is_not_tagged_with_a_term_and_its_plural() -> None:
    """'shards' beside 'shard': one topic to browse by."""
    from types import SimpleNamespace

    from podcards.extract.extractor import tags_for

    terms = nlp.KeyTerms(
        weights={"shards": 2.0, "shard": 1.5, "hash key": 1.0},
        phrases=frozenset(["shards", "shard", "hash key"]),
    )
    passage = SimpleNamespace(terms=["shards", "shard", "hash key"])
    assert tags_for(passage, terms, {}) == ["shards", "hash-key"]
