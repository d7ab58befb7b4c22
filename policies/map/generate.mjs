// generate.mjs - writes countries.tsv, the country shapes that the HTML
// report draws, from Natural Earth's admin-0 countries as world-atlas ships
// them. Run by hand (see README.md); the build only embeds the result.
//
//   cd policies/map && npm ci && node generate.mjs > countries.tsv
//
// Shapes come from the 1:110m file. A code that has no shape there is
// looked up in the 1:50m file, then in the 1:10m one, and written as a
// dot at its centroid; a code absent from all three is left out (the
// unit test lists those).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as topojson from 'topojson-client';
import { geoNaturalEarth1, geoPath, geoCentroid } from 'd3-geo';

const MODULES = path.join(path.dirname(fileURLToPath(import.meta.url)),
	'node_modules');
const ISO_FILE = '/usr/share/iso-codes/json/iso_3166-1.json';
const WIDTH = 960;
const HEIGHT = 500;

// Features that carry no ISO 3166-1 numeric code, joined to the country
// whose ISO 3166-2 entry lists the territory as a subdivision (RS-KM;
// CY-06 and the districts around it; SO-AW, SO-SA, SO-SO, SO-TO, SO-WO),
// so that the map has no hole where the catalog has no code of its own.
const MERGES = [
	{ name: 'Kosovo', into: '688' },
	{ name: 'N. Cyprus', into: '196' },
	{ name: 'Somaliland', into: '706' },
];

// Territories with an ISO 3166-1 code of their own that Natural Earth's
// admin-0 countries draw as parts of another feature. A part belongs to the
// territory when its centroid lies in the box [west, south, east, north]
// (degrees, each the territory's extent rounded outward). `of` is the
// feature's ISO numeric code, or its name when it has none.
const SPLITS_110M = [
	{ of: '250', code: 'GF', box: [-55, 2, -51, 6] },
	{ of: '578', code: 'SJ', box: [10, 74, 35, 81] },
];
const SPLITS_50M = [
	{ of: '250', code: 'GP', box: [-62, 15.8, -60.9, 16.6] },
	{ of: '250', code: 'MQ', box: [-61.3, 14.3, -60.7, 15] },
	{ of: '250', code: 'RE', box: [55, -21.5, 56, -20.8] },
	{ of: '250', code: 'YT', box: [44.9, -13.1, 45.4, -12.5] },
	{ of: '528', code: 'BQ', box: [-69, 12, -62, 18] },
	{ of: '554', code: 'TK', box: [-173, -10, -171, -8] },
	{ of: 'Indian Ocean Ter.', code: 'CX', box: [105, -11, 106, -10] },
	{ of: 'Indian Ocean Ter.', code: 'CC', box: [96, -12.5, 97.5, -11.5] },
];

function readJson(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function atlas(scale) {
	const file = `countries-${scale}.json`;
	return readJson(path.join(MODULES, 'world-atlas', file));
}

// Kosovo, N. Cyprus, Somaliland: one outline with their country, the
// shared border dissolved.
function mergeUnnamed(topo) {
	const geoms = topo.objects.countries.geometries;
	for (const m of MERGES) {
		const part = geoms.find((g) => g.properties.name === m.name);
		const whole = geoms.find((g) => g.id === m.into);
		if (!part || !whole)
			throw new Error(`merge ${m.name}: not found`);
		const merged = topojson.mergeArcs(topo, [whole, part]);
		merged.id = whole.id;
		merged.properties = whole.properties;
		geoms.splice(geoms.indexOf(whole), 1, merged);
		geoms.splice(geoms.indexOf(part), 1);
	}
}

function polygonsOf(geometry) {
	if (geometry.type === 'Polygon')
		return [geometry.coordinates];
	if (geometry.type === 'MultiPolygon')
		return geometry.coordinates;
	return [];
}

function inBox(polygon, box) {
	const [lon, lat] = geoCentroid({ type: 'Polygon',
		coordinates: polygon });
	return lon >= box[0] && lon <= box[2] &&
		lat >= box[1] && lat <= box[3];
}

function keyOf(feature) {
	return feature.id ?? feature.properties.name;
}

// Moves the parts of a feature that a split names into a feature of the
// territory's own; fails when a box catches nothing, so that a new
// Natural Earth edition cannot drop a territory silently.
function applySplits(features, splits, codeOf) {
	for (const s of splits) {
		const parent = features.find((f) => keyOf(f) === s.of);
		if (!parent)
			throw new Error(`split ${s.code}: no feature ${s.of}`);
		const polys = polygonsOf(parent.geometry);
		const mine = polys.filter((p) => inBox(p, s.box));
		if (mine.length === 0)
			throw new Error(`split ${s.code}: nothing in box`);
		parent.geometry = { type: 'MultiPolygon',
			coordinates: polys.filter((p) => !mine.includes(p)) };
		const at = geoCentroid({ type: 'MultiPolygon',
			coordinates: mine });
		process.stderr.write(`${s.code}: ${mine.length} part(s) of ` +
			`${s.of}, centroid ${at.map((v) => v.toFixed(2))}\n`);
		features.push({ type: 'Feature', id: codeOf.numeric(s.code),
			properties: { name: s.code },
			geometry: { type: 'MultiPolygon',
				coordinates: mine } });
	}
}

function featuresAt(scale, splits, codeOf) {
	const topo = atlas(scale);
	if (scale === '110m')
		mergeUnnamed(topo);
	const fc = topojson.feature(topo, topo.objects.countries);
	applySplits(fc.features, splits, codeOf);
	const byNumeric = new Map();
	for (const f of fc.features)
		if (f.id !== undefined && !byNumeric.has(f.id))
			byNumeric.set(f.id, f);
	return byNumeric;
}

// Tenths of a unit, as text: 12 -> "1.2", -5 -> "-0.5", 30 -> "3".
function tenths(n) {
	const sign = n < 0 ? '-' : '';
	const a = Math.abs(n);
	const whole = Math.floor(a / 10);
	const frac = a % 10;
	return sign + whole + (frac ? '.' + frac : '');
}

// A d3 path context that writes each ring as an absolute move then
// relative lines, on a grid of tenths, dropping points that round onto
// the one before and rings that round to fewer than three points.
function pathWriter() {
	const rings = [];
	let ring = null;
	const ctx = {
		moveTo(x, y) {
			ring = [[Math.round(x * 10), Math.round(y * 10)]];
			rings.push(ring);
		},
		lineTo(x, y) {
			const p = [Math.round(x * 10), Math.round(y * 10)];
			const q = ring[ring.length - 1];
			if (p[0] !== q[0] || p[1] !== q[1])
				ring.push(p);
		},
		closePath() {},
		arc() { throw new Error('unexpected arc'); },
		result() {
			return rings.map(ringText).filter((s) => s).join('');
		},
	};
	return ctx;
}

function ringText(ring) {
	const first = ring[0];
	const last = ring[ring.length - 1];
	if (ring.length > 1 && first[0] === last[0] && first[1] === last[1])
		ring = ring.slice(0, -1);
	if (ring.length < 3)
		return '';
	let s = `M${tenths(ring[0][0])} ${tenths(ring[0][1])}l`;
	const steps = [];
	for (let i = 1; i < ring.length; i++)
		steps.push(`${tenths(ring[i][0] - ring[i - 1][0])} ` +
			tenths(ring[i][1] - ring[i - 1][1]));
	return s + steps.join(' ') + 'z';
}

function shapePath(projection, feature) {
	const ctx = pathWriter();
	geoPath(projection, ctx)(feature);
	return ctx.result();
}

function dot(projection, feature) {
	const [x, y] = projection(geoCentroid(feature));
	return `${tenths(Math.round(x * 10))},${tenths(Math.round(y * 10))}`;
}

function cleanName(name) {
	return name.replace(/[\t\r\n]+/g, ' ');
}

function codesOf(splits) {
	return splits.map((s) => s.code).join(' ');
}

function header(v, date, dropped) {
	return `# countries.tsv - country shapes for the HTML report's map.
# Source: Natural Earth ${v.ne} admin-0 countries (public domain),
#   as TopoJSON in the npm package world-atlas ${v.atlas} (ISC).
# Scale: 1:110m for shapes; 1:50m (or, for a territory it lacks, 1:10m)
#   only to place a dot at the centroid of one with no shape at 1:110m.
# Projection: d3-geo ${v.d3} geoNaturalEarth1, fitted to the sphere.
# viewBox: 0 0 ${WIDTH} ${HEIGHT}
# Numbers: rounded to 0.1; a path is one absolute move per ring, then
#   relative lines; points that round onto the one before are dropped.
# Codes: ISO 3166-1 numeric (Natural Earth ids) to alpha-2 by Debian's
#   iso-codes ${v.iso}, ${ISO_FILE};
#   names are its "name" field, as in jurisdictions.xml.
# Kosovo, N. Cyprus and Somaliland (no ISO code) are merged into RS, CY
#   and SO, whose ISO 3166-2 entries list them as subdivisions;
#   1:50m's Siachen Glacier (no ISO code either) is not used.
# Split out of the feature that carries them: ${codesOf(SPLITS_110M)}
#   (1:110m); ${codesOf(SPLITS_50M)} (1:50m).
# Not in Natural Earth as a feature of its own, left out:
#   ${dropped.join(' ')}.
# Regenerate: cd policies/map && npm ci && node generate.mjs > countries.tsv
# Generated: ${date}
# CODE<TAB>NAME<TAB>path<TAB>SVG path data | CODE<TAB>NAME<TAB>dot<TAB>X,Y
`;
}

function versionOf(pkg) {
	return readJson(path.join(MODULES, pkg, 'package.json')).version;
}

// The Natural Earth edition, as world-atlas's README states it.
function naturalEarthVersion() {
	const file = path.join(MODULES, 'world-atlas', 'README.md');
	const readme = fs.readFileSync(file, 'utf8');
	const m = readme.match(/vector data[^,]*, version ([0-9.]+)/);
	if (!m)
		throw new Error('no Natural Earth version in world-atlas');
	return m[1];
}

function isoVersion() {
	const env = process.env.ISO_CODES_VERSION;
	if (env)
		return env;
	try {
		const status = fs.readFileSync('/var/lib/dpkg/status', 'utf8');
		const block = status.split('\n\n').find((b) =>
			/^Package: iso-codes$/m.test(b));
		return block.match(/^Version: (.*)$/m)[1];
	} catch {
		return 'unknown';
	}
}

function generationDate() {
	const epoch = process.env.SOURCE_DATE_EPOCH;
	const d = epoch ? new Date(Number(epoch) * 1000) : new Date();
	return d.toISOString().slice(0, 10);
}

function main() {
	const iso = readJson(ISO_FILE)['3166-1'];
	const byAlpha = new Map(iso.map((e) => [e.alpha_2, e]));
	const codeOf = { numeric: (a2) => byAlpha.get(a2).numeric };
	const shapes = featuresAt('110m', SPLITS_110M, codeOf);
	const dots = featuresAt('50m', SPLITS_50M, codeOf);
	const fine = featuresAt('10m', [], codeOf);
	const projection = geoNaturalEarth1()
		.fitSize([WIDTH, HEIGHT], { type: 'Sphere' });
	const lines = [];
	const dropped = [];
	const sorted = [...iso].sort((a, b) =>
		a.alpha_2 < b.alpha_2 ? -1 : 1);
	for (const e of sorted) {
		const name = cleanName(e.name);
		const f = shapes.get(e.numeric);
		const d = f ? shapePath(projection, f) : '';
		if (d) {
			lines.push(`${e.alpha_2}\t${name}\tpath\t${d}`);
		} else if (f || dots.has(e.numeric) || fine.has(e.numeric)) {
			const at = dots.get(e.numeric) ?? fine.get(e.numeric) ?? f;
			lines.push(`${e.alpha_2}\t${name}\tdot\t` +
				dot(projection, at));
		} else {
			dropped.push(e.alpha_2);
		}
	}
	const versions = { ne: naturalEarthVersion(),
		atlas: versionOf('world-atlas'), d3: versionOf('d3-geo'),
		iso: isoVersion() };
	process.stdout.write(header(versions, generationDate(), dropped) +
		lines.join('\n') + '\n');
}

main();
