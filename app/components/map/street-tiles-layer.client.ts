/**
 * The street map from the operator's PMTiles extract (TILE_PMTILES, docs/map.md), drawn by
 * protomaps-leaflet over Haven's basemap at street zooms, inside the extract's bounds only.
 * Its own chunk: results-map.client.tsx imports it only when the setting is present, so the
 * default map chunk does not carry protomaps-leaflet.
 *
 * Privacy: the archive is read with range requests from Haven's own origin. No fonts or
 * sprites are loaded (labels use the system's sans-serif through the canvas), so no other
 * host is contacted; the CSP (connect-src 'self') would refuse one anyway.
 */
import type L from 'leaflet';
import { leafletLayer } from 'protomaps-leaflet';
import type { Locale } from '~/i18n/i18n';
import type { StreetTiles } from './types';

/** Below this zoom Haven's own basemap is the better map; from it, streets are worth drawing. */
export const STREET_MIN_ZOOM = 12;

export function createStreetTilesLayer(streets: StreetTiles, locale: Locale): L.Layer {
  // protomaps-leaflet types its layer loosely; it is an L.GridLayer.
  const layer: unknown = leafletLayer({
    url: streets.url,
    flavor: 'light',
    lang: locale,
    // Leaflet options: only over the extract, only at street zooms, above the basemap.
    bounds: streets.bounds,
    minZoom: Math.max(STREET_MIN_ZOOM, streets.minZoom),
    maxDataZoom: streets.maxZoom,
    zIndex: 2,
    className: 'haven-map-streets',
    attribution: '© OpenStreetMap contributors, drawn with Protomaps',
  });
  return layer as L.GridLayer;
}
