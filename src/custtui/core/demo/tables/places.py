"""Demo data: countries and their cities, and the pieces of addresses and licences.

A city carries what must agree with it: subdivision code, postal range and the phone area
codes. Phone plans were checked against phonenumbers (see the tests): a plan is (area code,
length of the local number, the local number's possible leading digits), where the leading
digits are a string of single digits or a tuple of longer prefixes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from custtui.core.demo.draw import Weighted
from custtui.core.demo.draw import weighted as _w

Plan = tuple[str, int, Sequence[str]]


@dataclass(frozen=True, slots=True)
class City:
    name: str
    states: tuple[str, ...]
    postal: tuple[object, ...]
    landlines: tuple[Plan, ...]


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    typed: Weighted[str]  # how users write the country field
    calling_code: str
    cities: Weighted[City]
    mobiles: tuple[Plan, ...]
    origins: Weighted[str]
    streets: tuple[str, ...]
    email_domains: Weighted[str]
    company_suffixes: Weighted[str]
    company_tld: str


def _nanp(*areas: str) -> tuple[Plan, ...]:
    return tuple((area, 7, "23456789") for area in areas)


def _us(name: str, state: str, zip_lo: int, span: int, *areas: str) -> City:
    return City(name, (state,), (zip_lo, span), _nanp(*areas))


_US_CITIES = _w(
    (_us("San Francisco", "CA", 94102, 32, "415", "628"), 4),
    (_us("Los Angeles", "CA", 90001, 90, "213", "323", "310", "818"), 8),
    (_us("San Diego", "CA", 92101, 60, "619", "858"), 4),
    (_us("Sacramento", "CA", 95814, 30, "916"), 2),
    (_us("Oakland", "CA", 94601, 20, "510"), 2),
    (_us("San Jose", "CA", 95110, 30, "408"), 3),
    (_us("Fresno", "CA", 93701, 30, "559"), 1),
    (_us("Palm Springs", "CA", 92262, 3, "760"), 1),
    (_us("New York", "NY", 10001, 40, "212", "646", "917"), 8),
    (_us("Brooklyn", "NY", 11201, 40, "718", "347"), 5),
    (_us("Buffalo", "NY", 14201, 20, "716"), 1),
    (_us("Austin", "TX", 78701, 50, "512", "737"), 3),
    (_us("Houston", "TX", 77002, 90, "713", "281", "832"), 6),
    (_us("Dallas", "TX", 75201, 50, "214", "469", "972"), 5),
    (_us("San Antonio", "TX", 78201, 50, "210"), 3),
    (_us("Miami", "FL", 33125, 50, "786"), 4),
    (_us("Orlando", "FL", 32801, 30, "407"), 2),
    (_us("Tampa", "FL", 33602, 30, "813"), 2),
    (_us("Chicago", "IL", 60601, 60, "312", "773"), 7),
    (_us("Seattle", "WA", 98101, 40, "206"), 3),
    (_us("Spokane", "WA", 99201, 20, "509"), 1),
    (_us("Portland", "OR", 97201, 30, "503", "971"), 2),
    (_us("Denver", "CO", 80202, 30, "303", "720"), 3),
    (_us("Phoenix", "AZ", 85003, 50, "602", "480"), 4),
    (_us("Scottsdale", "AZ", 85250, 12, "480"), 1),
    (_us("Tucson", "AZ", 85701, 40, "520"), 1),
    (_us("Las Vegas", "NV", 89101, 50, "702"), 3),
    (_us("Atlanta", "GA", 30303, 30, "404", "678"), 4),
    (_us("Savannah", "GA", 31401, 10, "912"), 1),
    (_us("Nashville", "TN", 37201, 30, "615"), 2),
    (_us("Memphis", "TN", 38103, 30, "901"), 1),
    (_us("Charlotte", "NC", 28202, 30, "704", "980"), 2),
    (_us("Raleigh", "NC", 27601, 20, "919"), 2),
    (_us("Charleston", "SC", 29401, 10, "843"), 1),
    (_us("Boston", "MA", 2108, 20, "617", "857"), 4),
    (_us("Providence", "RI", 2903, 6, "401"), 1),
    (_us("Hartford", "CT", 6103, 10, "860"), 1),
    (_us("Burlington", "VT", 5401, 5, "802"), 1),
    (_us("Portland", "ME", 4101, 5, "207"), 1),
    (_us("Newark", "NJ", 7102, 10, "973", "862"), 2),
    (_us("Jersey City", "NJ", 7302, 8, "201"), 1),
    (_us("Philadelphia", "PA", 19102, 50, "215", "267"), 4),
    (_us("Pittsburgh", "PA", 15201, 30, "412"), 2),
    (_us("Baltimore", "MD", 21201, 30, "410", "443"), 2),
    (_us("Detroit", "MI", 48201, 30, "313"), 2),
    (_us("Minneapolis", "MN", 55401, 20, "612"), 2),
    (_us("Milwaukee", "WI", 53202, 20, "414"), 1),
    (_us("Columbus", "OH", 43201, 20, "614"), 2),
    (_us("Cleveland", "OH", 44101, 20, "216"), 1),
    (_us("Indianapolis", "IN", 46201, 30, "317"), 2),
    (_us("Louisville", "KY", 40202, 20, "502"), 1),
    (_us("St. Louis", "MO", 63101, 30, "314"), 2),
    (_us("Kansas City", "MO", 64101, 30, "816"), 2),
    (_us("Omaha", "NE", 68102, 30, "402"), 1),
    (_us("New Orleans", "LA", 70112, 20, "504"), 2),
    (_us("Salt Lake City", "UT", 84101, 20, "801"), 2),
    (_us("Boise", "ID", 83702, 20, "208"), 1),
    (_us("Santa Fe", "NM", 87501, 7, "505"), 1),
    (_us("Honolulu", "HI", 96813, 10, "808"), 1),
    (_us("Anchorage", "AK", 99501, 15, "907"), 1),
)


def _ca(name: str, state: str, fsa: str, *areas: str) -> City:
    return City(name, (state,), (fsa,), _nanp(*areas))


_CA_CITIES = _w(
    (_ca("Toronto", "ON", "M", "416", "647", "437"), 8),
    (_ca("Vancouver", "BC", "V", "604", "778"), 5),
    (_ca("Montréal", "QC", "H", "514", "438"), 5),
    (_ca("Calgary", "AB", "T", "403", "587"), 3),
    (_ca("Edmonton", "AB", "T", "780", "587"), 2),
    (_ca("Ottawa", "ON", "K", "613", "343"), 3),
    (_ca("Winnipeg", "MB", "R", "204", "431"), 2),
    (_ca("Halifax", "NS", "B", "902", "782"), 1),
    (_ca("Québec", "QC", "G", "418", "581"), 2),
    (_ca("Victoria", "BC", "V", "250"), 1),
    (_ca("Hamilton", "ON", "L", "905", "289"), 2),
    (_ca("Saskatoon", "SK", "S", "306", "639"), 1),
)


def _gb(name: str, states: str, outward: str, area: str, length: int, first: str) -> City:
    # London spans many boroughs, so a city can carry several subdivision codes.
    return City(name, tuple(states.split()), tuple(outward.split()), ((area, length, first),))


_GB_CITIES = _w(
    (_gb("London", "WSM CMD ISL HCK KEC SWK LBH TWH", "SW1A W1D EC1V N1 E2 SE1 NW1 WC2H SW11 E8",
         "20", 8, "378"), 10),
    (_gb("Manchester", "MAN", "M1 M4 M14 M20 M21", "161", 7, "2345789"), 3),
    (_gb("Birmingham", "BIR", "B1 B5 B15 B13", "121", 7, "234567"), 3),
    (_gb("Edinburgh", "EDH", "EH1 EH3 EH6 EH10", "131", 7, "2345678"), 2),
    (_gb("Glasgow", "GLG", "G1 G3 G12 G41", "141", 7, "2345789"), 2),
    (_gb("Leeds", "LDS", "LS1 LS6 LS8", "113", 7, "2345"), 2),
    (_gb("Liverpool", "LIV", "L1 L8 L17", "151", 7, "234579"), 2),
    (_gb("Bristol", "BST", "BS1 BS6 BS8", "117", 7, "234"), 2),
    (_gb("Cardiff", "CRF", "CF10 CF11 CF24", "29", 8, "2"), 1),
    (_gb("Belfast", "BFS", "BT1 BT7 BT9", "28", 8, "9"), 1),
    (_gb("Sheffield", "SHF", "S1 S10 S11", "114", 7, "2345"), 1),
    (_gb("Nottingham", "NGM", "NG1 NG5 NG7", "115", 7, "26789"), 1),
    (_gb("Newcastle upon Tyne", "NET", "NE1 NE2 NE6", "191", 7, "2345"), 1),
    (_gb("Oxford", "OXF", "OX1 OX2 OX4", "1865", 6, "2457"), 1),
    (_gb("Brighton", "BNH", "BN1 BN2 BN3", "1273", 6, "2345678"), 1),
)


def _de(name: str, state: str, lo: int, hi: int, area: str) -> City:
    return City(name, (state,), (lo, hi - lo), ((area, 10 - len(area), "23456789"),))


_DE_CITIES = _w(
    (_de("Berlin", "BE", 10115, 14199, "30"), 5),
    (_de("Hamburg", "HH", 20095, 22769, "40"), 3),
    (_de("München", "BY", 80331, 81929, "89"), 3),
    (_de("Köln", "NW", 50667, 51149, "221"), 2),
    (_de("Frankfurt am Main", "HE", 60306, 60599, "69"), 2),
    (_de("Stuttgart", "BW", 70173, 70629, "711"), 2),
    (_de("Düsseldorf", "NW", 40210, 40629, "211"), 2),
    (_de("Leipzig", "SN", 4103, 4357, "341"), 1),
    (_de("Dresden", "SN", 1067, 1328, "351"), 1),
    (_de("Bremen", "HB", 28195, 28779, "421"), 1),
    (_de("Hannover", "NI", 30159, 30669, "511"), 1),
    (_de("Nürnberg", "BY", 90402, 90491, "911"), 1),
)


def _fr(name: str, state: str, postcodes: str, area: str, first: str) -> City:
    return City(name, (state,), tuple(postcodes.split()), ((area, 8, first),))


# France's subdivisions in pycountry include the 13 metropolitan regions; a region is what a
# customer would most plausibly put in the "state" box.
_FR_CITIES = _w(
    (_fr("Paris", "IDF", " ".join(f"750{n:02d}" for n in range(1, 21)), "1", "4"), 6),
    (_fr("Lyon", "ARA", " ".join(f"6900{n}" for n in range(1, 10)), "4", "7"), 3),
    (_fr("Marseille", "PAC", " ".join(f"130{n:02d}" for n in range(1, 17)), "4", "9"), 2),
    (_fr("Toulouse", "OCC", "31000 31100 31200 31300 31400 31500", "5", "6"), 2),
    (_fr("Bordeaux", "NAQ", "33000 33100 33200 33300 33800", "5", "5"), 2),
    (_fr("Lille", "HDF", "59000 59160 59260 59800", "3", "2"), 1),
    (_fr("Nantes", "PDL", "44000 44100 44200 44300", "2", "4"), 1),
    (_fr("Nice", "PAC", "06000 06100 06200 06300", "4", "9"), 1),
    (_fr("Strasbourg", "GES", "67000 67100 67200", "3", "8"), 1),
    (_fr("Rennes", "BRE", "35000 35200 35700", "2", "9"), 1),
    (_fr("Montpellier", "OCC", "34000 34070 34080 34090", "4", "6"), 1),
    (_fr("Rouen", "NOR", "76000 76100", "2", "3"), 1),
)


def _au(name: str, state: str, lo: int, hi: int, area: str, first: Sequence[str]) -> City:
    return City(name, (state,), (lo, hi - lo), ((area, 8, first),))


_AU_CITIES = _w(
    (_au("Sydney", "NSW", 2000, 2234, "2", "89"), 5),
    (_au("Melbourne", "VIC", 3000, 3207, "3", "89"), 5),
    (_au("Brisbane", "QLD", 4000, 4179, "7", "3"), 3),
    (_au("Perth", "WA", 6000, 6199, "8", "9"), 2),
    (_au("Adelaide", "SA", 5000, 5171, "8", "8"), 2),
    (_au("Hobart", "TAS", 7000, 7055, "3", ("62",)), 1),
    (_au("Canberra", "ACT", 2600, 2617, "2", ("61", "62")), 1),
    (_au("Gold Coast", "QLD", 4215, 4230, "7", ("55", "56")), 1),
    (_au("Darwin", "NT", 800, 832, "8", ("89",)), 1),
)


def _mx(name: str, state: str, lo: int, hi: int, area: str) -> City:
    return City(name, (state,), (lo, hi - lo), ((area, 10 - len(area), "2345678"),))


_MX_CITIES = _w(
    (_mx("Ciudad de México", "CMX", 1000, 16999, "55"), 6),
    (_mx("Guadalajara", "JAL", 44100, 45200, "33"), 3),
    (_mx("Monterrey", "NLE", 64000, 64990, "81"), 3),
    (_mx("Puebla", "PUE", 72000, 72590, "222"), 1),
    (_mx("Cancún", "ROO", 77500, 77569, "998"), 1),
    (_mx("Mérida", "YUC", 97000, 97399, "999"), 1),
    (_mx("Tijuana", "BCN", 22000, 22710, "664"), 1),
    (_mx("Querétaro", "QUE", 76000, 76250, "442"), 1),
    (_mx("Oaxaca de Juárez", "OAX", 68000, 68150, "951"), 1),
)

_US_STREETS = (
    "Maple", "Oak", "Pine", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park", "Main",
    "Sunset", "Mission", "Valencia", "Market", "Lincoln", "Jefferson", "Highland", "Meridian",
    "Chestnut", "Walnut", "Magnolia", "Peachtree", "Colfax", "Congress", "Ocean", "Franklin",
    "Madison", "Willow", "Ridge", "Spring", "Center", "Church", "Riverside", "Dogwood",
)

COUNTRIES = _w(
    (Country(
        "US", _w(("US", 74), ("United States", 16), ("USA", 10)), "1",
        _US_CITIES, _nanp(),
        _w(("anglo", 36), ("hispanic", 18), ("irish", 6), ("italian", 6), ("german", 5),
           ("french", 2), ("nordic", 2), ("polish", 3), ("vietnamese", 4), ("chinese", 4),
           ("korean", 3), ("indian", 5), ("greek", 2), ("arabic", 3)),
        _US_STREETS,
        _w(("gmail.com", 45), ("yahoo.com", 14), ("outlook.com", 9), ("icloud.com", 11),
           ("hotmail.com", 6), ("aol.com", 3), ("comcast.net", 3), ("proton.me", 2),
           ("me.com", 2), ("att.net", 2)),
        _w(("LLC", 40), ("Inc.", 20), ("Co.", 8), ("", 32)), "com",
    ), 70),
    (Country(
        "CA", _w(("CA", 45), ("Canada", 55)), "1", _CA_CITIES, _nanp(),
        _w(("anglo", 38), ("french", 24), ("chinese", 8), ("indian", 8), ("irish", 6),
           ("italian", 4), ("polish", 3), ("vietnamese", 3), ("korean", 3), ("arabic", 3)),
        ("Yonge St", "Queen St W", "Granville St", "rue Sainte-Catherine", "Jasper Ave",
         "Rideau St", "Portage Ave", "Spring Garden Rd", "17th Ave SW", "Bloor St W",
         "boulevard René-Lévesque", "Dundas St E", "Whyte Ave", "Commercial Dr"),
        _w(("gmail.com", 40), ("hotmail.com", 12), ("outlook.com", 10), ("yahoo.ca", 8),
           ("rogers.com", 6), ("shaw.ca", 5), ("videotron.ca", 4), ("icloud.com", 8),
           ("sympatico.ca", 3)),
        _w(("Inc.", 35), ("Ltd.", 30), ("", 35)), "ca",
    ), 9),
    (Country(
        "GB", _w(("GB", 30), ("United Kingdom", 50), ("UK", 20)), "44", _GB_CITIES,
        tuple((f"7{block}", 6, "0123456789")
              for block in ("400", "412", "455", "507", "521", "557", "711", "723", "766",
                            "780", "792", "809", "816", "850", "871", "903", "932", "954",
                            "971", "984")),
        _w(("anglo", 55), ("irish", 12), ("indian", 12), ("polish", 6), ("italian", 4),
           ("french", 3), ("greek", 2), ("arabic", 3), ("chinese", 3)),
        ("High Street", "Church Road", "Station Road", "Victoria Road", "Park Lane",
         "Mill Lane", "King Street", "Queen's Road", "Green Lane", "Manor Road",
         "Albert Street", "Northumberland Street", "Portobello Road", "Deansgate"),
        _w(("gmail.com", 35), ("hotmail.co.uk", 15), ("yahoo.co.uk", 10), ("btinternet.com", 10),
           ("outlook.com", 10), ("icloud.com", 10), ("sky.com", 5), ("virginmedia.com", 5)),
        _w(("Ltd", 70), ("", 30)), "co.uk",
    ), 7),
    (Country(
        "DE", _w(("DE", 45), ("Germany", 55)), "49", _DE_CITIES,
        tuple((a, 8, "0123456789") for a in ("151", "152", "157", "159"))
        + tuple((a, 7, "0123456789") for a in ("160", "170", "171", "175"))
        + tuple((a, 8, "0123456789") for a in ("162", "172", "173", "174", "176", "177",
                                               "178", "179")),
        _w(("german", 70), ("polish", 6), ("turkish", 10), ("italian", 5), ("greek", 3),
           ("nordic", 3), ("arabic", 3)),
        ("Hauptstraße", "Bahnhofstraße", "Schillerstraße", "Goethestraße", "Gartenweg",
         "Lindenallee", "Friedrichstraße", "Kastanienallee", "Königstraße", "Bergmannstraße",
         "Am Markt", "Schulstraße", "Rosenweg", "Mühlenweg"),
        _w(("gmail.com", 25), ("web.de", 22), ("gmx.de", 22), ("t-online.de", 12),
           ("outlook.de", 6), ("posteo.de", 5), ("icloud.com", 8)),
        _w(("GmbH", 60), ("e.K.", 15), ("GmbH & Co. KG", 10), ("", 15)), "de",
    ), 4),
    (Country(
        "FR", _w(("FR", 45), ("France", 55)), "33", _FR_CITIES,
        tuple(("6", 8, d) for d in "01245678") + tuple(("7", 8, d) for d in "345678"),
        _w(("french", 70), ("arabic", 10), ("italian", 6), ("hispanic", 5), ("vietnamese", 3),
           ("german", 3), ("polish", 3)),
        ("rue de la Paix", "avenue Victor Hugo", "boulevard Voltaire", "rue Saint-Honoré",
         "rue des Écoles", "rue de la République", "quai des Chartrons", "rue Lafayette",
         "avenue Jean Jaurès", "rue du Faubourg Saint-Antoine", "place du Marché",
         "rue Sainte-Catherine"),
        _w(("gmail.com", 30), ("orange.fr", 18), ("free.fr", 14), ("laposte.net", 8),
           ("hotmail.fr", 12), ("sfr.fr", 8), ("icloud.com", 10)),
        _w(("SARL", 45), ("SAS", 35), ("", 20)), "fr",
    ), 3),
    (Country(
        "AU", _w(("AU", 40), ("Australia", 60)), "61", _AU_CITIES,
        tuple(("4", 8, d) for d in "01236"),
        _w(("anglo", 48), ("irish", 8), ("italian", 8), ("greek", 7), ("chinese", 11),
           ("vietnamese", 6), ("indian", 7), ("korean", 2)),
        ("George St", "Collins St", "Queen St", "Hay St", "Chapel St", "Oxford St",
         "Brunswick St", "King William St", "Beach Rd", "Marine Pde", "Victoria Tce",
         "Bourke St", "Smith St", "Crown St"),
        _w(("gmail.com", 38), ("bigpond.com", 14), ("outlook.com", 10), ("icloud.com", 12),
           ("hotmail.com", 10), ("yahoo.com.au", 8), ("optusnet.com.au", 8)),
        _w(("Pty Ltd", 75), ("", 25)), "com.au",
    ), 4),
    (Country(
        "MX", _w(("MX", 40), ("Mexico", 60)), "52", _MX_CITIES, (),
        _w(("hispanic", 92), ("anglo", 3), ("german", 2), ("arabic", 3)),
        ("Av. Paseo de la Reforma", "Calle Madero", "Av. Insurgentes Sur", "Calle 60",
         "Av. Juárez", "Calle Hidalgo", "Av. Chapultepec", "Calle Morelos", "Av. Vallarta",
         "Calle Allende", "Av. Revolución", "Calle 5 de Mayo"),
        _w(("gmail.com", 40), ("hotmail.com", 25), ("outlook.com", 15), ("yahoo.com.mx", 10),
           ("prodigy.net.mx", 5), ("icloud.com", 5)),
        _w(("S.A. de C.V.", 55), ("S. de R.L.", 15), ("", 30)), "com.mx",
    ), 3),
)


# Address and licence pieces.
US_SUFFIXES = ("St", "Ave", "Blvd", "Rd", "Dr", "Ln", "Way", "Ct", "Pl", "Street", "Avenue")
DIRECTIONS = ("N ", "S ", "E ", "W ")
UNITS = ("Apt {n}", "Apt {n}B", "Suite {n}00", "Unit {n}", "#{n}", "Fl {n}")
DE_UNITS = ("Hinterhaus", "2. OG", "3. OG links", "c/o Werkstatt")
FR_UNITS = ("Bât. B", "Appt 12", "Escalier A", "3e étage")
COLONIAS = ("Roma Norte", "Condesa", "Centro", "Polanco", "Del Valle", "Americana", "Chapultepec")
# Letters each format allows: Canada and the UK leave out ones that read like digits.
CA_LETTERS = "ABCEGHJKLMNPRSTVWXYZ"
GB_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
DL_LETTERS = "ABCDEFGHJKLMNPRSTVWY"
