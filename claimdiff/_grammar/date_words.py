"""The words of dates in each language, as one canonical English the date grammar reads.

Month and weekday names come from CLDR through babel (wide and abbreviated, format and
stand-alone forms), so no table of names is kept here. The grammar's own words ("early",
"between ... and", "since", seasons, "yesterday" ...) are kept per language below: they are
phrases, not names, and CLDR does not list them.

Each language translates a text phrase by phrase into the canonical words the grammar in
``_grammar.dates`` reads (``22 de julio de 2014`` -> ``22 of july of 2014``). Languages are kept
apart because one word means different things in two of them (``en`` is "in" in French and
"and" in Dutch); a text is read in the first language where every word is known and the
grammar accepts it. Tables are built once, on first use, and shared.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

import attrs

from .._model.text import fold

#: Languages with grammar words, in the order a text is tried.
LANGUAGES = ("en", "fr", "es", "pt", "de", "it", "nl")
#: Further CLDR locales whose month and weekday names are read with the English grammar
#: ("22 lipca 2014", "22 июля 2014 года"): names cost nothing to add, grammar words do.
NAME_ONLY = ("pl", "ru", "ca", "ro", "sv", "da", "nb", "cs", "tr", "id")

ENGLISH_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
ENGLISH_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

#: Phrases the grammar reads, per language: folded, unaccented phrase -> canonical words.
#: An empty translation drops a word that adds nothing ("года" in "22 июля 2014 года").
_GRAMMAR: dict[str, dict[str, str]] = {
    "en": {
        "sept": "september", "beginning of": "early", "the beginning of": "early",
        "start of": "early", "the start of": "early", "middle of": "mid",
        "the middle of": "mid", "end of": "late", "the end of": "late", "fall": "autumn",
        "c.": "circa", "ca.": "circa", "a.m.": "am", "p.m.": "pm", "an": "a", "one": "a",
        "the day before yesterday": "daybefore", "day before yesterday": "daybefore",
        "past": "last", "previous": "last", "in the morning of": "the morning of",
        "early morning": "morning", "late evening": "evening", "late at night": "",
    },
    "fr": {
        "le": "the", "la": "the", "l'": "the", "les": "the", "de": "of", "d'": "of",
        "du": "from", "des": "of", "au": "to", "a": "to", "et": "and", "ou": "or",
        "en": "in", "entre": "between", "entre le": "between", "courant": "during",
        "au cours de": "during", "pendant": "during", "debut": "early", "mi": "mid",
        "fin": "late", "printemps": "spring", "ete": "summer", "automne": "autumn",
        "hiver": "winter", "la nuit du": "the night of", "dans la nuit du": "the night of",
        "la nuit entre le": "the night between", "la nuit entre": "the night between",
        "nuit": "night", "avant": "before", "avant le": "before", "apres": "after",
        "apres le": "after", "depuis": "since", "depuis le": "since", "a partir du": "from",
        "a partir de": "from", "a compter du": "from", "a compter de": "from",
        "jusqu'au": "until", "jusqu' au": "until", "au plus tard le": "no later than",
        "au plus tard": "no later than", "vers": "around", "vers le": "around",
        "environ": "about", "aux alentours du": "around", "autour du": "around",
        "hier": "yesterday", "avant-hier": "daybefore", "aujourd' hui": "today",
        "demain": "tomorrow", "dernier": "last", "derniere": "last", "il y a": "ago",
        "jour": "days", "jours": "days", "semaine": "weeks", "semaines": "weeks",
        "un": "a", "une": "a", "mois": "month", "annee": "year", "an": "year",
        "minuit": "midnight", "midi": "noon", "aube": "dawn", "petit matin": "dawn",
        "matin": "morning", "matinee": "morning", "apres-midi": "afternoon",
        "soir": "evening", "soiree": "evening", "crepuscule": "dusk", "dans": "in",
        "heure locale": "local time", "heures": "h", "heure": "h", "premier": "1",
        "cette": "this", "ce": "this", "les annees": "the decade",
        "pas avant": "not before", "pas avant le": "not before", "pas apres": "not after",
        "pas apres le": "not after",
    },
    "es": {
        "el": "the", "la": "the", "los": "the", "de": "of", "del": "of", "al": "to",
        "a": "to", "y": "and", "o": "or", "en": "in", "entre": "between",
        "entre el": "between", "durante": "during", "principios de": "early",
        "a principios de": "early", "comienzos de": "early", "a comienzos de": "early",
        "mediados de": "mid", "a mediados de": "mid", "finales de": "late",
        "a finales de": "late", "fines de": "late", "a fines de": "late",
        "primavera": "spring", "verano": "summer", "otono": "autumn", "invierno": "winter",
        "la noche del": "the night of", "noche": "night", "antes de": "before",
        "antes del": "before", "despues de": "after", "despues del": "after",
        "desde": "since", "desde el": "since", "a partir de": "from", "a partir del": "from",
        "hasta": "until", "hasta el": "until", "a mas tardar": "no later than",
        "hacia": "around", "hacia el": "around", "alrededor de": "around",
        "alrededor del": "around", "cerca de": "about", "ayer": "yesterday",
        "anteayer": "daybefore", "antes de ayer": "daybefore", "antier": "daybefore",
        "hoy": "today", "manana": "tomorrow", "pasado": "last", "pasada": "last",
        "hace": "ago", "dia": "days", "dias": "days", "semana": "weeks", "semanas": "weeks",
        "un": "a", "una": "a", "mes": "month", "ano": "year", "este": "this", "esta": "this",
        "medianoche": "midnight", "mediodia": "noon", "amanecer": "dawn",
        "al amanecer": "at dawn", "madrugada": "early hours",
        "la madrugada del": "the early hours of",
        "por la manana": "in the morning", "la manana del": "the morning of",
        "por la tarde": "in the afternoon", "la tarde del": "the afternoon of",
        "por la noche": "in the evening", "a las": "at", "a la": "at", "hora local": "local time",
        "horas": "h", "primero": "1", "p. m.": "pm", "a. m.": "am", "p. m": "pm",
        "a. m": "am", "los anos": "the decade", "la decada de": "the decade",
        "no antes de": "not before", "no antes del": "not before",
        "no despues de": "not after", "no despues del": "not after",
    },
    "pt": {
        "o": "the", "a": "to", "os": "the", "de": "of", "do": "of", "da": "of",
        "ao": "to", "e": "and", "ou": "or", "em": "in", "no": "on", "na": "on",
        "entre": "between", "entre o": "between", "durante": "during",
        "inicio de": "early", "no inicio de": "early", "comeco de": "early",
        "no comeco de": "early", "principio de": "early", "meados de": "mid",
        "em meados de": "mid", "final de": "late", "no final de": "late", "fim de": "late",
        "no fim de": "late", "fins de": "late", "em fins de": "late",
        "primavera": "spring", "verao": "summer", "outono": "autumn", "inverno": "winter",
        "a noite de": "the night of", "noite": "night", "antes de": "before",
        "antes do": "before", "depois de": "after", "depois do": "after",
        "desde": "since", "desde o": "since", "a partir de": "from", "a partir do": "from",
        "ate": "until", "ate o": "until", "por volta de": "around", "por volta do": "around",
        "cerca de": "about", "ontem": "yesterday", "anteontem": "daybefore",
        "hoje": "today", "amanha": "tomorrow", "passado": "last", "passada": "last",
        "ultimo": "last", "ultima": "last", "ha": "ago", "atras": "ago", "dia": "days",
        "dias": "days", "semana": "weeks", "semanas": "weeks", "um": "a", "uma": "a",
        "mes": "month", "ano": "year", "este": "this", "esta": "this",
        "meia-noite": "midnight", "meio-dia": "noon", "madrugada": "early hours",
        "amanhecer": "dawn", "ao amanhecer": "at dawn", "manha": "morning",
        "de manha": "in the morning", "tarde": "afternoon", "as": "at",
        "hora local": "local time", "horas": "h", "os anos": "the decade",
        "a decada de": "the decade", "a noite": "in the evening", "de noite": "in the evening",
        "de madrugada": "in the early hours", "a tarde": "in the afternoon",
        "de tarde": "in the afternoon", "nao antes de": "not before", "nao antes do": "not before",
        "nao depois de": "not after", "nao depois do": "not after",
    },
    "de": {
        "am": "on", "im": "in", "vom": "from", "von": "from", "bis": "to",
        "bis zum": "until", "zum": "to", "bis am": "until", "zwischen": "between", "dem": "the",
        "der": "the", "den": "the", "des": "the", "und": "and", "oder": "or", "in": "in",
        "anfang": "early", "mitte": "mid", "ende": "late", "fruhjahr": "spring",
        "fruhling": "spring", "sommer": "summer", "herbst": "autumn", "winter": "winter",
        "in der nacht zum": "the night before", "in der nacht vom": "the night of",
        "nacht": "night", "vor": "before", "vor dem": "before", "nach": "after",
        "nach dem": "after", "seit": "since", "seit dem": "since", "ab": "from",
        "ab dem": "from", "spatestens": "no later than", "spatestens am": "no later than",
        "gegen": "around", "um den": "around", "etwa": "about", "ungefahr": "about",
        "ca.": "circa", "zirka": "circa", "circa": "circa", "gestern": "yesterday",
        "vorgestern": "daybefore", "heute": "today", "morgen": "tomorrow",
        "letzten": "last", "letzter": "last", "vergangenen": "last", "vergangener": "last",
        "tag": "days", "tagen": "days", "tage": "days", "woche": "weeks", "wochen": "weeks",
        "einer": "a", "einem": "a", "eine": "a", "ein": "a", "monat": "month", "jahr": "year",
        "diesen": "this", "dieses": "this", "mitternacht": "midnight", "mittag": "noon",
        "morgengrauen": "dawn", "tagesanbruch": "dawn", "am morgen": "in the morning",
        "morgens": "in the morning", "am nachmittag": "in the afternoon",
        "nachmittags": "in the afternoon", "am abend": "in the evening",
        "abends": "in the evening", "um": "at", "ortszeit": "local time", "uhr": "h",
        "jahres": "", "jahre": "", "jahren": "", "nicht vor": "not before",
        "nicht vor dem": "not before", "nicht nach": "not after", "nicht nach dem": "not after",
        "im jahr": "in", "im jahre": "in", "fruh": "morning", "die": "the",
        "abend": "evening", "nachmittag": "afternoon", "vormittag": "morning",
        "in der fruh": "in the morning",
    },
    "it": {
        "il": "the", "lo": "the", "la": "the", "l'": "the", "di": "of", "del": "of",
        "dell'": "of", "dal": "from", "dall'": "from", "da": "from", "al": "to",
        "all'": "to", "a": "in", "e": "and", "o": "or", "in": "in", "nel": "in",
        "nell'": "in", "tra": "between", "tra il": "between", "fra": "between",
        "fra il": "between", "durante": "during", "inizio": "early", "all' inizio di": "early",
        "agli inizi di": "early", "inizi di": "early", "ai primi di": "early",
        "meta": "mid", "a meta": "mid", "fine": "late", "alla fine di": "late",
        "a fine": "late", "primavera": "spring", "estate": "summer", "autunno": "autumn",
        "inverno": "winter", "la notte tra": "the night between", "la notte del": "the night of",
        "notte": "night", "prima del": "before", "prima di": "before", "prima dell'": "before",
        "dopo il": "after", "dopo": "after", "dopo l'": "after", "entro": "by",
        "entro il": "by", "entro l'": "by", "verso": "around", "verso il": "around",
        "intorno al": "around", "circa": "circa", "ieri": "yesterday",
        "l' altro ieri": "daybefore", "altroieri": "daybefore", "avantieri": "daybefore",
        "oggi": "today", "domani": "tomorrow", "scorso": "last", "scorsa": "last",
        "fa": "ago", "giorno": "days", "giorni": "days", "settimana": "weeks",
        "settimane": "weeks", "un": "a", "una": "a", "mese": "month", "anno": "year",
        "quest' anno": "this year", "mezzanotte": "midnight", "mezzogiorno": "noon",
        "alba": "dawn", "all' alba": "at dawn", "mattina": "morning", "mattino": "morning",
        "pomeriggio": "afternoon", "sera": "evening", "alle": "at", "alle ore": "at",
        "ore": "h", "ora locale": "local time", "gli anni": "the decade",
        "negli anni": "in the decade", "non prima del": "not before",
        "non prima di": "not before", "non dopo il": "not after",
    },
    "nl": {
        "op": "on", "in": "in", "van": "from", "tot": "to", "tot en met": "to",
        "t/m": "to", "tussen": "between", "en": "and", "of": "or", "de": "the", "het": "the",
        "begin": "early", "half": "mid", "medio": "mid", "midden": "mid", "eind": "late",
        "einde": "late", "eind van": "late", "lente": "spring", "voorjaar": "spring",
        "zomer": "summer", "herfst": "autumn", "najaar": "autumn", "winter": "winter",
        "de nacht van": "the night of", "in de nacht van": "the night of", "nacht": "night",
        "voor": "before", "na": "after",
        "sinds": "since", "vanaf": "from", "uiterlijk": "no later than",
        "rond": "around", "omstreeks": "around", "ongeveer": "about", "circa": "circa",
        "gisteren": "yesterday", "eergisteren": "daybefore", "vandaag": "today",
        "morgen": "tomorrow", "vorige": "last", "afgelopen": "last", "jongstleden": "last",
        "geleden": "ago", "dag": "days", "dagen": "days", "week": "weeks", "weken": "weeks",
        "een": "a", "maand": "month", "jaar": "year", "dit": "this", "deze": "this",
        "middernacht": "midnight", "middag": "noon", "dageraad": "dawn",
        "ochtend": "morning", "'s ochtends": "in the morning", "'s avonds": "in the evening",
        "avond": "evening", "om": "at", "uur": "h", "lokale tijd": "local time",
        "gisteravond": "yesterday evening", "gisterochtend": "yesterday morning",
        "gistermiddag": "yesterday afternoon", "gisternacht": "yesterday night",
        "de jaren": "the decade", "in de jaren": "in the decade", "niet voor": "not before",
        "niet na": "not after",
    },
    "pl": {"r.": "", "r": "", "roku": "", "w": "in", "dnia": "the"},
    "ca": {"de": "of", "del": "of", "d'": "of", "el": "the", "l'": "the"},
    "ro": {"la": "on", "pe": "on", "in": "in"},
    "cs": {"dne": "on", "v": "in"},
    "da": {"den": "the"},
    "nb": {"den": "the"},
    "sv": {"den": "the"},
    # Russian for "y." and "of the year" (twice), and "in"; escaped: the linter flags Cyrillic.
    "ru": {
        "\u0433.": "", "\u0433": "", "\u0433\u043e\u0434\u0430": "", "\u0433\u043e\u0434\u0443": "",
        "\u0432": "in",
    },
}  # fmt: skip


def unaccent(text: str) -> str:
    """``text`` without combining accents ("fevrier", "marz", "sabado")."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def normalize(text: str) -> str:
    """Fold ``text`` as the date grammar reads it: case, spaces, dashes, accents, and elided
    articles split off ("d'octobre" -> "d' octobre", "l'11" -> "l' 11")."""
    s = unaccent(fold(text))
    return re.sub(r"\b([a-z]+')(?=[a-z0-9])", r"\1 ", s)


@attrs.frozen
class Lexicon:
    """One language's phrases and the canonical words they become."""

    language: str
    phrases: dict[str, str]
    pattern: re.Pattern[str]

    def translate(self, s: str) -> str:
        """``s`` (already normalized) with every known phrase replaced by its canonical words."""
        out = self.pattern.sub(lambda m: self.phrases[m.group()], s)
        return re.sub(r"\s+", " ", out).strip()


def _names(locale: str) -> dict[str, str]:
    """Month and weekday names of ``locale`` from CLDR, each mapped to the English name.

    A name that is both a month and a weekday in one locale (Spanish "mar": marzo and
    martes) maps to itself, which no rule reads: left unread rather than read one way by
    chance (and not as another language's name).
    """
    from babel.dates import get_day_names, get_month_names  # only once a date is read

    found: dict[str, set[str]] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for n, name in get_month_names(width, context, locale).items():
                _add(found, name, ENGLISH_MONTHS[n - 1])
            for n, name in get_day_names(width, context, locale).items():
                _add(found, name, ENGLISH_WEEKDAYS[n])
    return {name: next(iter(words)) if len(words) == 1 else name for name, words in found.items()}


def _add(found: dict[str, set[str]], name: str, english: str) -> None:
    for form in {name, name.rstrip(".")}:
        key = normalize(form)
        if key:
            found.setdefault(key, set()).add(english)
        # Portuguese weekdays are written with and without "-feira" ("segunda-feira").
        if key.endswith("-feira"):
            found.setdefault(key.removesuffix("-feira"), set()).add(english)


def _german_compounds() -> dict[str, str]:
    """German writes a weekday and its time as one word: "Samstagabend", "Sonntagmorgen"."""
    from babel.dates import get_day_names

    times = ("morgen", "vormittag", "mittag", "nachmittag", "abend", "nacht", "fruh")
    days = get_day_names("wide", "format", "de").items()
    return {normalize(day) + t: f"{ENGLISH_WEEKDAYS[n]} morning" for n, day in days for t in times}


@functools.cache
def _english_months() -> dict[str, str]:
    return {k: v for k, v in _names("en").items() if v in ENGLISH_MONTHS}


def lexicons() -> Iterator[Lexicon]:
    """Every language's lexicon, grammar languages first; each is built on first use, so
    English text never loads another language's data."""
    return (lexicon(language) for language in LANGUAGES + NAME_ONLY)


@functools.cache
def lexicon(language: str) -> Lexicon:
    """One language's lexicon, built once."""
    # English month names are read in every grammar language, as sources mix them in
    # ("fin feb 2014"); the language's own names and words come first.
    english = _english_months() if language in LANGUAGES else {}
    phrases = {**english, **_names(language)}
    if language == "de":
        phrases.update(_german_compounds())
    for phrase, canonical in _GRAMMAR.get(language, {}).items():
        phrases[normalize(phrase)] = canonical
    words = sorted(phrases, key=len, reverse=True)
    alternation = "|".join(map(re.escape, words))
    # A phrase is a whole word: not inside a longer word, a number or an abbreviation.
    pattern = re.compile(rf"(?<![\w'.])(?:{alternation})(?![\w'])")
    return Lexicon(language, phrases, pattern)
