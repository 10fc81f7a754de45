"""The words a buyer may search the catalog by, in every language the site speaks.

Firms type their products and certificates in one language ("steel towers", "ISO 14001");
a buyer searches in theirs ("acero", "Stahl", "Umweltmanagement"). The catalog's search
document therefore carries, beside the words as typed, every language's name of each
concept they mention (materials, products, management-system certificates), of the
countries the consortium delivered to (from CLDR, through Babel) and of its sector and
stages (from the site's own message catalogs). Text is folded before it is indexed or
searched: case and accents never matter, so no database extension is needed for them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pycountry
from babel import Locale
from babel.support import NullTranslations, Translations

LANGUAGES = ("en", "es", "fr", "de")
# The site's catalogs: marketplace reads the files, it never imports the web layer.
CATALOGS = Path(__file__).resolve().parents[2] / "web" / "translations"
# The value-chain stages by the msgids the web layer shows them with (a test keeps them equal).
STAGE_MSGIDS = {"design": "Design", "engineering": "Engineering",
                "manufacturing": "Manufacturing", "logistics": "Logistics and shipping",
                "installation": "Installation", "maintenance": "Maintenance"}

# Each concept by its names, all languages together: a name found in a firm's text brings
# every other name into the search document. Folded, as the index keeps text.
CONCEPTS: tuple[tuple[str, ...], ...] = (
    ("steel", "acero", "acier", "stahl"),
    ("stainless steel", "acero inoxidable", "acier inoxydable", "edelstahl", "inox"),
    ("aluminium", "aluminum", "aluminio"),
    ("copper", "cobre", "cuivre", "kupfer"),
    ("cast iron", "iron", "hierro", "fundicion", "fonte", "fer", "eisen", "gusseisen"),
    ("titanium", "titanio", "titane", "titan"),
    ("wood", "timber", "madera", "bois", "holz"),
    ("concrete", "hormigon", "beton"),
    ("glass", "vidrio", "verre", "glas"),
    ("plastic", "plastico", "plastique", "kunststoff"),
    ("composite", "materiaux composites", "verbundwerkstoff"),
    ("fibreglass", "fiberglass", "fibra de vidrio", "fibre de verre", "glasfaser"),
    ("rubber", "caucho", "caoutchouc", "gummi"),
    ("cable", "kabel"),
    ("pipe", "tube", "tuberia", "tubo", "tuyau", "rohr"),
    ("valve", "valvula", "vanne", "ventil"),
    ("tower", "torre", "tour", "turm"),
    ("blade", "pala", "pale", "rotorblatt"),
    ("turbine", "turbina"),
    ("wind", "eolica", "eolico", "eolien", "eolienne"),
    ("offshore", "marino", "mar adentro", "en mer"),
    ("mooring", "fondeo", "amarre", "amarrage", "verankerung"),
    ("anchor", "ancla", "ancre", "anker"),
    ("buoy", "boya", "bouee", "boje"),
    ("boat", "ship", "vessel", "barco", "buque", "bateau", "navire", "schiff", "boot"),
    ("crane", "grua", "grue", "kran"),
    ("pump", "bomba", "pompe", "pumpe"),
    ("welding", "soldadura", "soudage", "schweissen"),
    ("casting", "foundry", "fundicion", "fonderie", "giesserei", "guss"),
    ("forging", "forja", "forge", "forgeage", "schmieden"),
    ("machining", "mecanizado", "usinage", "zerspanung"),
    ("coating", "painting", "recubrimiento", "pintura", "revetement", "peinture",
     "beschichtung", "lackierung"),
    ("fish", "seafood", "pescado", "marisco", "poisson", "fruits de mer", "fisch",
     "meeresfruchte"),
    ("canned", "preserves", "conservas", "conserves", "konserven"),
    ("cheese", "queso", "fromage", "kase"),
    ("wine", "vino", "vin", "wein"),
    ("olive oil", "aceite de oliva", "huile d olive", "olivenol"),
    ("iso 9001", "quality management", "gestion de calidad", "gestion de la calidad",
     "management de la qualite", "qualitatsmanagement"),
    ("iso 14001", "environmental management", "gestion ambiental", "gestion medioambiental",
     "management environnemental", "umweltmanagement"),
    ("iso 45001", "occupational health and safety", "seguridad y salud en el trabajo",
     "sante et securite au travail", "arbeitsschutz"),
    ("organic", "ecologico", "biologico", "biologique", "bio", "okologisch"),
)

WORD = re.compile(r"[^\W_]+")
# A name matches a longer word that starts with it ("Stahlträger", "aceros") once it is
# this long; shorter names ("fer", "bio") only as whole words.
PREFIX_FROM = 5


def fold(text: str) -> str:
    """Lower case, accents dropped, words separated by one space: the indexed form."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(WORD.findall(bare.replace("ß", "ss")))


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return fold(text).split()


def _names_index() -> tuple[dict[str, set[int]], dict[str, set[int]], list[tuple[str, int]]]:
    exact: dict[str, set[int]] = {}
    prefix: dict[str, set[int]] = {}
    phrases: list[tuple[str, int]] = []
    for n, names in enumerate(CONCEPTS):
        for name in names:
            if " " in name:
                phrases.append((f" {name} ", n))
            else:
                (prefix if len(name) >= PREFIX_FROM else exact).setdefault(name, set()).add(n)
    return exact, prefix, phrases


EXACT, PREFIXES, PHRASES = _names_index()


def concepts_in(texts: Iterable[str]) -> list[str]:
    """Every language's names of the concepts the texts mention."""
    folded = f" {fold(' '.join(texts))} "
    found: set[int] = {n for phrase, n in PHRASES if phrase in folded}
    for token in set(folded.split()):
        found.update(EXACT.get(token, ()))
        for end in range(PREFIX_FROM, len(token) + 1):
            found.update(PREFIXES.get(token[:end], ()))
    return [name for n in sorted(found) for name in CONCEPTS[n]]


@cache
def _translations(language: str) -> NullTranslations:
    if language == "en":
        return NullTranslations()
    return Translations.load(str(CATALOGS), [language])


def in_every_language(msgid: str) -> list[str]:
    """A site message in each language the site speaks."""
    return [_translations(language).gettext(msgid) for language in LANGUAGES]


@cache
def country_names(code: str) -> tuple[str, ...]:
    """An ISO 3166-1 country's names in each language the site speaks (DE: Germany,
    Alemania, Allemagne, Deutschland), or the code alone if CLDR does not know it."""
    names = {Locale.parse(language).territories.get(code.upper(), "")
             for language in LANGUAGES}
    return (code, *sorted(name for name in names if name))


@cache
def region_name(code: str) -> str:
    """The ISO 3166-2 subdivision's name (ES-CB is Cantabria), else the code itself."""
    found = pycountry.subdivisions.get(code=code)
    return found.name if found is not None else code
