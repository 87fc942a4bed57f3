#!/usr/bin/env python3
"""Derives libya-outline.json from Natural Earth 1:50m country boundaries as
redistributed in the npm package world-atlas 2.0.2 (countries-50m.json).

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 derive-libya-outline.py package/countries-50m.json > libya-outline.json

Libya (ISO 3166 numeric 434) and the parts of its neighbours inside the
drawing box are kept, as rings of [lon, lat] rounded to 0.01 degree (about
1 km, finer than any region in the scenarios) after Douglas-Peucker
simplification at the same tolerance. Run again to reproduce the file byte
for byte."""
import json, sys

NEIGHBOURS = {"818": "Egypt", "788": "Tunisia", "012": "Algeria", "562": "Niger",
              "148": "Chad", "729": "Sudan"}
BOX = (8.0, 18.0, 27.0, 35.0)  # lon_min, lat_min, lon_max, lat_max
TOL = 0.01

def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]; tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0; pts = []
        for dx, dy in arc:
            x += dx; y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs

def ring(arcs, idxs):
    pts = []
    for i in idxs:
        a = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(a if not pts else a[1:])
    return pts

def simplify(pts, tol):
    if len(pts) < 3: return pts
    keep = [False] * len(pts); keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        s, e = stack.pop()
        (x1, y1), (x2, y2) = pts[s], pts[e]
        dx, dy = x2 - x1, y2 - y1; n2 = dx * dx + dy * dy
        best, bi = -1.0, -1
        for i in range(s + 1, e):
            px, py = pts[i]
            if n2 == 0: d = (px - x1) ** 2 + (py - y1) ** 2
            else:
                t = max(0, min(1, ((px - x1) * dx + (py - y1) * dy) / n2))
                d = (px - x1 - t * dx) ** 2 + (py - y1 - t * dy) ** 2
            if d > best: best, bi = d, i
        if bi >= 0 and best > tol * tol:
            keep[bi] = True; stack += [(s, bi), (bi, e)]
    return [p for p, k in zip(pts, keep) if k]

def polygons(arcs, geom):
    if geom["type"] == "Polygon": polys = [geom["arcs"]]
    elif geom["type"] == "MultiPolygon": polys = geom["arcs"]
    else: return []
    out = []
    for poly in polys:
        rings = []
        for r in poly:
            pts = simplify(ring(arcs, r), TOL)
            if len(pts) >= 4:
                rings.append([[round(x, 2), round(y, 2)] for x, y in pts])
        if rings: out.append(rings)
    return out

def touches_box(polys):
    return any(BOX[0] <= x <= BOX[2] and BOX[1] <= y <= BOX[3]
               for poly in polys for r in poly for x, y in r)

topo = json.load(open(sys.argv[1]))
arcs = decode_arcs(topo)
geoms = {g.get("id"): g for g in topo["objects"]["countries"]["geometries"]}
doc = {
    "attribution": "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com. "
                   "Admin 0 country boundaries 1:50m, version 4.1.0, via the npm package world-atlas 2.0.2 "
                   "(ISC licence, Michael Bostock); public domain data.",
    "source": "world-atlas@2.0.2/countries-50m.json, derived by derive-libya-outline.py",
    "box": list(BOX),
    "libya": polygons(arcs, geoms["434"]),
    "neighbours": {name: polygons(arcs, geoms[code]) for code, name in NEIGHBOURS.items()
                   if code in geoms and touches_box(polygons(arcs, geoms[code]))},
}
json.dump(doc, sys.stdout, separators=(",", ":"))
sys.stdout.write("\n")
