/**
 * The private basemap's format: what `scripts/build-basemap.ts` writes under
 * `public/basemap/<version>/` and what `basemap-layer.client.ts` draws. One definition for
 * both sides: the version (part of every URL, so the files can be cached for a year), the
 * zoom bands, the area with detailed tiles, and the label sizes the build's collision
 * test and the canvas agree on. See docs/map.md.
 */

/** Bump when the build's output changes; old URLs then simply stop being used. */
export const BASEMAP_VERSION = 'b1';
export const BASEMAP_PATH = `/basemap/${BASEMAP_VERSION}`;

/** Tile coordinates run 0…EXTENT across a tile (geojson-vt's integer grid). */
export const EXTENT = 4096;
/** Zooms 0…LOW_MAX_ZOOM: the whole world, Natural Earth 1:50m, no counties. */
export const LOW_MAX_ZOOM = 4;
/** Deepest data tiles (1:10m, counties). Closer zooms scale these tiles up. */
export const DATA_MAX_ZOOM = 8;
/** The deepest zoom the map allows; place labels are thinned up to here. */
export const LABEL_MAX_ZOOM = 14;
/** County lines from this zoom on. */
export const COUNTY_MIN_ZOOM = 6;

/**
 * [west, south, east, north] of the areas with detailed tiles (zooms 5…8): the states and
 * territories. Elsewhere the map scales up the zoom-4 tile (context only).
 */
export const DETAIL_AREAS: ReadonlyArray<readonly [number, number, number, number]> = [
  [-125.5, 23.5, -65.5, 50], // contiguous states
  [-180, 50.5, -129, 72], // Alaska
  [-161, 18.5, -154, 22.5], // Hawaii
  [-68, 17.5, -64.3, 18.8], // Puerto Rico, U.S. Virgin Islands
];

/** A label: tile coordinates (may lie outside the tile: labels cross edges), text, kind, minZoom. */
export type PlaceLabel = [x: number, y: number, text: string, rank: LabelRank, minZoom: number];

/** 0–3: cities by population (≥1M, ≥200k, ≥50k, smaller); 4: a state's name. */
export type LabelRank = 0 | 1 | 2 | 3 | 4;

/** Flat [x0, y0, x1, y1, …] coordinate lists in tile units. */
export type Ring = number[];

export interface BasemapTile {
  /** Land polygons' rings (holes included): filled even-odd over the water colour. */
  land?: Ring[];
  /** Lines */
  country?: Ring[];
  state?: Ring[];
  county?: Ring[];
  places?: PlaceLabel[];
}

export const STATE_LABEL_MAX_ZOOM = 7;

export function labelFont(rank: LabelRank): { size: number; weight: number } {
  switch (rank) {
    case 0:
      return { size: 15, weight: 700 };
    case 1:
      return { size: 13, weight: 700 };
    case 2:
      return { size: 13, weight: 400 };
    case 3:
      return { size: 12, weight: 400 };
    case 4:
      return { size: 12, weight: 600 };
  }
}

/** The box a label covers, relative to its point (text centred above a dot; state names centred). */
export function labelBox(
  text: string,
  rank: LabelRank,
): [left: number, top: number, right: number, bottom: number] {
  const { size, weight } = labelFont(rank);
  const halfWidth = (text.length * size * (weight >= 600 ? 0.6 : 0.55)) / 2 + 3;
  if (rank === 4) return [-halfWidth, -size / 2 - 2, halfWidth, size / 2 + 2];
  return [-halfWidth, -size - 8, halfWidth, 4];
}

export function lngToTileX(lng: number, z: number): number {
  return ((lng + 180) / 360) * 2 ** z;
}

export function latToTileY(lat: number, z: number): number {
  const sin = Math.sin((lat * Math.PI) / 180);
  return (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * 2 ** z;
}

/** Whether the data tile z/x/y (5 ≤ z ≤ 8) touches an area with detailed tiles. */
export function inDetailArea(z: number, x: number, y: number): boolean {
  return DETAIL_AREAS.some(
    ([west, south, east, north]) =>
      x + 1 > lngToTileX(west, z) &&
      x < lngToTileX(east, z) &&
      y + 1 > latToTileY(north, z) &&
      y < latToTileY(south, z),
  );
}

/** The data tile that holds what the view tile z/x/y shows, and how far it is scaled up. */
export function dataTileFor(z: number, x: number, y: number): { z: number; x: number; y: number } {
  let dataZ = Math.min(z, DATA_MAX_ZOOM);
  for (;;) {
    const shift = z - dataZ;
    const dx = x >> shift;
    const dy = y >> shift;
    if (dataZ <= LOW_MAX_ZOOM || inDetailArea(dataZ, dx, dy)) return { z: dataZ, x: dx, y: dy };
    dataZ = LOW_MAX_ZOOM;
  }
}

export const basemapTileUrl = (tile: { z: number; x: number; y: number }) =>
  `${BASEMAP_PATH}/${tile.z}/${tile.x}/${tile.y}.json`;

/** Sources of the data, shown in the map's attribution (see docs/map.md for the licences). */
export const BASEMAP_ATTRIBUTION = 'U.S. Census Bureau · Natural Earth · GeoNames (CC BY 4.0)';
