"""Paragraph rules that recognise what a paragraph is by itself, each small and named so every
decision can be explained: a caption, a "By …" line, a kicker, site furniture, a bio, a
closing note, a stage direction. (Scored evidence that a paragraph asks something is in
`features`; where a paragraph sits — header, body, tail — is `zones`.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.core.importer.datelines import date_in
from reader.core.importer.model import Para, Role

_CLOSERS = " \t\"'”’»)]*_"
_FIRST_OR_SECOND = re.compile(
    r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|[Mm]e|[Mm]y|mine|[Ww]e|[Ww]e're|[Ww]e’re|[Oo]ur|us"
    r"|[Yy]ou|[Yy]our|yours)\b"
)
_FIRST_PERSON = re.compile(r"\b(I|I'm|I’m|me|my|we|our|us)\b")
# A credit at the start ("Photo: …", "Credit: …") is matched with its capital: lower-case
# "credit" at the start of speech is rare, but "courtesy" inside speech is not.
_CAPTION_START = re.compile(
    r"^(?:[Pp]hoto(?:graph|graphy)?s?|[Ii]llustration|Image|Picture|Pictured|Credit|Above|Top"
    r"|Left|Right)(?:\s+by)?\s*[:|]"
    r"|^[A-Z][a-z]+ caption\s*:"
    r"|^(?i:photo(?:graph)?s?|pictures?|images?|illustrations?)\s+(?i:by|courtesy)\s+[A-Z]"
    r"|\b(?:[Pp]hoto(?:graph)?s?|[Pp]hotography|[Ii]llustration|Credit|Image)(?:\s+by)?\s*:"
    r"|\((?:[Pp]hoto|[Pp]hotograph|[Ii]llustration|Credit|Courtesy)\b"
    r"|\bCourtesy\b|\bCOURTESY\b|Getty Images|/\s?(?:AP|AFP|Reuters|Getty)\b|©"
)
# A credit clause that ends a short paragraph, in any case: ", courtesy Fjordlys Film.",
# "— photo by Ines Calder", "(Credit: X)".
_CREDIT_END = re.compile(
    r"[,;.—–(]\s*(?:courtesy(?:\s+of)?|credit\s*:?"
    r"|(?:photo(?:graph)?s?|photography|pictures?|images?|illustration)"
    r"\s*(?:by|courtesy(?:\s+of)?|:))\s+\S[^,;]{0,60}$",
    re.I,
)
_CREDIT = re.compile(
    r"\s*[(\[]?((?:[Pp]hoto(?:graph|graphy)?s?|[Ii]llustration|Image|Credit|[Cc]ourtesy)\b.*?)"
    r"[)\]]?\.?$"
)
_CAPTION_LEAD = re.compile(r"^[A-Z][a-z]+ caption\s*:\s*")
# The link lists and furniture of a page's tail, a line alone: the page's boilerplate where it
# stands, and, after the last question, the start of the tail (the two lists below add theirs).
_PAGE_LINKS = (
    r"comments?( \(\d+\))?|\d+ comments?|like this|(leave|add|post) a (comment|reply)|"
    r"more (from|on) .*|related topics|about the author|you (may|might) also like|"
    r"recommended( for you)?|most (read|popular)|tagged .*|posted in .*|filed under .*"
)
_FOOTER = r"\bpowered by\b|\ball rights reserved\b|^©|^copyright\b"
_BOILER = re.compile(
    r"^(advertisement|advert|sponsored( content)?|share( this( article| story| interview)?)?|"
    r"(share|post) on \w+|tweet|copy link|subscribe( now| today)?|menu|(full )?transcript|"
    r"sign up (for|to) .*(newsletter|updates|e-?mails?).*|(read|see) (more|also|next)\s*(:.*)?|"
    r"related( stories| articles| reading| content| coverage| posts)?\s*(:.*)?|"
    r"continue reading|skip to (main )?content|(this (site|website)|we) uses? cookies\b.*|"
    r"accept( all)?( cookies)?|back to top|"
    r"listen to (this|the) (article|story|interview).*|"
    r"(get|sign up for) (the|our) .*newsletter.*|like loading\.*|"
    r"(latest|recent|more|popular) (blog )?(posts|stories|articles|interviews|from .*)|"
    r"in \"[^\"]+\"|(follow|like) us on .*|" + _PAGE_LINKS + r")\W*$",
    re.I,
)
# The furniture of a page's header and an episode's player, a line alone: "· 9 min read",
# "00:00 / 48:12 Download MP3", "Listen on: Apple Podcasts · Spotify · RSS".
_READING_TIME = re.compile(r"^\W*\d+\s*(?:-\s*)?min(?:ute)?s?\.?\s+(?:read|listen|watch)\W*$", re.I)
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?"
_PLAYER = re.compile(
    rf"^\W*(?:(?:{_CLOCK}\s*/\s*{_CLOCK}|{_CLOCK}|play|pause|download|mp3|audio|episode"
    r"|\d(?:\.\d+)?x|mute|speed)\W*)+$",
    re.I,
)
_LISTEN_ON = re.compile(
    r"^(?:listen|subscribe|follow|available)(?: (?:to|on) us| now)?(?: on| at| via| in)?\s*:"
    r"|^(?:listen|subscribe|follow)(?: (?:to|on) us)?(?: on| at| via)\b.*\b(?:apple podcasts"
    r"|spotify|pocket casts|overcast|google podcasts|youtube|rss|stitcher|castbox)\b",
    re.I,
)
_FURNITURE = re.compile(_FOOTER + r"|^\(c\)|\bproudly powered\b", re.I)
# A copyright line, or a sentence about the site that ends in one ("… is listener supported.
# © 2025"): the page's footer, though a "©" inside a short paragraph is otherwise a credit.
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)|[.!]\s*(?:©|copyright\b)[^.!?]{0,60}$", re.I)
_TAIL_OPENER = re.compile(
    r"^(related( stories| articles| reading| content| coverage| posts)?|"
    r"share this( article| story| interview)?|(latest|recent|more|popular|other|previous|past) "
    r"(blog )?(posts|stories|articles|interviews|episodes|conversations)|related \w+|"
    r"listen next|read next|tags|" + _PAGE_LINKS + r")\W*$|" + _FOOTER,
    re.I,
)
# The credits under a podcast episode or a broadcast, as a list: who hosted, produced, made
# the music. ("Room Tone is produced by …", a sentence, is a closing note.)
_CREDITS = re.compile(
    r"^(?:(?:hosted|presented|produced|edited|mixed|engineered|recorded|executive produced)"
    r"\s+by\b|(?:theme\s+)?music(?:\s+by\b|\s*:))",
    re.I,
)
_KICKER = re.compile(r"^(?P<kicker>[A-Z][A-Z&' ]{1,24}):\s+(?P<rest>\S.*)$")
_SMALL_WORDS = frozenset(
    "a an the and or but nor of in on at to for by with from as into onto vs via".split()
)
_NAME = r"[A-Z][\w.'’-]+(?:\s+[A-Za-z][\w.'’-]+){1,3}"
_BY = re.compile(
    r"^(?:(?i:as told to)|(?:(?i:interview(?:ed)?|words|text|story|conversation|edited|compiled)"
    rf"\s+)?(?i:by))\s+(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)"
    r"(?:\s*[,·|•–—-]\s*.*)?\W*$"
)
_EDIT_NOTE = re.compile(
    r"\b(this (interview|conversation|transcript) (has been|was|is)|"
    r"(has|have) been (lightly |slightly )?(edited|condensed)|edited (and condensed )?for "
    r"(length|clarity|brevity|readability)|(transcript|conversation) (has been )?edited)",
    re.I,
)
_BIO = re.compile(
    r"^(?!(?:The|This|That|These|Our|Its|It)\b)"
    r"(?P<name>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|da|van|von|der|la|le)){1,3})"
    r"\s+((is|was) (an?|the|also|currently|based|now)\b|writes\b|has written\b|teaches\b"
    r"|lives\b|edits\b|covers\b|works (as|at|for|in)\b)"
)
_PARTICLES = frozenset("de da van von der la le di du".split())
# Words of a job title or a desk, which a byline puts after the writer's name.
_JOB_WORDS = frozenset(
    """correspondent editor editors writer reporter critic columnist contributor producer
    staff desk bureau chief senior deputy features journalist photographer photographs photos
    host presenter contributing freelance special political politics arts culture science
    business news music film books sport sports technology economics foreign affairs
    digital data investigations investigative international national regional fellow""".split()
)
_CREDIT_LINE = re.compile(
    rf"^(?P<subject>{_NAME}) (?:was )?(?:talking|talked|speaking|spoke|in conversation) "
    rf"(?:to|with) (?P<names>{_NAME})\W*$"
)
_PERSON_ALONE = re.compile(
    r"^[A-Z][\w’'-]+(?:\s+(?:de|da|van|von|der|la|le)?\s*[A-Z][\w.’'-]+){1,2}$"
)
_STAGE_ONLY = re.compile(r"^[(\[][^()\[\]]{1,40}[)\]]\W*$")
_INTERJECTIONS = frozenset(
    """right sure yes yeah yep okay ok mm mm-hmm mhm uh-huh hmm hm really wow exactly absolutely
    interesting true indeed oh ah amazing fascinating wonderful great fair enough got it i see of
    course go on no kidding totally incredible""".split()
)
_PUBLICATION_NOTE = re.compile(
    r"\b(published by|is out (now|from|on)|out now|(is|are) available|produced by|co-production|"
    r"runs (at|until)|is on (at|until)|in cinemas|(is|will be) released|on sale|"
    r"screens (at|on|in)|opens (at|on|in)|returns on|premieres? (at|on|in)|"
    r"will be (heard|shown|screened|performed))\b",
    re.I,
)
_POSSESSIVE_NAME = re.compile(r"^[A-Z][\w-]+(?:\s+[A-Z][\w-]+)+[’']s\b")
_SAYS = re.compile(r"\b[A-Z][\w’'-]+ (says|said|adds|added|hopes|plans|insists)\b")


def core_text(text: str) -> str:
    return text.rstrip(_CLOSERS)


def ends_with_question(text: str) -> bool:
    return core_text(text).endswith("?")


def ends_a_sentence(text: str) -> bool:
    return core_text(text)[-1:] in (".", "!", "?", "…")


def personal(text: str) -> bool:
    """Said by someone to someone: first or second person."""
    return bool(_FIRST_OR_SECOND.search(text))


def fixed_role(para: Para) -> tuple[Role, str] | None:
    """(role, reason) when the paragraph is recognisable by itself, else None."""
    if para.chrome:
        return Role.BOILERPLATE, para.chrome
    if para.kind in ("caption", "image"):
        return Role.CAPTION, "a figure caption" if para.kind == "caption" else "a picture"
    words = para.words
    asks = ends_with_question(para.text)
    if words <= 25 and _COPYRIGHT.search(para.text):
        return Role.BOILERPLATE, "the page's copyright line"
    if words <= 40 and not asks and caption_text(para.text):
        return Role.CAPTION, caption_text(para.text)
    if words <= 25 and not asks and (_BOILER.match(para.text) or _FURNITURE.search(para.text)):
        return Role.BOILERPLATE, "site furniture (sharing, newsletter, related links)"
    if words <= 16 and player_line(para.text):
        return (
            Role.BOILERPLATE,
            "a player's or a page's furniture (reading time, playback, 'Listen on')",
        )
    if words <= 16 and kicker(para.text):
        return Role.BOILERPLATE, f"a '{kicker(para.text)}:' promotion line"
    if words <= 20 and _BY.match(para.text):
        return Role.BYLINE, "a 'By …' line"
    if words <= 16 and _CREDIT_LINE.match(para.text):
        return Role.BYLINE, "an '… was talking to …' credit line"
    if words <= 60 and _EDIT_NOTE.search(para.text):
        return Role.NARRATION, "an editor's note about the interview"
    return None


def player_line(text: str) -> bool:
    """ "· 9 min read", "00:00 / 48:12 Download MP3", "Listen on: Apple Podcasts · Spotify":
    a reading time, an audio player's controls, the places an episode can be heard."""
    if _READING_TIME.match(text) or _LISTEN_ON.match(text):
        return True
    found = _PLAYER.match(text)
    return bool(found) and bool(re.search(rf"{_CLOCK}\s*/\s*{_CLOCK}|download|mp3", text, re.I))


def caption_text(text: str) -> str:
    """Why a short paragraph reads as a picture caption (a credit in it, "Photo caption:" at its
    start, a credit clause at its end with nobody speaking in it), or ""."""
    if _CAPTION_START.search(text):
        return "reads like a photo caption or credit"
    if _CREDIT_END.search(core_text(text)) and not personal(text):
        return "ends in a picture credit"
    return ""


def kicker(text: str) -> str:
    """`WATCH: Our Film About the Night Crew`: a shouted word and a Title-Case line, the shape
    of a promotion or section kicker. Returns the kicker word, or ""."""
    found = _KICKER.match(text)
    if not found or ends_a_sentence(found.group("rest")):
        return ""
    return found.group("kicker") if title_case(found.group("rest")) else ""


def title_case(text: str) -> bool:
    """Every word that is not a small word starts with a capital (or a digit)."""
    words = [w.strip("\"“”‘’'()[]:,") for w in text.split()]
    words = [w for w in words if w]
    if not words:
        return False
    big = [w for i, w in enumerate(words) if i == 0 or w.lower() not in _SMALL_WORDS]
    return all(w[0].isupper() or w[0].isdigit() for w in big)


def tail_opener(text: str) -> bool:
    """A line that opens the end of a page: related links, comments, sharing, tags, "powered
    by", a copyright."""
    return bool(_TAIL_OPENER.search(text))


def credits_line(text: str) -> bool:
    """ "Hosted by Nadia Brook.", "Music: 'Morning Lane' by Pell & Moss": a programme's credits,
    the furniture under an episode's transcript."""
    return bool(_CREDITS.match(text)) and len(text.split()) <= 40


def byline_names(text: str) -> list[str]:
    """The people a "By …" or "… was talking to …" line names. A date in it goes first ("Words
    by Per Lindqvist 14 September 2024"); a job title or a publication after a comma is not a
    person and ends the list ("By Jane Roe, Politics Correspondent" is Jane Roe), and a name
    ends at its first lower-case word ("Jane Roe in Oslo")."""
    written = date_in(text)
    if written:
        text = " ".join(text.replace(written, " ").split()).rstrip(" ,·|•–—-")
        text = re.sub(r"\s+(?i:on|updated|published)$", "", text)
    found = _BY.match(text) or _CREDIT_LINE.match(text)
    if not found:
        return []
    out = []
    for piece in re.split(r"\s*(?:,|\band\b|&)\s*", found.group("names")):
        words = piece.split()
        lower = next(
            (k for k, w in enumerate(words) if w[0].islower() and w not in _PARTICLES), None
        )
        words = words[:lower]
        if (
            not words
            or words[0] in ("The", "A", "An")
            or _JOB_WORDS & {w.casefold().strip(".,") for w in words}
        ):
            break
        out.append(" ".join(words))
    return out


def bio_name(text: str) -> str:
    """The person a "Name is a critic…" paragraph describes, or ""."""
    found = _BIO.match(text) if len(text.split()) <= 90 else None
    return found.group("name") if found else ""


def person_alone(text: str) -> bool:
    """ "Tomas Berg": a person's name standing alone, the way a byline sits under or after a
    piece."""
    return bool(_PERSON_ALONE.match(text.strip())) and not any(
        w.lower() in _SMALL_WORDS for w in text.split()
    )


def closing_note(para: Para, names: Iterable[str] = ()) -> str:
    """Why the paragraph reads as a closing note in the third person (a bio, where the work
    appears, "Name's new album…", "Surname says …", or a sentence about someone the headline or
    introduction named, "Ada Rusk swims at seven"), or ""."""
    if _FIRST_PERSON.search(para.text) or para.words > 60:
        return ""
    for name in names:
        if len(name) > 2 and re.match(rf"{re.escape(name)}(?:[’']s)?\b", para.text):
            return f"names {name} in the third person"
    if bio_name(para.text):
        return f"a note on {bio_name(para.text)}"
    if _PUBLICATION_NOTE.search(para.text):
        return "a note on where the work appears"
    if _POSSESSIVE_NAME.match(para.text):
        return "names someone in the third person"
    if _SAYS.search(para.text):
        return "reports what someone says"
    return ""


def is_interjection(para: Para) -> bool:
    """ "Right.", "Mm-hmm", "I see": a short acknowledgement that asks nothing."""
    lowered = core_text(para.text).lower().strip(" .!,")
    return para.words <= 4 and lowered in _INTERJECTIONS and not ends_with_question(para.text)


def is_stage_only(para: Para) -> bool:
    """`(laughs)`, `[pause]`: a stage direction standing alone as a paragraph."""
    return bool(_STAGE_ONLY.match(para.text))


def date_line(para: Para) -> str:
    """The date in a short dateline ("March 1, 2024", "2 November 2023 · 14 min read")."""
    return date_in(para.text) if para.words <= 8 else ""


def split_credit(text: str) -> tuple[str, str]:
    """ "Vale at his desk. Photo: Ines Calder" → ("Vale at his desk.", "Photo: Ines Calder");
    "Photo caption: The harbour." → ("The harbour.", "")."""
    text = _CAPTION_LEAD.sub("", text)
    found = _CREDIT.search(text)
    if not found or found.start() == 0:
        return text, ""
    return text[: found.start()].strip().rstrip(","), found.group(1).strip()
