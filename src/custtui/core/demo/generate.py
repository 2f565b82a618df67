"""Reproducible, realistic demo customers for `custtui --demo`, `demo-data` and benchmarks.

Pure data: nothing here touches a database. The caller feeds each `DemoCustomer` through the
service layer, so every value is written the way a person would type it into the edit form
(varied phone formats, country names or codes, `@handle` or a URL for Instagram) and must
pass the same validation as real input.

The generator draws every value from one `random.Random(seed)` stream, customer by customer,
so a given `(seed, today)` always yields the same sequence, and a shorter run is a prefix of a
longer one. Every draw is one `random()` call (index arithmetic, or a bisect over precomputed
cumulative weights) rather than `choice`/`randint`/`choices`, which cost several times more:
100,000 customers should take about two seconds.
"""

from __future__ import annotations

import random
import unicodedata
from bisect import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from itertools import accumulate
from string import Formatter
from typing import Generic, TypeVar

__all__ = [
    "DEMO_TEAM",
    "DemoCustomer",
    "DemoItem",
    "DemoNote",
    "ITEM_STATUSES",
    "generate_customers",
]

T = TypeVar("T")

ITEM_STATUSES = ("Collection", "Wishlist", "Archived", "Sold")

#: Team members who write the demo notes; the caller may register them as the team.
DEMO_TEAM = ("maria", "dave", "priya", "tom", "lena", "carlos")


@dataclass(frozen=True, slots=True)
class DemoItem:
    title: str
    category: str
    status: str
    retail_cents: int | None
    sold_cents: int | None
    sale_date: date | None
    commission_pct: Decimal | None


@dataclass(frozen=True, slots=True)
class DemoNote:
    created_at: datetime
    author: str
    text: str


@dataclass(frozen=True, slots=True)
class DemoCustomer:
    fields: dict[str, object]
    notes: tuple[DemoNote, ...]
    purchases: tuple[DemoItem, ...]
    consigned: tuple[DemoItem, ...]


# --------------------------------------------------------------------------------------------


class _Weighted(Generic[T]):
    """Options with precomputed cumulative weights, so a draw is one `random()` and a bisect."""

    __slots__ = ("options", "weights", "cum", "total")

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        self.options = tuple(value for value, _ in pairs)
        self.weights = tuple(weight for _, weight in pairs)
        self.cum = list(accumulate(self.weights))
        self.total = self.cum[-1]


def _w(*pairs: tuple[T, float]) -> _Weighted[T]:
    return _Weighted(pairs)


# --------------------------------------------------------------------------------------------
# Names, grouped by origin so a Munich customer is usually called Müller, not Nguyễn.

_FIRST: dict[str, tuple[str, ...]] = {
    "anglo": (
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
        "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas",
        "Sarah", "Christopher", "Karen", "Daniel", "Emily", "Matthew", "Ashley", "Anthony",
        "Amanda", "Mark", "Megan", "Steven", "Rachel", "Andrew", "Lauren", "Joshua", "Hannah",
        "Ryan", "Chloe", "Tyler", "Olivia", "Ethan", "Zoë", "Renée", "Harper", "Logan",
        "Madison", "Brandon", "Grace", "Wyatt", "Avery", "Dakota", "Brooke", "Chase", "Kayla",
        "Noah", "Ava", "Jack", "Ella", "Oliver", "Amelia", "Harry", "Isla", "Mason", "Abigail",
    ),
    "irish": (
        "Sean", "Siobhán", "Niamh", "Ciarán", "Aoife", "Patrick", "Bridget", "Liam", "Róisín",
        "Declan", "Eoin", "Caoimhe", "Fionn", "Saoirse", "Conor", "Maeve", "Seamus", "Orla",
    ),
    "hispanic": (
        "José", "María", "Juan", "Guadalupe", "Luis", "Ana", "Carlos", "Sofía", "Jorge",
        "Lucía", "Miguel", "Valentina", "Alejandro", "Camila", "Javier", "Ximena", "Fernando",
        "Inés", "Andrés", "Mónica", "Ángel", "Rocío", "Raúl", "Beatriz", "Diego", "Paola",
        "Héctor", "Marisol", "Tomás", "Itzel", "Rafael", "Gabriela", "Emiliano", "Daniela",
    ),
    "german": (
        "Jürgen", "Lukas", "Anna", "Leon", "Lena", "Maximilian", "Sophie", "Felix", "Marie",
        "Jonas", "Hannah", "Paul", "Katharina", "Matthias", "Sabine", "Stefan", "Ursula",
        "Jörg", "Dörte", "Günther", "Uwe", "Ilse", "Moritz", "Greta", "Tobias", "Frauke",
    ),
    "french": (
        "François", "Chloé", "Élodie", "Jean-Luc", "Léa", "Hélène", "Mathieu", "Noémie",
        "Théo", "Amélie", "Céline", "Étienne", "Benoît", "Aurélie", "Gaël", "Maëlle", "Louis",
        "Camille", "Julien", "Manon", "Océane", "Thibault", "Zoé", "Anaïs", "Jérôme", "Clément",
    ),
    "nordic": (
        "Søren", "Björn", "Astrid", "Freja", "Lars", "Ingrid", "Magnus", "Sigrid", "Håkon",
        "Linnéa", "Nils", "Maja", "Erik", "Elin", "Mikkel", "Åsa", "Ole", "Kirsten",
    ),
    "polish": (
        "Łukasz", "Agnieszka", "Piotr", "Małgorzata", "Krzysztof", "Katarzyna", "Paweł",
        "Zofia", "Tomasz", "Joanna", "Wojciech", "Ewa", "Michał", "Magdalena", "Grzegorz",
    ),
    "vietnamese": (
        "Anh", "Minh", "Linh", "Thảo", "Huy", "Trang", "Tuấn", "Lan", "Quang", "Ngọc", "Bảo",
        "Phương", "Khoa", "Hương", "Duy", "Vy",
    ),
    "italian": (
        "Giuseppe", "Francesca", "Marco", "Giulia", "Luca", "Chiara", "Alessandro", "Sofia",
        "Matteo", "Martina", "Lorenzo", "Giorgia", "Nicolò", "Elena", "Salvatore", "Rosa",
    ),
    "chinese": (
        "Wei", "Jing", "Li", "Mei", "Hao", "Xiaoling", "Jun", "Yan", "Ming", "Hui", "Jason",
        "Vivian", "Kevin", "Grace", "Eric", "Amy", "Tony", "Cindy",
    ),
    "korean": (
        "Ji-woo", "Min-jun", "Seo-yeon", "Hyun", "Soo-ah", "Jae-won", "Eun-ji", "Dong-hyun",
        "Ha-eun", "Sung-min", "Daniel", "Esther",
    ),
    "indian": (
        "Priya", "Arjun", "Ananya", "Rohan", "Aditi", "Vikram", "Sneha", "Rahul", "Kavya",
        "Aarav", "Deepika", "Sanjay", "Meera", "Nikhil", "Pooja", "Ravi", "Lakshmi", "Anjali",
    ),
    "greek": (
        "Giorgos", "Eleni", "Dimitris", "Maria", "Nikos", "Katerina", "Yannis", "Kostas",
        "Anastasia", "Christos", "Despina",
    ),
    "arabic": (
        "Mohammed", "Fatima", "Ahmed", "Layla", "Omar", "Nour", "Youssef", "Amira", "Karim",
        "Samira", "Hassan", "Yasmine", "Khalid", "Rania", "Tariq", "Leïla",
    ),
    "turkish": (
        "Mehmet", "Ayşe", "Mustafa", "Fatma", "Emre", "Zeynep", "Can", "Elif", "Burak", "Selin",
        "Deniz", "Gökhan", "Özlem", "Cem",
    ),
}

_LAST: dict[str, tuple[str, ...]] = {
    "anglo": (
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
        "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Thompson", "White",
        "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
        "Scott", "Hill", "Green", "Adams", "Baker", "Nelson", "Carter", "Mitchell", "Roberts",
        "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards", "Collins", "Stewart",
        "Morris", "Reed", "Cook", "Bell", "Cooper", "Bailey", "Hughes", "Price", "Bennett",
        "Wood", "Barnes", "Fisher", "Henderson", "Coleman", "Simmons", "Patterson", "Jordan",
        "Reynolds", "Hamilton", "Graham", "Wallace", "Cole", "West", "Hayes", "Myers", "Ford",
        "Ellis", "Harrison", "Gibson", "McDonald", "Marshall", "Owens", "Smith-Jones", "Hart",
        "Lawson", "Fletcher", "Whitaker", "McAllister", "Ashworth", "Pemberton", "Holloway",
    ),
    "irish": (
        "O'Brien", "O'Connor", "Murphy", "Kelly", "Byrne", "Ryan", "O'Sullivan", "Walsh",
        "McCarthy", "Gallagher", "Doyle", "Lynch", "Quinn", "Fitzgerald", "Kavanagh", "O'Neill",
        "Ó Briain", "MacNamara",
    ),
    "hispanic": (
        "García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez",
        "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Cruz", "Morales", "Ortiz",
        "Gutiérrez", "Chávez", "Ramos", "Ruiz", "Álvarez", "Mendoza", "Castillo", "Jiménez",
        "Vargas", "Romero", "Herrera", "Medina", "Aguilar", "Peña", "Muñoz", "Núñez",
        "De la Cruz", "Villaseñor", "Ibáñez", "Olvera", "Zúñiga",
    ),
    "german": (
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
        "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
        "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hartmann", "Lange",
        "Werner", "Krause", "Köhler", "Weiß", "Groß", "von Bülow", "Böhm", "Vogel", "Jäger",
    ),
    "french": (
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
        "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "David", "Bertrand", "Roux",
        "Vincent", "Fournier", "Morel", "Girard", "Gauthier", "Bélanger", "Côté", "Tremblay",
        "Gagnon", "Lévesque", "Bouchard", "Pelletier", "Lemaître", "Chevalier", "Faure",
        "Mercier", "Blanc", "Dupont",
    ),
    "nordic": (
        "Jensen", "Nielsen", "Hansen", "Andersson", "Johansson", "Larsen", "Karlsson",
        "Sørensen", "Pedersen", "Lindqvist", "Nyström", "Halvorsen", "Bjørnstad", "Åberg",
        "Lindgren", "Østergaard",
    ),
    "polish": (
        "Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
        "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowska", "Jankowski", "Mazur",
    ),
    "vietnamese": (
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
        "Đỗ", "Hồ", "Ngô", "Dương", "Nguyen", "Tran", "Pham",
    ),
    "italian": (
        "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
        "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano",
        "Rizzo", "Lombardi", "Moretti", "D'Angelo", "Caruso", "DiMaggio", "Santoro",
    ),
    "chinese": (
        "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu",
        "Sun", "Ma", "Zhu", "Lin", "Wong", "Chan", "Leung", "Lau", "Cheung", "Ho", "Tsang",
    ),
    "korean": (
        "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh",
        "Seo", "Shin", "Kwon", "Hwang",
    ),
    "indian": (
        "Patel", "Sharma", "Singh", "Kumar", "Gupta", "Shah", "Mehta", "Reddy", "Iyer", "Nair",
        "Rao", "Desai", "Joshi", "Chopra", "Kapoor", "Malhotra", "Banerjee", "Pillai", "Verma",
    ),
    "greek": (
        "Papadopoulos", "Georgiou", "Nikolaidis", "Pappas", "Konstantinou", "Dimitriou",
        "Alexiou", "Vlahos", "Karras", "Economou", "Andreou",
    ),
    "arabic": (
        "Haddad", "Khoury", "Mansour", "Nasser", "Saleh", "Hamdan", "Farah", "Aziz", "Benali",
        "Bouzid", "El-Amin", "Kassem", "Saïd", "Rahman", "Ibrahim",
    ),
    "turkish": (
        "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Aydın", "Öztürk", "Arslan",
        "Doğan", "Kılıç", "Aslan", "Koç", "Kurt",
    ),
}

# --------------------------------------------------------------------------------------------
# Countries. A city carries what must agree with it: subdivision code, postal range and the
# phone area codes. Phone plans were checked against phonenumbers (see the tests): a plan is
# (area code, length of the local number, the local number's possible leading digits), where
# the leading digits are a string of single digits or a tuple of longer prefixes.
_Plan = tuple[str, int, Sequence[str]]


@dataclass(frozen=True, slots=True)
class _City:
    name: str
    states: tuple[str, ...]
    postal: tuple[object, ...]
    landlines: tuple[_Plan, ...]


@dataclass(frozen=True, slots=True)
class _Country:
    code: str
    typed: _Weighted[str]  # how users write the country field
    calling_code: str
    cities: _Weighted[_City]
    mobiles: tuple[_Plan, ...]
    origins: _Weighted[str]
    streets: tuple[str, ...]
    email_domains: _Weighted[str]
    company_suffixes: _Weighted[str]
    company_tld: str


def _nanp(*areas: str) -> tuple[_Plan, ...]:
    return tuple((area, 7, "23456789") for area in areas)


def _us(name: str, state: str, zip_lo: int, span: int, *areas: str) -> _City:
    return _City(name, (state,), (zip_lo, span), _nanp(*areas))


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


def _ca(name: str, state: str, fsa: str, *areas: str) -> _City:
    return _City(name, (state,), (fsa,), _nanp(*areas))


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


def _gb(name: str, states: str, outward: str, area: str, length: int, first: str) -> _City:
    # London spans many boroughs, so a city can carry several subdivision codes.
    return _City(name, tuple(states.split()), tuple(outward.split()), ((area, length, first),))


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


def _de(name: str, state: str, lo: int, hi: int, area: str) -> _City:
    return _City(name, (state,), (lo, hi - lo), ((area, 10 - len(area), "23456789"),))


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


def _fr(name: str, state: str, postcodes: str, area: str, first: str) -> _City:
    return _City(name, (state,), tuple(postcodes.split()), ((area, 8, first),))


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


def _au(name: str, state: str, lo: int, hi: int, area: str, first: Sequence[str]) -> _City:
    return _City(name, (state,), (lo, hi - lo), ((area, 8, first),))


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


def _mx(name: str, state: str, lo: int, hi: int, area: str) -> _City:
    return _City(name, (state,), (lo, hi - lo), ((area, 10 - len(area), "2345678"),))


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

_COUNTRIES = _w(
    (_Country(
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
    (_Country(
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
    (_Country(
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
    (_Country(
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
    (_Country(
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
    (_Country(
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
    (_Country(
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

# --------------------------------------------------------------------------------------------
# Items. A base is (title, low price, high price, first model year, last model year); year 0
# means the title never carries a year.


@dataclass(frozen=True, slots=True)
class _Category:
    name: str
    bases: tuple[tuple[str, int, int, int, int], ...]
    suffixes: tuple[str, ...]
    year_share: float
    consignable: bool


_CATEGORIES = _w(
    (_Category("Watches", (
        ("Omega Speedmaster Professional", 3200, 7800, 1962, 2021),
        ("Omega Seamaster 300", 2800, 6500, 1962, 2020),
        ("Rolex Submariner 5513", 9500, 18000, 1966, 1989),
        ("Rolex Datejust 16014", 4200, 7200, 1978, 1988),
        ("Rolex GMT-Master 16750", 11000, 17500, 1981, 1988),
        ("Tudor Black Bay 58", 2900, 3800, 2018, 2023),
        ("Heuer Carrera 2447", 6500, 14000, 1964, 1970),
        ("Seiko 6139 Pogue", 450, 1100, 1970, 1978),
        ("Seiko SKX007", 250, 520, 1996, 2019),
        ("Grand Seiko SBGA211 Snowflake", 4200, 5600, 2017, 2023),
        ("Longines Flagship", 600, 1400, 1957, 1972),
        ("Cartier Tank Must", 1500, 3200, 1977, 2022),
        ("IWC Mark XV", 2200, 3300, 1999, 2006),
        ("Zenith El Primero", 4500, 9000, 1969, 2020),
        ("Breitling Navitimer 806", 3500, 9500, 1960, 1970),
        ("Hamilton Khaki Field Mechanical", 280, 480, 2015, 2023),
        ("Universal Genève Polerouter", 900, 2200, 1955, 1968),
        ("Jaeger-LeCoultre Reverso Classique", 3800, 6200, 1991, 2020),
    ), ("", "", " – box & papers", " – full set", " (recently serviced)", " – watch only"),
        0.5, True), 12),
    (_Category("Sneakers", (
        ("Nike Air Jordan 1 Retro High OG 'Chicago'", 450, 1900, 0, 0),
        ("Nike Dunk Low 'Panda'", 110, 220, 0, 0),
        ("Adidas Yeezy Boost 350 V2 'Zebra'", 220, 420, 0, 0),
        ("New Balance 550 White Green", 110, 190, 0, 0),
        ("Nike Air Max 1 '86 OG", 140, 260, 0, 0),
        ("Travis Scott x Air Jordan 1 Low 'Mocha'", 750, 1400, 0, 0),
        ("Nike SB Dunk Low 'Tiffany'", 900, 2200, 0, 0),
        ("Asics Gel-Lyte III 'Salmon Toe'", 180, 420, 0, 0),
        ("Off-White x Nike Air Presto", 800, 1800, 0, 0),
        ("New Balance 990v3 Grey", 160, 260, 0, 0),
        ("Air Jordan 4 Retro 'Bred'", 260, 520, 0, 0),
        ("Nike Air Force 1 '07 Low White", 90, 130, 0, 0),
    ), tuple(f" (US {s})" for s in ("8", "8.5", "9", "9.5", "10", "10.5", "11", "12"))
        + (" (US 10, deadstock)", " (US 9, VNDS)"), 0.0, True), 11),
    (_Category("Trading Cards", (
        ("Fleer Michael Jordan #57", 2500, 18000, 1986, 1986),
        ("Topps Mickey Mantle #311", 20000, 90000, 1952, 1952),
        ("Pokémon Base Set Charizard Holo #4", 350, 6500, 1999, 1999),
        ("Topps Chrome LeBron James RC #111", 900, 4800, 2003, 2003),
        ("Upper Deck Ken Griffey Jr. #1", 60, 950, 1989, 1989),
        ("Panini Prizm Luka Dončić RC #280", 300, 2400, 2018, 2018),
        ("Bowman Chrome Tom Brady RC #236", 1500, 9000, 2000, 2000),
        ("Pokémon Japanese Base Set Pikachu", 40, 450, 1996, 1996),
        ("Topps Update Mike Trout RC #US175", 400, 3200, 2011, 2011),
        ("Magic: The Gathering Revised Serra Angel", 15, 120, 1994, 1994),
        ("Topps Shohei Ohtani RC #700", 40, 600, 2018, 2018),
        ("One Piece OP-01 Roronoa Zoro Alt Art", 60, 380, 2022, 2022),
    ), (" PSA 10", " PSA 9", " PSA 8", " BGS 9.5", " SGC 8", " (raw)", " (raw)"), 1.0, True),
        12),
    (_Category("Vinyl", (
        ("Pink Floyd – The Dark Side of the Moon", 30, 450, 0, 0),
        ("The Beatles – Abbey Road", 35, 600, 0, 0),
        ("Miles Davis – Kind of Blue", 40, 900, 0, 0),
        ("Fleetwood Mac – Rumours", 25, 180, 0, 0),
        ("Led Zeppelin – IV", 30, 400, 0, 0),
        ("Nirvana – Nevermind", 30, 350, 0, 0),
        ("Björk – Homogenic", 40, 200, 0, 0),
        ("Daft Punk – Discovery", 45, 250, 0, 0),
        ("Joni Mitchell – Blue", 25, 300, 0, 0),
        ("Sigur Rós – Ágætis byrjun", 60, 260, 0, 0),
        ("Buena Vista Social Club – Buena Vista Social Club", 30, 120, 0, 0),
        ("Kraftwerk – Trans-Europa Express", 35, 320, 0, 0),
        ("Radiohead – OK Computer", 40, 280, 0, 0),
        ("John Coltrane – A Love Supreme", 45, 800, 0, 0),
    ), (" (first press)", " (UK press)", " (Japan press, OBI)", " (180g reissue)", "",
        " (sealed)"), 0.0, True), 7),
    (_Category("Handbags", (
        ("Hermès Birkin 30 Togo", 14000, 28000, 0, 0),
        ("Chanel Classic Flap Medium Caviar", 6500, 10500, 0, 0),
        ("Louis Vuitton Speedy 30 Monogram", 650, 1300, 0, 0),
        ("Gucci Jackie 1961 Small", 1400, 2600, 0, 0),
        ("Prada Re-Edition 2005 Nylon", 700, 1300, 0, 0),
        ("Bottega Veneta Cassette", 1700, 2900, 0, 0),
        ("Céline Luggage Nano", 1500, 2800, 0, 0),
        ("Dior Saddle Bag", 1900, 3600, 0, 0),
        ("Fendi Baguette", 900, 2800, 0, 0),
        ("Goyard Saint Louis PM", 1300, 2100, 0, 0),
    ), ("", " – with dust bag", " (excellent)", " (good, light corner wear)", " – receipt"),
        0.0, True), 7),
    (_Category("Jewelry", (
        ('14k gold Cuban link chain 22"', 1200, 4800, 0, 0),
        ("Tiffany & Co. Return to Tiffany bracelet", 250, 480, 0, 0),
        ("Cartier Love bracelet 18k", 5200, 8200, 0, 0),
        ("Vintage sapphire & diamond ring", 800, 6500, 0, 0),
        ("Art Deco platinum filigree ring", 1200, 5500, 0, 0),
        ("David Yurman cable bracelet", 280, 750, 0, 0),
        ('Akoya pearl strand 18"', 400, 2200, 0, 0),
        ("Van Cleef & Arpels Alhambra pendant", 2800, 5200, 0, 0),
    ), ("",), 0.0, True), 5),
    (_Category("Cameras", (
        ("Leica M6 0.72 black chrome", 2800, 4800, 0, 0),
        ("Hasselblad 500C/M with 80mm f/2.8", 1300, 2400, 0, 0),
        ("Canon AE-1 Program + 50mm f/1.8", 180, 380, 0, 0),
        ("Nikon F3HP", 300, 650, 0, 0),
        ("Contax T2 titanium", 650, 1300, 0, 0),
        ("Fujifilm X100V silver", 1300, 2100, 0, 0),
        ("Mamiya RB67 Pro S kit", 600, 1100, 0, 0),
        ("Olympus OM-1n + Zuiko 50mm", 200, 420, 0, 0),
    ), ("", " (CLA'd)", " – mint", " – user condition"), 0.0, True), 4),
    (_Category("Guitars", (
        ("Fender Stratocaster sunburst", 1100, 14000, 1965, 2022),
        ("Gibson Les Paul Standard", 2200, 9000, 1974, 2021),
        ("Martin D-28", 2000, 6500, 1968, 2020),
        ("Gibson ES-335 cherry", 2500, 9500, 1969, 2019),
        ("Fender Telecaster butterscotch", 900, 6000, 1972, 2022),
        ("Rickenbacker 360", 1800, 3800, 1975, 2018),
        ("Gretsch 6120", 1600, 4200, 1990, 2021),
        ("Taylor 814ce", 2200, 3600, 2005, 2022),
    ), ("", " with hard case", " (refret 2019)", " – all original"), 0.9, True), 4),
    (_Category("Comics", (
        ("Amazing Fantasy #15", 9000, 60000, 0, 0),
        ("The Amazing Spider-Man #300", 300, 2200, 0, 0),
        ("The Incredible Hulk #181", 900, 9000, 0, 0),
        ("X-Men #1 (1963)", 4000, 40000, 0, 0),
        ("Batman #423", 60, 800, 0, 0),
        ("Giant-Size X-Men #1", 900, 9000, 0, 0),
        ("Saga #1", 40, 300, 0, 0),
        ("Teenage Mutant Ninja Turtles #1", 1500, 12000, 0, 0),
    ), (" CGC 9.8", " CGC 9.4", " CGC 6.0", " (raw, VF)", " (raw, FN)"), 0.0, True), 4),
    (_Category("Vehicles", (
        ("Ford Mustang Fastback", 38000, 95000, 1965, 1968),
        ("Toyota Tacoma TRD Off-Road", 24000, 42000, 2012, 2022),
        ("Porsche 911 Carrera", 45000, 125000, 1984, 2012),
        ("Chevrolet C10 Stepside", 18000, 45000, 1967, 1972),
        ("Volkswagen Vanagon Westfalia", 22000, 58000, 1980, 1991),
        ("Land Rover Defender 110", 38000, 85000, 1987, 1997),
        ("BMW 325i (E30)", 12000, 28000, 1987, 1991),
        ("Honda S2000", 22000, 42000, 2000, 2009),
        ("Jeep Wrangler Rubicon", 26000, 48000, 2008, 2021),
        ("Mercedes-Benz 300D (W123)", 8000, 19000, 1977, 1985),
        ("Datsun 240Z", 25000, 48000, 1970, 1973),
        ("Ford Bronco", 32000, 95000, 1968, 1977),
    ), ("", " – clean title", " – 2 owners", " – restored", " – service records"), 1.0, True), 3),
    (_Category("Antiques", (
        ("Mid-century teak credenza", 900, 3200, 0, 0),
        ("Eames lounge chair & ottoman", 4200, 7500, 0, 0),
        ("Victorian oak roll-top desk", 700, 2200, 0, 0),
        ("Tiffany-style stained glass lamp", 250, 1200, 0, 0),
        ("Set of 6 Thonet bentwood chairs", 600, 1800, 0, 0),
        ("Persian Heriz rug 8x10", 1200, 6500, 0, 0),
        ("Art Nouveau bronze vase", 300, 1500, 0, 0),
        ("Danish rosewood coffee table", 800, 2600, 0, 0),
    ), ("",), 0.0, True), 4),
    (_Category("Parts", (
        ("Alternator, remanufactured", 140, 320, 0, 0),
        ("Brembo front brake kit", 1100, 2600, 0, 0),
        ("OEM water pump", 90, 260, 0, 0),
        ("Bosch O2 sensor", 45, 120, 0, 0),
        ("Exedy Stage 1 clutch kit", 280, 620, 0, 0),
        ("Catalytic converter, direct fit", 380, 1400, 0, 0),
        ("Timing belt kit", 120, 360, 0, 0),
        ("LED headlight assemblies (pair)", 240, 900, 0, 0),
        ("Aluminum radiator", 180, 520, 0, 0),
        ("Bilstein 5100 shocks (set of 4)", 380, 620, 0, 0),
    ), (" – 2012 Ford F-150", " – 2008 Honda Civic", " – 2015 Subaru WRX", " – 2006 BMW 330i",
        " – 2017 Toyota Camry", " – 1999 Jeep Cherokee XJ", " – 2019 Ram 1500",
        " – 2004 VW Golf"), 0.0, False), 7),
    (_Category("Tires", (
        ("Set of 4 Michelin Pilot Sport 4S 245/40R18", 1200, 1600, 0, 0),
        ("Set of 4 BFGoodrich KO2 LT285/70R17", 1100, 1500, 0, 0),
        ("Set of 4 Bridgestone Blizzak WS90 215/55R17", 800, 1100, 0, 0),
        ("Pair of Continental DWS06 225/45R17", 380, 520, 0, 0),
        ("Set of 4 Goodyear Assurance 205/55R16", 480, 720, 0, 0),
        ("Set of 4 Pirelli P Zero 255/35R19", 1300, 1900, 0, 0),
        ("Set of 4 Nokian Hakkapeliitta R5 225/60R17", 900, 1300, 0, 0),
    ), ("", " (mounted & balanced)"), 0.0, False), 5),
    (_Category("Service", (
        ("Oil change & multi-point inspection", 60, 140, 0, 0),
        ("Timing belt replacement", 550, 1200, 0, 0),
        ("Front brake pads & rotors", 280, 650, 0, 0),
        ("Four-wheel alignment", 90, 180, 0, 0),
        ("A/C recharge", 120, 260, 0, 0),
        ("Pre-purchase inspection", 150, 300, 0, 0),
        ("Full detail, interior & exterior", 180, 450, 0, 0),
        ("Watch service – full overhaul", 350, 900, 0, 0),
        ("Battery replacement", 140, 320, 0, 0),
        ("Sneaker restoration & deep clean", 45, 120, 0, 0),
        ("Card grading submission (PSA)", 25, 150, 0, 0),
        ("Handbag spa – clean & condition", 120, 380, 0, 0),
    ), ("",), 0.0, False), 8),
)

_CONSIGNABLE = _Weighted(
    [(c, w) for c, w in zip(_CATEGORIES.options, _CATEGORIES.weights, strict=True) if c.consignable]
)

_COMMISSIONS = tuple(Decimal(v) for v in (
    "10.00", "12.50", "15.00", "20.00", "20.00", "25.00", "25.00", "25.00", "30.00", "30.00",
    "35.00", "40.00"))

# How a note writes a commission: "20%", "12.5%".
_PCT_LABELS: dict[Decimal | None, str] = {
    pct: f"{pct:f}".rstrip("0").rstrip(".") for pct in _COMMISSIONS
}

_CONSIGNED_STATUS = _w(("Collection", 45), ("Sold", 30), ("Archived", 10), ("Wishlist", 15))

# --------------------------------------------------------------------------------------------
# Free text.

_NOTE_ITEMS = (
    "1967 Omega", "Speedmaster", "Jordan 1s", "Charizard", "Mustang", "Birkin", "Leica",
    "Les Paul", "Tacoma", "first-press Rumours", "Cartier Tank", "Submariner", "C10",
    "Eames chair", "Westfalia", "Griffey rookie", "Telecaster", "Dior Saddle",
)
_NOTE_WANTS = (
    "Submariner", "PSA 10 rookie card", "Westfalia", "Chanel flap bag", "pre-1980 Strat",
    "Dunk Low in size 11", "911 in Guards Red", "Blue Note first press", "Heuer Autavia",
    "Contax T2", "Defender 110", "CGC 9.8 Spider-Man",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
_TIMES = ("5pm", "6pm", "noon", "10am", "4:30pm", "3pm", "7pm", "9am")
_SERVICES = ("an oil change", "brake work", "an alignment", "a watch service",
             "a pre-purchase inspection", "winter tires", "a detail")

_GENERAL_TEMPLATES = (
    "Called about the {item}, wants it held until {day}.",
    "Prefers texts after {time}.",
    "Asked us to keep an eye out for a {want}.",
    "Left voicemail about pickup, no answer yet.",
    "Dropped off the {item} for appraisal.",
    "Paid a ${amt} deposit, balance due on pickup.",
    "Interested in trading in the {item}.",
    "Wants first call on any {want} that comes in.",
    "Emailed photos of the {item}.",
    "Rescheduled to {day} at {time}.",
    "Do not call before 10am.",
    "Returned call, will come by {day}.",
    "Asked about financing options.",
    "Needs a copy of the receipt for insurance.",
    "VIP: always offer first look at new arrivals.",
    "Referred two friends this month, send a thank-you card.",
    "Questioned the invoice; refunded ${amt} as goodwill.",
    "Moving to {city} in the spring, update address then.",
    "Sent reminder: car due for service.",
    "Booked in for {svc} on {day}.",
    "Looking for a gift, budget around ${amt}.",
    "Came by the booth at the show, took a card.",
    "Will be out of the country until {day} after next.",
    "Offered ${amt} for the {item}; countered, waiting to hear back.",
)
# Each template with the placeholders it uses, so a note only draws the words it needs.
_GENERAL_NOTES = tuple(
    (template, tuple(name for _, name, _, _ in Formatter().parse(template) if name))
    for template in _GENERAL_TEMPLATES
)
_NOTE_WORDS = {
    "item": _NOTE_ITEMS, "want": _NOTE_WANTS, "day": _DAYS, "time": _TIMES, "svc": _SERVICES,
}
_PURCHASE_NOTES = (
    "Picked up the {title}. Very happy with it.",
    "Shipped the {title}, tracking sent by email.",
    "Asked for the service history on the {title}.",
    "Wants to be told if another {title} comes in.",
)
_CONSIGNOR_NOTES = (
    "Consignment agreement signed, {pct}% commission.",
    "Mailed check for consignment proceeds.",
    "Approved a price drop on the {title}.",
    "Dropped off the {title} to consign.",
    "Asked to pull the {title} from the floor for now.",
    "Quarterly consignment statement sent.",
)
_RECORD_NOTES = (
    "Tax exempt, resale certificate on file.",
    "Prefers morning pickups.",
    "Gate code {code} for deliveries.",
    "Collector: mostly Omega and Heuer.",
    "Speaks Spanish; Carlos usually helps.",
    "Pays cash only.",
    "Net 30 account.",
    "Do not mail catalogs.",
    "Trade customer, 10% discount.",
    "Fleet account: three vans.",
    "Hard of hearing, prefers email.",
    "Standing order for sealed Pokémon product.",
    "Has a second home in {city}.",
    "Allergic to cats, keep Biscuit in the back room.",
    "Only buys with box and papers.",
    "Brother-in-law of the owner.",
)
_REFERRAL_BY = ("Referred by {name}", "Friend of {name}", "{name} sent them", "{name}'s neighbor")
_SHOWS = (
    "Pasadena Flea", "Sneaker Con", "Brimfield Antique Show", "Barrett-Jackson Scottsdale",
    "National Sports Collectors Convention", "Goodwood Revival", "Windy City Watch Fair",
    "Record Fair, Utrecht", "Monterey Car Week", "Rose Bowl Flea Market",
)
_OTHER_SOURCES = (
    "Google Maps", "Yelp", "Saw the van wrap", "Drove past the shop", "Radio ad",
    "Newspaper article", "eBay store", "Craigslist",
)
_COMPANY_KINDS = (
    "Motors", "Auto Body", "Collision", "Jewelers", "Antiques", "Vintage", "Collectibles",
    "Classics", "Motorsports", "Consignment", "Cards & Comics", "Records", "Garage",
    "Auto Repair", "Timepieces", "Boutique", "Design", "Trading", "Holdings", "Imports",
)
_COMPANY_PLACES = (
    "Bayside", "Northgate", "Redwood", "Golden Hour", "Copper Kettle", "Blue Ridge",
    "Harbor", "Summit", "Lakeshore", "Old Town", "Silver Line", "Westside", "Ironwood",
    "Foxglove", "Granite", "Riverbend", "Lone Star", "Pacific Coast", "Maple Leaf", "Crown",
)

_PREFERRED = _w(("No Preference", 40), ("Email", 25), ("Text", 20), ("Phone", 15))
_SOURCES = _w((None, 30), ("Walk-in", 20), ("Referral", 15), ("Instagram", 12),
              ("Website", 12), ("Show/Fair", 7), ("Other", 4))
_NOTE_COUNTS = _w((0, 45), (1, 20), (2, 14), (3, 10), (4, 6), (5, 5))

# Address and licence pieces.
_US_SUFFIXES = ("St", "Ave", "Blvd", "Rd", "Dr", "Ln", "Way", "Ct", "Pl", "Street", "Avenue")
_DIRECTIONS = ("N ", "S ", "E ", "W ")
_UNITS = ("Apt {n}", "Apt {n}B", "Suite {n}00", "Unit {n}", "#{n}", "Fl {n}")
_DE_UNITS = ("Hinterhaus", "2. OG", "3. OG links", "c/o Werkstatt")
_FR_UNITS = ("Bât. B", "Appt 12", "Escalier A", "3e étage")
_COLONIAS = ("Roma Norte", "Condesa", "Centro", "Polanco", "Del Valle", "Americana", "Chapultepec")
# Letters each format allows: Canada and the UK leave out ones that read like digits.
_CA_LETTERS = "ABCEGHJKLMNPRSTVWXYZ"
_GB_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_DL_LETTERS = "ABCDEFGHJKLMNPRSTVWY"

# Characters NFKD does not decompose into an ASCII base letter.
_FOLD_TABLE = str.maketrans({
    "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe",
    "Œ": "OE", "đ": "d", "Đ": "D", "ð": "d", "þ": "th", "ı": "i",
})
_fold_cache: dict[str, str] = {}


def _fold(text: str) -> str:
    """Lower-case ASCII letters and digits only: what an email or handle is made of."""
    folded = _fold_cache.get(text)
    if folded is None:
        decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_TABLE))
        folded = "".join(ch for ch in decomposed.lower() if ch.isascii() and ch.isalnum())
        _fold_cache[text] = folded
    return folded


_B36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _base36(n: int, width: int) -> str:
    digits = []
    while n:
        n, rem = divmod(n, 36)
        digits.append(_B36[rem])
    return "".join(reversed(digits)).rjust(width, "0")


# --------------------------------------------------------------------------------------------


def generate_customers(
    count: int, seed: int = 1, *, today: date | None = None
) -> Iterator[DemoCustomer]:
    """Yield `count` demo customers; the same arguments always give the same customers.

    Emails and consignor codes are unique over the whole run. Dates never pass `today`
    (default: the current date), and note times stay before `today` starts, in UTC.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    return _Generator(seed, today or date.today()).run(count)


class _Generator:
    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.r: Callable[[], float] = self.rng.random
        self.today_ord = today.toordinal()
        self.emails: set[str] = set()
        self.consignors = 0

    # Small helpers kept as methods: the generator is one object so the rng stream is shared.

    def pick(self, seq: Sequence[T]) -> T:
        return seq[int(self.r() * len(seq))]

    def wpick(self, table: _Weighted[T]) -> T:
        return table.options[bisect(table.cum, self.r() * table.total)]

    def digits(self, n: int) -> str:
        return str(int(self.r() * 10**n)).zfill(n)

    def run(self, count: int) -> Iterator[DemoCustomer]:
        for _ in range(count):
            yield self.customer()

    # ----------------------------------------------------------------------------------------

    def customer(self) -> DemoCustomer:
        r = self.r
        country = self.wpick(_COUNTRIES)
        city = self.wpick(country.cities)
        first, last = self.name(country)
        company, company_domain = (
            self.company(country, last) if r() < 0.3 else (None, None)
        )
        # Most customers are recent; a few date from the shop's first years.
        since_ord = self.today_ord - 1 - int(r() ** 1.4 * 4380)

        email = self.email(first, last, country, company_domain) if r() < 0.86 else None
        phone = self.phone(country, city, mobile=r() < 0.35) if r() < 0.8 else None
        mobile = self.phone(country, city, mobile=True) if r() < 0.42 else None

        street, street2, postal = self.address(country, city)
        states = city.states
        state = self.pick(states) if len(states) > 1 else states[0]

        dob = None
        if r() < 0.4:
            year = 1940 + int((r() + r()) * 33)
            dob = date.fromordinal(date(year, 1, 1).toordinal() + int(r() * 365))
        driver_license = dl_state = None
        if country.code in ("US", "CA") and r() < 0.34:
            dl_state = state if r() < 0.9 else self.wpick(country.cities).states[0]
            driver_license = self.driver_license(dl_state)

        instagram = self.instagram(first, last, company) if r() < 0.22 else None
        facebook = None
        if r() < 0.12:
            host = "facebook.com/" if r() < 0.75 else "www.facebook.com/"
            tail = f".{int(r() * 90) + 1}" if r() < 0.4 else ""
            facebook = f"{host}{_fold(first)}.{_fold(last)}{tail}"

        contact_options = ["No Preference", "Phone"]
        if email:
            contact_options.append("Email")
        if mobile or phone:
            contact_options.append("Text")
        preferred = self.wpick(_PREFERRED)
        if preferred not in contact_options:
            preferred = "No Preference"

        source = self.wpick(_SOURCES)
        referral = self.referral(source, country) if source else None

        record_note = None
        if r() < 0.12:
            record_note = self.pick(_RECORD_NOTES).format(
                code=self.digits(4), city=self.wpick(country.cities).name
            )

        is_consignor = r() < 0.065
        code = self.consignor_code(first, last) if is_consignor else None

        purchases = self.purchases(since_ord) if r() < 0.4 else ()
        consigned = self.consigned(since_ord) if is_consignor else ()
        notes = self.notes(since_ord, country, purchases, consigned)

        fields: dict[str, object] = {
            "first_name": first,
            "last_name": last,
            "company": company,
            "email": email,
            "phone": phone,
            "mobile_phone": mobile,
            "date_of_birth": dob,
            "driver_license": driver_license,
            "dl_state": dl_state,
            "street": street,
            "street2": street2,
            "city": city.name,
            "state": state,
            "postal_code": postal,
            "country": self.wpick(country.typed),
            "notes": record_note,
            "instagram": instagram,
            "facebook": facebook,
            "preferred_contact": preferred,
            "discovery_source": source,
            "referral_details": referral,
            "customer_since": date.fromordinal(since_ord),
            "is_consignor": is_consignor,
            "consignor_code": code,
            "contact_by_email": bool(email) and r() < 0.45,
            "contact_by_sms": bool(mobile) and r() < 0.4,
            "active": r() >= 0.05,
            "on_hold": r() < 0.02,
        }
        return DemoCustomer(fields, notes, purchases, consigned)

    # ----------------------------------------------------------------------------------------

    def name(self, country: _Country) -> tuple[str, str]:
        r = self.r
        origin = self.wpick(country.origins)
        first = self.pick(_FIRST[origin])
        # Mixed families: a first name from one origin, a surname from another.
        last = self.pick(_LAST[self.wpick(country.origins) if r() < 0.15 else origin])
        if r() < 0.02:
            last = f"{last}-{self.pick(_LAST[self.wpick(country.origins)])}"
        return first, last

    def company(self, country: _Country, last: str) -> tuple[str, str]:
        r = self.r
        kind = self.pick(_COMPANY_KINDS)
        if r() < 0.5:
            base = f"{last} {kind}" if r() < 0.8 else f"{last} & Sons {kind}"
        else:
            base = f"{self.pick(_COMPANY_PLACES)} {kind}"
        suffix = self.wpick(country.company_suffixes)
        name = f"{base} {suffix}" if suffix else base
        return name, f"{_fold(base)[:40]}.{country.company_tld}"

    def email(
        self, first: str, last: str, country: _Country, company_domain: str | None
    ) -> str:
        r = self.r
        f, la = _fold(first) or "customer", _fold(last) or "mail"
        roll = r()
        if roll < 0.3:
            local = f"{f}.{la}"
        elif roll < 0.45:
            local = f + la
        elif roll < 0.6:
            local = f[0] + la
        elif roll < 0.65:
            local = f"{f}_{la}"
        elif roll < 0.7:
            local = f + la[0]
        elif roll < 0.75:
            local = f"{la}.{f}"
        elif roll < 0.87:
            local = f"{f}.{la}{int(r() * 100):02d}"
        elif roll < 0.95:
            local = f"{f}{int(r() * 9000) + 100}"
        else:
            local = f"{f}.{la[0]}"
        if company_domain and r() < 0.55:
            domain = company_domain
        else:
            domain = self.wpick(country.email_domains)
        email = f"{local}@{domain}"
        # Email is unique per business: collisions get a numeric tail, as real people's do.
        while email in self.emails:
            email = f"{local}{int(r() * 1000)}@{domain}"
        self.emails.add(email)
        return email

    def phone(self, country: _Country, city: _City, *, mobile: bool) -> str:
        r = self.r
        plans = country.mobiles if mobile and country.mobiles else city.landlines
        area, length, firsts = self.pick(plans)
        prefix = self.pick(firsts)
        local = prefix + self.digits(length - len(prefix))
        code = country.code
        if code in ("US", "CA"):
            if local.startswith("11", 1) or local.startswith("555"):
                # N11 exchanges are service codes; 555 reads as fake.
                local = "4" + local[1:]
            a, b, c = area, local[:3], local[3:]
            roll = r()
            if code == "CA" or roll >= 0.97:
                # Written with +1 so it reads unambiguously in any shop's region.
                style = int(r() * 4)
                if style == 0:
                    return f"+1 {a} {b} {c}"
                if style == 1:
                    return f"+1 ({a}) {b}-{c}"
                if style == 2:
                    return f"+1-{a}-{b}-{c}"
                return f"+1{a}{b}{c}"
            if roll < 0.35:
                return f"({a}) {b}-{c}"
            if roll < 0.55:
                return f"{a}-{b}-{c}"
            if roll < 0.68:
                return f"{a}.{b}.{c}"
            if roll < 0.8:
                return f"{a}{b}{c}"
            if roll < 0.9:
                return f"+1 {a} {b} {c}"
            return f"1-{a}-{b}-{c}"
        cc = country.calling_code
        nsn = area + local
        roll = r()
        if roll < 0.2:
            return f"+{cc}{nsn}"
        if code == "FR":
            grouped = f"{nsn[0]} {nsn[1:3]} {nsn[3:5]} {nsn[5:7]} {nsn[7:]}"
        elif code == "AU" and area == "4":
            grouped = f"{nsn[:3]} {nsn[3:6]} {nsn[6:]}"
        elif len(local) == 8:
            grouped = f"{area} {local[:4]} {local[4:]}"
        elif len(local) == 7:
            grouped = f"{area} {local[:3]} {local[3:]}"
        else:
            grouped = f"{area} {local}"
        if roll < 0.3 and code != "MX":
            # Europeans and Australians often keep the trunk 0 in brackets.
            return f"+{cc} (0){grouped}"
        if roll < 0.38:
            return f"+{cc}-{grouped.replace(' ', '-')}"
        return f"+{cc} {grouped}"

    def address(self, country: _Country, city: _City) -> tuple[str, str | None, str]:
        r = self.r
        code = country.code
        number = int(r() ** 2 * 240) + 1
        street2 = None
        if code in ("US", "CA", "AU"):
            number = int(r() ** 2.5 * 9900) + 1 if code == "US" else number
            name = self.pick(country.streets)
            if code == "US":
                suffix = self.pick(_US_SUFFIXES)
                direction = self.pick(_DIRECTIONS) if r() < 0.1 else ""
                street = f"{number} {direction}{name} {suffix}"
            else:
                street = f"{number} {name}"
            if r() < 0.14:
                street2 = self.pick(_UNITS).format(n=int(r() * 30) + 1)
        elif code == "GB":
            street = f"{number} {self.pick(country.streets)}"
            if r() < 0.18:
                street2 = f"Flat {int(r() * 20) + 1}"
        elif code == "DE":
            letter = "a" if r() < 0.1 else ""
            street = f"{self.pick(country.streets)} {number}{letter}"
            if r() < 0.1:
                street2 = self.pick(_DE_UNITS)
        elif code == "FR":
            bis = " bis" if r() < 0.06 else ""
            street = f"{number}{bis} {self.pick(country.streets)}"
            if r() < 0.12:
                street2 = self.pick(_FR_UNITS)
        else:
            street = f"{self.pick(country.streets)} {number}"
            if r() < 0.5:
                street2 = "Col. " + self.pick(_COLONIAS)
        postal = self.postal(code, city)
        return street, street2, postal

    def postal(self, code: str, city: _City) -> str:
        r = self.r
        spec = city.postal
        if code in ("US", "DE", "MX", "AU"):
            lo, span = spec
            assert isinstance(lo, int) and isinstance(span, int)
            value = lo + int(r() * (span + 1))
            if code == "AU":
                return f"{value:04d}"
            if code == "US" and r() < 0.06:
                return f"{value:05d}-{self.digits(4)}"
            return f"{value:05d}"
        if code == "CA":
            ca = _CA_LETTERS
            return (f"{spec[0]}{int(r() * 9) + 1}{ca[int(r() * 20)]} "
                    f"{int(r() * 10)}{ca[int(r() * 20)]}{int(r() * 10)}")
        if code == "GB":
            gb = _GB_LETTERS
            outward = self.pick(spec)
            return f"{outward} {int(r() * 9) + 1}{gb[int(r() * 20)]}{gb[int(r() * 20)]}"
        return str(self.pick(spec))

    def driver_license(self, state: str) -> str:
        r = self.r
        letter = self.pick(_DL_LETTERS)
        if state == "CA":
            return letter + self.digits(7)
        if state == "NY":
            d = self.digits(9)
            return f"{d[:3]} {d[3:6]} {d[6:]}" if r() < 0.5 else d
        if state == "TX":
            return self.digits(8)
        if state == "FL":
            d = self.digits(12)
            return f"{letter}{d[:3]}-{d[3:6]}-{d[6:8]}-{d[8:11]}-{d[11]}"
        if state == "IL":
            d = self.digits(11)
            return f"{letter}{d[:3]}-{d[3:7]}-{d[7:]}"
        if state == "WA":
            return "WDL" + "".join(self.pick(_B36) for _ in range(9))
        if state == "ON":
            d = self.digits(14)
            return f"{letter}{d[:4]}-{d[4:9]}-{d[9:]}"
        if state == "QC":
            return letter + self.digits(12)
        if state == "BC":
            return self.digits(7)
        return letter + self.digits(8) if r() < 0.5 else self.digits(9)

    def instagram(self, first: str, last: str, company: str | None) -> str:
        r = self.r
        f, la = _fold(first) or "shop", _fold(last) or "fan"
        if company and r() < 0.5:
            handle = _fold(company)[:24]
        else:
            roll = r()
            if roll < 0.3:
                handle = f"{f}.{la}"
            elif roll < 0.5:
                handle = f"{f}_{la}{int(r() * 100)}"
            elif roll < 0.65:
                handle = f"the{f}{la}"
            elif roll < 0.8:
                handle = f"{f}{la}_"
            else:
                handle = f"{f}.collects"
        handle = handle[:30].rstrip(".")
        roll = r()
        if roll < 0.5:
            return f"@{handle}"
        if roll < 0.8:
            return handle
        if roll < 0.9:
            return f"https://www.instagram.com/{handle}/"
        return f"instagram.com/{handle}"

    def referral(self, source: str, country: _Country) -> str | None:
        r = self.r
        if source == "Referral" and r() < 0.75:
            origin = self.wpick(country.origins)
            name = f"{self.pick(_FIRST[origin])} {self.pick(_LAST[origin])}"
            return self.pick(_REFERRAL_BY).format(name=name)
        if source == "Show/Fair" and r() < 0.6:
            return self.pick(_SHOWS)
        if source == "Other" and r() < 0.7:
            return self.pick(_OTHER_SOURCES)
        if source == "Instagram" and r() < 0.2:
            return f"Saw our post about the {self.pick(_NOTE_ITEMS)}"
        return None

    def consignor_code(self, first: str, last: str) -> str:
        # A per-run counter keeps codes unique whatever the initials are.
        self.consignors += 1
        n = self.consignors
        initials = ((_fold(first)[:1] or "x") + (_fold(last)[:1] or "x")).upper()
        if n < 36**4:
            return initials + _base36(n, 4)
        return initials[0] + _base36(n, 5)

    # ----------------------------------------------------------------------------------------

    def price(self, lo: int, hi: int) -> int:
        """A retail price in cents, rounded the way shops tag things."""
        dollars = lo * (hi / lo) ** self.r()
        if dollars < 100:
            return int(dollars) * 100 + (99 if self.r() < 0.4 else 0)
        step = 5 if dollars < 1000 else 50 if dollars < 10000 else 500
        return int(dollars / step) * step * 100

    def item(
        self,
        category: _Category,
        status: str,
        since_ord: int,
        commission: Decimal | None,
    ) -> DemoItem:
        r = self.r
        base, lo, hi, y0, y1 = self.pick(category.bases)
        title = base + self.pick(category.suffixes)
        if y0 and r() < category.year_share:
            title = f"{y0 + int(r() * (y1 - y0 + 1))} {title}"
        retail = self.price(lo, hi)
        if status == "Wishlist" and r() < 0.3:
            return DemoItem(title, category.name, status, None, None, None, commission)
        if status != "Sold":
            return DemoItem(title, category.name, status, retail, None, None, commission)
        if category.name == "Service" or r() < 0.35:
            sold = retail
        else:
            sold = int(retail * (0.78 + r() * 0.22) / 100) * 100 or retail
        sale = date.fromordinal(since_ord + int(r() * (self.today_ord - since_ord + 1)))
        return DemoItem(title, category.name, status, retail, sold, sale, commission)

    def purchases(self, since_ord: int) -> tuple[DemoItem, ...]:
        count = 1 + int(self.r() ** 2.2 * 8)
        items = [self.item(self.wpick(_CATEGORIES), "Sold", since_ord, None)
                 for _ in range(count)]
        items.sort(key=_sale_key)
        return tuple(items)

    def consigned(self, since_ord: int) -> tuple[DemoItem, ...]:
        r = self.r
        count = 1 + int(r() ** 1.6 * 10)
        # One agreement per consignor: every item carries the same commission.
        commission = self.pick(_COMMISSIONS)
        return tuple(
            self.item(self.wpick(_CONSIGNABLE), self.wpick(_CONSIGNED_STATUS), since_ord,
                      commission)
            for _ in range(count)
        )

    def notes(
        self,
        since_ord: int,
        country: _Country,
        purchases: tuple[DemoItem, ...],
        consigned: tuple[DemoItem, ...],
    ) -> tuple[DemoNote, ...]:
        count = self.wpick(_NOTE_COUNTS)
        if consigned and not count:
            count = 1
        if not count or since_ord >= self.today_ord:
            return ()
        r = self.r
        span = self.today_ord - since_ord
        notes = []
        for _ in range(count):
            roll = r()
            if consigned and roll < 0.4:
                template = self.pick(_CONSIGNOR_NOTES)
                title = self.pick(consigned).title
                text = template.format(pct=_PCT_LABELS[consigned[0].commission_pct], title=title)
            elif purchases and roll < 0.6:
                template = self.pick(_PURCHASE_NOTES)
                text = template.format(title=self.pick(purchases).title)
            else:
                template, names = self.pick(_GENERAL_NOTES)
                values: dict[str, object] = {}
                for name in names:
                    if name == "amt":
                        values[name] = (int(r() * 40) + 1) * 50
                    elif name == "city":
                        values[name] = self.wpick(country.cities).name
                    else:
                        values[name] = self.pick(_NOTE_WORDS[name])
                text = template.format_map(values)
            # Shop hours: 13:00-02:00 UTC, which is daytime for most of the customers.
            day = since_ord + int(r() * span)
            seconds = 46800 + int(r() * 46800)
            if day == self.today_ord - 1 and seconds >= 86400:
                seconds -= 43200
            created = _EPOCH + timedelta(days=day - _EPOCH_ORD, seconds=seconds)
            notes.append(DemoNote(created, self.pick(DEMO_TEAM), text))
        notes.sort(key=_note_key)
        return tuple(notes)


_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_EPOCH_ORD = _EPOCH.toordinal()


def _sale_key(item: DemoItem) -> date:
    assert item.sale_date is not None
    return item.sale_date


def _note_key(note: DemoNote) -> datetime:
    return note.created_at
