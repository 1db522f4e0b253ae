/**
 * A small PMTiles v3 archive the tests build themselves (no binary in the repository): a few
 * vector tiles of made-up streets, a bayou and a park around downtown Houston, in the layers of
 * the Protomaps basemap schema that protomaps-leaflet draws (earth, water, landuse, roads).
 * Tiles: geojson-vt slices, vt-pbf encodes MVT; the archive (header, one root directory, tile
 * data; nothing compressed) follows https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md.
 */
import { writeFileSync } from 'node:fs';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import GeoJSONVT from 'geojson-vt';
import { zxyToTileId } from 'pmtiles';
import { fromGeojsonVt } from 'vt-pbf';
import { PMTILES_HEADER_BYTES } from '../../app/http/pmtiles.server';

/** Downtown Houston (around ZIP 77002), [west, south, east, north]. */
export const FIXTURE_BOUNDS = [-95.4, 29.73, -95.33, 29.78] as const;
export const FIXTURE_MIN_ZOOM = 12;
export const FIXTURE_MAX_ZOOM = 14;
const [WEST, SOUTH, EAST, NORTH] = FIXTURE_BOUNDS;

const feature = (kind: string, geometry: Geometry): Feature => ({
  type: 'Feature',
  properties: { kind },
  geometry,
});
const ring = (w: number, s: number, e: number, n: number): Position[] => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];

function layers(): Record<string, FeatureCollection> {
  const roads: Feature[] = [];
  for (let i = 0; i <= 14; i += 1) {
    const kind = i % 5 === 0 ? 'major_road' : 'minor_road';
    const lng = WEST + ((EAST - WEST) * i) / 14;
    const lat = SOUTH + ((NORTH - SOUTH) * i) / 14;
    roads.push(
      feature(kind, {
        type: 'LineString',
        coordinates: [
          [lng, SOUTH],
          [lng, NORTH],
        ],
      }),
    );
    roads.push(
      feature(kind, {
        type: 'LineString',
        coordinates: [
          [WEST, lat],
          [EAST, lat],
        ],
      }),
    );
  }
  roads.push(
    feature('highway', {
      type: 'LineString',
      coordinates: [
        [WEST, SOUTH],
        [EAST, NORTH],
      ],
    }),
  );
  const bayou: Position[] = [
    [WEST, 29.762],
    [-95.37, 29.765],
    [EAST, 29.761],
    [EAST, 29.764],
    [-95.37, 29.768],
    [WEST, 29.765],
    [WEST, 29.762],
  ];
  const collection = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });
  return {
    earth: collection([feature('earth', { type: 'Polygon', coordinates: [ring(WEST, SOUTH, EAST, NORTH)] })]),
    water: collection([feature('river', { type: 'Polygon', coordinates: [bayou] })]),
    landuse: collection([
      feature('park', { type: 'Polygon', coordinates: [ring(-95.385, 29.75, -95.375, 29.757)] }),
    ]),
    roads: collection(roads),
  };
}

function tileRange(z: number) {
  const n = 2 ** z;
  const x = (lng: number) => Math.floor(((lng + 180) / 360) * n);
  const y = (lat: number) => {
    const rad = (lat * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  };
  return { minX: x(WEST), maxX: x(EAST), minY: y(NORTH), maxY: y(SOUTH) };
}

function writeVarint(out: number[], value: number) {
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

interface Entry {
  tileId: number;
  offset: number;
  length: number;
}

/** Directory encoding (spec §4): ids as deltas, run lengths, lengths, offsets (0 = contiguous). */
function directory(entries: Entry[]): Buffer {
  const out: number[] = [];
  writeVarint(out, entries.length);
  let last = 0;
  for (const entry of entries) {
    writeVarint(out, entry.tileId - last);
    last = entry.tileId;
  }
  for (let i = 0; i < entries.length; i += 1) writeVarint(out, 1);
  for (const entry of entries) writeVarint(out, entry.length);
  entries.forEach((entry, i) => {
    const previous = entries[i - 1];
    writeVarint(out, previous && entry.offset === previous.offset + previous.length ? 0 : entry.offset + 1);
  });
  return Buffer.from(out);
}

/** The archive's bytes, and how many tiles it holds. */
export function buildPmtilesFixture(): { bytes: Buffer; tiles: number } {
  const indexes = Object.entries(layers()).map(
    ([name, data]) => [name, new GeoJSONVT(data, { maxZoom: FIXTURE_MAX_ZOOM, indexMaxZoom: 0 })] as const,
  );
  const tiles: Array<{ tileId: number; data: Uint8Array }> = [];
  for (let z = FIXTURE_MIN_ZOOM; z <= FIXTURE_MAX_ZOOM; z += 1) {
    const range = tileRange(z);
    for (let x = range.minX; x <= range.maxX; x += 1) {
      for (let y = range.minY; y <= range.maxY; y += 1) {
        const present: Record<string, { features: unknown[] }> = {};
        for (const [name, index] of indexes) {
          const tile = index.getTile(z, x, y);
          if (tile && tile.features.length > 0) present[name] = tile;
        }
        if (Object.keys(present).length > 0)
          tiles.push({ tileId: zxyToTileId(z, x, y), data: fromGeojsonVt(present) });
      }
    }
  }
  tiles.sort((a, b) => a.tileId - b.tileId);
  let offset = 0;
  const entries = tiles.map(({ tileId, data }) => {
    const entry = { tileId, offset, length: data.length };
    offset += data.length;
    return entry;
  });
  const root = directory(entries);
  const metadata = Buffer.from(JSON.stringify({ name: 'Haven test fixture', vector_layers: [] }));
  const tileData = Buffer.concat(tiles.map((tile) => tile.data));

  const header = Buffer.alloc(PMTILES_HEADER_BYTES);
  header.write('PMTiles', 0, 'latin1');
  header.writeUInt8(3, 7);
  const u64 = (value: number, at: number) => header.writeBigUInt64LE(BigInt(value), at);
  const rootOffset = PMTILES_HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const dataOffset = metadataOffset + metadata.length;
  u64(rootOffset, 8);
  u64(root.length, 16);
  u64(metadataOffset, 24);
  u64(metadata.length, 32);
  u64(dataOffset, 40); // no leaf directories
  u64(0, 48);
  u64(dataOffset, 56);
  u64(tileData.length, 64);
  u64(tiles.length, 72); // addressed tiles
  u64(tiles.length, 80); // tile entries
  u64(tiles.length, 88); // tile contents
  header.writeUInt8(1, 96); // clustered
  header.writeUInt8(1, 97); // internal compression: none
  header.writeUInt8(1, 98); // tile compression: none
  header.writeUInt8(1, 99); // tile type: MVT
  header.writeUInt8(FIXTURE_MIN_ZOOM, 100);
  header.writeUInt8(FIXTURE_MAX_ZOOM, 101);
  const e7 = (degrees: number, at: number) => header.writeInt32LE(Math.round(degrees * 1e7), at);
  e7(WEST, 102);
  e7(SOUTH, 106);
  e7(EAST, 110);
  e7(NORTH, 114);
  header.writeUInt8(FIXTURE_MAX_ZOOM, 118);
  e7((WEST + EAST) / 2, 119);
  e7((SOUTH + NORTH) / 2, 123);
  return { bytes: Buffer.concat([header, root, metadata, tileData]), tiles: tiles.length };
}

/** Writes the archive to `file` and returns its bytes. */
export function writePmtilesFixture(file: string): Buffer {
  const { bytes } = buildPmtilesFixture();
  writeFileSync(file, bytes);
  return bytes;
}
