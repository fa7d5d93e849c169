"""Proportions the demo generator draws from (names and places: ``samples_people``).

Proportions are plausible orders of magnitude for an advice centre (domain.md §2, §8):
phone and walk-in dominate, most contacts are first-level information, heating and
insulation lead in France, solar water heating, lighting and butane in the Maghreb.
"""

from __future__ import annotations

from siec_desk.services.demo.samples_people import ADVISORS as ADVISORS
from siec_desk.services.demo.samples_people import CENTRE_NAMES as CENTRE_NAMES

MODES = (
    ("phone", 42),
    ("walk_in", 25),
    ("email", 15),
    ("home_visit", 7),
    ("event", 5),
    ("video", 3),
    ("letter", 1),
    ("mobile_desk", 2),
)
ACTS_ANONYMOUS = (("info", 95), ("awareness", 5))
ACTS_IDENTIFIED = (("info", 20), ("advice", 65), ("audit", 5), ("support", 10))
ORIGINS = (
    ("word_of_mouth", 25),
    ("web_social", 22),
    ("town_hall", 15),
    ("national_number", 10),
    ("press_radio", 6),
    ("social_worker", 7),
    ("craftsman", 5),
    ("event", 5),
    ("poster", 3),
    ("former_user", 2),
)

#: How often a consultation refers the household somewhere (identified, anonymous), and
#: where, by country: MAR and Anah operators, ADIL and RGE professionals in France; the
#: utility (SRM/ONEE, STEG) and the national agency's programmes (AMEE, ANME: Prosol) in
#: Morocco and Tunisia. Illustrative shares, not statistics.
ORIENTATION_RATE = {"FR": (0.45, 0.15), "MA": (0.3, 0.1), "TN": (0.35, 0.1)}
ORIENTATIONS = {
    "FR": (
        ("mar", 38),
        ("adil", 12),
        ("rge_pro", 16),
        ("social", 10),
        ("local_authority", 10),
        ("caue", 5),
        ("energy_company", 3),
        ("other", 6),
    ),
    "MA": (
        ("energy_company", 35),
        ("agency_programme", 28),
        ("local_authority", 20),
        ("rge_pro", 6),
        ("social", 5),
        ("other", 6),
    ),
    "TN": (
        ("agency_programme", 38),
        ("energy_company", 32),
        ("rge_pro", 12),
        ("local_authority", 10),
        ("social", 3),
        ("other", 5),
    ),
}

THEMES = {
    "FR": (
        ("heating", 22),
        ("insulation", 22),
        ("financial_aid", 20),
        ("windows", 8),
        ("hot_water", 5),
        ("ventilation", 4),
        ("eco_gestures", 5),
        ("audit", 4),
        ("solar_pv", 3),
        ("summer_comfort", 2),
        ("fuel_poverty", 2),
        ("legal", 1),
        ("co_ownership", 1),
        ("lighting", 1),
    ),
    "MA": (
        ("solar_thermal", 20),
        ("lighting", 15),
        ("eco_gestures", 15),
        ("butane_safety", 10),
        ("appliances", 10),
        ("water", 10),
        ("cooling", 8),
        ("insulation", 6),
        ("solar_pv", 4),
        ("summer_comfort", 2),
    ),
    "TN": (
        ("solar_thermal", 20),
        ("cooling", 16),
        ("lighting", 12),
        ("eco_gestures", 12),
        ("appliances", 10),
        ("insulation", 10),
        ("solar_pv", 8),
        ("water", 6),
        ("butane_safety", 4),
        ("financial_aid", 2),
    ),
}

#: Measures an advisor typically recommends for a theme.
MEASURES_BY_THEME = {
    "heating": (
        "lower_setpoint_1c",
        "thermostat_programmable",
        "boiler_maintenance",
        "heat_pump",
        "condensing_boiler",
        "wood_pellet_stove",
    ),
    "insulation": (
        "attic_insulation",
        "wall_insulation",
        "floor_insulation",
        "roof_insulation",
        "draught_proofing",
    ),
    "windows": ("window_replacement", "draught_proofing"),
    "hot_water": ("flow_reducers", "heat_pump_water_heater", "solar_water_heater"),
    "solar_thermal": ("solar_water_heater",),
    "solar_pv": ("solar_pv",),
    "lighting": ("led_lighting",),
    "appliances": ("efficient_fridge", "standby_cutters"),
    "cooling": ("efficient_ac", "roof_insulation"),
    "eco_gestures": ("lower_setpoint_1c", "standby_cutters", "flow_reducers", "led_lighting"),
    "water": ("water_saving", "flow_reducers"),
    "butane_safety": ("butane_to_solar_cooking", "solar_water_heater"),
    "summer_comfort": ("roof_insulation", "efficient_ac"),
    "financial_aid": ("attic_insulation", "heat_pump", "solar_water_heater"),
    "fuel_poverty": ("led_lighting", "standby_cutters", "flow_reducers", "draught_proofing"),
}

#: Month weights (Jan…Dec): heating questions in France, cooling and solar in the Maghreb.
SEASON = {
    "FR": (12, 11, 10, 8, 6, 5, 4, 3, 8, 11, 12, 10),
    "MA": (8, 8, 9, 9, 9, 10, 10, 6, 9, 9, 8, 7),
    "TN": (8, 8, 8, 9, 10, 11, 11, 6, 9, 8, 7, 7),
}

HEATING = {
    "FR": (
        ("natural_gas", 38),
        ("electricity", 35),
        ("fuel_oil", 8),
        ("wood", 9),
        ("district_heat", 5),
        ("butane_propane", 2),
        ("other", 3),
    ),
    "MA": (("none", 45), ("butane_propane", 30), ("electricity", 15), ("wood", 10)),
    "TN": (("none", 30), ("butane_propane", 25), ("electricity", 30), ("natural_gas", 15)),
}
HOT_WATER = {
    "FR": (("electricity", 50), ("natural_gas", 35), ("fuel_oil", 5), ("solar", 3), ("other", 7)),
    "MA": (("butane_propane", 65), ("electricity", 20), ("solar", 15)),
    "TN": (("butane_propane", 45), ("natural_gas", 20), ("electricity", 15), ("solar", 20)),
}
DWELLINGS = {
    "FR": (("house", 55), ("apartment", 44), ("other", 1)),
    "MA": (("house", 35), ("apartment", 35), ("traditional_house", 30)),
    "TN": (("house", 55), ("apartment", 35), ("traditional_house", 10)),
}
PERIODS = (
    ("pre_1948", 15),
    ("1948_1974", 25),
    ("1975_2000", 30),
    ("2001_2012", 15),
    ("post_2012", 8),
    ("unknown", 7),
)
TENURES = (
    ("owner_occupier", 55),
    ("private_tenant", 20),
    ("social_tenant", 10),
    ("landlord", 5),
    ("co_owner", 6),
    ("hosted", 2),
    ("other", 2),
)
INCOME_BANDS = (("low", 40), ("middle", 40), ("high", 10), ("unknown", 10))
FOLLOW_UP_ACTIONS = {
    "fr": (
        "Rappeler pour les devis",
        "Envoyer la liste des artisans RGE",
        "RDV pour le dossier MaPrimeRénov'",
        "Relancer après la visite",
    ),
    "ar": (
        "معاودة الاتصال بخصوص العروض",
        "إرسال لائحة المركّبين المعتمدين",
        "موعد لملف الدعم",
        "متابعة بعد الزيارة",
    ),
}
