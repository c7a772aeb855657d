"""Cues that make a sentence worth a card, and cues that make it chatter.

A flashcard holds a fact: a definition, a contrast, a number or trend, a cause, a general
principle. Talk around those facts (questions, thanks, sponsor reads, anecdotes, hedges) is
down-ranked. The patterns describe how people speak about any subject; none names a topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from podcards.nlp.discourse import (
    DISCOURSE_MARKERS,
    FILLERS,
    SPOKEN_OPENERS,
    any_word,
    opening_run,
)

DEFINITION = "definition"
COMPARISON = "comparison"
QUANTITY = "quantity"
TREND = "trend"
CAUSE = "cause"
PRINCIPLE = "principle"

QUESTION = "question"
SOCIAL = "social"
SPONSOR = "sponsor"
ANECDOTE = "anecdote"
HEDGE = "hedge"
META = "meta"

EXTRA_PATTERN_SHARE = 0.25


# "one day", "one time", "one second": in speech mostly 'some day', 'once', 'wait'
NUMBER_WORDS = (
    r"(?:zero|one(?! (?:day|time|second|minute)\b)|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|half|a hundred|a thousand|"
    r"a million|a billion|a couple of|a dozen)"
)
COUNTED_NOUNS = (
    r"(?:parameters|dollars|euros|people|users|examples|images|tokens|steps|iterations|layers)"
)
"""What a bare number often counts ('2,000 people'), so it is a unit of the number."""
UNITS = (
    r"(?:%|percent|per ?cent|percentage points?|basis points?|x\b|times\b(?! (?:\d|"
    + NUMBER_WORDS
    + r"))|fold\b|days?|weeks?|months?|years?|decades?|hours?|"
    r"minutes?|seconds?|(?:milli|micro|nano)seconds?|centur(?:y|ies)|(?:thousand|million|billion|trillion)s?|k\b|gb|tb|mb|"
    r"(?:kilo|centi|milli)?met(?:re|er)s?|km\b|miles?|feet|kg\b|kilograms?|grams?|tons?|tonnes?|degrees?(?: (?:celsius|fahrenheit|centigrade|kelvin))?|"
    r"(?:kilo|mega|giga|tera)?(?:watts?|bytes|hertz)|volts?|(?:milli)?lit(?:re|er)s?|pounds|ounces|"
    r"inches|calories|acres|hectares|mph|knots|" + COUNTED_NOUNS + r")(?!\w)"
)
THE_SPEAKER = r"i|i'm|i've|me|my"
NOT_THE_SPEAKERS = rf"(?! (?:{THE_SPEAKER}|we|our)\b)"
"""'..., which is where I grew up': a place or a time in the speaker's life, not a term's
meaning."""
WHAT_HAPPENS_WHEN = r"what (?:you get|happens) when"
"""'A spring tide is what you get when...': a term defined by what happens."""
COMPARATIVES = (
    r"(?:more|less|fewer|bigger|smaller|higher|lower|longer|shorter|faster|slower|hotter|colder|"
    r"warmer|cooler|older|younger|larger|greater|better|worse|earlier|later|deeper|thicker|"
    r"thinner|heavier|lighter|stronger|weaker|easier|harder|cheaper|wetter|drier|stickier)"
)
UNIT_DIGITS = r"(?:(?<=ty)[- ](?:one|two|three|four|five|six|seven|eight|nine)\b)?"
"""'twenty-four': a tens word takes its units after a hyphen, or a space in speech-to-text
('twenty eight percent')."""
NUMBER_BODY = (
    r"(?:\$?\d+(?:[.,]\d+)*%?|"
    + NUMBER_WORDS
    + UNIT_DIGITS
    + r"(?:[ -](?:hundred|thousand|million|billion))*(?:(?:(?<=hundred)|(?<=thousand)) (?:and )?"
    + NUMBER_WORDS
    + UNIT_DIGITS
    + r")?)"
)
NUMBER = r"(?<![\w-])" + NUMBER_BODY
"""A number in digits, or in words, compounds included ('twenty-four', 'eight hundred'), never
the end of a word or of a hyphenated number (NUMBER_BODY: the end of a range, '3-5')."""


NOT_A_THING = r"(?!(?:it|they|he|she|you|we|i|people|this|that|these|those|everyone|everybody|someone|somebody)\b)"
"""'What it is', 'what they do is': people or a pointer, no thing being defined."""


@dataclass(frozen=True)
class Cue:
    kind: str
    weight: float
    pattern: re.Pattern[str]


def cue(kind: str, weight: float, pattern: str) -> Cue:
    return Cue(kind, weight, re.compile(pattern))


NOT_A_KIND_SUBJECT = (
    r"(?!(?:they|these|those|there|we|you|people|things|some|most|many|few|several|all|both|"
    r"our|their|your|my|his|her|its)\b)"
)
"""'Short-chain fatty acids are small molecules that...' defines a kind; 'things are...',
'most glaciers are...' or 'our results are...' do not."""
DEFINITION_OPENERS = (SPOKEN_OPENERS - {"but"}) | {"basically"}
"""What a definition may say before its subject ('So basically, a cache is...'): with
'basically', which announces one; without 'but', as the cues were tuned."""
DEFINITION_OPENING = "^" + opening_run(DEFINITION_OPENERS)
A_DEFINITION_OPENING = "^" + opening_run(DEFINITION_OPENERS - FILLERS)
"""The opening of 'X is a Y', the first definition cue: without the fillers, as it was tuned
before the later cues took them."""


# fmt: off
CUES = [
    # definitions
    cue(DEFINITION, 1.0, r"\b(?:refers?|referring) to\b|\bstands? for\b|\bdefined as\b|\bdefinition (?:of|is)\b"),
    cue(DEFINITION, 0.8, r"\b(?:is|are) (?:this|that|the) (?:\w+ )?(?:idea|concept|notion|process|phenomenon|mechanism) (?:of|that|where|when|in which)\b"),
    cue(DEFINITION, 1.0, r"\b(?:is|are|was|were|be) (?:also |often |sometimes )?(?:called|known as|named|termed|dubbed)\b"),
    cue(DEFINITION, 1.0, r"(?:" + A_DEFINITION_OPENING + r"|, |\bthat )(?!(?:it|its|it's|this|that|these|those|there|here|he|she|they|what|which|who|one|i|you|we|my|our|your|his|her|their|all|everything|something|nothing)\b)(?:the |a |an )?[\w-]+(?: [\w-]+){0,3} (?:is|are) (?:basically |essentially |simply |just |really )?(?:a|an)\b(?! (?:lot|bit|little|few|couple|great|good|big|huge)\b)"),
    cue(DEFINITION, 0.8, r"(?:" + DEFINITION_OPENING + r"|\b(?:is|was) that )" + NOT_A_KIND_SUBJECT + r"(?:the )?[\w-]+(?: [\w-]+){0,3}s are (?:basically |essentially |simply |just )?(?:[\w-]+ ){0,2}[\w-]+s(?: (?:that|which|who|the|made|produced|living|used|you|we|in|of|from|with|where|when)\b|[,.;:]|$)"),
    cue(DEFINITION, 0.8, r"\bwhat (?:we|they|people|you) (?:call|called)\b|\bso-called\b|\bthe term\b"),
    cue(DEFINITION, 0.8, r"\bwhen (?:i|we)(?: say| talk about|'m talking about| am talking about|'re talking about| are talking about) [^,.;]{1,40}, (?:i|we) mean\b|\bby [\w-]+(?: [\w-]+){0,3},? (?:i|we) mean\b|\bwhat (?:i|we) mean by\b"),
    # "we call that X", "bakers call it X", "something called X", "what's called X"
    cue(DEFINITION, 0.8, r"\b(?!(?:i|you|he|she)\b)\w+ call (?:that|this|it|these|those|them)\b(?! (?:a day|off|out|up|back|in)\b)|\b(?:something|anything|things?|stuff|what's|what is|(?:a|an|this|these) (?:\w+ )?\w+) called\b(?! (?:me|him|her|us|them|you|it)\b)"),
    cue(DEFINITION, 0.8, r"\bthe (?:\w+ )?(?:term|name|word) (?:for (?:\w+ ){1,4})?is\b|, which (?:is|are) (?:when|where|what|how)\b" + NOT_THE_SPEAKERS + r"|\b(?:is|are) " + WHAT_HAPPENS_WHEN + r"\b"),
    # "curtailment is when a generator is told to switch off": defined by what happens
    cue(DEFINITION, 0.8, DEFINITION_OPENING + r"(?!(?:it|its|it's|this|that|these|those|there|here|he|she|they|what|which|who|one|i|you|we|my|our|your|his|her|their|all|everything|something|nothing|the (?:\w+ )?(?:thing|problem|point|question|answer|reason|idea|goal|difference|truth|time|moment|day|year|place))\b)(?:the |a |an )?[\w-]+(?: [\w-]+){0,3} (?:is|are) (?:basically |essentially |simply |just |really )?(?:when|where) (?!(?:" + THE_SPEAKER + r"|it|it's|he|she|this|that)\b)[\w-]+\b"),
    # "slack water is the short period when...": a noun phrase defined by 'the' + what it is
    cue(DEFINITION, 0.8, DEFINITION_OPENING + r"(?!(?:it|its|it's|this|that|these|those|there|here|he|she|they|what|which|who|one|i|you|we|my|our|your|his|her|their|all|everything|something|nothing|the (?:\w+ )?(?:thing|problem|point|question|answer|reason|idea|goal|difference|truth))\b)(?:the |a |an )?[\w-]+(?: [\w-]+){0,3} (?:is|are) (?:basically |essentially |simply |just |really |mostly |mainly |largely )?the (?:(?:one|only) (?!(?:that|which|who|thing)\b))?(?!(?:same|best|worst|most|least|first|last|only|one|case|way|thing|problem|reason)\b)\w+ (?:\w+ )?(?:of|that|which|when|where|you|we|they|it|a|an|between|in|\w+ing)\b"),
    # "biofouling is, it's basically everything that...": a definition restarted mid-way
    cue(DEFINITION, 0.8, r"\b(?:is|are),? (?:it's|it is|they're|they are) (?:basically |essentially |just |really |literally |simply )?(?:a|an|the|everything|anything|when|where|how|what)\b"),
    cue(DEFINITION, 0.5, r"\b(?:is|are) (?:basically|essentially|fundamentally) (?!(?:a|an|the|just|like|it|that|what|when|where|how)\b)\w+"),
    cue(DEFINITION, 0.8, r"\bthe (?:core |basic |main |key |whole |central |general |big )?(?:idea|concept|principle|notion) (?:of|behind|is|here is)\b"),
    cue(DEFINITION, 0.7, r"(?:\bis|\bare|'s|'re) (?:basically |essentially |simply |just |really )?(?:a|an) (?:\w+ ){0,3}(?:kind|type|form|way|class|family|set|method|technique|approach|variant|version|measure|metric|benchmark|dataset|collection|tool|library|model|algorithm|system|process)\b"),
    cue(DEFINITION, 0.5, r"\b(?:is|are) (?:basically |essentially |simply )?(?:a|an) \w+|\bwhat " + NOT_A_THING + r"\w+ (?:is|are)\b"),
    cue(DEFINITION, 0.5, r"\b\w+ means\b|\bmeaning that\b|\bin other words\b"),
    # spoken definitions: "what X does is...", "the way it works is...", "the idea is that..."
    cue(DEFINITION, 0.8, r"\bwhat " + NOT_A_THING + r"(?:(?:a|an|the) )?[\w-]+(?: [\w-]+){0,2} (?:is|are),? (?:it's|they're|that's) (?:like |basically |just )?(?:a|an|the)\b|\bunder the hood\b|\bthe way (?:it|they|this) works?\b"),
    # "a technique where you...": a thing explained by what happens in it
    cue(DEFINITION, 0.6, r"\b(?!(?:that|this|place|places|time|times|case|cases|point|situation|moment|world|day|days|area|part|stage|level|way|there|here|somewhere|anywhere|everywhere|nowhere)\b)[a-z]{3,},? where (?:you|we|they|one|it|the|a|an)\b"),
    cue(DEFINITION, 0.8, r"\bwhat " + NOT_A_THING + r"(?:(?:a|an|the) )?[\w-]+(?: [\w-]+){0,2} (?:does|do|did) is\b|\bthe way (?:(?:a|an|the) )?[\w-]+(?: [\w-]+){0,2} works?,? (?:is|was)\b|\bthe (?:basic |whole |main |key )?idea (?:is|was) (?:that|to)\b|\b(?:is|are) (?:basically|essentially) (?:the|just|when|where|how)\b"),
    # comparisons and contrasts
    cue(COMPARISON, 1.0, r"\b(?:more|less|fewer) (?:\w+ )?than\b|\b(?:outnumber|outweigh|outpace|exceed)\w*|\b(?!(?:other|rather|further|either|whether|over|under|after|never|ever|per|older|later)\b)\w+er than\b"),
    cue(COMPARISON, 0.9, r"\binstead of\b|\brather than\b|\bas opposed to\b|\bwhereas\b|\bunlike\b|\bcompared (?:to|with)\b|\bin contrast\b|\bversus\b|\bvs\b"),
    cue(COMPARISON, 0.7, r"\b(?:is|are|was|were|'s|'re) (?:much |far |way |a lot |even |a bit )?(?:easier|harder|better|worse|faster|slower|cheaper|simpler|safer|stronger|weaker|smaller|larger|bigger|more \w+|less \w+) (?:for|to|at|in|on|towards|when|because|if)\b"),
    # classifications: "two kinds of...", "one part of X... another part of X..."
    cue(COMPARISON, 0.7, r"\b(?:another|the other) (?:part|kind|type|form|side|half|class|category|family) of\b|\bone (?:part|side|half) of\b|\b(?:two|three|four|several|different) (?:kinds|types|forms|parts|categories|classes|families) of\b"),
    cue(COMPARISON, 0.9, r"\b(?:the|a) (?:main |big |biggest |only |one )?(?:downside|upside|drawback|caveat|pitfall|advantage|disadvantage|benefit|trade-?off|limitation|weakness|strength|difference)s?\b"),
    cue(COMPARISON, 0.5, r"\b(?:the )?(?:best|worst|fastest|slowest|biggest|largest|smallest|(?<!at )most \w+|(?<!at )least \w+)\b|\bacross the board\b|\bbeats?\b|\boutperform\w*"),
    # a misconception set right
    cue(COMPARISON, 0.6, r"\b(?:get|gets|got) (?:it |this |that )?wrong\b|\bmisconceptions?\b|\bmyths?\b|\bcontrary to\b|\bcounter-?intuitive\w*"),
    # quantities and trends
    cue(QUANTITY, 1.0, NUMBER + r"\s*" + UNITS),
    cue(QUANTITY, 0.8, r"\b(?:1[5-9]|20)\d\d\b|\b(?:1[5-9]|20)?\d0s\b|\b(?:nineteen|twenty) \w+ties\b|\b(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|two thousands)\b|\b(?:\w+(?:th|st|nd|rd)|\d+(?:th|st|nd|rd)) century\b"),
    cue(QUANTITY, 0.6, r"\b(?:a|one|two|three) (?:half|third|quarter|fifth|tenth)s? of\b|\b(?:decades|centuries|years|months|weeks|days|hours|minutes) (?:in advance|ahead)\b|\bto the (?:minute|second|day|hour|millimet(?:re|er))\b|\b\w+ to one\b|\bfor (?:months|years|decades|weeks|days|hours|centuries)\b|\b(?:invented|discovered|founded|introduced|coined|patented) (?:by|in)\b"),
    cue(TREND, 0.8, r"\b(?:doubl|tripl|halv)\w*|\bexponential\w*|\bevery " + NUMBER + r"\b|\bper (?:year|month|week|day)\b"),
    # a law of scale: "goes with the cube of the speed", "proportional to", "twice as fast"
    cue(TREND, 0.8, r"\b(?:square|cube|inverse|log(?:arithm)?) of (?:the|its|their)\b|\b(?:inversely |directly )?proportional to\b|\bscales? (?:with|linearly|quadratically)\b|\b(?:linearly|quadratically) with\b|\b(?:twice|half|" + NUMBER_WORDS + r" times) as \w+ as\b"),
    # "the more silica in a magma, the more viscous it is": a law in one sentence
    cue(TREND, 0.8, r"\bthe " + COMPARATIVES + r"\b[^.;!?]{1,60}?,? the " + COMPARATIVES + r"\b"),
    cue(TREND, 0.7, r"\bmore and more\b|\bless and less\b|\bincreasingly\b|\btrends?\b|\bnowadays\b|\bthese days\b|\bover time\b"),
    cue(TREND, 0.5, r"\b(?:grow|grew|increas|decreas|drop|rise|rose|fall|fell|shrink|scal|reduc|improv)\w*\b"),
    cue(QUANTITY, 0.4, r"\b\d[\d,.]*\b"),
    # causes and consequences
    cue(CAUSE, 0.7, r"\b(?:leads?|led) to\b|\bresults? in\b|\bcaus(?:e|es|ed|ing)\b|\bdue to\b|\bthat's why\b|\bthe reason (?:is|why|being)\b|\btherefore\b|\bas a result\b|\bconsequen\w+"),
    cue(CAUSE, 0.3, r"\bbecause\b"),  # speech says it of anything ('because I think...')
    # a mechanism or an origin: 'caffeine works by blocking...', 'the microbes come mostly from the flour'
    cue(CAUSE, 0.7, r"\b(?:works?|worked|acts?|does (?:it|this|that)) (?:mainly |mostly |partly )?by \w+ing\b"),
    cue(CAUSE, 0.5, r"\b(?:comes?|came) (?:mostly |mainly |largely |primarily |originally |partly )?from\b"),
    cue(CAUSE, 0.6, r"\bso that\b|\bin order to\b|\bwhich means\b|\ballows? (?:you|us|them|it)\b|\benables?\b|\bthanks to\b|\bwithout \w+ing\b"),
    cue(CAUSE, 0.4, r"^(?:\w+ )?(?:if|once|when) [^,]{5,60}, (?:then |well, )?\w+ (?:will|would|can|cannot|can't|won't|need|have to)\b|\bsince \w+ (?:doesn't|does not|can't|cannot|has|is)\b"),
    # general principles and advice
    cue(PRINCIPLE, 0.8, r"\bno matter\b|\b(?:almost|virtually|nearly) (?:any|every|all)\b|\bautomatically\b|\binevitabl\w*|\bby definition\b|\brule of thumb\b"),
    # "the main thing that controls viscosity is...", "the key mechanism is..."
    cue(PRINCIPLE, 0.8, r"\bthe (?:very,? )*(?:first|main|most important|key|biggest|hardest|real|last|single biggest) (?:step|thing|lesson|rule|problem|challenge|mistake|point|question|mechanism|factor|driver|ingredient|insight)(?: (?:that|which) \w+(?: \w+){0,3}| (?:of|for|in|behind) \w+(?: \w+){0,3})? (?:is|was|are)\b"),
    # the speaker flags what to remember: "the thing that really matters", "the takeaway is"
    cue(PRINCIPLE, 0.8, r"\b(?:the (?:one )?thing that|what) (?:really |actually )?(?:matters|counts)\b|\bthe (?:main |key |big )?takeaway\b|\b(?:important|crucial|key) to (?:remember|understand|realise|realize)\b"),
    cue(PRINCIPLE, 0.6, r"\bthe (?:\w+ )?(?:thing|point|trick|catch) (?:about|with) [\w' -]{1,30}? (?:is|are)\b|\bin general\b|\bgenerally\b|\bthe key (?:is|to)\b|\bthe trick is\b|\balways\b|\btends? to\b|\bwhenever\b|\bany \w+ (?:will|would|must|needs?)\b|\bemerge\w*"),
    cue(PRINCIPLE, 0.5, r"\b(?:i (?:would |'d )?recommend|you should|you need to|you have to|you want (?:to|your)|the best way|make sure|as \w+ as possible)\b"),
    # down-rank cues
    # listener mail read out: 'Tomasz writes: Hi Nell, love the show, I listen while...'
    cue(SOCIAL, -1.5, r"^\w+(?: \w+)? writes:|\blove the (?:show|podcast|episode)\b|\bi listen (?:to (?:you|it|the show) )?(?:while|when|on)\b"),
    # a show's segue: 'we'll take a quick break, and when we come back...'
    cue(SOCIAL, -1.5, r"\b(?:take|taking) a (?:(?:very|quick|short|little|brief) )*break\b|\bwhen we come back\b|\bafter the break\b|\bstick around\b"),
    cue(SOCIAL, -1.5, r"\bthank(?:s| you)\b|\bwelcome (?:to|back)\b|\bgreat to (?:have|see|be)\b|\bnice to (?:meet|see|have)\b|\bpleasure\b|\bcongratulations\b|\bgood to see\b|\bappreciate (?:it|that|you)\b|\bbye\b|\bcheers\b|\bsee you\b|\bthat's (?:it|all) for\b|\b(?:till|until) next time\b"),
    cue(SPONSOR, -2.0, r"\bsponsor\w*|\bbrought to you by\b|\bmade possible by\b|\bpromo code\b|\bdiscount\b|\bsign up\b|\bfree trial\b|\bsubscribe\w*|\bcheck (?:it |them )?out\b|\b\w+\.(?:com|io|org|net)\b|\bshow notes\b|\bnewsletter\b|\blink in\b"),
    # sales lines: 'a hundred-night trial and free delivery', 'listeners get three months free'
    cue(SPONSOR, -2.0, r"\b\w+-(?:night|day) (?:free )?trial\b|\bfree (?:delivery|shipping|returns)\b|\bno questions asked\b|\bmoney[- ]back\b|\blisteners (?:can )?get\b|\boffering \w+(?: \w+)? listeners\b|\b\w+ (?:months?|weeks?) free\b|\byour first (?:order|box|device|purchase)\b"),
    cue(SPONSOR, -2.0, r"\bdot (?:com|org|io|net)\b|\bslash \w+|\b(?:percent|%) off\b|\buse (?:the )?code\b|\bleave (?:us )?a (?:review|rating)\b|\bwherever you (?:listen|get your podcasts)\b|\brate and review\b|\blike and subscribe\b|\bhit the bell\b|\bpatreon\b"),
    # a story's setting: 'on a Friday, at like six p.m.', 'just to set the scene'
    cue(ANECDOTE, -0.6, r"\bon a (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\bone (?:night|morning|evening|afternoon|weekend)\b|\bset the scene\b|\b(?:i|we) (?:lost|went through|ran into)\b"),
    cue(ANECDOTE, -0.8, r"\bi (?:remember|recall)\b|\bwhen i was\b|\bone day\b|\bback (?:then|in the day)\b|\bmy (?:wife|husband|kids?|son|daughter|father|mother|dad|mom|friends?|family|colleague)\b|\bi went\b|\byears ago\b|\bthe other day\b|\blast (?:week|month|year)\b"),
    # speech acted out, not stated: 'and I'm like "Well, ten seconds from now..."', 'you go "Hey..."'
    cue(ANECDOTE, -0.6, r"(?:\blike|\bgo(?:es|ing)?|\bwent),? [\"\u201c]"),
    # a guest's biography, read out in the introduction
    cue(ANECDOTE, -0.6, r"\b(?:he|she) (?:grew up|was born|studied|spent|worked|joined|moved|did (?:a|his|her) (?:phd|degree))\b|\b(?:he|she)(?:'s| has) (?:been|written|worked|spent)\b"),
    cue(ANECDOTE, -0.6, r"\b(?:i|we) (?:\w+ly )?(?:was|were|had|did|decided|felt|started|got|wrote|left|tried|used to|ended up)\b|\b(?:i|we)(?:'ve| have) (?:\w+ly )?been\b|\bi was \w+ing\b"),
    cue(HEDGE, -0.6, r"\bi (?:don't|do not) know\b|\bi'm not sure\b|\bi am not sure\b|\bdunno\b|\bi guess\b|\bwho knows\b|\bi have no idea\b|\bi'm not an expert\b|\bi don't remember\b"),
    cue(HEDGE, -0.4, r"\bi (?:would|'d) (?:love|like)\b|\bi wish\b|\bone option would be\b|\bif i could\b"),
    cue(HEDGE, -0.3, r"\bi (?:don't|do not) think\b|\bmaybe\b|\bperhaps\b|\bprobably\b|\bi suppose\b|\bi feel like\b|\bi wonder\b|\bimagine\b|\bit seems (?:like|that)\b|\blet's say\b"),
    cue(HEDGE, -0.3, r"\bin my (?:opinion|view)\b|\bmy (?:thought|feeling|view|take|sense) is\b|\bi feel (?:that|it's|it is)\b|\bit's a (?:pity|shame)\b"),
    cue(META, -0.7, r"\b(?:good|great|interesting|excellent|fair) question\b|\bfollow-up\b|\byou mentioned\b|\bas you said\b|\byou(?:'re| are) right\b|\b(?:let's|why don't we(?: actually| just)?) (?:talk|move|get|dig|start|do|look|begin|turn|go|switch|jump)\b|\bwe'll (?:talk|get)\b|\bin this episode\b|\bon (?:the|this) (?:show|podcast)\b|\bour (?:listeners|audience)\b|\byou've (?:said|written|mentioned|predicted)\b|\btell (?:us|me)\b|\b(?:i|we)(?: want| wanted|'d like| would like|'m going| am going|'re going| are going) to (?:talk|get into|move on|turn to|ask|start with|dig into|come back|go back|switch|jump)\b"),
]
# fmt: on

SPONSOR_CUES = [cue for cue in CUES if cue.kind == SPONSOR]
FIRST_PERSON = re.compile(r"\b(?:i|me|my|mine|i'm|i've|i'd|i'll)\b")


ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,7}s?\b")
LINKING_WORDS = frozenset(["of", "and", "the", "for", "in", "on", "to", "a", "an"])
ARTICLES = frozenset(["the", "a", "an"])


def acronym_expansion(text: str) -> tuple[str, str] | None:
    """An acronym with its expansion right before or after it ('the open data format, ODF'):
    a definition wherever it is said, whatever the sentence around it."""
    for match in ACRONYM.finditer(text):
        acronym = match.group(0).rstrip("s")
        expansion = expansion_near(text, match.start(), match.end(), acronym)
        if expansion:
            return acronym, expansion
    if unpunctuated(text):  # captions: no capitals either
        return spoken_acronym_expansion(text.lower())
    return None


PUNCTUATION = re.compile(r"[;:!?]|(?<!\d)[.,]|[.,](?!\d)")
"""A mark of the writer's, not a number's own point or comma ('4.5', '1,000'), which
automatic captions keep."""


def unpunctuated(text: str) -> bool:
    """Automatic captions' text: no punctuation (but the full stop a card gets)."""
    return not PUNCTUATION.search(text.rstrip(".?!"))


SPOKEN_ACRONYM = re.compile(r"\b([a-z]{3,6}) (?:is|stands for|means) ")


def spoken_acronym_expansion(text: str) -> tuple[str, str] | None:
    """Captions write 'acid is atomicity consistency isolation durability' in lower case:
    an acronym of three or more letters spelled out after 'is' or 'stands for'."""
    for match in SPOKEN_ACRONYM.finditer(text):
        expansion = expansion_near(text, match.start(1), match.end(1), match.group(1))
        if expansion and len(expansion.split()) >= 3:
            return match.group(1).upper(), expansion
    return None


EXPANSION_WORD = re.compile(r"[\w-]+")
SPELLED_OUT_AS = re.compile(r"\W*(?:is|are|means|stands for)\b", re.IGNORECASE)
"""'ACID is atomicity, consistency, isolation, durability': the expansion after a copula."""


def expansion_near(text: str, start: int, end: int, acronym: str) -> str | None:
    """Words just before or after the acronym whose initials spell it ('of', 'and'... may
    sit between them without a letter of their own), as the text writes them (commas kept)."""
    letters = [letter for letter in acronym.lower() if letter.isalpha()]
    if len(letters) < 2:
        return None  # 'L5': any word starting with an l would spell it
    copula = SPELLED_OUT_AS.match(text, end)
    before = list(EXPANSION_WORD.finditer(text, 0, start))
    after = list(EXPANSION_WORD.finditer(text, copula.end() if copula else end))
    if after[:1] and after[0].group(0).lower() in ARTICLES:
        after = after[1:]
    if before[-1:] and before[-1].group(0).lower() in ARTICLES | {"or"}:
        before = before[:-1]  # 'the write-ahead log, the WAL', 'static single assignment, or SSA'
    for size in range(1, len(letters) + 3):
        for words in (before[-size:], after[:size]):
            spelled = [word.group(0) for word in words]
            fits = len(words) == size and spelled[0].lower() not in LINKING_WORDS
            if fits and initials(spelled) == letters:
                return text[words[0].start() : words[-1].end()]
    return None


def initials(words: list[str]) -> list[str]:
    """First letters of the words that get one ('write-ahead log' -> w, a, l)."""
    return [
        part[0].lower()
        for word in words
        if word.lower() not in LINKING_WORDS
        for part in word.split("-")
        if part
    ]


def normalise(text: str) -> str:
    """Lowercase with straight apostrophes, so patterns can stay simple."""
    return text.lower().replace("\u2019", "'").replace("\u2018", "'")


PARENTHETICAL = re.compile(
    r",? (?:in (?:this|that|our|the) (?:context|case|sense)|basically|essentially|technically|"
    r"in (?:simple|plain) terms|roughly speaking|put simply|strictly speaking|if you like),(?= )",
    re.IGNORECASE,
)
"""'Fermentation, in this context, is when...': an aside between a term and its verb."""


HESITATION = re.compile(r"(?<=\w)(?:,? " + any_word(FILLERS) + r"\b)+(?=[ ,])")
"""'A tidal lagoon is, um, it's basically...': a hesitation inside a sentence, which no cue
expects between its words (openings read past their own)."""


CLAUSE_OPENER = re.compile(
    r"\b" + any_word((SPOKEN_OPENERS - FILLERS) | {"because", "basically"}) + " ", re.IGNORECASE
)
"""A word a sentence may open with in captions: the spoken openers, 'because' (a cause) and
'basically' (an explanation); not the fillers, as it was tuned."""


def unpunctuated_clauses(text: str) -> list[str]:
    """In text that lost its punctuation (automatic captions), what follows each word that
    may open a sentence: 'i won't say never so sharding is splitting your data' holds a
    definition that opens at 'sharding', though the caption piece opens earlier."""
    if not unpunctuated(text):
        return []
    return [text[opener.end() :] for opener in CLAUSE_OPENER.finditer(text) if opener.start()]


def detect(text: str) -> dict[str, float]:
    """Each cue kind found in `text`: the weight of its strongest pattern, plus a little for
    each further pattern of that kind (a number, a unit and a trend make a surer quantity)."""
    lowered = HESITATION.sub("", PARENTHETICAL.sub("", normalise(text)))
    matched: dict[str, list[float]] = {}
    for item in CUES:
        if item.pattern.search(lowered):
            matched.setdefault(item.kind, []).append(item.weight)
    found = {}
    for kind, weights in matched.items():
        strongest = max(weights, key=abs)
        found[kind] = round(strongest + EXTRA_PATTERN_SHARE * (sum(weights) - strongest), 4)
    if acronym_expansion(text):
        found[DEFINITION] = max(found.get(DEFINITION, 0.0), 1.0)
    if is_question(lowered):
        found[QUESTION] = -1.5
    return found


TAG_QUESTION = re.compile(
    r",\s*(?:right|isn't it|aren't they|don't you think|you know|no|correct|huh|okay|yeah)\?$",
    re.IGNORECASE,
)


QUESTION_OPENER = re.compile(
    "^"
    + opening_run(DISCOURSE_MARKERS)
    + r"(?:(?:what|how|why|where|when|which) )?"
    + r"(?:do|did|does|would|could|can|will|have|are|were) you\b"
)


DENIAL = re.compile(
    "^"
    + opening_run(FILLERS | {"well"})
    + r"(?:no+|nope|wrong|false|not (?:true|really|at all)|(?:that's|that is|it's|it is) "
    + r"(?:not true|a myth|false|wrong)|(?:you|it|they|we) (?:don't|doesn't|do not|does not|"
    + r"isn't|aren't|is not|are not)|it isn't)(?: any ?more)?(?:,? no+)*\W*$"
)
"""A flat 'No.', 'You don't.', 'It isn't.': the sentence before it is refuted (a myth, a
belief set up to be knocked down), not stated."""
NEGATION = re.compile(r"n't\b|\b(?:not|no|never|nothing|none|neither|nor)\b")


def denies(text: str) -> bool:
    """The sentence flatly says no to the one before."""
    return bool(DENIAL.match(normalise(text.strip())))


OUTDATED = re.compile(
    "^" + opening_run(FILLERS | {"well"}) + r"(?:that|it|this) used to be (?:true|the case)\b"
)
"""'People say X can't do Y. That used to be true.': what was said no longer holds, negative
or not."""


def outdates(text: str) -> bool:
    return bool(OUTDATED.match(normalise(text.strip())))


def deniable(text: str) -> bool:
    """A statement a flat 'no' refutes: not a negative one, which the 'no' agrees with ('It's
    not baseload. No.'), nor a question, which it answers."""
    lowered = normalise(text)
    return not NEGATION.search(lowered) and not is_question(lowered)


ADVERT_OPENING = re.compile(r"\bbrought to you by\b|\b(?:sponsored|supported|made possible) by\b")
"""Where an advert starts: what follows in the turn sells, though most of it names no code
or URL ('It works with Postgres and takes five minutes to set up')."""
ADVERT_ANNOUNCEMENT = re.compile(r"\bword from (?:our|this week's|today's) sponsors?\b")
"""An advert announced at the end of a turn: the next turn reads it."""


def opens_advert(text: str) -> bool:
    return bool(ADVERT_OPENING.search(normalise(text))) or announces_advert(text)


def announces_advert(text: str) -> bool:
    return bool(ADVERT_ANNOUNCEMENT.search(normalise(text)))


def is_sponsor_read(text: str) -> bool:
    """An advert read out: its product names and URLs are no topic of the talk."""
    lowered = normalise(text)
    return any(cue.pattern.search(lowered) for cue in SPONSOR_CUES)


def is_question(text: str) -> bool:
    """Asks something ('?', or opens like 'do you...' when a transcript lost the mark); a
    statement with a tag ('..., right?') is still a statement."""
    lowered = normalise(text.strip())
    if lowered.endswith("?"):
        return not TAG_QUESTION.search(lowered)
    return bool(QUESTION_OPENER.match(lowered))


def first_person_share(text: str) -> float:
    """How personal a sentence is: stories and opinions say 'I' a lot, facts rarely."""
    words = normalise(text).split()
    if not words:
        return 0.0
    return len(FIRST_PERSON.findall(" ".join(words))) / len(words)
