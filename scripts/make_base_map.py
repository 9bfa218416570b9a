#!/usr/bin/env python3
"""Converts Natural Earth's countries, as the npm package world-atlas 2.0.2 ships
them (TopoJSON), into the compact base map that Frontline embeds.

Run once by hand, not in CI:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 scripts/make_base_map.py package/countries-50m.json assets/base-map-50m.bin
    python3 scripts/make_base_map.py package/countries-110m.json assets/base-map-110m.bin

The file it writes (all integers little-endian; `varint` is LEB128, `zigzag`
maps signed to unsigned):

    b"FLBM" u8 version(1) u32 country_count
    per country: u16 iso_numeric (0 when none) u8 name_len name(utf-8)
                 varint polygon_count
      per polygon: varint ring_count (the first is the outline, the rest holes)
        per ring: varint point_count, then per point zigzag varint deltas of
                  longitude and latitude in units of 1e-4 degree (from 0 for the
                  ring's first point); the closing point is not repeated.
                  A ring that crosses the antimeridian goes on past 180°; one
                  that circles a pole is closed along it.

Natural Earth is in the public domain; world-atlas is under the ISC licence.
"""

import json
import struct
import sys

UNITS_PER_DEGREE = 10_000


def varint(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def zigzag(value):
    return (value << 1) ^ (value >> 63)


def decode_arcs(topology):
    scale = topology["transform"]["scale"]
    translate = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring_points(arcs, indices):
    ring = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(arc if not ring else arc[1:])
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring.pop()
    return ring


def across_antimeridian(ring):
    """A ring made whole in the plane: one that crosses the antimeridian and back
    keeps going east of 180° (Chukotka, Fiji); one that circles a pole
    (Antarctica) is closed along the pole."""
    jumps = [i for i in range(len(ring)) if abs(ring[i][0] - ring[i - 1][0]) > 180]
    if len(jumps) == 2:
        return [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]
    if len(jumps) == 1:
        i = jumps[0]
        pole = -90.0 if sum(lat for _, lat in ring) < 0 else 90.0
        before, after = ring[i - 1], ring[i]
        return ring[:i] + [(before[0], pole), (after[0], pole)] + ring[i:]
    return ring


def quantized_ring(points):
    out = []
    for lon, lat in points:
        q = (round(lon * UNITS_PER_DEGREE), round(lat * UNITS_PER_DEGREE))
        if not out or out[-1] != q:
            out.append(q)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def main(source, target):
    with open(source, encoding="utf-8") as f:
        topology = json.load(f)
    arcs = decode_arcs(topology)
    countries = topology["objects"]["countries"]["geometries"]
    out = bytearray(b"FLBM")
    out.append(1)
    kept = []
    for country in countries:
        kind = country.get("type")
        if kind == "Polygon":
            polygons = [country["arcs"]]
        elif kind == "MultiPolygon":
            polygons = country["arcs"]
        else:
            continue
        rings_of = []
        for polygon in polygons:
            rings = [quantized_ring(across_antimeridian(ring_points(arcs, r))) for r in polygon]
            rings = [r for r in rings if len(r) >= 3]
            if rings:
                rings_of.append(rings)
        if rings_of:
            kept.append((country, rings_of))
    out += struct.pack("<I", len(kept))
    points = 0
    for country, polygons in kept:
        name = country.get("properties", {}).get("name", "").encode("utf-8")[:255]
        try:
            iso = int(country.get("id", "0"))
        except ValueError:
            iso = 0
        out += struct.pack("<HB", iso, len(name)) + name
        out += varint(len(polygons))
        for rings in polygons:
            out += varint(len(rings))
            for ring in rings:
                out += varint(len(ring))
                px = py = 0
                for x, y in ring:
                    out += varint(zigzag(x - px)) + varint(zigzag(y - py))
                    px, py = x, y
                points += len(ring)
    with open(target, "wb") as f:
        f.write(out)
    print(f"{target}: {len(kept)} countries, {points} points, {len(out)} bytes")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
