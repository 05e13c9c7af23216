"""Synthetic corpus: N seeded, reproducible articles in the flattened-article input format.

Usage: ``python benchmarks/synth.py N OUTDIR [--seed S]``. Each article has a title, an
infobox, a lead, a background section with dated events, a content section that cites two
resolutions (read as eli:cites, as in the corpus), an operative section with numbered
provisions, and a See also list; names, dates, symbols, organs, places, people
and citations vary with the seed. The vocabulary lists below are for benchmarking only.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
# (organ in text, infobox organ, symbol style)
BODIES = [
    ("United Nations Security Council", "Security Council", "unsc"),
    ("United Nations General Assembly", "General Assembly", "unga"),
    ("Organisation of Islamic Cooperation", "Islamic Summit", "oic"),
    ("Parliamentary Assembly of the Council of Europe", "Parliamentary Assembly", "pace"),
    ("Arab League", "Council of the Arab League", "al"),
]
COUNTRIES = [
    "Armenia",
    "Azerbaijan",
    "Iraq",
    "Kuwait",
    "Egypt",
    "Israel",
    "Jordan",
    "Senegal",
    "Kenya",
    "Sudan",
    "Georgia",
    "Ukraine",
    "Cyprus",
    "Turkey",
    "Lebanon",
    "Syria",
    "Iran",
    "Pakistan",
    "India",
    "Bosnia and Herzegovina",
    "Serbia",
    "Croatia",
    "Moldova",
    "Somalia",
    "Ethiopia",
    "Eritrea",
    "Libya",
    "Chad",
    "Mali",
    "Nigeria",
]
CITIES = [
    ("New York", "United States"),
    ("Geneva", "Switzerland"),
    ("Dakar", "Senegal"),
    ("Strasbourg", "France"),
    ("Cairo", "Egypt"),
    ("Nairobi", "Kenya"),
    ("Vienna", "Austria"),
    ("Baghdad", "Iraq"),
    ("Khartoum", "Sudan"),
    ("Istanbul", "Turkey"),
    ("Jeddah", "Saudi Arabia"),
    ("Tunis", "Tunisia"),
    ("Brussels", "Belgium"),
    ("Addis Ababa", "Ethiopia"),
    ("Tehran", "Iran"),
]
GIVEN = [
    "Amina",
    "David",
    "Elif",
    "Farid",
    "Grace",
    "Hassan",
    "Ingrid",
    "Jamal",
    "Karin",
    "Leila",
    "Marco",
    "Nadia",
    "Omar",
    "Petra",
    "Rashid",
    "Sofia",
    "Tariq",
    "Ursula",
    "Viktor",
    "Yusuf",
]
FAMILY = [
    "Abdullah",
    "Bergstrom",
    "Castillo",
    "Demir",
    "Eriksen",
    "Farouk",
    "Gallagher",
    "Haddad",
    "Ivanova",
    "Jovanovic",
    "Kamara",
    "Lindqvist",
    "Mensah",
    "Novak",
    "Okafor",
    "Petrossian",
    "Quraishi",
    "Rahman",
    "Said",
    "Tanaka",
]
ROLES = ["Foreign Minister", "Permanent Representative", "President", "Prime Minister"]
TOPICS = [
    ("the situation between {a} and {b}", "the conflict between {a} and {b}"),
    ("the question of {a}", "the status of {a}"),
    ("the protection of civilians in {a}", "the humanitarian situation in {a}"),
    ("the withdrawal of forces from {a}", "the presence of foreign troops in {a}"),
    ("the return of refugees to {a}", "displaced people from {a}"),
]
ACTIONS = [
    "Condemns",
    "Demands",
    "Calls upon",
    "Urges",
    "Requests",
    "Welcomes",
    "Reaffirms",
    "Decides",
]
OBJECTS = [
    "the immediate withdrawal of all forces",
    "respect for the territorial integrity of {a}",
    "a peaceful settlement of the dispute",
    "full cooperation with the Secretary-General",
    "the release of all detainees",
    "humanitarian access to the affected areas",
]


def _date(rng: random.Random, year: int) -> tuple[str, str]:
    """A date as the infobox writes it and as prose writes it."""
    month = rng.randrange(12)
    day = rng.randint(1, 28)
    if rng.random() < 0.5:
        return f"{day} {MONTHS[month]} {year}", f"on {day} {MONTHS[month]} {year}"
    return f"{MONTHS[month]} {day}, {year}", f"on {MONTHS[month]} {day}, {year}"


def _symbol(rng: random.Random, style: str, year: int, index: int) -> str:
    """A native resolution symbol for the body's numbering style."""
    if style == "unsc":
        return str(100 + (index * 7 + rng.randrange(7)) % 2600)
    if style == "unga":
        return f"{(year - 1945) % 80 + 1}/{rng.randint(1, 300)}"
    if style == "oic":
        return f"{rng.randint(1, 40)}/{rng.randint(1, 15)}"
    if style == "pace":
        return str(1000 + (index * 3 + rng.randrange(3)) % 1600)
    return str(rng.randint(1000, 9000))


def article(index: int, seed: int = 0) -> tuple[str, str]:
    """The file name and text of synthetic article ``index`` (reproducible for a seed)."""
    rng = random.Random(seed * 1_000_003 + index)
    body, organ, style = rng.choice(BODIES)
    year = rng.randint(1950, 2020)
    number = _symbol(rng, style, year, index)
    a, b = rng.sample(COUNTRIES, 2)
    topic, background_topic = rng.choice(TOPICS)
    title = topic.format(a=a, b=b)
    city, country = rng.choice(CITIES)
    infobox_date, prose_date = _date(rng, year)
    votes_for = rng.randint(9, 150)
    votes_against = rng.randint(0, 10)
    abstain = rng.randint(0, 20)
    person = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
    role = rng.choice(ROLES)
    cited_year = rng.randint(1946, year)
    cited = _symbol(rng, style, cited_year, index + 1)
    other = _symbol(rng, style, rng.randint(1946, year), index + 2)
    event_date = _date(rng, year - rng.randint(0, 2))[1]
    heading = f"{body} Resolution {number}"
    short = "Resolution"
    provisions = []
    for n in range(1, rng.randint(3, 6)):
        action = rng.choice(ACTIONS)
        obj = rng.choice(OBJECTS).format(a=a, b=b)
        provisions.append(f"{n}. {action} {obj};")
    text = f"""= {heading} =

Infobox
- Organ: {organ}
- Date: {infobox_date}
- Subject: {title[0].upper()}{title[1:]}
- For: {votes_for}
- Against: {votes_against}
- Abstention: {abstain}
- Place: {city}, {country}

{heading} was adopted by the {body} {prose_date} in {city}, {country}. It concerns {title}. \
{votes_for} members voted in favour, {votes_against} against and {abstain} abstained.

==Background==
The dispute over {background_topic.format(a=a, b=b)} grew in {year - 1}. {prose_date[3:]}, the \
{role} of {a}, {person}, addressed the {body} in {city}.

==Content==
The resolution recalls {short} {cited} and {short} {other}, which it cites as the basis of its \
demands.

==Provisions==
The {organ}:
{chr(10).join(provisions)}

==See also==
- {short} {cited}
- List of resolutions adopted in {year}
"""
    _ = event_date
    name = f"synthetic-{index:05d}.txt"
    return name, text


def write_corpus(n: int, outdir: Path, seed: int = 0) -> list[Path]:
    """Write ``n`` articles into ``outdir``; returns their paths in order."""
    outdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(n):
        name, text = article(index, seed)
        path = outdir / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    """Write a synthetic corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("outdir", type=Path, help="directory to write them to")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    paths = write_corpus(args.n, args.outdir, args.seed)
    print(f"wrote {len(paths)} articles to {args.outdir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
