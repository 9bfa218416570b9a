#!/usr/bin/env python3
"""Converts the map's context layers (places, rivers, lakes, first-level admin
lines and names) from Natural Earth (public domain) and GeoNames (CC BY 4.0)
into the compact file that Frontline embeds, `assets/context-map.bin`.

Run once by hand, not in CI, with the gzipped GeoJSON files of the shared
map-context folder:

    python3 scripts/make_context_map.py ../shared/data/map-context assets/context-map.bin

The file it writes (integers little-endian; `varint` is LEB128; `zigzag` maps
signed to unsigned; coordinates in units of 1e-4 degree):

    b"FLCM" u8 version(1)
    names:   varint count, per name varint byte_len + utf-8
    places:  varint count, largest population first; per place varint name,
             varint population, zigzag lon, zigzag lat, varint province+1,
             varint country+1 (0: none)
    rivers:  varint count; per river varint name+1, u8 width (tenths of a
             point), u8 scalerank, then a line
    lakes:   varint count; per lake varint name+1, u8 scalerank, varint rings,
             then each ring as a line (the first the outline, the rest islands)
    borders: varint count; per first-level boundary u8 scalerank, then a line
    regions: varint count; per first-level region varint name, varint country+1,
             u8 labelrank, zigzag lon, zigzag lat (where its name goes)

    a line:  varint point_count, then per point zigzag varint deltas of
             longitude and latitude (from 0 for the first point)

Names are indices into `names`. Lines are simplified (Douglas-Peucker, 0.002°,
about 200 m), places kept from 3,000 people up.
"""

import gzip
import json
import os
import struct
import sys
import unicodedata

# The base map's script writes numbers the same way.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_base_map import varint, zigzag  # noqa: E402

UNITS = 10_000
# Rivers whose Natural Earth name is the local one for a stretch, or an older
# English one, by the name researchers of these wars write: the Euphrates is
# "Firat" in Turkey and "Al Furat" in Syria in Natural Earth.
RIVER_NAMES = {
    "Al Furat": "Euphrates",
    "Firat": "Euphrates",
    "Dicle": "Tigris",
    "Dnieper": "Dnipro",
    "Donets": "Siverskyi Donets",
}
TOLERANCE = 0.002
LEAST_POPULATION = 3_000


def load(folder, name):
    with gzip.open(os.path.join(folder, name)) as f:
        return json.load(f)["features"]


def simplify(points, tolerance):
    """Douglas-Peucker, iterative, keeping both ends."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        far, far_at = -1.0, None
        for i in range(a + 1, b):
            px, py = points[i]
            if length2 == 0:
                d = (px - ax) ** 2 + (py - ay) ** 2
            else:
                t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
                d = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2
            if d > far:
                far, far_at = d, i
        if far_at is not None and far > tolerance * tolerance:
            keep[far_at] = True
            stack.append((a, far_at))
            stack.append((far_at, b))
    return [p for p, k in zip(points, keep) if k]


def lines_of(geometry):
    if geometry is None:
        return []
    if geometry["type"] == "LineString":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiLineString":
        return geometry["coordinates"]
    return []


def polygons_of(geometry):
    if geometry is None:
        return []
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    return []


def line_bytes(points):
    out = bytearray(varint(len(points)))
    last = (0, 0)
    for lon, lat in points:
        x, y = round(lon * UNITS), round(lat * UNITS)
        out += varint(zigzag(x - last[0])) + varint(zigzag(y - last[1]))
        last = (x, y)
    return bytes(out)


def plain(name):
    """A name in letters every font has: accents and dots below dropped
    ("Ḩalab" -> "Halab", "Aţ Ţabqah" -> "At Tabqah"), as maps in English write
    them; a name with nothing left keeps its own letters."""
    if name is None:
        return None
    decomposed = unicodedata.normalize("NFKD", name)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    kept = kept.translate(str.maketrans({"ı": "i", "ʼ": "'", "ʻ": "'", "‘": "'", "’": "'", "ʹ": "'"}))
    return kept if kept.strip() else name


class Names:
    def __init__(self):
        self.index = {}
        self.order = []

    def of(self, name):
        name = plain(name)
        if name not in self.index:
            self.index[name] = len(self.order)
            self.order.append(name)
        return self.index[name]


def main(folder, out_path):
    names = Names()
    regions = load(folder, "ne_10m_admin_1_states_provinces_rebuilt_v5.geojson.gz")
    country_of_iso2 = {}
    province_of_code = {}
    for feature in regions:
        p = feature["properties"]
        if p.get("iso_a2") and p.get("admin"):
            country_of_iso2.setdefault(p["iso_a2"], p["admin"])
        if p.get("gn_a1_code"):
            province_of_code[p["gn_a1_code"]] = p.get("name_en") or p.get("name")

    out = bytearray(b"FLCM" + struct.pack("<B", 1))
    body = bytearray()

    places = [
        f for f in load(folder, "geonames_cities1000.geojson.gz")
        if (f["properties"].get("population") or 0) >= LEAST_POPULATION
    ]
    places.sort(key=lambda f: -f["properties"]["population"])
    body += varint(len(places))
    for f in places:
        p = f["properties"]
        lon, lat = f["geometry"]["coordinates"][:2]
        province = province_of_code.get(f"{p['countrycode']}.{p['admin1code']}")
        country = country_of_iso2.get(p["countrycode"])
        body += varint(names.of(p["name"])) + varint(p["population"])
        body += varint(zigzag(round(lon * UNITS))) + varint(zigzag(round(lat * UNITS)))
        body += varint(names.of(province) + 1 if province else 0)
        body += varint(names.of(country) + 1 if country else 0)

    rivers = []
    for name in ("ne_10m_rivers_lake_centerlines_scale_rank_v4.0.0.geojson.gz",
                 "ne_10m_rivers_europe_v4.0.0.geojson.gz"):
        for f in load(folder, name):
            p = f["properties"]
            label = p.get("name_en") or p.get("name")
            label = RIVER_NAMES.get(label, label)
            width = min(255, round((p.get("strokeweig") or 0.5) * 10))
            rank = int(p.get("scalerank") or 10)
            for line in lines_of(f["geometry"]):
                line = simplify([tuple(c[:2]) for c in line], TOLERANCE)
                if len(line) >= 2:
                    rivers.append((label, width, rank, line))
    body += varint(len(rivers))
    for label, width, rank, line in rivers:
        body += varint(names.of(label) + 1 if label else 0)
        body += struct.pack("<BB", width, min(rank, 255)) + line_bytes(line)

    lakes = []
    for f in load(folder, "ne_10m_lakes_v5.geojson.gz"):
        p = f["properties"]
        label = p.get("name_en") or p.get("name")
        rank = int(p.get("scalerank") or 10)
        for polygon in polygons_of(f["geometry"]):
            rings = [simplify([tuple(c[:2]) for c in ring[:-1]], TOLERANCE) for ring in polygon]
            rings = [r for r in rings if len(r) >= 3]
            if rings:
                lakes.append((label, rank, rings))
    body += varint(len(lakes))
    for label, rank, rings in lakes:
        body += varint(names.of(label) + 1 if label else 0)
        body += struct.pack("<B", min(rank, 255)) + varint(len(rings))
        for ring in rings:
            body += line_bytes(ring)

    borders = []
    for f in load(folder, "ne_10m_admin_1_states_provinces_lines_v5.geojson.gz"):
        rank = int(f["properties"].get("SCALERANK") or 10)
        for line in lines_of(f["geometry"]):
            line = simplify([tuple(c[:2]) for c in line], TOLERANCE)
            if len(line) >= 2:
                borders.append((rank, line))
    body += varint(len(borders))
    for rank, line in borders:
        body += struct.pack("<B", min(rank, 255)) + line_bytes(line)

    labels = []
    for feature in regions:
        p = feature["properties"]
        label = p.get("name_en") or p.get("name")
        if not label or p.get("latitude") is None or p.get("longitude") is None:
            continue
        labels.append((label, p.get("admin"), int(p.get("labelrank") or 10),
                       p["longitude"], p["latitude"]))
    body += varint(len(labels))
    for label, country, rank, lon, lat in labels:
        body += varint(names.of(label)) + varint(names.of(country) + 1 if country else 0)
        body += struct.pack("<B", min(rank, 255))
        body += varint(zigzag(round(lon * UNITS))) + varint(zigzag(round(lat * UNITS)))

    out += varint(len(names.order))
    for name in names.order:
        encoded = name.encode("utf-8")
        out += varint(len(encoded)) + encoded
    out += body
    with open(out_path, "wb") as f:
        f.write(out)
    print(f"{out_path}: {len(out):,} bytes; {len(places):,} places, {len(rivers):,} rivers, "
          f"{len(lakes):,} lakes, {len(borders):,} borders, {len(labels):,} regions, "
          f"{len(names.order):,} names")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
