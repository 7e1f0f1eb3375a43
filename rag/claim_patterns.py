"""Attribution cue phrases and claimant-name normalisation.

Works on a *masked* sentence: the caller replaces quoted speech (and its quote marks) with
`QUOTE_MASK` characters, so cue words inside someone's quotation are never read as the
article's own attribution, and inline markup (`**`, `<u>`) with spaces of the same length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUOTE_MASK = "\x00"

_MARKUP = re.compile(r"\*\*|__|</?(?:u|b|i|em|strong)>")

_SPEECH_VERBS = (
    "said|says|say|saying|claimed|claims|claim|claiming|stated|states|stating|stressed|stresses"
    "|pointed out|points out|accused|accuses|accuse|announced|announces|alleged|alleges|insisted"
    "|insists|declared|declares|told|tells|asserted|asserts|emphasized|emphasised|reiterated"
    "|acknowledged|admitted|denied|denies|wrote|writes|tweeted|reported"
)
# Verbs that also have everyday, non-speech uses: they count only before "that", ":", a quote
# or the end of the sentence ("he added." / "ISIS reported that ...").
_WEAK_VERBS = (
    "added|adds|noted|notes|warned|warns|explained|explains|argued|argues|believes|believe"
    "|believed|suggested|suggests|confirmed|confirms|revealed|reveals|maintained|maintains"
    "|reports|estimated|estimates|concluded|insists"
)
_VERB = re.compile(rf"\b(?P<verb>{_SPEECH_VERBS}|{_WEAK_VERBS})\b")
_WEAK = set(_WEAK_VERBS.split("|"))
_WEAK_FOLLOWER = re.compile(
    rf"^(?:\s*(?:that\b|:|,|{QUOTE_MASK}|[.!?]?\s*$)"  # "he added." / "noted that"
    rf"|(?:\s+[\w'-]+){{1,4}}?\s*(?:\bthat\b|:|{QUOTE_MASK}))"  # "reported on Sunday that"
)
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|to)\s+(?:also\s+)?$")
_TRAILING_ADVERBS = re.compile(
    r"(?:\s+(?:has|have|had|also|repeatedly|previously|earlier|again|officially|reportedly"
    r"|allegedly|publicly|recently|already|further|then|later|once|would|will|may|might|could"
    r"|did|does|do|not|never|still|often|has been|have been|had been|reportedly))+\s*$"
)
_CLAUSE_BOUNDARY = re.compile(rf"[,;:()\[\]—–{QUOTE_MASK}]|\s-\s")
_LEADING_CONNECTIVE = re.compile(
    r"^(?:and|but|while|as|since|when|because|after|before|so|yet|although|though|whereas)\s+",
    re.IGNORECASE,
)
_NOT_A_SUBJECT = {
    "it", "this", "that", "these", "those", "which", "who", "whom", "what", "there", "here",
    "such", "a", "an", "its", "their", "his", "her", "our", "one", "nobody", "no one", "some",
    "we", "i", "you", "me", "please", "let", "let's", "to", "not",
}  # fmt: skip
# A subject ending in one of these is not a noun phrase ("Ignore previous instructions and say")
_FUNCTION_WORDS = {
    "and", "or", "but", "to", "of", "in", "on", "at", "by", "for", "with", "from", "not", "can",
    "must", "should", "would", "will", "could", "shall", "let", "please", "than", "as", "if",
}  # fmt: skip
_RELATIVE_PRONOUN = re.compile(r"^(?:which|who|that|whom)\s+")
PRONOUNS = {"he", "she", "they"}

_ACCORDING = re.compile(
    r"\b[Aa]ccording\s+to\s+(?P<who>.+?)(?=\s*(?:[,;:()\x00]|[.!?]\W*$|$))", re.DOTALL
)
_REPORTS = re.compile(
    r"\b(?:[Rr]eports?|[Rr]umou?rs?)\s+(?:have\s+|had\s+)?(?:also\s+)?"
    r"(?:appeared|emerged|surfaced|circulated|suggest(?:ed|s)?|say|said|indicate[sd]?|claim(?:ed|s)?)"
    r"(?:\s+(?:in|on)\s+(?:the\s+)?(?P<medium>[^,;:.\x00]+?))?(?=\s+that\b|[,;:.\x00]|\s*$)"
)
_HEDGE_ADVERB = re.compile(r"\b(?P<adverb>reportedly|allegedly|purportedly|supposedly)\b")
_PASSIVE_REPORT = re.compile(
    r"\b(?:is|are|was|were|been|being)\s+(?:also\s+)?(?P<verb>reported|said|believed|alleged"
    r"|claimed|rumou?red|confirmed|announced|denied)\b(?:\s+by\s+(?P<by>[^,;:.\x00]+))?"
)
_INVERTED = re.compile(
    rf"{QUOTE_MASK}[\s,]*(?P<verb>said|says|stated|added|stressed|noted|explained|wrote)\s+"
    r"(?P<who>[A-Z][^,;:.!?\x00]*?(?:\.\s?[A-Z][^,;:.!?\x00]*?)*)\s*(?=[,;:.!?]|$)"
)
_MAX_CLAIMANT_WORDS = 12


@dataclass(frozen=True)
class CueMatch:
    """One attribution cue found in a masked sentence."""

    who: str  # raw claimant phrase, "" for unnamed reports
    cue: str
    position: int  # where the cue starts in the masked sentence
    unnamed: str | None = None  # claimant for unnamed sources ("unnamed reports")


def blank_markup(text: str) -> str:
    """`text` with inline markup replaced by spaces of the same length (offsets unchanged)."""
    return _MARKUP.sub(lambda m: " " * len(m.group()), text)


def _squash(phrase: str) -> str:
    return " ".join(phrase.replace(QUOTE_MASK, " ").split()).strip(" ,.;:")


def _subject_before(masked: str, verb_start: int) -> str | None:
    prefix = _TRAILING_ADVERBS.sub("", masked[:verb_start])
    boundaries = list(_CLAUSE_BOUNDARY.finditer(prefix))
    subject = prefix[boundaries[-1].end() :] if boundaries else prefix
    if not subject.strip() and len(boundaries) >= 2 and boundaries[-1].group() == ",":
        subject = _appositive_subject(prefix, boundaries)
    subject = _RELATIVE_PRONOUN.sub("", _LEADING_CONNECTIVE.sub("", _squash(subject)))
    words = re.sub(r"^(?:the|The)\s+", "", subject).split()
    if not words or len(words) > _MAX_CLAIMANT_WORDS or subject.lower() in _NOT_A_SUBJECT:
        return None
    if words[-1].lower() in _FUNCTION_WORDS:
        return None
    if words[0].lower() in _NOT_A_SUBJECT - PRONOUNS or not words[0][0].isalpha():
        return None
    return subject


def _appositive_subject(prefix: str, boundaries: list[re.Match[str]]) -> str:
    """ "Maria Zakharova, the ministry's spokeswoman, said" -> descriptor + name."""
    head_start = boundaries[-3].end() if len(boundaries) >= 3 else 0
    head = prefix[head_start : boundaries[-2].start()]
    appositive = _squash(prefix[boundaries[-2].end() : boundaries[-1].start()])
    descriptor = appositive.split(" ")[0].lower() in {"the", "a", "an"} | _TITLES
    if boundaries[-2].group() != "," or not descriptor:
        return ""
    return f"{appositive} {_squash(head)}"


def _verb_cues(masked: str) -> list[CueMatch]:
    cues: list[CueMatch] = []
    for match in _VERB.finditer(masked):
        verb = match.group("verb")
        if _PASSIVE_BEFORE.search(masked[: match.start()]):
            continue
        if verb in _WEAK and not _WEAK_FOLLOWER.match(masked[match.end() :]):
            continue
        subject = _subject_before(masked, match.start())
        if subject is not None:
            cues.append(CueMatch(subject, verb, match.start()))
    return cues


def _unnamed_cues(masked: str) -> list[CueMatch]:
    cues: list[CueMatch] = []
    for match in _REPORTS.finditer(masked):
        medium = _squash(match.group("medium") or "")
        claimant = f"unnamed reports ({medium})" if medium else "unnamed reports"
        cues.append(CueMatch("", _squash(match.group()).lower(), match.start(), claimant))
    for match in _HEDGE_ADVERB.finditer(masked):
        adverb = match.group("adverb")
        claimant = "unnamed reports" if adverb == "reportedly" else "unnamed allegations"
        cues.append(CueMatch("", adverb, match.start(), claimant))
    for match in _PASSIVE_REPORT.finditer(masked):
        by = match.group("by")
        if not by and match.group("verb") in {"confirmed", "announced", "denied"}:
            continue  # "the death was confirmed" names no one and hedges nothing
        if by:
            cues.append(CueMatch(_squash(by), match.group("verb"), match.start()))
        else:
            claimant = "unnamed reports" if match.group("verb") == "reported" else "unnamed sources"
            cues.append(CueMatch("", _squash(match.group()), match.start(), claimant))
    return cues


def find_cues(masked: str) -> list[CueMatch]:
    """All attribution cues in a masked sentence, ordered by position."""
    cues: list[CueMatch] = []
    for match in _ACCORDING.finditer(masked):
        who = _squash(match.group("who"))
        if who and len(who.split()) <= _MAX_CLAIMANT_WORDS:
            cues.append(CueMatch(who, "according to", match.start()))
    for match in _INVERTED.finditer(masked):
        cues.append(CueMatch(_squash(match.group("who")), match.group("verb"), match.start()))
    cues.extend(_verb_cues(masked))
    cues.extend(_unnamed_cues(masked))
    return sorted(cues, key=lambda cue: cue.position)


# --- claimant names -------------------------------------------------------------------------

_TITLES = {
    "spokeswoman", "spokesman", "spokesperson", "minister", "president", "premier", "secretary",
    "general", "gen.", "lt.", "col.", "maj.", "sgt.", "capt.", "adm.", "brig.", "colonel",
    "major", "captain", "lieutenant", "admiral", "sergeant", "commander", "chief", "head",
    "director", "ambassador", "envoy", "senator", "sen.", "rep.", "representative", "governor",
    "gov.", "mayor", "official", "adviser", "advisor", "aide", "deputy", "leader", "chairman",
    "chairwoman", "chair", "speaker", "dr.", "mr.", "mrs.", "ms.", "prof.", "professor", "sheikh",
    "king", "queen", "prince", "emir", "analyst", "expert", "journalist", "correspondent",
    "reporter", "editor", "columnist", "researcher", "activist", "pm", "mp", "ceo", "founder",
    "coordinator", "lawmaker", "judge", "prosecutor", "attorney", "vice", "prime", "foreign",
}  # fmt: skip
_ORG_NOUNS = {
    "ministry", "staff", "department", "office", "army", "forces", "force", "center",
    "centre", "council", "committee", "government", "party", "command", "service", "services",
    "directorate", "corps", "administration", "embassy", "mission", "union", "organization",
    "organisation", "brigade", "division", "headquarters", "coalition", "alliance", "assembly",
    "parliament", "senate", "congress", "kremlin", "pentagon", "bureau", "authority",
    "authorities", "commission", "institute", "foundation", "observatory", "network", "channel",
    "newspaper", "wing", "group", "state", "media", "agency",
}  # fmt: skip
_NO_SPLIT_BEFORE_NAME = {
    "in", "of", "from", "at", "for", "to", "on", "by", "and", "or", "the", "with", "near", "close",
}  # fmt: skip
_GENERIC_FIRST_WORDS = {
    "local", "some", "several", "many", "most", "other", "unnamed", "unidentified", "anonymous",
    "military", "government", "security", "opposition", "sources", "experts", "officials",
    "witnesses", "eyewitnesses", "residents", "activists", "analysts", "observers", "reports",
    "media", "militants", "rebels", "locals", "journalists", "monitors", "diplomats", "critics",
    "independent", "informed", "senior", "top", "field", "state", "numerous", "multiple",
}  # fmt: skip
_NAME_PARTICLE = re.compile(r"^(?:al|el|bin|ibn|abu|de|del|da|van|von|der)(?:-[\w'’-]+)?$")
_REPORT_QUANTIFIERS = {
    "some", "several", "many", "numerous", "multiple", "recent", "unconfirmed", "other",
    "earlier", "latest", "initial", "first", "new", "unnamed",
}  # fmt: skip


def _is_name_token(token: str) -> bool:
    bare = token.strip(",")
    lowered = bare.lower()
    if lowered in _TITLES or lowered in _ORG_NOUNS or lowered.endswith(("'s", "’s")):
        return False
    return bare[:1].isupper() or bool(_NAME_PARTICLE.match(bare))


def _role_from(descriptor: list[str]) -> tuple[str | None, bool]:
    """Role text for a descriptor like "Russian Foreign Ministry Spokeswoman"; and is-a-person."""
    core = list(descriptor)
    titles: list[str] = []
    while core and core[-1].lower() in _TITLES:
        titles.insert(0, core.pop())
    has_title = bool(titles) or any(word.lower() in _TITLES for word in core)
    if not has_title:
        return (" ".join(core) or None), False
    while len(core) > 2 and core[0].lower() in _TITLES and core[1].lower() in {"of", "for"}:
        core = core[2:]
        if core and core[0].lower() == "the":
            core = core[1:]
    if any(word.lower() in _ORG_NOUNS for word in core):
        return " ".join(core), True
    if core:
        return " ".join(descriptor), True
    spelled_out = [t for t in titles if not t.endswith(".")]
    return (" ".join(spelled_out) or None), True


def _unnamed_reports(words: list[str]) -> str | None:
    if not words or words[-1].lower() not in {"reports", "report"}:
        return None
    qualifiers = [w for w in words[:-1] if w.lower() not in _REPORT_QUANTIFIERS]
    if any(w[:1].isupper() for w in qualifiers):
        return None  # "Reuters reports" names its source
    return f"unnamed reports ({' '.join(qualifiers)})" if qualifiers else "unnamed reports"


def normalize_claimant(phrase: str) -> tuple[str, bool]:
    """A claimant phrase in name-first form, and whether it names a person.

    "Russian Foreign Ministry Spokeswoman Maria Zakharova" -> "Maria Zakharova (Russian Foreign
    Ministry)"; "the ISIS-linked news agency Amaq" -> "Amaq (ISIS-linked news agency)";
    "Pro-government sources" -> "pro-government sources"; "reports" -> "unnamed reports".
    """
    words = _squash(phrase).split()
    article = ""
    while words and words[0].lower() in {"the", "a", "an"}:
        article, words = words[0].lower(), words[1:]
    if not words:
        return phrase.strip(), False
    if article and not words[0][:1].isupper():
        words = [article, *words]  # "the army", "a source close to the talks"
    unnamed = _unnamed_reports(words)
    if unnamed:
        return unnamed, False
    split = len(words)
    while split > 0 and _is_name_token(words[split - 1]):
        split -= 1
    name, descriptor = words[split:], words[:split]
    if name and descriptor and descriptor[-1].lower() not in _NO_SPLIT_BEFORE_NAME:
        role, is_person = _role_from(descriptor)
        name_text = " ".join(w.strip(",") for w in name)
        return (f"{name_text} ({role})" if role else name_text), is_person
    if name and not descriptor:
        is_person = 2 <= len(name) <= 4 and not any(w.isupper() for w in name)
        return " ".join(name), is_person
    first = words[0]
    if first.split("-")[0].lower() in {"pro", "anti", "non"} | _GENERIC_FIRST_WORDS:
        words = [first[:1].lower() + first[1:], *words[1:]]
    return " ".join(words), False


_TITLED_NAME = re.compile(
    r"\b(?:[A-Z][\w'’-]+\s+){0,3}(?:"
    + "|".join(sorted((re.escape(t.capitalize()) for t in _TITLES), key=len, reverse=True))
    + r")\s+(?:[A-Z][\w'’-]+\s+){1,3}"
)


def titled_people(masked: str) -> list[str]:
    """People named with a title anywhere in a masked sentence ("Minister John Smith met ..."),
    normalised; the last mention comes last."""
    people = []
    for match in _TITLED_NAME.finditer(masked + " "):
        claimant, is_person = normalize_claimant(match.group())
        if is_person:
            people.append(claimant)
    return people
