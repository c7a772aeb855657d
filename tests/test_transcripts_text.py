"""Plain-text and markdown transcripts: every label style, layout noise, the sample and the dev episode."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from podcards.transcripts import parse_text, read_transcript

SAMPLE = Path(__file__).resolve().parent.parent / "src" / "podcards" / "data" / "sample.txt"


def read(fixtures: Path, name: str):
    return read_transcript(fixtures / "transcripts" / name)


def turns(transcript) -> list[tuple[str | None, float | None, str]]:
    return [(s.speaker, s.start, s.text) for s in transcript.segments]


def test_exported_layout_joins_page_breaks_and_drops_title_page_and_footer(fixtures):
    transcript = read(fixtures, "exported_dash.txt")

    assert transcript.title == "River Talks Episode 7: How Bridges Stand"
    assert transcript.speakers == ["Nora Flint", "Karl Moss", "Audience"]
    assert transcript.duration == 3620.0
    first, _, _, arches, _, last = transcript.segments
    assert first.text.endswith(
        "designs bridges. We recorded this in front of students, so expect a few questions."
    )
    assert first.time_at(first.text.index("We recorded")) == 9.0
    assert (arches.speaker, arches.start) == ("Karl Moss", 34.0)
    assert "it carries the load outward to its feet. That is why" in arches.text
    assert last.text == "About a century, if it is kept dry. Inspections happen every few years."
    assert last.time_at(last.text.index("Inspections")) == 3620.0
    everything = " ".join(s.text for s in transcript.segments)
    for noise in ("RIVER", "EPISODE", "Show Notes", "rivertalks.example", "**"):
        assert noise not in everything


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "rev.txt",
            [
                ("Ada Kern", 0.0, "Good morning, everyone. Let's begin with the budget."),
                (
                    "Ben Ruiz",
                    7.0,
                    "The budget grew by four percent this year. Most of it went to the new lab.",
                ),
                ("Ada Kern", 3723.0, "Thank you, Ben. That's the meeting."),
            ],
        ),
        (
            "bracket_names.txt",
            [
                ("Host", 5.0, "Our topic is sleep. Why do we need it at all?"),
                ("Guest", 12.0, "During deep sleep the brain clears out waste products."),
                ("Host", 100.0, "And dreaming?"),
                ("Guest", 104.0, "Dreams happen mostly in REM sleep, when the eyes move quickly."),
            ],
        ),
        (
            "otter.txt",
            [
                (
                    "Rita Long",
                    3.0,
                    "Let's talk about bees. A colony can hold fifty thousand workers in summer.",
                ),
                ("Paul Grant", 15.0, "And only one queen?"),
                ("Rita Long", 3598.0, "Usually one. She can lay two thousand eggs a day."),
                ("Paul Grant", 3609.0, "That is astonishing."),
            ],
        ),
        (
            "descript.md",
            [
                (
                    "Ivy Hale",
                    2.0,
                    "Healthy soil is about half air and water. Roots need that air as much as they need water.",
                ),
                ("Omar Dace", 20.0, "So compaction is the enemy? It's what I've heard."),
                ("Ivy Hale", 31.0, "Exactly. A heavy tread squeezes the pores shut."),
            ],
        ),
        (
            "website.md",
            [
                (
                    "Jo Marsh",
                    5.0,
                    "Volcanoes form where magma reaches the surface. Most of them sit along the edges of tectonic plates.",
                ),
                ("Eli Stone", 3723.0, "What about Hawaii, far from any edge?"),
                (
                    "Jo Marsh",
                    3730.0,
                    "Hawaii sits over a hot spot, a plume of hot rock rising from deep in the mantle.",
                ),
            ],
        ),
        (
            "times_only.txt",
            [
                (None, 1.0, "The first rule of knots is that a knot weakens the rope."),
                (
                    None,
                    9.0,
                    "A good knot keeps most of the strength and still unties easily after a load.",
                ),
                (None, 90.0, "The bowline is a classic example."),
            ],
        ),
        (
            "paragraphs.txt",
            [
                (
                    None,
                    None,
                    "Maps are models. Every map leaves things out on purpose, and a good map leaves out exactly what the reader does not need.",
                ),
                (
                    None,
                    None,
                    "The Mercator projection keeps angles true, which sailors needed, but it makes land near the poles look far larger than it is, so Greenland appears about as large as Africa, which is fourteen times bigger.",
                ),
                (None, None, "Equal-area projections fix the sizes but bend the shapes."),
            ],
        ),
    ],
)
def test_label_styles_give_speakers_times_and_whole_sentences(fixtures, name, expected):
    assert turns(read(fixtures, name)) == expected


def test_front_matter_gives_title_and_url(fixtures):
    transcript = read(fixtures, "descript.md")
    assert (transcript.title, transcript.url) == ("Soil & Roots", "https://garden.example/soil")


@pytest.mark.parametrize(
    ("value", "title"),
    [
        ('Caches & <Things> "Quoted"', 'Caches & <Things> "Quoted"'),
        ('"Caches & Things"', "Caches & Things"),
        ("'Caches'", "Caches"),
        ('"Caches" and "Things"', '"Caches" and "Things"'),
    ],
)
def test_front_matter_quotes_go_only_when_they_enclose_the_title(value: str, title: str):
    text = f"---\ntitle: {value}\n---\nAnn Lee: Caches keep recent reads close to the reader.\n"
    assert parse_text(text).title == title


def test_website_links_give_the_episode_url_without_the_time(fixtures):
    assert read(fixtures, "website.md").url == "https://video.example/watch?v=tq7"


def test_inline_escaped_timestamps_become_marks(fixtures):
    transcript = read(fixtures, "sonix.md")
    assert transcript.title == "Notes on Glass"
    assert transcript.speakers == ["Lena Voss", "Tom Reyes"]
    first = transcript.segments[0]
    assert "\\[" not in first.text and "06:04" not in first.text
    assert first.time_at(first.text.index("Panes were cut")) == 364.0
    assert transcript.duration == 391.0


@pytest.mark.parametrize(
    "style",
    [
        "**{name}** ({time})",
        "**{name}** [{time}]",
        "**{name}** [({time})](https://v.example/w?t=9)",
    ],
    ids=["parenthesised", "bracketed", "linked"],
)
@pytest.mark.parametrize("below", [False, True], ids=["text-after", "text-below"])
def test_a_bold_name_before_its_time_labels_the_turn(style: str, below: bool):
    """'**Ivy Hale** (00:00:05)' was no label: the name and time were read as spoken words (or,
    with a linked time on a line of its own, the line was dropped as a show-notes link)."""
    turns_said = [("Ivy Hale", "00:00:05", "Soil is half air."), ("Omar Dace", "00:00:20", "So?")]
    text = "\n\n".join(
        style.format(name=name, time=time) + ("\n" if below else " ") + said
        for name, time, said in turns_said
    )
    transcript = parse_text(text + "\n")
    assert turns(transcript) == [("Ivy Hale", 5.0, "Soil is half air."), ("Omar Dace", 20.0, "So?")]


def test_a_transcript_in_capitals_is_speech_not_a_title_page():
    """Closed captions saved as text are in capitals, a few words a line: every line was taken
    for the title page before the speech, leaving 'no transcript text found'."""
    text = "A TARIFF IS A TAX ON\nIMPORTED GOODS.\nA QUOTA IS A LIMIT\nON IMPORTS.\n"
    assert turns(parse_text(text)) == [
        (None, None, "A TARIFF IS A TAX ON IMPORTED GOODS. A QUOTA IS A LIMIT ON IMPORTS.")
    ]
    logo = "OCEAN HOURS\nEPISODE 12\n\n"
    assert turns(parse_text(logo + "Ann Lee: 00:00:05 Tides follow the moon.\n")) == [
        ("Ann Lee", 5.0, "Tides follow the moon.")
    ]
    assert turns(parse_text(logo + "Tides follow the moon.\n")) == [
        (None, None, "Tides follow the moon.")
    ]


def test_a_caption_turn_marker_opens_a_turn_and_is_no_word():
    """'>>' marks a new speaker in TV captions; in a text transcript it stayed in the words,
    and so in quotes and cards ('>> The {{c1::Smoot-Hawley Act}} raised...')."""
    text = ">> A tariff is a tax on imports.\n&gt;&gt; And a quota?\n>>A quota is a\nlimit on imports.\n"
    assert [said for _, _, said in turns(parse_text(text))] == [
        "A tariff is a tax on imports.",
        "And a quota?",
        "A quota is a limit on imports.",
    ]
    labelled = "Mia Lund (00:00:30): >> Tariffs rose in 1930.\nSam Berg (00:00:40): >> Yes.\n"
    assert turns(parse_text(labelled)) == [
        ("Mia Lund", 30.0, "Tariffs rose in 1930."),
        ("Sam Berg", 40.0, "Yes."),
    ]


def test_a_time_or_verse_opening_a_line_is_no_speaker_label():
    """'At 10:30 the ferry...' read as speaker 'At 10' saying '30 the ferry...', and 'Ana Ruiz
    01:02:03 text' as speaker 'Ana Ruiz 01' at 2:03: the colon of a time was a label's."""
    prose = "At 10:30 the first ferry leaves.\n\nJohn 3:16 is the most quoted verse.\n"
    assert turns(parse_text(prose)) == [
        (None, None, "At 10:30 the first ferry leaves."),
        (None, None, "John 3:16 is the most quoted verse."),
    ]
    for gap in (" ", "\t"):
        labelled = f"Ana Ruiz{gap}01:02:03{gap}Geysers erupt.\nBen Ode{gap}01:02:09{gap}Why?\n"
        assert turns(parse_text(labelled)) == [
            ("Ana Ruiz", 3723.0, "Geysers erupt."),
            ("Ben Ode", 3729.0, "Why?"),
        ]


def test_a_one_word_name_before_a_clock_time_labels_the_turn():
    """'Mira 00:00:02 text' was no label (only 'Mira Tal 00:00:02' was): the whole file became
    one turn with no speaker, names and times in its words."""
    for gap in (" ", "\t"):
        labelled = (
            f"Mira{gap}00:00:02{gap}Lichens are two organisms living as one.\n"
            f"Teo{gap}00:00:09{gap}Which two?\n"
            f"Mira{gap}01:00:12{gap}A fungus and an alga.\n"
        )
        assert turns(parse_text(labelled)) == [
            ("Mira", 2.0, "Lichens are two organisms living as one."),
            ("Teo", 9.0, "Which two?"),
            ("Mira", 3612.0, "A fungus and an alga."),
        ]
    prose = "At 10:30:15 the first ferry leaves.\nBy 10:45:00 it has crossed the bay.\n"
    assert parse_text(prose).speakers == []


def test_a_one_word_label_used_once_is_a_speaker_where_every_line_is_a_turn():
    """'Producer:' said once ran into the turn before it, 'Producer:' and all, as a name used
    once may be a 'Note:'; in a file of 'Name: text' turns it is one more speaker."""
    text = (
        "Mira: Lichens are two organisms living as one.\n"
        "Teo: Which two?\n"
        "Mira: A fungus and an alga.\n"
        "Producer: Lichens grow about a millimetre a year.\n"
        "Teo: That slow?\n"
        "At 10:30 the tide comes in.\n"
    )
    assert turns(parse_text(text)) == [
        ("Mira", None, "Lichens are two organisms living as one."),
        ("Teo", None, "Which two?"),
        ("Mira", None, "A fungus and an alga."),
        ("Producer", None, "Lichens grow about a millimetre a year."),
        ("Teo", None, "That slow? At 10:30 the tide comes in."),
    ]


def test_a_one_word_label_used_once_stays_text_where_lines_are_not_turns():
    """A transcript whose turns run over several lines is no list of 'Name: text' turns, so a
    'Note:' opening one of its lines is still words said."""
    text = (
        "Mira Tal  0:02\nLichens are two organisms living as one.\n"
        "Note: neither of them is a plant.\n\n"
        "Teo Ward  0:09\nWhich two?\nSummary: a fungus and an alga.\n"
    )
    assert turns(parse_text(text)) == [
        (
            "Mira Tal",
            2.0,
            "Lichens are two organisms living as one. Note: neither of them is a plant.",
        ),
        ("Teo Ward", 9.0, "Which two? Summary: a fungus and an alga."),
    ]


def test_a_lone_word_with_a_colon_is_not_a_speaker():
    transcript = parse_text("Remember: water boils at lower temperatures on mountains.\n")
    assert transcript.speakers == []
    assert (
        transcript.segments[0].text == "Remember: water boils at lower temperatures on mountains."
    )


def test_non_speech_tags_entities_and_curly_quotes_are_cleaned():
    text = "Kim Ames: 00:00:01 [Laughter] It\u2019s &quot;fine&quot; (applause) [the pump] **really** works.\n"
    segment = parse_text(text).segments[0]
    assert segment.text == 'It\'s "fine" [the pump] really works.'
    assert segment.text[segment.breaks[0] :] == "[the pump] really works."  # after (applause)


def test_an_escaped_entity_is_decoded_once_to_what_the_page_shows():
    text = "Ned: 00:00:40 Say &lt; and &amp; as entities like &amp;lt; in AT&amp;T's pages.\n"
    assert parse_text(text).segments[0].text == (
        "Say < and & as entities like &lt; in AT&T's pages."
    )
    text = "Ned: 00:00:50 Captions escaped twice don&amp;#39;t show &amp;#x27;&amp;#39; marks.\n"
    assert parse_text(text).segments[0].text == "Captions escaped twice don't show '' marks."


def test_no_sentence_or_quote_runs_across_a_dropped_laugh():
    """'(laughs)' is gone from the text, but the words either side were not said together: a
    quote joining them would not be found in the file."""
    from podcards import nlp

    transcript = parse_text(
        "Kim Ames: 00:00:01 Yes, the, the S word. (laughs) So for most of the year the tide"
        " tables were wrong by an hour, because nobody had moved them to summer time.\n"
    )
    segment = transcript.segments[0]
    assert segment.text[segment.breaks[0] :].startswith("So for most")
    sentences = nlp.split_transcript(transcript, nlp.load_toolkit(segment.text))
    assert [sentence.after_mark for sentence in sentences] == [False, True]


def test_no_quote_runs_across_a_speaker_label_said_again():
    """A speaker's next paragraph, labelled again, continues their turn; but the label's words
    lie between the two paragraphs in the file, so no sentence or quote joins them."""
    from podcards import nlp

    transcript = parse_text(
        "Mira Holt: The gauge was fitted upstream of the weir in the spring.\n"
        "Mira Holt: After that, the readings stopped drifting.\n"
        "Ben Okoro: Good.\n"
    )
    segment = transcript.segments[0]
    assert len(transcript.segments) == 2
    assert segment.text[segment.breaks[0] :] == "After that, the readings stopped drifting."
    sentences = nlp.split_transcript(transcript, nlp.load_toolkit(segment.text))
    assert [sentence.after_mark for sentence in sentences] == [False, True, False]


def test_file_name_is_the_title_when_the_file_has_none(tmp_path):
    path = tmp_path / "my_first-talk.txt"
    path.write_text("Just a few words said out loud.\n", encoding="utf-8")
    assert read_transcript(path).title == "My First Talk"
    path = tmp_path / "sql-indexes-for-beginners.txt"  # an acronym and a small word
    path.write_text("Just a few words said out loud.\n", encoding="utf-8")
    assert read_transcript(path).title == "SQL Indexes for Beginners"


def test_bundled_sample_is_a_ten_minute_two_speaker_episode():
    transcript = read_transcript(SAMPLE)
    assert transcript.title == "Episode 42: Noise, Goals and the Seven-Month Doubling"
    assert transcript.speakers == ["Priya Raman", "Daniel Osei"]
    assert 9 * 60 < transcript.duration < 11 * 60
    assert 1300 < transcript.word_count() < 1800
    everything = " ".join(s.text for s in transcript.segments)
    assert "Show Notes" not in everything and "IDEAS THAT SCALE" not in everything
    assert "an agent that can pursue a month-long task on its own is exactly the kind" in everything
    assert "keep learning, and keep asking how the models" in everything


def test_dev_transcript_reads_as_continuous_speech(dev_transcript):
    transcript = read_transcript(dev_transcript)

    assert transcript.speakers == ["Jon Krohn", "Aurelien Geron", "Audience"]
    assert 84 * 60 <= transcript.duration <= 87 * 60
    assert all(s.speaker for s in transcript.segments)
    assert all(s.start is not None for s in transcript.segments)
    starts = [s.start for s in transcript.segments]
    assert starts == sorted(starts)
    for segment in transcript.segments:
        assert "**" not in segment.text
        assert "Show Notes" not in segment.text
        assert not re.search(r"\d\d:\d\d:\d\d", segment.text)  # every stamp became a time
        assert segment.text[:1].isupper() or segment.text[:1].isdigit(), segment.text[:60]
    # No turn ends mid-sentence because of a page break: a cut turn continues after the break.
    raw = dev_transcript.read_text(encoding="utf-8")
    cut_fragments = re.findall(r"\n\n\n\n([a-z][^\n]{20,60})", raw)
    everything = " ".join(s.text for s in transcript.segments)
    assert cut_fragments
    for fragment in cut_fragments:
        assert f" {fragment.strip()}" in everything


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 'Jane Doe (Host):', 'Jane Doe, PhD:' were no labels: the lines went to the turn before
        (
            "Jane Doe (Host): 00:00:05 Welcome back to the show.\n"
            "Omar Reyes, PhD: 00:00:12 Glad to be here.\n"
            "**Jane Doe (Host):** So what is a glacier?\n"
            "[00:00:30] Omar Reyes, Ph.D.: Ice that moves under its own weight.\n"
            "Jane Doe: And how fast?\n"
            "Omar (guest): Inches a day.\n"
            "Omar (guest): Sometimes more.\n",
            [
                ("Jane Doe", 5.0, "Welcome back to the show."),
                ("Omar Reyes", 12.0, "Glad to be here."),
                ("Jane Doe", None, "So what is a glacier?"),
                ("Omar Reyes", 30.0, "Ice that moves under its own weight."),
                ("Jane Doe", None, "And how fast?"),
                ("Omar", None, "Inches a day. Sometimes more."),
            ],
        ),
        # a lecture's 'Student (Marcus) [00:09:04]': one unread label ran the talk into one turn
        (
            "Ines Halvorsen [00:00:00] Writing began as bookkeeping.\n"
            "Student (Marcus) [00:00:09] Were the numbers written like the words?\n"
            "Ines Halvorsen [00:00:14] Not quite, they had signs of their own.\n",
            [
                ("Ines Halvorsen", 0.0, "Writing began as bookkeeping."),
                ("Student", 9.0, "Were the numbers written like the words?"),
                ("Ines Halvorsen", 14.0, "Not quite, they had signs of their own."),
            ],
        ),
    ],
)
def test_a_label_with_a_role_or_title_names_the_speaker_without_it(text, expected):
    assert turns(parse_text(text)) == expected


def test_a_phrase_that_only_looks_like_a_titled_label_stays_word_for_word():
    transcript = parse_text(
        "Ana Ruiz: 00:00:01 Three things matter.\n"
        "Finally, Kubernetes: it schedules the work.\n"
        "Ana Ruiz (00:00:09): Back to (Part One): the cache.\n"
    )
    assert turns(transcript) == [
        (
            "Ana Ruiz",
            1.0,
            "Three things matter. Finally, Kubernetes: it schedules the work. "
            "Back to (Part One): the cache.",
        ),
    ]
