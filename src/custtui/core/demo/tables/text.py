"""Demo data: the free text (notes, referrals, where customers came from) and how often
each contact preference, source and number of notes comes up."""

from __future__ import annotations

from string import Formatter

from custtui.core.demo.draw import weighted as _w

NOTE_ITEMS = (
    "1967 Omega", "Speedmaster", "Jordan 1s", "Charizard", "Mustang", "Birkin", "Leica",
    "Les Paul", "Tacoma", "first-press Rumours", "Cartier Tank", "Submariner", "C10",
    "Eames chair", "Westfalia", "Griffey rookie", "Telecaster", "Dior Saddle",
)
NOTE_WANTS = (
    "Submariner", "PSA 10 rookie card", "Westfalia", "Chanel flap bag", "pre-1980 Strat",
    "Dunk Low in size 11", "911 in Guards Red", "Blue Note first press", "Heuer Autavia",
    "Contax T2", "Defender 110", "CGC 9.8 Spider-Man",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
TIMES = ("5pm", "6pm", "noon", "10am", "4:30pm", "3pm", "7pm", "9am")
SERVICES = ("an oil change", "brake work", "an alignment", "a watch service",
            "a pre-purchase inspection", "winter tires", "a detail")

GENERAL_TEMPLATES = (
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
GENERAL_NOTES = tuple(
    (template, tuple(name for _, name, _, _ in Formatter().parse(template) if name))
    for template in GENERAL_TEMPLATES
)
NOTE_WORDS = {
    "item": NOTE_ITEMS, "want": NOTE_WANTS, "day": DAYS, "time": TIMES, "svc": SERVICES,
}
PURCHASE_NOTES = (
    "Picked up the {title}. Very happy with it.",
    "Shipped the {title}, tracking sent by email.",
    "Asked for the service history on the {title}.",
    "Wants to be told if another {title} comes in.",
)
CONSIGNOR_NOTES = (
    "Consignment agreement signed, {pct}% commission.",
    "Mailed check for consignment proceeds.",
    "Approved a price drop on the {title}.",
    "Dropped off the {title} to consign.",
    "Asked to pull the {title} from the floor for now.",
    "Quarterly consignment statement sent.",
)
RECORD_NOTES = (
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
REFERRAL_BY = ("Referred by {name}", "Friend of {name}", "{name} sent them", "{name}'s neighbor")
SHOWS = (
    "Pasadena Flea", "Sneaker Con", "Brimfield Antique Show", "Barrett-Jackson Scottsdale",
    "National Sports Collectors Convention", "Goodwood Revival", "Windy City Watch Fair",
    "Record Fair, Utrecht", "Monterey Car Week", "Rose Bowl Flea Market",
)
OTHER_SOURCES = (
    "Google Maps", "Yelp", "Saw the van wrap", "Drove past the shop", "Radio ad",
    "Newspaper article", "eBay store", "Craigslist",
)

PREFERRED = _w(("No Preference", 40), ("Email", 25), ("Text", 20), ("Phone", 15))
SOURCES = _w((None, 30), ("Walk-in", 20), ("Referral", 15), ("Instagram", 12),
             ("Website", 12), ("Show/Fair", 7), ("Other", 4))
NOTE_COUNTS = _w((0, 45), (1, 20), (2, 14), (3, 10), (4, 6), (5, 5))
