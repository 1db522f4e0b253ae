/**
 * An operator's PMTiles extract (TILE_PMTILES, docs/map.md): the header fields the map needs,
 * read once at start-up. Layout: the PMTiles v3 specification's fixed 127-byte header
 * (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md), little-endian.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';

export const PMTILES_HEADER_BYTES = 127;
/** The spec keeps the header and the root directory within the first 16 KiB. */
const HEAD_BYTES = 16_384;
const MAGIC = 'PMTiles';

export interface PmtilesArchive {
  /** Absolute path of the file. */
  path: string;
  /** Changes with the file's content: part of its URL, so it can be cached for a year. */
  version: string;
  minZoom: number;
  maxZoom: number;
  /** [[south, west], [north, east]] in degrees. */
  bounds: [[number, number], [number, number]];
}

/** Reads and checks the header; throws an Error saying what is wrong with the file. */
export function readPmtilesArchive(file: string): PmtilesArchive {
  const absolute = path.resolve(file);
  let size: number;
  try {
    const stat = statSync(absolute);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    throw new Error(`no readable file at ${absolute}`);
  }
  const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
  const fd = openSync(absolute, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (size < PMTILES_HEADER_BYTES || head.toString('latin1', 0, MAGIC.length) !== MAGIC) {
    throw new Error(`${absolute} is not a PMTiles archive (it does not start with "PMTiles")`);
  }
  if (head[7] !== 3) throw new Error(`${absolute} is PMTiles version ${head[7]}; Haven reads version 3`);
  const degrees = (offset: number) => head.readInt32LE(offset) / 1e7;
  return {
    path: absolute,
    version: createHash('sha256').update(head).update(String(size)).digest('hex').slice(0, 12),
    minZoom: head.readUInt8(100),
    maxZoom: head.readUInt8(101),
    bounds: [
      [degrees(106), degrees(102)],
      [degrees(114), degrees(110)],
    ],
  };
}

/** Where Haven serves the archive (app/http/app.server.ts): same origin, versioned. */
export function pmtilesUrl(archive: PmtilesArchive): string {
  return `/tiles/${archive.version}/streets.pmtiles`;
}
