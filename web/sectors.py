"""Sector names (NACE Rev. 2) in the page's language.

A consortium's and a company's sector is stored as the officer typed it: its NACE code and
a name in their words. Buyers who read Spanish, French or German see the NACE title of the
code instead, from the catalogs: the class's own title where this table has one, else its
division's (every division is here). English pages keep the officer's words.
"""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import gettext as _

from domain.errors import N_

# The official English titles of NACE Rev. 2: every division, and the classes this
# marketplace's sectors (metal, marine renewable energy, agri-food) are usually filed under.
NACE_TITLES: dict[str, str] = {
    "01": N_("Crop and animal production, hunting and related service activities"),
    "02": N_("Forestry and logging"),
    "03": N_("Fishing and aquaculture"),
    "05": N_("Mining of coal and lignite"),
    "06": N_("Extraction of crude petroleum and natural gas"),
    "07": N_("Mining of metal ores"),
    "08": N_("Other mining and quarrying"),
    "09": N_("Mining support service activities"),
    "10": N_("Manufacture of food products"),
    "11": N_("Manufacture of beverages"),
    "12": N_("Manufacture of tobacco products"),
    "13": N_("Manufacture of textiles"),
    "14": N_("Manufacture of wearing apparel"),
    "15": N_("Manufacture of leather and related products"),
    "16": N_(
        "Manufacture of wood and of products of wood and cork, except furniture; manufacture of "
        "articles of straw and plaiting materials"),
    "17": N_("Manufacture of paper and paper products"),
    "18": N_("Printing and reproduction of recorded media"),
    "19": N_("Manufacture of coke and refined petroleum products"),
    "20": N_("Manufacture of chemicals and chemical products"),
    "21": N_("Manufacture of basic pharmaceutical products and pharmaceutical preparations"),
    "22": N_("Manufacture of rubber and plastic products"),
    "23": N_("Manufacture of other non-metallic mineral products"),
    "24": N_("Manufacture of basic metals"),
    "25": N_("Manufacture of fabricated metal products, except machinery and equipment"),
    "26": N_("Manufacture of computer, electronic and optical products"),
    "27": N_("Manufacture of electrical equipment"),
    "28": N_("Manufacture of machinery and equipment n.e.c."),
    "29": N_("Manufacture of motor vehicles, trailers and semi-trailers"),
    "30": N_("Manufacture of other transport equipment"),
    "31": N_("Manufacture of furniture"),
    "32": N_("Other manufacturing"),
    "33": N_("Repair and installation of machinery and equipment"),
    "35": N_("Electricity, gas, steam and air conditioning supply"),
    "36": N_("Water collection, treatment and supply"),
    "37": N_("Sewerage"),
    "38": N_("Waste collection, treatment and disposal activities; materials recovery"),
    "39": N_("Remediation activities and other waste management services"),
    "41": N_("Construction of buildings"),
    "42": N_("Civil engineering"),
    "43": N_("Specialised construction activities"),
    "45": N_("Wholesale and retail trade and repair of motor vehicles and motorcycles"),
    "46": N_("Wholesale trade, except of motor vehicles and motorcycles"),
    "47": N_("Retail trade, except of motor vehicles and motorcycles"),
    "49": N_("Land transport and transport via pipelines"),
    "50": N_("Water transport"),
    "51": N_("Air transport"),
    "52": N_("Warehousing and support activities for transportation"),
    "53": N_("Postal and courier activities"),
    "55": N_("Accommodation"),
    "56": N_("Food and beverage service activities"),
    "58": N_("Publishing activities"),
    "59": N_(
        "Motion picture, video and television programme production, sound recording and music "
        "publishing activities"),
    "60": N_("Programming and broadcasting activities"),
    "61": N_("Telecommunications"),
    "62": N_("Computer programming, consultancy and related activities"),
    "63": N_("Information service activities"),
    "64": N_("Financial service activities, except insurance and pension funding"),
    "65": N_("Insurance, reinsurance and pension funding, except compulsory social security"),
    "66": N_("Activities auxiliary to financial services and insurance activities"),
    "68": N_("Real estate activities"),
    "69": N_("Legal and accounting activities"),
    "70": N_("Activities of head offices; management consultancy activities"),
    "71": N_("Architectural and engineering activities; technical testing and analysis"),
    "72": N_("Scientific research and development"),
    "73": N_("Advertising and market research"),
    "74": N_("Other professional, scientific and technical activities"),
    "75": N_("Veterinary activities"),
    "77": N_("Rental and leasing activities"),
    "78": N_("Employment activities"),
    "79": N_("Travel agency, tour operator reservation service and related activities"),
    "80": N_("Security and investigation activities"),
    "81": N_("Services to buildings and landscape activities"),
    "82": N_("Office administrative, office support and other business support activities"),
    "84": N_("Public administration and defence; compulsory social security"),
    "85": N_("Education"),
    "86": N_("Human health activities"),
    "87": N_("Residential care activities"),
    "88": N_("Social work activities without accommodation"),
    "90": N_("Creative, arts and entertainment activities"),
    "91": N_("Libraries, archives, museums and other cultural activities"),
    "92": N_("Gambling and betting activities"),
    "93": N_("Sports activities and amusement and recreation activities"),
    "94": N_("Activities of membership organisations"),
    "95": N_("Repair of computers and personal and household goods"),
    "96": N_("Other personal service activities"),
    "97": N_("Activities of households as employers of domestic personnel"),
    "98": N_(
        "Undifferentiated goods- and services-producing activities of private households for own "
        "use"),
    "99": N_("Activities of extraterritorial organisations and bodies"),
    "10.20": N_("Processing and preserving of fish, crustaceans and molluscs"),
    "25.11": N_("Manufacture of metal structures and parts of structures"),
    "28.11": N_("Manufacture of engines and turbines, except aircraft, vehicle and cycle engines"),
    "30.11": N_("Building of ships and floating structures"),
    "33.15": N_("Repair and maintenance of ships and boats"),
    "35.11": N_("Production of electricity"),
}


def sector_name(nace: str, name: str) -> str:
    """The sector's name for the page: the stored name in English, else the NACE title."""
    if str(get_locale() or "en") == "en":
        return name
    code = str(nace or "")
    title = NACE_TITLES.get(code) or NACE_TITLES.get(code.split(".")[0])
    if title is None:
        return name
    translated = _(title)
    # A title the catalog does not translate yet would be English: the officer's words are.
    return name if translated == title else translated
