#!/usr/bin/env node
// Derives assets/geo/*.geojson from the reference outlines (../shared/data/geo/): coordinates
// rounded to 3 decimals (about 100 m, far below a drawn pixel), repeated points after rounding
// dropped, and only the properties the app reads kept. Usage:
//   node scripts/geo-derive.mjs SOURCE_DIR ../assets/geo
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [from, to] = process.argv.slice(2);
if (!from || !to) throw new Error('usage: geo-derive.mjs SOURCE_DIR TARGET_DIR');

const round = (x) => Math.round(x * 1000) / 1000;

function ring(points) {
  const out = [];
  for (const [x, y] of points) {
    const p = [round(x), round(y)];
    const last = out.at(-1);
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  // Keep a closed ring closed (and at least four positions, as GeoJSON asks).
  while (out.length < 4) out.push(out[0]);
  return out;
}

/** Twice the signed area of a ring in the plane of longitude and latitude (> 0: counter-clockwise). */
const area = (r) => r.reduce((sum, [x0, y0], i) => {
  const [x1, y1] = r[(i + 1) % r.length];
  return sum + (x0 * y1 - x1 * y0);
}, 0);

/**
 * A polygon wound as d3-geo (and so Observable Plot) reads it on the sphere: the outer ring
 * clockwise, holes counter-clockwise. The source follows RFC 7946 (the other way round), which
 * d3 reads as the whole globe except the municipality.
 */
const polygon = (rings) =>
  rings.map(ring).map((r, i) => ((i === 0) === (area(r) > 0) ? [...r].reverse() : r));

function geometry(g) {
  if (g.type === 'Polygon') return { type: g.type, coordinates: polygon(g.coordinates) };
  if (g.type === 'MultiPolygon') return { type: g.type, coordinates: g.coordinates.map(polygon) };
  throw new Error(`unexpected geometry ${g.type}`);
}

function derive(file, properties) {
  const source = JSON.parse(readFileSync(join(from, file), 'utf8'));
  const features = source.features.map((f) => ({
    type: 'Feature',
    properties: properties(f.properties),
    geometry: geometry(f.geometry),
  }));
  const text = `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
  writeFileSync(join(to, file), text);
  console.log(`${file}: ${features.length} features, ${text.length} bytes`);
}

derive('kommuner.geojson', (p) => ({ id: String(p.id).padStart(4, '0'), lan_code: String(p.lan_code).padStart(2, '0'), name: p.kom_namn }));
derive('lan.geojson', (p) => ({ l_id: String(p.l_id).padStart(2, '0'), name: p.name }));
