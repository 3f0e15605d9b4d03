"""Generate realistic interviews and libraries for the benchmarks.

Timings on lorem-ipsum ASCII flatter a reader: real interviews carry typographic quotes and
apostrophes (which take Rich off its ASCII fast path for cell widths), multi-paragraph
answers, headings, captions, stage directions and editor's inserts. Everything here is
deterministic for a given seed, so two runs measure the same text.

    python bench/generate.py article --words 200000 OUT_DIR
    python bench/generate.py library --count 10000 OUT_DIR
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

FIRST = (
    "Mara Oskar Ines Tomás Zoë Hetty Jonah Winifred Paul Amara Keiko Lior Rosa Emeka Signe "
    "Dmitri Aoife Chidi Marguerite Teodor Nadia Rafael Ingrid Kwame Solveig Esther Matteo "
    "Yusuf Clémence Bartholomew Priya Anselm Ottilie Hamish Leonie Farid Greta Ciarán Beatriz"
).split()
LAST = (
    "Ellison Vale Calder Reyes Achterberg Okonjo Pettifer Calloway Brandt Ashdown Lindqvist "
    "Moreau Adeyemi Kowalski Fennimore Castellanos Haverford Nakamura O’Sullivan Varga Quist "
    "Delacroix Marchetti Abernathy Szabo Thornbury Oyelaran Halloran Petrakis Van der Berg"
).split()
SYLLABLES = "ka lo mer vin dra sel tor quin bal ash rue fen dor lim pa ros gal nev iko th".split()
THEMES = {
    "cinema": "cinema projector reel celluloid cinematographer premiere usher matinée lens "
    "montage screenplay",
    "maps": "map chart coastline survey atlas compass meridian contour harbour cartographer "
    "soundings",
    "bread": "bread oven sourdough flour crust bakery starter rye proving loaf baker",
    "bees": "hive bees honey queen swarm comb apiary nectar smoker beekeeper pollen",
    "clocks": "clock escapement pendulum spring watchmaker dial mainspring chime bezel gear",
    "ships": "hull rigging mast keel shipwright tide deck sail caulking dock ropewalk",
    "music": "choir rehearsal harmony chord conductor score soprano baritone hymn tuning",
    "gardens": "seed bean orchard graft soil compost greenhouse harvest allotment seedling",
    "printing": "type press ink compositor slug galley proof linotype foundry kerning",
    "radio": "transmitter frequency broadcast microphone studio static listener signal aerial",
    "law": "court verdict witness testimony judge jury appeal transcript clerk docket",
    "mountains": "ridge summit glacier rope crampon cairn scree bivouac pass avalanche",
}
COMMON_NOUNS = (
    "house street morning winter summer father mother brother sister village town river "
    "kitchen window door table letter book notebook photograph voice room night year "
    "work hands money school teacher friend neighbour market road field storm light "
    "silence question answer story memory habit mistake job city country war family"
).split()
ADJECTIVES = (
    "old small quiet long strange patient difficult ordinary careful beautiful cold "
    "narrow bright heavy stubborn wonderful awkward honest tired generous odd"
).split()
VERBS = (
    "remember kept learned watched carried found lost built mended wrote taught asked "
    "noticed loved hated missed opened closed fixed sold bought"
).split()
TEMPLATES = (
    "I {verb} the {adj} {noun} for years, and nobody ever asked me why.",
    "My {kin} used to say that a {theme} is only as good as the {noun} behind it.",
    "We didn’t have a {theme} of our own, so we {verb} one from the {noun} next door.",
    "It’s a {adj} thing, a {theme}. You can’t hurry it, and you can’t fake it.",
    "“Don’t touch the {theme},” she told me, the first morning. I touched it anyway.",
    "There was a {adj} {noun} near {place}, and that’s where I first saw a {theme}.",
    "I’d say the {theme} chose me, rather than the other way round.",
    "People think it’s about the {theme}. It isn’t. It’s about the {noun}.",
    "The {noun} was {adj} — properly {adj} — and we {verb} it every {season}.",
    "In {year} we moved to {place}, and I {verb} my first {theme} there.",
    "You learn the {theme} with your hands before you learn it with your head.",
    "Nobody tells you how {adj} the {noun} is going to be, so I’ll tell you: very.",
    "I kept a {noun} of every {theme} I ever {verb}, and I still have it somewhere.",
    "That’s the part they never put in the books… the {adj} part, the {noun}.",
    "‘Keep going,’ {name} said. ‘The {theme} will wait for you, but the {noun} won’t.’",
)
QUESTIONS = (
    "Where did you grow up?",
    "When did you first see a {theme}?",
    "What did your {kin} make of it?",
    "How long does it take to learn?",
    "Was there a moment you nearly gave up?",
    "What’s the part of the job nobody sees?",
    "Tell me about {place}.",
    "Who taught you the most?",
    "What would you change, if you could?",
    "Do you remember the first {theme} you were proud of?",
    "What does a {adj} {noun} have to do with it?",
    "And the {theme} itself — has it changed?",
)
ASIDES = ("(laughs)", "(pause)", "(sighs)", "[inaudible]", "(both laugh)")
INSERTS = ("[the old {noun}]", "[her {kin}]", "[in {year}]", "[love of]", "[bold]")
PLACES = "Millbrook Harrowgate Saltmarsh Kilbride Ostend Lisbon Trondheim Marseille Galway".split()
KINS = "father mother grandmother uncle aunt sister brother teacher foreman".split()
SEASONS = "spring summer autumn winter".split()
# A 1×1 grey PNG, so captions point at a real picture and the bundles load without warnings.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010800000000"
    "3a7e9b550000000a49444154789c6368000000820081dd43a1a20000000049454e44ae426082"
)


_AN = re.compile(r"\b([Aa]) ([aeiou])")


class _Writer:
    """Builds one interview's TOML and Markdown from a seeded random source."""

    def __init__(self, seed: int, pictures: bool = True):
        self.rng = random.Random(seed)
        self.pictures = pictures
        rng = self.rng
        self.theme = rng.choice(sorted(THEMES))
        self.theme_words = THEMES[self.theme].split()
        self.subject = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        self.host = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        # An invented place makes every bundle findable by a rare word.
        self.place = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()

    def fill(self, template: str) -> str:
        rng = self.rng
        text = template.format(
            verb=rng.choice(VERBS),
            adj=rng.choice(ADJECTIVES),
            noun=rng.choice(COMMON_NOUNS),
            theme=rng.choice(self.theme_words),
            kin=rng.choice(KINS),
            place=rng.choice((*PLACES, self.place)),
            season=rng.choice(SEASONS),
            year=rng.randint(1951, 2019),
            name=self.subject.split()[0],
        )
        return _AN.sub(r"\1n \2", text)

    def sentence(self) -> str:
        text = self.fill(self.rng.choice(TEMPLATES))
        roll = self.rng.random()
        if roll < 0.06:
            text += " " + self.rng.choice(ASIDES)
        elif roll < 0.09:
            text = text.replace(" the ", " " + self.fill(self.rng.choice(INSERTS)) + " ", 1)
        elif roll < 0.13:
            words = text.split(" ")
            i = self.rng.randrange(len(words))
            if words[i].isalpha():
                words[i] = f"*{words[i]}*"
            text = " ".join(words)
        return text

    def paragraph(self, lo: int = 2, hi: int = 7) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(lo, hi)))

    def body(self, words: int) -> str:
        rng = self.rng
        out = [f"{self.subject} met me at {self.place} just after six. " + self.paragraph(3, 5)]
        count = len(out[0].split())
        section = 0
        while count < words:
            if rng.random() < 0.08:
                section += 1
                out.append(f"## {self.fill('The {adj} {noun}').title()} ({section})")
            if self.pictures and rng.random() < 0.03:
                caption = self.fill("The {adj} {noun} at {place}, {year}.")
                out.append(f'![{caption}](picture.png "Photo: {self.host}")')
            question = self.fill(rng.choice(QUESTIONS))
            out.append(f"Q: {question}")
            count += len(question.split())
            for i in range(rng.choice((1, 1, 2, 2, 3, 4))):
                text = self.paragraph()
                out.append(f"A: {text}" if i == 0 else text)
                count += len(text.split())
        out.append(f"*{self.subject}’s work is collected at the {self.place} archive.*")
        return "\n\n".join(out) + "\n"

    def rapid_fire(self, turns: int) -> str:
        """A long transcript of short turns (a quiz, a call-in show): `turns` turns, half of
        them questions of a few words, each answered in a sentence or two."""
        rng = self.rng
        out = [f"{self.subject} met me at {self.place} just after six. " + self.paragraph(2, 3)]
        for i in range(turns // 2):
            if i and i % 400 == 0:
                out.append(f"## Part {i // 400 + 1}")
            out.append(f"Q: {self.fill(rng.choice(QUESTIONS))}")
            out.append(f"A: {self.paragraph(1, 2)}")
        return "\n\n".join(out) + "\n"

    def toml(self, title: str) -> str:
        def q(text: str) -> str:
            return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

        rng = self.rng
        published = f"{rng.randint(1990, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        return (
            f"title = {q(title)}\n"
            f"dek = {q(self.fill('{name} on a life of the {theme}, and the {noun} behind it.'))}\n"
            f'publication = "The Bench Quarterly"\n'
            f"published = {published}\n"
            f'tags = ["{self.theme}", "bench"]\n'
            f"byline = {q(self.host)}\n\n"
            f'[speakers.Q]\nname = {q(self.host)}\nrole = "interviewer"\n'
            f'[speakers.A]\nname = {q(self.subject)}\nrole = "subject"\n'
        )


def interview(words: int, seed: int = 1, pictures: bool = True) -> tuple[str, str]:
    """(article.toml text, article.md text) for an interview of about `words` words."""
    writer = _Writer(seed, pictures)
    title = f"{writer.subject}: the {writer.theme_words[0]} years"
    return writer.toml(title), writer.body(words)


def write_bundle(folder: Path, words: int, seed: int = 1) -> Path:
    """A directory bundle of about `words` words at `folder`."""
    toml, body = interview(words, seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "article.toml").write_text(toml, encoding="utf-8")
    (folder / "article.md").write_text(body, encoding="utf-8")
    (folder / "picture.png").write_bytes(PNG)
    return folder


def write_rapid_fire(folder: Path, turns: int, seed: int = 3) -> Path:
    """A directory bundle of `turns` short turns at `folder` (issue 14's 100,000 turns)."""
    writer = _Writer(seed, pictures=False)
    folder.mkdir(parents=True, exist_ok=True)
    title = f"{writer.subject}: {turns:,} questions"
    (folder / "article.toml").write_text(writer.toml(title), encoding="utf-8")
    (folder / "article.md").write_text(writer.rapid_fire(turns), encoding="utf-8")
    return folder


def library_sizes(count: int, seed: int = 7) -> list[int]:
    """Word counts for a library: mostly magazine pieces, a few very long ones."""
    rng = random.Random(seed)
    return [min(60_000, max(300, int(rng.lognormvariate(7.0, 0.7)))) for _ in range(count)]


def write_library(root: Path, count: int, seed: int = 7) -> Path:
    """`count` bundles under `root`: four in five are folders, the rest single files."""
    root.mkdir(parents=True, exist_ok=True)
    for i, words in enumerate(library_sizes(count, seed)):
        if i % 5 == 4:
            toml, body = interview(words, seed * 100_003 + i, pictures=False)
            text = f"+++\n{toml}+++\n\n{body}"
            (root / f"piece-{i:05d}.md").write_text(text, encoding="utf-8")
        else:
            write_bundle(root / f"piece-{i:05d}", words, seed * 100_003 + i)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    a = sub.add_parser("article", help="one directory bundle")
    a.add_argument("--words", type=int, default=50_000)
    a.add_argument("--seed", type=int, default=1)
    a.add_argument("out", type=Path)
    lib = sub.add_parser("library", help="a folder of many bundles")
    lib.add_argument("--count", type=int, default=10_000)
    lib.add_argument("--seed", type=int, default=7)
    lib.add_argument("out", type=Path)
    args = parser.parse_args()
    if args.what == "article":
        print(write_bundle(args.out, args.words, args.seed))
    else:
        print(write_library(args.out, args.count, args.seed))


if __name__ == "__main__":
    main()
