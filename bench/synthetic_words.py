"""Word lists for :mod:`bench.synthetic`: names, places, units and a Zipf-ranked vocabulary.

No Django imports. The vocabulary is the same for every seed, so the benchmark's named search
terms (COMMON_TERM, RARE_TERM) keep their frequency whatever data set is generated.
"""

import itertools
import random

# Ranked content words of news copy about migration, security, money and public services, most
# frequent first. Rank 10 is the common search term; rank RARE_RANK is the rare one.
HEAD = """
government migrants officials security president police report country people border
federal military troops percent money program budget agency election minister workers
state city million families children national public health ministry department war
economy billion army crisis policy court law deportation asylum cartel violence prices
deaths arrests refugees guard patrol immigration housing schools hospital vaccine water
energy oil gas climate drought flood wildfire emissions taxes tariffs trade exports imports
factory jobs unemployment wages inflation rent mortgage debt deficit spending cuts funding
grants contract company investors market shares profits losses bank loans credit pension
retirement students teachers universities tuition enrollment graduates doctors nurses
patients beds clinics insurance medicine drugs overdose fentanyl smuggling trafficking
weapons firearms shootings homicides prisons detention centers shelters camps caravan
crossing apprehensions removals visas permits citizenship census population survey poll
voters ballots turnout campaign candidates congress senate parliament legislature council
governor mayor judge prosecutors lawsuit ruling sentence investigation audit fraud
corruption bribes sanctions embassy diplomats treaty agreement summit negotiations talks
ceasefire strikes protest march demonstrators riot curfew emergency disaster earthquake
hurricane storm evacuations victims survivors casualties injuries missing rescue aid
donations charity volunteers nonprofit foundation church community neighborhood rural
urban farmers crops harvest food hunger poverty homeless income households consumers
retail sales tourism airlines flights airports ports shipping trucks railways roads
bridges construction infrastructure electricity blackout solar wind coal nuclear mining
lithium copper steel plastic waste recycling pollution forest deforestation species
ocean fishing coast island region province district municipality capital villages
borders checkpoints wall barrier fence surveillance drones cameras agents officers
soldiers navy marines veterans deployment operation mission raid seizure cocaine
heroin marijuana methamphetamine laboratory tunnel convoy extortion kidnapping
disappearances massacre graves forensic identification records database statistics
""".split()

COMMON_RANK, COMMON_TERM = 10, "border"
RARE_RANK, RARE_TERM = 12_400, "quokka"
TAIL_SIZE = 20_000


def _pseudo_words(count: int) -> list[str]:
    """Pronounceable made-up words for the long tail, fixed for every seed; no 'q', so none
    shares a stem with RARE_TERM."""
    onsets = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr"]
    onsets += ["gr", "kr", "pl", "st", "tr", "sk", "sl", "ch", "sh", "th"]
    vowels = ["a", "e", "i", "o", "u", "ai", "ou", "ei"]
    codas = ["", "n", "r", "l", "s", "m", "k", "nd", "rt", "st"]
    syllables = [o + v + c for o, v, c in itertools.product(onsets, vowels, codas)]
    endings = random.Random(1).sample(syllables, 12)
    words = sorted({a + b for a, b in itertools.product(syllables, endings)})
    random.Random(0).shuffle(words)
    head = set(HEAD)
    return [w for w in words if w not in head][:count]


def vocabulary() -> list[str]:
    words = HEAD + _pseudo_words(TAIL_SIZE)
    assert words[COMMON_RANK - 1] == COMMON_TERM
    words[RARE_RANK - 1] = RARE_TERM
    return words


OPENINGS = [
    "Officials said",
    "According to the ministry,",
    "The report found that",
    "She said",
    "He told reporters that",
    "Data released on Monday show",
    "The agency estimated that",
    "In a statement, the group said",
    "The governor claimed that",
    "Critics say",
    "Figures from the census put it at",
    "We have seen",
    "There were",
    "The audit counted",
    "Last year alone,",
    "By the end of the month,",
    "Independent monitors recorded",
    "The union says",
]

FIRST_NAMES = """
Ana Luis Maria Jose Carmen Juan Sofia Diego Lucia Carlos Elena Miguel Isabel Pedro Rosa
James Mary John Patricia Robert Jennifer Michael Linda David Susan William Karen Richard
Sarah Thomas Nancy Daniel Lisa Ahmed Fatima Omar Aisha Wei Mei Hiroshi Yuki Olga Ivan
Priya Ravi Amara Kwame Chidi Ngozi Lars Ingrid Pierre Amelie Giulia Marco Hans Greta
""".split()
LAST_NAMES = """
Garcia Martinez Lopez Hernandez Gonzalez Perez Sanchez Ramirez Torres Flores Rivera Gomez
Diaz Cruz Morales Reyes Gutierrez Ortiz Chavez Ruiz Smith Johnson Williams Brown Jones
Miller Davis Wilson Anderson Taylor Thomas Moore Jackson Martin Lee Thompson White Harris
Clark Lewis Walker Hall Allen Young King Wright Scott Green Baker Adams Nelson Hill Campbell
Mitchell Roberts Carter Phillips Evans Turner Okafor Mensah Nakamura Tanaka Chen Wang Singh
Patel Khan Ali Ivanova Petrov Novak Larsen Dubois Rossi Muller Schmidt Oropeza Obrador
""".split()

PLACES = """
Tijuana Juarez Reynoldsburg Nogales Laredo Matamoros Tapachula Chiapas Oaxaca Sonora
Chihuahua Texas Arizona California Florida Ohio Guatemala Honduras Salvador Panama Darien
Bogota Caracas Lima Quito Madrid Paris Berlin Rome Lagos Nairobi Cairo Delhi Manila Jakarta
""".split()
PUBLISHER_NOUNS = """
Herald Tribune Ledger Courier Gazette Post Times Chronicle Observer Monitor Dispatch Sentinel
Journal Review Examiner Inquirer Register Record Standard Bulletin Voice Report Wire Press
""".split()
ORG_KINDS = [
    "Ministry of the Interior",
    "Migration Institute",
    "Border Agency",
    "Chamber of Commerce",
    "Human Rights Commission",
    "Workers Union",
    "Statistics Office",
    "Health Service",
    "Police Department",
    "Legal Aid Society",
    "Policy Institute",
    "Refugee Council",
]
TITLES = ["Minister", "Senator", "Mayor", "Spokesperson", "Director", "Governor", "Professor"]

# (unit, currency, log10 of the smallest and largest figure, rate periods it is quoted per, weight)
UNITS = [
    ("people", "", 1, 7, (), 14),
    ("migrants", "", 2, 6, (), 8),
    ("troops", "", 2, 5.5, (), 6),
    ("National Guard troops", "", 2, 4.5, (), 3),
    ("deaths", "", 0, 5, ("year", "month", "week", "day"), 6),
    ("jobs", "", 2, 7, ("month", "year"), 6),
    ("households", "", 2, 7, (), 4),
    ("students", "", 1, 6.5, (), 4),
    ("percent", "", -1, 2, (), 12),
    ("USD", "USD", 2, 12, ("year", "month", "hour"), 10),
    ("EUR", "EUR", 2, 11, ("year", "month"), 4),
    ("GBP", "GBP", 2, 10, ("year", "week"), 2),
    ("MXN", "MXN", 3, 12, ("year", "day"), 2),
    ("tonnes", "", 1, 9, ("year",), 3),
    ("km", "", 0, 4, (), 2),
    ("years", "", 0, 2, (), 2),
    ("cases", "", 0, 6, ("week", "day", "year"), 4),
    ("arrests", "", 0, 5.5, ("month", "year", "day"), 3),
    ("homes", "", 1, 6, (), 2),
    ("barrels", "", 3, 8, ("day",), 2),
]
CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "MXN": "MX$"}

MEASURE_TOPICS = [
    "deployed to the southern border",
    "deported since December",
    "detained at the border",
    "killed in cartel violence",
    "employed in manufacturing",
    "spent on border enforcement",
    "waiting for asylum hearings",
    "displaced by floods",
    "without health insurance",
    "enrolled in public schools",
]

TAGS = """
immigration border economy health crime elections climate energy education housing
military budget trade labour covid-19 security drugs corruption environment agriculture
transport justice human-rights refugees deportation asylum cartels taxes inflation poverty
""".split()

LANGUAGES = [
    ("en", 62),
    ("es", 14),
    ("es-MX", 5),
    ("fr", 5),
    ("pt-BR", 4),
    ("de", 3),
    ("en-GB", 3),
    ("it", 2),
    ("ar", 1),
    ("zh-Hant", 1),
]
