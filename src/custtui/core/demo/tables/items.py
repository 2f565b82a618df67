"""Demo data: the items customers buy and consign, by category, and consignment terms.

A base is (title, low price, high price, first model year, last model year); year 0 means
the title never carries a year.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from custtui.core.demo.draw import Weighted
from custtui.core.demo.draw import weighted as _w


@dataclass(frozen=True, slots=True)
class Category:
    name: str
    bases: tuple[tuple[str, int, int, int, int], ...]
    suffixes: tuple[str, ...]
    year_share: float
    consignable: bool


CATEGORIES = _w(
    (
        Category(
            "Watches",
            (
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
            ),
            ("", "", " – box & papers", " – full set", " (recently serviced)", " – watch only"),
            0.5,
            True,
        ),
        12,
    ),
    (
        Category(
            "Sneakers",
            (
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
            ),
            tuple(f" (US {s})" for s in ("8", "8.5", "9", "9.5", "10", "10.5", "11", "12"))
            + (" (US 10, deadstock)", " (US 9, VNDS)"),
            0.0,
            True,
        ),
        11,
    ),
    (
        Category(
            "Trading Cards",
            (
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
            ),
            (" PSA 10", " PSA 9", " PSA 8", " BGS 9.5", " SGC 8", " (raw)", " (raw)"),
            1.0,
            True,
        ),
        12,
    ),
    (
        Category(
            "Vinyl",
            (
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
            ),
            (
                " (first press)",
                " (UK press)",
                " (Japan press, OBI)",
                " (180g reissue)",
                "",
                " (sealed)",
            ),
            0.0,
            True,
        ),
        7,
    ),
    (
        Category(
            "Handbags",
            (
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
            ),
            ("", " – with dust bag", " (excellent)", " (good, light corner wear)", " – receipt"),
            0.0,
            True,
        ),
        7,
    ),
    (
        Category(
            "Jewelry",
            (
                ('14k gold Cuban link chain 22"', 1200, 4800, 0, 0),
                ("Tiffany & Co. Return to Tiffany bracelet", 250, 480, 0, 0),
                ("Cartier Love bracelet 18k", 5200, 8200, 0, 0),
                ("Vintage sapphire & diamond ring", 800, 6500, 0, 0),
                ("Art Deco platinum filigree ring", 1200, 5500, 0, 0),
                ("David Yurman cable bracelet", 280, 750, 0, 0),
                ('Akoya pearl strand 18"', 400, 2200, 0, 0),
                ("Van Cleef & Arpels Alhambra pendant", 2800, 5200, 0, 0),
            ),
            ("",),
            0.0,
            True,
        ),
        5,
    ),
    (
        Category(
            "Cameras",
            (
                ("Leica M6 0.72 black chrome", 2800, 4800, 0, 0),
                ("Hasselblad 500C/M with 80mm f/2.8", 1300, 2400, 0, 0),
                ("Canon AE-1 Program + 50mm f/1.8", 180, 380, 0, 0),
                ("Nikon F3HP", 300, 650, 0, 0),
                ("Contax T2 titanium", 650, 1300, 0, 0),
                ("Fujifilm X100V silver", 1300, 2100, 0, 0),
                ("Mamiya RB67 Pro S kit", 600, 1100, 0, 0),
                ("Olympus OM-1n + Zuiko 50mm", 200, 420, 0, 0),
            ),
            ("", " (CLA'd)", " – mint", " – user condition"),
            0.0,
            True,
        ),
        4,
    ),
    (
        Category(
            "Guitars",
            (
                ("Fender Stratocaster sunburst", 1100, 14000, 1965, 2022),
                ("Gibson Les Paul Standard", 2200, 9000, 1974, 2021),
                ("Martin D-28", 2000, 6500, 1968, 2020),
                ("Gibson ES-335 cherry", 2500, 9500, 1969, 2019),
                ("Fender Telecaster butterscotch", 900, 6000, 1972, 2022),
                ("Rickenbacker 360", 1800, 3800, 1975, 2018),
                ("Gretsch 6120", 1600, 4200, 1990, 2021),
                ("Taylor 814ce", 2200, 3600, 2005, 2022),
            ),
            ("", " with hard case", " (refret 2019)", " – all original"),
            0.9,
            True,
        ),
        4,
    ),
    (
        Category(
            "Comics",
            (
                ("Amazing Fantasy #15", 9000, 60000, 0, 0),
                ("The Amazing Spider-Man #300", 300, 2200, 0, 0),
                ("The Incredible Hulk #181", 900, 9000, 0, 0),
                ("X-Men #1 (1963)", 4000, 40000, 0, 0),
                ("Batman #423", 60, 800, 0, 0),
                ("Giant-Size X-Men #1", 900, 9000, 0, 0),
                ("Saga #1", 40, 300, 0, 0),
                ("Teenage Mutant Ninja Turtles #1", 1500, 12000, 0, 0),
            ),
            (" CGC 9.8", " CGC 9.4", " CGC 6.0", " (raw, VF)", " (raw, FN)"),
            0.0,
            True,
        ),
        4,
    ),
    (
        Category(
            "Vehicles",
            (
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
            ),
            ("", " – clean title", " – 2 owners", " – restored", " – service records"),
            1.0,
            True,
        ),
        3,
    ),
    (
        Category(
            "Antiques",
            (
                ("Mid-century teak credenza", 900, 3200, 0, 0),
                ("Eames lounge chair & ottoman", 4200, 7500, 0, 0),
                ("Victorian oak roll-top desk", 700, 2200, 0, 0),
                ("Tiffany-style stained glass lamp", 250, 1200, 0, 0),
                ("Set of 6 Thonet bentwood chairs", 600, 1800, 0, 0),
                ("Persian Heriz rug 8x10", 1200, 6500, 0, 0),
                ("Art Nouveau bronze vase", 300, 1500, 0, 0),
                ("Danish rosewood coffee table", 800, 2600, 0, 0),
            ),
            ("",),
            0.0,
            True,
        ),
        4,
    ),
    (
        Category(
            "Parts",
            (
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
            ),
            (
                " – 2012 Ford F-150",
                " – 2008 Honda Civic",
                " – 2015 Subaru WRX",
                " – 2006 BMW 330i",
                " – 2017 Toyota Camry",
                " – 1999 Jeep Cherokee XJ",
                " – 2019 Ram 1500",
                " – 2004 VW Golf",
            ),
            0.0,
            False,
        ),
        7,
    ),
    (
        Category(
            "Tires",
            (
                ("Set of 4 Michelin Pilot Sport 4S 245/40R18", 1200, 1600, 0, 0),
                ("Set of 4 BFGoodrich KO2 LT285/70R17", 1100, 1500, 0, 0),
                ("Set of 4 Bridgestone Blizzak WS90 215/55R17", 800, 1100, 0, 0),
                ("Pair of Continental DWS06 225/45R17", 380, 520, 0, 0),
                ("Set of 4 Goodyear Assurance 205/55R16", 480, 720, 0, 0),
                ("Set of 4 Pirelli P Zero 255/35R19", 1300, 1900, 0, 0),
                ("Set of 4 Nokian Hakkapeliitta R5 225/60R17", 900, 1300, 0, 0),
            ),
            ("", " (mounted & balanced)"),
            0.0,
            False,
        ),
        5,
    ),
    (
        Category(
            "Service",
            (
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
            ),
            ("",),
            0.0,
            False,
        ),
        8,
    ),
)

CONSIGNABLE = Weighted(
    [(c, w) for c, w in zip(CATEGORIES.options, CATEGORIES.weights, strict=True) if c.consignable]
)

COMMISSIONS = tuple(
    Decimal(v)
    for v in (
        "10.00",
        "12.50",
        "15.00",
        "20.00",
        "20.00",
        "25.00",
        "25.00",
        "25.00",
        "30.00",
        "30.00",
        "35.00",
        "40.00",
    )
)

# How a note writes a commission: "20%", "12.5%".
PCT_LABELS: dict[Decimal | None, str] = {
    pct: f"{pct:f}".rstrip("0").rstrip(".") for pct in COMMISSIONS
}

CONSIGNED_STATUS = _w(("Collection", 45), ("Sold", 30), ("Archived", 10), ("Wishlist", 15))

# The shop's own stock (not consigned): what is on the shelf, wanted, put away, or sold over
# the counter to a walk-in.
STOCK_STATUS = _w(("Collection", 45), ("Sold", 30), ("Wishlist", 10), ("Archived", 15))

# A consignor's ledger adjustment: signed cents (what the store owes more, or less) and why.
ADJUSTMENTS = (
    (-1500, "Cleaning and polishing before sale"),
    (-2500, "Authentication fee"),
    (2000, "Price correction on a sale"),
    (-1000, "Shipping to the buyer"),
    (500, "Goodwill for a late payout"),
    (-750, "Replacement strap"),
)
