"""The buyers' requests for quotation, and how far each one gets.

The organisations and people are invented; the ports and trades are real.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.statuses import BidStatus

BID_STATES = tuple(BidStatus)  # the demo tells at least one RFQ in each


@dataclass(frozen=True)
class RFQ:
    key: str
    state: str
    on: date
    organisation: str
    country: str
    contact: tuple[str, str]
    stages: str
    specification: str
    quantity: str
    unit: str
    incoterm: str
    place: str
    currency: str
    budget: int  # roughly what the full service costs, in the RFQ's currency
    reason: str = ""  # why it was declined or rejected; what a revision request asks
    withdrawal: bool = False  # a member withdraws its contribution and another steps in


def _rfq(key, state, on, organisation, country, contact, stages, spec, quantity, unit,
         incoterm, place, currency, budget, reason="", withdrawal=False) -> RFQ:
    assert state in BID_STATES, state
    return RFQ(key, state, date.fromisoformat(on), organisation, country, contact, stages,
               spec, quantity, unit, incoterm, place, currency, budget, reason, withdrawal)


M = "design engineering manufacturing logistics"
MI = M + " installation"
FOOD = "design manufacturing logistics"

RFQS = (
    # Metal
    _rfq("metal", "completed", "2017-02-13", "Astillero del Golfo de México", "MX",
         ("Lucía Hernández", "l.hernandez@astillerogolfo.example"), M,
         "Four steel hull blocks for offshore supply vessels, S355 plate, class-approved welding.",
         "4", "blocks", "CIF", "Veracruz", "EUR", 440000),
    _rfq("metal", "completed", "2018-05-07", "Vestfjord Aquaculture Structures AS", "NO",
         ("Ingrid Solberg", "ingrid@vestfjord-aqua.example"), MI,
         "Galvanised steel frames for two fish-farm feed barges, assembled at the site.",
         "2", "barge frames", "DAP", "Bodø", "NOK", 3800000, withdrawal=True),
    _rfq("metal", "declined", "2017-09-18", "Gulf Coast Railcar Company", "US",
         ("Mark Delaney", "mdelaney@gulfrailcar.example"), "manufacturing",
         "12,000 cast and fabricated bogie frames a year for freight railcars.",
         "12000", "frames", "FOB", "Santander", "USD", 9000000,
         reason="The volume is beyond the consortium's combined capacity."),
    _rfq("metal", "rejected", "2019-03-11", "Tanger Med Logistique Portuaire", "MA",
         ("Youssef El Amrani", "y.elamrani@tmlp.example"), MI,
         "Steel structures and rails for two ship-to-shore gantry cranes.",
         "2", "cranes", "CFR", "Tanger Med", "EUR", 1250000,
         reason="A local fabricator was chosen for the installation."),
    _rfq("metal", "expired", "2020-01-20", "Minera Altiplano SpA", "CL",
         ("Camila Rojas", "crojas@mineraaltiplano.example"), M,
         "Conveyor structures and wear-lined transfer chutes for a copper concentrator.",
         "1", "lot", "CIF", "Antofagasta", "USD", 980000),
    _rfq("metal", "completed", "2021-04-12", "Nordsee Hafenbau GmbH", "DE",
         ("Jens Petersen", "j.petersen@nordsee-hafenbau.example"), MI,
         "Forty forged mooring bollards with their anchoring frames, installed on the new quay.",
         "40", "bollards", "DAP", "Bremerhaven", "EUR", 610000),
    _rfq("metal", "awarded", "2025-09-15", "Gulf Desalination Engineering LLC", "AE",
         ("Omar Al Mansoori", "omar@gulfdesal.example"), M,
         "Duplex stainless pipe spools for a reverse-osmosis desalination plant.",
         "850", "spools", "CIF", "Jebel Ali", "USD", 1450000),
    _rfq("metal", "accepted", "2026-08-24", "Atelier Naval de Loire SAS", "FR",
         ("Claire Moreau", "c.moreau@atelier-naval-loire.example"), M,
         "Steel pipe racks and walkways for a cruise-ship engine room refit.",
         "36", "tonnes", "DAP", "Saint-Nazaire", "EUR", 390000),
    _rfq("metal", "quoted", "2026-10-05", "Estaleiro Baía de Guanabara", "BR",
         ("Rafael Costa", "rafael.costa@estaleirobg.example"), M,
         "Six hull blocks for a platform supply vessel under construction.",
         "6", "blocks", "CIF", "Rio de Janeiro", "USD", 720000),
    _rfq("metal", "qualified", "2026-11-09", "Humber Offshore Fabrication Ltd", "GB",
         ("Oliver Grant", "oliver.grant@humber-offshore.example"), MI,
         "Secondary steel (boat landings and platforms) for twelve monopile foundations.",
         "12", "sets", "DAP", "Hull", "GBP", 860000),
    _rfq("metal", "requested", "2026-11-23", "Halifax Marine Structures Inc.", "CA",
         ("Emily Tremblay", "etremblay@halifaxmarine.example"), M,
         "Steel gangways and pontoon frames for a ferry terminal upgrade.",
         "8", "gangways", "CIF", "Halifax", "USD", 540000),
    # Agri-food
    _rfq("agrifood", "completed", "2018-10-08", "Hudson Fine Foods Importers", "US",
         ("Rachel Stein", "rstein@hudsonfinefoods.example"), FOOD,
         "Private-label Cantabrian anchovies in olive oil, 120 g glass jars, FDA-compliant labels.",
         "40000", "jars", "CIF", "Port Newark", "USD", 210000),
    _rfq("agrifood", "completed", "2019-11-11", "Borough Provisions Ltd", "GB",
         ("Harriet Cole", "harriet@boroughprovisions.example"), FOOD,
         "Sobaos pasiegos and quesada pasiega for a chain of delicatessens, monthly shipments.",
         "18000", "packs", "DAP", "London", "GBP", 96000, withdrawal=True),
    _rfq("agrifood", "declined", "2018-04-16", "Tokyo Gourmet Trading KK", "JP",
         ("Kenji Watanabe", "k.watanabe@tokyogourmet.example"), "manufacturing logistics",
         "Fresh soft cheese by air freight, three deliveries a week.",
         "600", "kg a week", "CPT", "Narita Airport", "EUR", 150000,
         reason="Fresh cheese cannot reach Tokyo within its shelf life."),
    _rfq("agrifood", "rejected", "2020-06-15", "Dubai Fine Foods Trading LLC", "AE",
         ("Aisha Rahman", "aisha@dubaifinefoods.example"), FOOD,
         "A premium preserved-fish range for five-star hotel chains.",
         "12000", "tins", "CFR", "Jebel Ali", "EUR", 84000,
         reason="The buyer chose a Portuguese supplier on price."),
    _rfq("agrifood", "expired", "2021-02-08", "Comercializadora Gourmet del Bajío", "MX",
         ("Fernanda López", "flopez@gourmetbajio.example"), FOOD,
         "Quesucos de Liébana and cured meats for a gourmet retail chain.",
         "9000", "kg", "CIF", "Veracruz", "EUR", 132000),
    _rfq("agrifood", "completed", "2022-03-14", "Épicerie Fine de Lyon SARL", "FR",
         ("Julien Bernard", "j.bernard@epicerie-lyon.example"), FOOD,
         "Christmas hampers: anchovies, bonito, cheese, sobaos and orujo.",
         "2500", "hampers", "DAP", "Lyon", "EUR", 118000),
    _rfq("agrifood", "rejected", "2023-05-08", "Empório São Paulo Importadora", "BR",
         ("Beatriz Almeida", "beatriz@emporiosp.example"), FOOD,
         "Anchovy fillets and bonito in olive oil for supermarket shelves.",
         "60000", "tins", "CIF", "Santos", "EUR", 190000,
         reason="Import duties made the landed price too high."),
    _rfq("agrifood", "awarded", "2026-02-02", "Feinkost Hanse GmbH", "DE",
         ("Katrin Vogel", "k.vogel@feinkost-hanse.example"), "design engineering manufacturing "
         "logistics", "A Cantabrian tapas range with two-year shelf life, German labelling.",
         "30000", "units", "DAP", "Hamburg", "EUR", 174000),
    _rfq("agrifood", "accepted", "2026-09-14", "Nordic Deli Import AS", "NO",
         ("Lars Haugen", "lars@nordicdeli.example"), FOOD,
         "Smoked fish and anchovies for a Christmas campaign in Norwegian supermarkets.",
         "20000", "packs", "DAP", "Oslo", "NOK", 1350000),
    _rfq("agrifood", "revision_requested", "2026-10-19", "Importadora Gourmet Andina SpA",
         "CL", ("Tomás Fuentes", "tfuentes@gourmetandina.example"), FOOD,
         "Anchovies, bonito and cheeses for a delicatessen importer in Santiago.",
         "14000", "units", "CIF", "San Antonio", "USD", 98000,
         reason="Could you quote the cheeses apart, in two shipments?"),
    _rfq("agrifood", "requested", "2026-11-16", "Dublin Hospitality Supplies Ltd", "IE",
         ("Siobhán Murphy", "siobhan@dublinhospitality.example"), "manufacturing logistics",
         "Sobaos and butter biscuits in single portions for hotel breakfasts.",
         "200000", "portions", "DAP", "Dublin", "EUR", 76000),
    # Marine renewable energy
    _rfq("marine", "completed", "2021-01-18", "Hordaland Havvind AS", "NO",
         ("Erik Nygaard", "erik.nygaard@hordalandhavvind.example"), MI,
         "Mooring line components and fairleads for a floating wind demonstrator.",
         "3", "mooring lines", "DAP", "Bergen", "EUR", 1650000),
    _rfq("marine", "completed", "2022-06-13", "Celtic Sea Floating Wind Ltd", "GB",
         ("Gareth Evans", "gareth.evans@celticseafw.example"), MI,
         "Design and fabrication of a semi-submersible floater for a 15 MW pilot turbine.",
         "1", "floater", "DAP", "Milford Haven", "GBP", 5200000, withdrawal=True),
    _rfq("marine", "declined", "2020-11-23", "Abu Dhabi Marine Power PJSC", "AE",
         ("Khalid Al Nuaimi", "khalid@admarinepower.example"), MI,
         "A turnkey 20 MW wave farm, with ten years of operation.",
         "20", "MW", "DDP", "Abu Dhabi", "USD", 60000000,
         reason="A turnkey wave farm of this size needs a bond the consortium cannot give."),
    _rfq("marine", "expired", "2021-09-20", "New England Offshore Services LLC", "US",
         ("Sarah Whitman", "swhitman@neoffshore.example"), M,
         "Transition-piece platforms and access ladders for an offshore wind farm.",
         "24", "platforms", "DAP", "New Bedford", "USD", 2300000),
    _rfq("marine", "rejected", "2022-10-03", "Éolien Flottant de Bretagne SAS", "FR",
         ("Yann Le Gall", "y.legall@eolien-bretagne.example"), M,
         "Dynamic cable bend stiffeners and buoyancy modules for three floating turbines.",
         "3", "sets", "DAP", "Brest", "EUR", 640000,
         reason="The developer postponed the project by two years."),
    _rfq("marine", "completed", "2023-04-17", "Viana Offshore Renewables Lda", "PT",
         ("Inês Carvalho", "ines.carvalho@vianaoffshore.example"),
         "engineering logistics installation maintenance",
         "Subsea inspection and five years of maintenance of floating wind moorings.",
         "5", "years", "DAP", "Viana do Castelo", "EUR", 1100000),
    _rfq("marine", "expired", "2024-02-05", "Énergies Marines du Maroc SA", "MA",
         ("Nadia Benjelloun", "n.benjelloun@emm.example"), M,
         "A tidal-current test rig with its foundation frame.",
         "1", "rig", "CIF", "Casablanca", "EUR", 870000),
    _rfq("marine", "awarded", "2025-06-09", "Energía Marina del Pacífico SpA", "CL",
         ("Matías Soto", "msoto@energiamarinapacifico.example"), MI,
         "A 1 MW point-absorber wave energy converter for a pilot site.",
         "1", "converter", "CIF", "Valparaíso", "USD", 3100000),
    _rfq("marine", "declined", "2025-11-10", "Kyushu Offshore Wind KK", "JP",
         ("Haruto Sato", "h.sato@kyushu-ow.example"), "manufacturing installation",
         "Installation of fifty suction-bucket foundations, with local-content rules.",
         "50", "foundations", "DAP", "Kitakyushu", "EUR", 45000000,
         reason="Local-content rules leave too small a share for the consortium."),
    _rfq("marine", "quoted", "2026-09-28", "Nordsee Windpark Service GmbH", "DE",
         ("Tobias Richter", "t.richter@nordsee-wps.example"), "logistics maintenance",
         "Three-year maintenance of mooring systems with vessel support.",
         "3", "years", "DAP", "Emden", "EUR", 1500000),
    _rfq("marine", "qualified", "2026-11-02", "Eólica Offshore Nordeste Ltda", "BR",
         ("Ana Paula Ribeiro", "ana.ribeiro@eolicanordeste.example"), M,
         "Concept and basic design of a concrete-steel hybrid floater, with a prototype.",
         "1", "prototype", "CIF", "Fortaleza", "USD", 2600000),
    _rfq("marine", "requested", "2026-11-25", "Gulf of Maine Floating Wind LLC", "US",
         ("Daniel Brooks", "dbrooks@gomfloatingwind.example"), "design engineering",
         "Tank testing and numerical modelling of a floating substation.",
         "1", "study", "FCA", "Santander", "USD", 420000),
    # IDEPA's Asturian metal consortium
    _rfq("asturias", "completed", "2022-05-09", "Terminal de Granéis de Sines SA", "PT",
         ("Miguel Tavares", "m.tavares@tgsines.example"), MI,
         "Steel conveyor galleries and transfer towers for a bulk-handling berth.",
         "420", "tonnes", "DAP", "Sines", "EUR", 820000),
    _rfq("asturias", "rejected", "2023-09-11", "Cantiere Navale Adriatico S.p.A.", "IT",
         ("Marco Bianchi", "m.bianchi@cantiereadriatico.example"), M,
         "Steel outfitting modules and funnel casings for two ro-pax ferries.",
         "2", "ship sets", "CIF", "Ancona", "EUR", 560000,
         reason="The yard kept the work in-house after its order book thinned."),
    _rfq("asturias", "awarded", "2025-10-06", "Maasvlakte Hydrogen Pilot B.V.", "NL",
         ("Sanne de Vries", "s.devries@maasvlakte-h2.example"), MI,
         "Pressure vessels and pipe-rack skids for a 20 MW electrolysis pilot plant.",
         "14", "skids", "DAP", "Rotterdam", "EUR", 1240000),
    _rfq("asturias", "quoted", "2026-10-12", "Compañía Minera Andina del Sur S.A.C.", "PE",
         ("Luis Quispe", "lquispe@mineraandinasur.example"), M,
         "Wear-lined chutes, hoppers and their support steel for a copper concentrator.",
         "1", "lot", "CIF", "Callao", "USD", 950000),
    _rfq("asturias", "requested", "2026-11-18", "Hydrocarbures Est Ingénierie SPA", "DZ",
         ("Karim Benali", "k.benali@hei-dz.example"), M,
         "Two shell-and-tube heat exchangers and their support structures for a gas plant.",
         "2", "exchangers", "CFR", "Skikda", "EUR", 680000),
)
