"""Word lists the extractor reads: countries and demonyms, actors, claimants, weapons, events.

Kept as data, apart from the matching code, so that a new conflict needs rows here rather
than new code. Country names and demonyms are standard English usage; leader names are the
office-holders at the time of the events in our test corpus (public knowledge).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "CLAIMANT_INSTITUTIONS",
    "COUNTRIES",
    "EVENT_PATTERNS",
    "LEADERS",
    "SPEAKER_NAMES",
    "WEAPONS",
    "Country",
    "country_by_word",
]


@dataclass(frozen=True)
class Country:
    """A country (or a de-facto entity) as reports name it."""

    iso2: str
    name: str
    words: tuple[str, ...]  # names and demonyms, as written ("Azerbaijan", "Azerbaijani", "Azeri")


# iso2, English short name, other names and demonyms.
_COUNTRY_ROWS: tuple[tuple[str, str, str], ...] = (
    ("AM", "Armenia", "Armenian|Armenians|Republic of Armenia|Yerevan's"),
    (
        "AZ",
        "Azerbaijan",
        "Azerbaijani|Azerbaijanis|Azeri|Azeris|Azerbaijani's|Republic of Azerbaijan",
    ),
    ("KG", "Kyrgyzstan", "Kyrgyz|Kirghiz|Kyrgyzstani|Kyrgyz Republic"),
    ("TJ", "Tajikistan", "Tajik|Tajiks|Tajikistani"),
    ("IN", "India", "Indian|Indians|BSF|ITBP|SSB|Sashastra Seema Bal"),
    ("CN", "China", "Chinese|PRC|People's Republic of China|PLA|People's Liberation Army"),
    ("TH", "Thailand", "Thai|Thais"),
    ("KH", "Cambodia", "Cambodian|Cambodians|Khmer"),
    ("RU", "Russia", "Russian|Russians|Russian Federation"),
    ("TR", "Turkey", "Turkish|Türkiye|Turks"),
    ("IR", "Iran", "Iranian|Iranians"),
    ("GE", "Georgia", "Georgian|Georgians"),
    ("PK", "Pakistan", "Pakistani|Pakistanis"),
    ("AF", "Afghanistan", "Afghan|Afghans"),
    ("UZ", "Uzbekistan", "Uzbek|Uzbeks"),
    ("KZ", "Kazakhstan", "Kazakh|Kazakhs"),
    ("US", "United States", "American|Americans|U.S.|US|USA|United States of America"),
    ("FR", "France", "French"),
    ("GB", "United Kingdom", "British|UK|Britain"),
    ("DE", "Germany", "German"),
    ("IL", "Israel", "Israeli|Israelis|IDF"),
    ("LB", "Lebanon", "Lebanese"),
    ("SY", "Syria", "Syrian|Syrians"),
    ("IQ", "Iraq", "Iraqi|Iraqis"),
    ("UA", "Ukraine", "Ukrainian|Ukrainians"),
    ("BY", "Belarus", "Belarusian"),
    ("ET", "Ethiopia", "Ethiopian|Ethiopians"),
    ("ER", "Eritrea", "Eritrean|Eritreans"),
    ("SD", "Sudan", "Sudanese"),
    ("SS", "South Sudan", "South Sudanese|SPLA"),
    ("KP", "North Korea", "North Korean|North Koreans|DPRK|Korean People's Army|KPA"),
    ("KR", "South Korea", "South Korean|South Koreans"),
    ("VN", "Vietnam", "Vietnamese"),
    ("MY", "Malaysia", "Malaysian|Malaysians"),
    ("ID", "Indonesia", "Indonesian|Indonesians"),
    ("LA", "Laos", "Lao|Laotian"),
    ("MM", "Myanmar", "Burmese|Burma"),
    ("BD", "Bangladesh", "Bangladeshi|Bangladeshis|BDR|BGB"),
    # the Armed Police Force guards Nepal's side of the open border with India
    ("NP", "Nepal", "Nepali|Nepalese|APF"),
    ("BT", "Bhutan", "Bhutanese"),
    ("VE", "Venezuela", "Venezuelan|Venezuelans"),
    ("CO", "Colombia", "Colombian|Colombians"),
    ("PE", "Peru", "Peruvian|Peruvians"),
    ("EC", "Ecuador", "Ecuadorian|Ecuadorians"),
    ("RS", "Serbia", "Serbian|Serbs"),
    ("XK", "Kosovo", "Kosovar|Kosovan"),
    ("EG", "Egypt", "Egyptian|Egyptians"),
    ("SO", "Somalia", "Somali|Somalis"),
    ("KE", "Kenya", "Kenyan|Kenyans"),
    ("CD", "DR Congo", "Congolese|Democratic Republic of the Congo|DRC|FARDC"),
    ("RW", "Rwanda", "Rwandan|Rwandans"),
    ("DJ", "Djibouti", "Djiboutian|Djiboutians"),
)

COUNTRIES: dict[str, Country] = {
    iso2: Country(iso2, name, (name, *words.split("|"))) for iso2, name, words in _COUNTRY_ROWS
}

# The de-facto Nagorno-Karabakh authorities and army are their own actor in reports.
KARABAKH = "NK"
KARABAKH_WORDS: tuple[str, ...] = ("Nagorno-Karabakh", "Karabakh", "Artsakh")
KARABAKH_ARMY = "Nagorno-Karabakh Defence Army"

_WORD_TO_ISO: dict[str, str] = {w.lower(): c.iso2 for c in COUNTRIES.values() for w in c.words} | {
    w.lower(): KARABAKH for w in KARABAKH_WORDS
}


@lru_cache(maxsize=1 << 14)
def country_by_word(word: str) -> str | None:
    """Return the ISO2 code (or ``"NK"`` for Nagorno-Karabakh) a name or demonym stands for.

    >>> country_by_word("Azeri"), country_by_word("Armenia’s"), country_by_word("Goris")
    ('AZ', 'AM', None)
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    return _WORD_TO_ISO.get(w)


def country_name(code: str) -> str:
    """English name of a country code (or "Nagorno-Karabakh")."""
    return "Nagorno-Karabakh" if code == KARABAKH else COUNTRIES[code].name


def military_actor(code: str) -> str:
    """The normalised armed actor of a country: ``"Military Forces of Armenia"``."""
    return KARABAKH_ARMY if code == KARABAKH else f"Military Forces of {country_name(code)}"


def civilian_actor(code: str | None) -> str:
    """The normalised civilian actor: ``"Civilians (Armenia)"``."""
    return f"Civilians ({country_name(code)})" if code else "Civilians"


def _alt(*parts: str) -> str:
    return "|".join(parts)


# Institution patterns (regex, lower-case text) -> normalised institution name.
CLAIMANT_INSTITUTIONS: tuple[tuple[str, str], ...] = (
    (
        _alt(r"defen[cs]e minist(?:ry|er)", r"minist(?:ry|er) of defen[cs]e"),
        "Ministry of Defence",
    ),
    (
        _alt(
            r"foreign minist(?:ry|er)",
            "ministry of foreign affairs",
            "foreign affairs ministry",
            "foreign office",
        ),
        "Ministry of Foreign Affairs",
    ),
    (
        _alt(
            "interior ministry",
            r"ministry of (?:the )?interior",
            "ministry of internal affairs",
            r"home (?:ministry|minister|secretary)",
            "ministry of home affairs",
        ),
        "Ministry of Interior",
    ),
    ("security council", "Security Council"),
    (
        _alt(
            r"(?:state )?border (?:guard )?service",
            r"border guards?",
            "border troops",
            "border police",
            "frontier service",
            "border forces",
            # the forces' own names and acronyms (their countries: COUNTRIES' words)
            "border security force",
            r"bangladesh rifles",
            r"bsf|bdr|bgb|itbp|ssb|apf",
            "sashastra seema bal",
            "armed police force",
        ),
        "Border Service",
    ),
    (_alt("prime minister", "premier", r"\bpm\b"), "Prime Minister"),
    (r"president(?:ial (?:office|administration))?", "President"),
    (_alt(r"health ministry", r"ministry of (?:public )?health"), "Ministry of Health"),
    (
        _alt(
            "authorities",
            r"prosecutors?(?: general)?(?:['’]s office)?",
            "police",
            r"(?:deputy )?governor",
            r"(?:county |district )?commissioner",
            "mayor",
        ),
        "Authorities",
    ),
    (
        _alt(
            "government",
            "cabinet",
            "officials",
            r"information minist(?:ry|er)",
            "ministry of information",
        ),
        "Government",
    ),
    (
        _alt(
            "army",
            "armed forces",
            "military",
            r"defen[cs]e (?:army|forces?)",
            "troops",
            r"(?:general |supreme |high |joint )?command",
            r"(?:field )?commanders",
            "general staff",
            "joint chiefs of staff",
            r"\bjcs\b",
            r"idf|pla|fardc|spla|kpa",
            "people's liberation army",
            "ispr",
            "inter-services public relations",
            # "Lieutenant General Lee Hong-ki said": an officer of general's rank speaks for
            # the army
            r"(?:lieutenant|major|brigadier)[- ]general",
        ),
        "Military Forces",
    ),
)

# Leaders named without their office in follow-up sentences: surname -> (country, institution).
LEADERS: dict[str, tuple[str, str]] = {
    "pashinyan": ("AM", "Prime Minister"),
    "aliyev": ("AZ", "President"),
    "japarov": ("KG", "President"),
    "rahmon": ("TJ", "President"),
    "modi": ("IN", "Prime Minister"),
    "rajnath singh": ("IN", "Ministry of Defence"),
    "wang yi": ("CN", "Ministry of Foreign Affairs"),
    "jaishankar": ("IN", "Ministry of Foreign Affairs"),
    "mirzoyan": ("AM", "Ministry of Foreign Affairs"),
    "bayramov": ("AZ", "Ministry of Foreign Affairs"),
    "hikmet hajiyev": ("AZ", "President"),
    "hun manet": ("KH", "Prime Minister"),
    "hun sen": ("KH", "Prime Minister"),
    "phumtham": ("TH", "Prime Minister"),
    "paetongtarn": ("TH", "Prime Minister"),
    "abhisit": ("TH", "Prime Minister"),
    # leaders of earlier clashes and of the other borders (in office at the time)
    "sargsyan": ("AM", "President"),
    "kocharyan": ("AM", "President"),
    "jeenbekov": ("KG", "President"),
    "atambayev": ("KG", "President"),
    "imran khan": ("PK", "Prime Minister"),
    "shehbaz sharif": ("PK", "Prime Minister"),
    "nawaz sharif": ("PK", "Prime Minister"),
    "xi jinping": ("CN", "President"),
    "raisi": ("IR", "President"),
    "erdogan": ("TR", "President"),
    "erdoğan": ("TR", "President"),
    "pezeshkian": ("IR", "President"),
    "abiy ahmed": ("ET", "Prime Minister"),
    "burhan": ("SD", "Military Forces"),
    "yoon suk yeol": ("KR", "President"),
    "moon jae-in": ("KR", "President"),
    "lee myung-bak": ("KR", "President"),
    "kim jong un": ("KP", "Government"),
}

# Names that stand for a government when they speak ("Baku said", "Yerevan denied", "the
# Taliban government's spokesman"): capitals of the countries above, and the Taliban, who
# have governed Afghanistan since 2021 (ACLED: Military Forces of Afghanistan (2021-)).
SPEAKER_NAMES: dict[str, str] = {
    "Yerevan": "AM", "Baku": "AZ", "Bishkek": "KG", "Dushanbe": "TJ", "New Delhi": "IN",
    "Beijing": "CN", "Bangkok": "TH", "Phnom Penh": "KH", "Islamabad": "PK", "Kabul": "AF",
    "Taliban": "AF", "Tehran": "IR", "Khartoum": "SD", "Addis Ababa": "ET", "Moscow": "RU",
    "Ankara": "TR", "Tbilisi": "GE", "Juba": "SS", "Kinshasa": "CD", "Kigali": "RW",
    "Seoul": "KR", "Pyongyang": "KP", "Lima": "PE", "Quito": "EC", "Asmara": "ER",
    "Jerusalem": "IL", "Beirut": "LB", "Damascus": "SY", "Cairo": "EG", "Dhaka": "BD",
}  # fmt: skip

# Weapon phrases (regex over lower-case text) -> normalised name. Order matters: the longer,
# more specific phrase comes first and its span is consumed before shorter ones are tried.
WEAPONS: tuple[tuple[str, str], ...] = (
    (r"trench mortars?", "trench mortars"),
    (r"large[- ]calib(?:re|er) (?:firearms|weapons|guns)", "large-calibre firearms"),
    (
        r"(?:weapons|firearms|arms) of (?:various|different|all) calib(?:re|er)s?",
        "weapons of various calibres",
    ),
    (
        r"multiple[- ]rocket launchers?|mlrs|grad rockets?|bm-21s?|rocket launchers?",
        "multiple rocket launchers",
    ),
    (r"small[- ]arms", "small arms"),
    (r"sniper rifles?|sniper fire|snipers", "sniper rifles"),
    (r"machine[- ]guns?", "machine guns"),
    (r"fighter jets?|warplanes?|fighter aircraft|f-16s?|combat aircraft", "fighter jets"),
    (r"drones?|uavs?|unmanned aerial vehicles?|bayraktars?|loitering munitions?", "drones"),
    (r"artillery|howitzers?", "artillery"),
    (r"mortars?", "mortars"),
    (r"missiles?", "missiles"),
    (r"rockets?", "rockets"),
    (r"tanks?", "tanks"),
    (
        r"armou?red vehicles?|armou?red personnel carriers?|apcs?|infantry fighting vehicles?",
        "armoured vehicles",
    ),
    (
        r"anti-(?:tank|personnel) mines?|(?:a|an|the) mine\b|land ?mines?|(?<!\w)mines(?!\w)"
        r"|explosive devices?|ieds?",
        "mines",
    ),
    (r"grenades?", "grenades"),
    (r"firearms|gunfire|small-arms fire|automatic weapons|rifles", "firearms"),
    (r"clubs?(?: studded| wrapped)?|sticks|batons|iron rods|rods", "clubs"),
    (r"stones|rocks", "stones"),
)

# Event kinds: (kind, regex). The extractor scores a report's evidence with these.
EVENT_PATTERNS: dict[str, str] = {
    "shelling": _alt(
        r"shell(?:ing|ed|s)\b",
        r"artillery (?:fire|strikes?|attacks?|barrage|rounds|shells)",
        r"mortar (?:fire|attacks?)",
        r"rocket (?:fire|attacks?)",
        r"bombard\w*",
        r"pound(?:ed|ing)",
        "barrage",
        r"missile (?:strikes?|attacks?)",
        r"fired (?:artillery|rockets|mortars|(?:[\w-]+ )?(?:multiple )?rocket launchers)",
        r"(?:artillery|shells?|rockets?|mortars?|missiles?) (?:had |have |has )?"
        r"(?:hit|struck|landed|fell|pounded|rained)",
        r"fired [^.;]{0,40}?\b(?:artillery|mortars?|rockets?|shells)\b",
        # "A mortar shell fired from Syria struck an open area"
        r"(?:shells?|rockets?|mortars?|missiles?|rounds) (?:fired|launched) from\b",
        r"fired (?:about |some |around |more than |over |nearly )?(?:[\d,]+ |[a-z]+ )?"
        r"(?:artillery |mortar )?(?:rounds?|shells?)",
        # "the Indian missiles and firing across the Line of Control had killed 26"
        r"(?:artillery|shells?|rockets?|mortars?|missiles?)\b(?:(?!\b(?:said|says|told)\b)[^.;,])"
        r"{0,60}?\b(?<!\band )(?:had |have |has )?(?:killed|wounded|injured)",
    ),
    "air": _alt(
        r"drone (?:strikes?|attacks?)",
        r"air ?strikes?",
        r"air raids?",
        # "carried out military strikes on what it called hideouts": from the air, as a rule
        r"(?:military|precision|retaliatory|cross-border) strikes?",
        r"aerial (?:strikes?|bombing)",
        "bombed",
        # "accused Sudan of bombing the area", "planes had been dropping bombs on his county"
        r"bombing\b(?! (?:of )?(?:a |the )?(?:bus|market|mosque|church|hotel|embassy))",
        r"dropp(?:ed|ing) bombs",
        "struck by drones",
        r"drones? (?:had |has |have )?(?:struck|hit|attacked|bombed|targeted)",
        r"strikes? (?:by|from|with) (?:[\w-]+ ){0,3}drones?",
        r"strikes? (?:were |was )?carried out (?:by|with) (?:[\w-]+ ){0,3}drones?",
        r"jets? (?:struck|bombed)",
        # shooting down aircraft and drones: a fight in the air (its own aircraft "had been
        # shot down" tells the speaker's losses in a ground fight: see "clash")
        r"(?<!been )(?<!was )(?<!were )(?:shot|brought|shooting|bringing) down (?:[\w-]+ ){0,3}?"
        r"(?:drones?|helicopters?|jets?|planes?|aircraft|uavs?|warplanes?|f-16s?)",
        r"(?<!been )(?<!was )(?<!were )(?:shot|brought) (?:both|them|it|one|two) down",
        # "its air force struck targets", "used its air force to target installations"
        r"air force\b[^.;]{0,40}?\b(?:to )?(?:target|strike|attack|bomb)\w*",
        r"(?:f-16s?|fighter jets?|warplanes?|aircraft|gunships?|air force)\b[^.;]{0,60}?"
        r"\b(?:struck|bombed|hit|attacked|pounded|pounding)",
    ),
    "explosive": _alt(
        r"mine (?:blast|explosion)",
        r"(?:hit|struck|ran over|drove over) an? (?:anti-tank |anti-personnel |land)?mine",
        r"(?:roadside )?bomb",
        "landmine",
        r"stepped on a (?:land)?mine",
        "explosive device",
        r"\bied\b",
        "mine exploded",
    ),
    "clash": _alt(
        r"clash\w*",
        "fighting",
        "fought",
        r"battles?\b",
        r"exchange[sd]? (?:of )?(?:gun)?fire",
        r"trad(?:ed|ing|es?) (?:heavy |small-arms |sporadic )?(?:gun)?fire",
        r"gunfights?",
        r"firefights?",
        # "attack drones" and "attack helicopters" are weapons, not fighting
        r"attack\w*\b(?! (?:drones?|helicopters?|aircraft|jets?|planes?|uavs?)\b)",
        r"assault\w*",
        r"provocation\w*",
        "subversive",
        "break through",
        "broke through",
        r"incursion\w*",
        r"infiltrat\w*",
        r"open(?:ed|s|ing)? (?:[a-z-]+ ){0,2}?fire",
        r"fired (?:at|on|upon)",
        # "it was the South's warships that fired first": each side blames the other
        r"(?:fired|shot) first",
        # "bullets fired from the North struck a guard post; its troops fired back"
        r"gunfire",
        r"(?:fired|shot) back",
        r"return(?:ed|ing)? (?:the )?fire",
        r"(?:bullets|rounds|shots) (?:were )?(?:fired|came) from",
        # "had tried to break into Azerbaijani military positions", "tried to cross into
        # Armenian territory and had been neutralised": an intrusion, and its end
        r"(?:tried|attempted|trying|attempting) to (?:cross|break|push|infiltrate|penetrate"
        r"|sneak)(?: [a-z]+)? (?:in)?to\b",
        r"(?:been|was|were) neutrali[sz]ed",
        r"sabotage (?:group|unit|squad)",
        r"c[ao]me under (?:[\w-]+ ){0,2}fire",
        r"(?:been|was|were) (?:shot|brought) down",
        # "one of its soldiers was shot as he drove along the border"
        r"(?:been|was|were) shot\b(?! (?:down|at dawn))",
        r"skirmish\w*",
        # "spotted Pakistani soldiers moving towards Indian posts ... and engaged them"
        r"engag(?:ed|ing) (?:them|it|the (?:\w+ )?(?:intruders|infiltrators|enemy|attackers"
        r"|raiders|target))",
        # a raid "destroyed three camps" on the other side
        r"destroy(?:ed|ing) (?:\w+ ){0,2}?(?:camps|posts|positions|bunkers|bases)\b",
        r"ambush(?:ed|es)?\b",
        "hand-to-hand",
        r"brawl\w*",
        # "soldiers threw stones at each other": no firearms on some borders, still a clash
        # between armies (protesters stoning police are not)
        r"(?:soldiers|troops|guards|patrols|sides) (?:\w+ ){0,2}?(?:threw|hurled|pelted) "
        r"(?:stones|rocks)",
        r"scuffle\w*",
        "face-?off",
        "offensive",
        "hostilities",
        r"retaliat\w*",
        "shootout",
        "shooting",
        "firing",
        r"seiz(?:e|ed|ing) (?:an? |the )?(?:\w+ )?(?:positions?|posts?|heights?)",
        "driven back",
        r"(?:tried|attempted|trying|attempting) to storm",
        r"repel(?:led|s)?",
        r"repuls(?:ed|e)",
        r"(?:cross(?:ed|ing)?|violat(?:ed|ing)) the (?:state )?border",
    ),
    "arrest": _alt(
        r"detain\w*",
        r"captur\w*",
        "taken prisoner",
        "taken captive",
        r"abduct\w*",
        "taken into custody",
        r"prisoners? of war",
    ),
    # killing people already held: ACLED's violence against civilians, not a battle
    "execution": _alt(
        r"executed (?:\w+ ){0,3}?(?:soldiers?|servicem[ae]n|civilians?|prisoners?|captives?"
        r"|detainees?|men|people|troops)",
        r"(?:summary |extrajudicial )?executions? of",
        r"summarily executed",
    ),
}

_COMPILED_CACHE: dict[str, re.Pattern[str]] = {}


def compiled(pattern: str) -> re.Pattern[str]:
    """Compile (once) a word-bounded, case-insensitive version of a lexicon pattern."""
    rx = _COMPILED_CACHE.get(pattern)
    if rx is None:
        rx = re.compile(rf"(?<![\w-])(?:{pattern})(?![\w])", re.IGNORECASE)
        _COMPILED_CACHE[pattern] = rx
    return rx


def actor_country(actor: str | None) -> str | None:
    """The country code of a normalised actor ("Military Forces of Armenia" -> "AM";
    the Nagorno-Karabakh Defence Army -> "NK")."""
    if not actor:
        return None
    if actor == KARABAKH_ARMY:
        return KARABAKH
    for prefix in ("Military Forces of ", "Civilians (", ""):
        if actor.startswith(prefix):
            name = actor[len(prefix) :].rstrip(")")
            for c in COUNTRIES.values():
                if c.name == name:
                    return c.iso2
    return None
