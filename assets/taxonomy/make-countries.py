#!/usr/bin/env python3
"""Writes assets/taxonomy/countries.csv: ISO 3166-1 alpha-2 codes with their Swedish and
English names, from Debian's iso-codes package (/usr/share/iso-codes, LGPL-2.1+), which holds
the standard's names and their translations. Run by hand when iso-codes changes:

    apt-get install -y iso-codes && python3 assets/taxonomy/make-countries.py
"""
import csv
import gettext
import json
import sys

SOURCE = "/usr/share/iso-codes/json/iso_3166-1.json"
swedish = gettext.translation("iso_3166-1", localedir="/usr/share/locale", languages=["sv"])
with open(SOURCE, encoding="utf-8") as f:
    countries = json.load(f)["3166-1"]
out = csv.writer(open("assets/taxonomy/countries.csv", "w", encoding="utf-8", newline=""),
                 delimiter=";", lineterminator="\n")
out.writerow(["code", "name_sv", "name_en", "aliases"])
for c in sorted(countries, key=lambda c: c["alpha_2"]):
    english = c.get("common_name", c["name"])
    # The Swedish of the common name when iso-codes translates it, else of the formal one.
    name_sv = swedish.gettext(english)
    if name_sv == english:
        name_sv = swedish.gettext(c["name"])
    aliases = [n for n in (c["name"], c.get("official_name", "")) if n and n != english]
    # Older names files still use.
    aliases += {"CZ": ["Czech Republic"], "MK": ["Macedonia"], "SZ": ["Swaziland"],
                "TR": ["Turkey"], "GB": ["UK", "Great Britain"], "US": ["USA"]}.get(c["alpha_2"], [])
    out.writerow([c["alpha_2"], name_sv, english, "|".join(dict.fromkeys(aliases))])
print(f"{len(countries)} countries", file=sys.stderr)
