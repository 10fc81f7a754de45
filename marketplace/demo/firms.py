"""The SMEs of the demo, Cantabrian and Asturian: names, towns, what they do, and what
they decide.

Decisions: J joins as a founder, L joins after establishment, D declines, - has not
decided yet. The firms are invented; the towns and trades are Cantabria's and Asturias's.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

METAL = [
    ("Calderería Besaya S.L.", "Torrelavega", "manufacturing installation",
     "pressure vessels and boiler work", "J"),
    ("Mecanizados del Pas S.L.", "Renedo de Piélagos", "manufacturing", "CNC machined parts", "J"),
    ("Ingeniería Cántabra de Estructuras S.L.", "Santander", "design engineering",
     "structural design and calculation", "J"),
    ("Estructuras Metálicas Saja S.A.", "Cabezón de la Sal", "manufacturing installation",
     "heavy steel structures", "J"),
    ("Galvanizados de Guarnizo S.L.", "El Astillero", "manufacturing", "hot-dip galvanizing", "J"),
    ("Soldaduras Navales del Astillero S.L.", "El Astillero", "manufacturing installation",
     "naval welding and hull blocks", "J"),
    ("Transportes Especiales Cantábricos S.L.", "Maliaño", "logistics",
     "heavy and oversized transport", "J"),
    ("Montajes Industriales Asón S.L.", "Ampuero", "installation maintenance",
     "industrial erection and plant maintenance", "J"),
    ("Forjados Reinosa S.L.", "Reinosa", "manufacturing", "open-die forgings", "J"),
    ("Tubos y Perfiles Camargo S.A.", "Camargo", "manufacturing", "welded tubes and profiles", "J"),
    ("Oficina Técnica Miera S.L.", "Liérganes", "design engineering",
     "mechanical engineering and 3D modelling", "J"),
    ("Chapas Cortadas Castro S.L.", "Castro Urdiales", "manufacturing",
     "laser and plasma cutting", "J"),
    ("Logística Portuaria Raos S.L.", "Santander", "logistics",
     "port handling and freight forwarding", "J"),
    ("Pinturas Industriales Nansa S.L.", "Puentenansa", "manufacturing maintenance",
     "industrial coatings and corrosion protection", "J"),
    ("Inspección y Ensayos Norte S.L.", "Santander", "engineering maintenance",
     "non-destructive testing", "L"),
    ("Calderería Ligera Colindres S.L.", "Colindres", "manufacturing", "sheet-metal work", "D"),
    ("Herrajes Liébana S.L.", "Potes", "manufacturing", "architectural ironwork", "D"),
    ("Válvulas Cantabria S.A.", "Los Corrales de Buelna", "manufacturing",
     "industrial valves", "D"),
    ("Tornillería Buelna S.L.", "Los Corrales de Buelna", "manufacturing",
     "bolts and fasteners", "D"),
    ("Carpintería Metálica Laredo S.L.", "Laredo", "manufacturing installation",
     "steel and aluminium joinery", "D"),
    ("Mantenimientos Industriales Solares S.L.", "Solares", "maintenance",
     "plant maintenance", "L"),
    ("Grúas y Elevación Cartes S.L.", "Cartes", "logistics installation",
     "crane hire and heavy lifting", "D"),
    ("Moldes y Matrices Polanco S.L.", "Polanco", "design manufacturing", "dies and moulds", "D"),
    ("Aceros Inoxidables Suances S.L.", "Suances", "manufacturing",
     "stainless steel fabrication", "-"),
    ("Recubrimientos Técnicos Meruelo S.L.", "Meruelo", "manufacturing",
     "thermal spray coatings", "-"),
]

AGRIFOOD = [
    ("Conservas Santoña del Cantábrico S.L.", "Santoña", "manufacturing",
     "hand-filleted anchovies in olive oil", "J"),
    ("Anchoas Marina de Laredo S.L.", "Laredo", "manufacturing",
     "salted anchovies and anchovy fillets", "J"),
    ("Quesería del Valle de Pas S.L.", "Vega de Pas", "manufacturing",
     "cow's-milk cheese and quesada pasiega", "J"),
    ("Sobaos Pasiegos Selaya S.L.", "Selaya", "manufacturing", "sobaos pasiegos", "J"),
    ("Lácteos de Liébana S.Coop.", "Potes", "manufacturing", "Quesucos de Liébana PDO cheese", "J"),
    ("Embutidos Campoo S.L.", "Reinosa", "manufacturing", "cured meats of Campoo", "J"),
    ("Diseño y Envase Cantábrico S.L.", "Santander", "design",
     "packaging design and labelling for export", "J"),
    ("Frío Logística Norte S.L.", "Torrelavega", "logistics",
     "temperature-controlled transport", "J"),
    ("Orujos de Potes S.L.", "Potes", "manufacturing", "orujo spirits", "J"),
    ("Miel y Mermeladas del Saja S.L.", "Ruente", "manufacturing", "honey and jams", "J"),
    ("Conservas Colindres S.A.", "Colindres", "manufacturing", "bonito del norte in olive oil",
     "J"),
    ("Laboratorio Agroalimentario Cantabria S.L.", "Santander", "engineering",
     "food safety testing and shelf-life studies", "J"),
    ("Galletas Artesanas de Comillas S.L.", "Comillas", "manufacturing", "butter biscuits", "L"),
    ("Ahumados Bahía de Santander S.L.", "Santander", "manufacturing", "smoked fish", "J"),
    ("Carnes Tudanca S.L.", "Cabuérniga", "manufacturing", "Tudanca beef", "D"),
    ("Sidra Valle del Asón S.L.", "Ramales de la Victoria", "manufacturing", "natural cider", "D"),
    ("Panadería Industrial Castro S.L.", "Castro Urdiales", "manufacturing", "frozen bread", "D"),
    ("Yogures Granja Cantabria S.L.", "Villaescusa", "manufacturing", "yogurt and desserts", "D"),
    ("Avícola Alfoz de Lloredo S.L.", "Cóbreces", "manufacturing", "free-range eggs", "D"),
    ("Distribuciones Alimentarias Maliaño S.L.", "Maliaño", "logistics",
     "food distribution and export consolidation", "J"),
    ("Aceites y Vinagres Trasmiera S.L.", "Hoznayo", "manufacturing",
     "vinegars and dressings", "D"),
    ("Bodega Costa de Cantabria S.L.", "Arnuero", "manufacturing", "white wines", "L"),
    ("Chocolates Artesanos Cabezón S.L.", "Cabezón de la Sal", "manufacturing", "chocolates", "D"),
    ("Setas del Besaya S.L.", "Los Corrales de Buelna", "manufacturing", "cultivated mushrooms",
     "-"),
    ("Mantequerías Pasiegas S.L.", "San Roque de Riomiera", "manufacturing", "butter", "-"),
]

MARINE = [
    ("Ingeniería Offshore Cantabria S.L.", "Santander", "design engineering",
     "floating platform design", "J"),
    ("Astilleros de Requejo S.A.", "Santander", "manufacturing",
     "hull and floater fabrication", "J"),
    ("Cadenas y Anclajes del Norte S.L.", "Maliaño", "manufacturing",
     "mooring chains and anchors", "J"),
    ("Electromecánica Marina Cantábrica S.L.", "Camargo", "manufacturing installation",
     "power electronics and converters", "J"),
    ("Cables Submarinos Bahía S.L.", "El Astillero", "manufacturing installation",
     "dynamic cable accessories", "J"),
    ("Remolcadores y Servicios Portuarios Santander S.L.", "Santander",
     "logistics installation", "towing and marine operations", "J"),
    ("Hidrodinámica Aplicada S.L.", "Santander", "design engineering",
     "wave-tank testing and numerical modelling", "J"),
    ("Calderería Pesada Guarnizo S.L.", "El Astillero", "manufacturing",
     "transition pieces and heavy plate", "J"),
    ("Composites Náuticos Noja S.L.", "Noja", "manufacturing", "composite covers and fairings",
     "J"),
    ("Buceo Profesional Cantábrico S.L.", "Laredo", "installation",
     "subsea inspection and diving", "J"),
    ("Sensores Oceánicos S.L.", "Santander", "engineering", "met-ocean sensors and monitoring",
     "J"),
    ("Logística Offshore Raos S.L.", "Santander", "logistics", "quayside logistics and load-out",
     "J"),
    ("Pinturas Marinas Suances S.L.", "Suances", "manufacturing", "marine coatings", "J"),
    ("Hidráulica Industrial Besaya S.L.", "Torrelavega", "engineering manufacturing",
     "hydraulic power take-off systems", "L"),
    ("Fundiciones Marinas Reinosa S.L.", "Reinosa", "manufacturing", "cast steel nodes", "D"),
    ("Tornillería Offshore Buelna S.L.", "Los Corrales de Buelna", "manufacturing",
     "high-strength bolting", "D"),
    ("Consultoría Ambiental Marina S.L.", "Santander", "engineering", "environmental surveys",
     "D"),
    ("Grúas Portuarias Maliaño S.L.", "Maliaño", "logistics", "port cranes", "D"),
    ("Automatismos Cantabria S.L.", "Torrelavega", "engineering", "control systems and SCADA",
     "J"),
    ("Soldadura Robotizada Colindres S.L.", "Colindres", "manufacturing", "robotic welding", "D"),
    ("Formación Offshore Laredo S.L.", "Laredo", "maintenance", "GWO safety training", "D"),
    ("Naval Electric Santoña S.L.", "Santoña", "installation",
     "electrical installation on vessels", "-"),
    ("Ensayos Estructurales Camargo S.L.", "Camargo", "engineering", "fatigue testing", "D"),
    ("Transportes Pesados Cartes S.L.", "Cartes", "logistics", "abnormal-load haulage", "-"),
    ("Mantenimiento Offshore del Cantábrico S.L.", "Santander", "maintenance installation",
     "operation and maintenance of offshore wind and wave farms", "J"),
]

# IDEPA's consortium: a few firms of the Avilés-Gijón industrial belt, all founders.
ASTURIAS = [
    ("Calderería Pesada de Avilés S.L.", "Avilés", "manufacturing installation",
     "pressure vessels, columns and heat exchangers", "J"),
    ("Ingeniería Industrial del Nalón S.L.", "Langreo", "design engineering",
     "plant and structural engineering", "J"),
    ("Construcciones Metálicas El Musel S.A.", "Gijón", "manufacturing installation maintenance",
     "heavy steel structures and port equipment", "J"),
    ("Transportes Especiales Asturianos S.L.", "Llanera", "logistics",
     "heavy haulage and port forwarding from Avilés and Gijón", "J"),
]

# Each consortium's firms, the province its tax ids start with, and its block of numbers.
_FIRMS = {"metal": ("39", 0, METAL), "agrifood": ("39", 1, AGRIFOOD),
          "marine": ("39", 2, MARINE), "asturias": ("33", 0, ASTURIAS)}
_FIRST = ["Ana", "Luis", "María", "Jorge", "Beatriz", "Íñigo", "Sara", "Raúl", "Nuria",
          "Álvaro", "Rocío", "Diego", "Celia", "Óscar", "Irene", "Tomás"]
_LAST = {"39": ["Gómez", "Ruiz", "Cobo", "Revuelta", "Sainz", "Díaz", "Palacio", "Arce",
                "Cuesta", "Herrera", "Velarde", "Ceballos", "Escalante", "Villegas", "Mazón",
                "Bustamante"],
         "33": ["Fernández", "Álvarez", "Menéndez", "Suárez", "García", "Alonso", "Iglesias",
                "Cienfuegos", "Llaneza", "Valdés", "Prieto", "Canal", "Tuñón", "Solís",
                "Fueyo", "Riestra"]}
_LEGAL_FORM = {"S.A.": "A", "S.L.": "B", "S.Coop.": "F"}


@dataclass(frozen=True)
class Firm:
    """One SME of the demo and the part it plays in the story."""

    key: str  # the consortium it is a prospect of
    index: int
    name: str
    town: str
    stages: tuple[str, ...]
    product: str
    decision: str
    tax_id: str
    employees: int
    contact: dict[str, str]

    @property
    def joins(self) -> bool:
        return self.decision in ("J", "L")

    @property
    def tier(self) -> str:
        return "founding" if self.decision == "J" else "standard"


def cif(letter: str, digits: str) -> str:
    """A Spanish CIF with its control digit (companies use a digit, not a letter)."""
    odd = sum(sum(divmod(int(d) * 2, 10)) for d in digits[0::2])
    even = sum(int(d) for d in digits[1::2])
    return f"{letter}{digits}{(10 - (odd + even) % 10) % 10}"


def ascii_slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = [w for w in plain.lower().replace(".", " ").split() if len(w) > 2][:2]
    return "-".join(words)


def firms(key: str, rng: random.Random) -> list[Firm]:
    """The firms of one consortium, with deterministic tax ids and contacts."""
    province, offset, rows = _FIRMS[key]
    surnames = _LAST[province]
    result = []
    for index, (name, town, stages, product, decision) in enumerate(rows):
        letter = _LEGAL_FORM[name.rsplit(" ", 1)[-1]]
        person = f"{rng.choice(_FIRST)} {rng.choice(surnames)} {rng.choice(surnames)}"
        first, last = (ascii_slug(w) for w in person.split()[:2])
        result.append(Firm(
            key=key, index=index, name=name, town=town, stages=tuple(stages.split()),
            product=product, decision=decision,
            tax_id=cif(letter, f"{province}{10000 + offset * 100 + index:05d}"),
            employees=rng.randint(12, 240),
            contact={"name": person, "email": f"{first}.{last}@{ascii_slug(name)}.example"},
        ))
    return result
