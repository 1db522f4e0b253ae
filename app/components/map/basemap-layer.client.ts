/**
 * Draws the private basemap (app/components/map/basemap.ts, built by scripts/build-basemap.ts)
 * as a Leaflet canvas GridLayer: each 256 px tile is painted from one JSON data tile fetched
 * from Haven's own origin — water, land, country, state and county lines, then place names
 * thinned by population for the zoom shown. No other host is ever contacted.
 */
import L from 'leaflet';
import {
  type BasemapTile,
  basemapTileUrl,
  dataTileFor,
  EXTENT,
  labelFont,
  type PlaceLabel,
  type Ring,
  STATE_LABEL_MAX_ZOOM,
} from './basemap';

const COLOURS = {
  water: '#c6dbe6',
  land: '#f3f1ec',
  county: '#cfc8bd',
  state: '#8d8476',
  country: '#5f574c',
  text: '#2b2b2b',
  stateText: '#6d6357',
  halo: 'rgba(255, 255, 255, 0.9)',
};

/** Data tiles already fetched (a data tile serves many view tiles when scaled up). */
const cache = new Map<string, Promise<BasemapTile | null>>();
const CACHE_LIMIT = 64;

function loadTile(tile: { z: number; x: number; y: number }): Promise<BasemapTile | null> {
  const url = basemapTileUrl(tile);
  let entry = cache.get(url);
  if (!entry) {
    entry = fetch(url).then((response) => {
      // No file: open sea at a low zoom (the build writes no empty tiles there).
      if (response.status === 404) return null;
      if (!response.ok) throw new Error(`basemap tile ${url}: HTTP ${response.status}`);
      return response.json() as Promise<BasemapTile>;
    });
    entry.catch(() => cache.delete(url));
    cache.set(url, entry);
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  }
  return entry;
}

interface View {
  /** Pixels per data-tile unit, and the view tile's origin inside the data tile (pixels). */
  scale: number;
  originX: number;
  originY: number;
  zoom: number;
}

function tracePath(context: CanvasRenderingContext2D, rings: Ring[], view: View, close: boolean) {
  context.beginPath();
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i += 2) {
      const x = ring[i]! * view.scale - view.originX;
      const y = ring[i + 1]! * view.scale - view.originY;
      if (i === 0) context.moveTo(x, y);
      else context.lineTo(x, y);
    }
    if (close) context.closePath();
  }
}

function stroke(
  context: CanvasRenderingContext2D,
  rings: Ring[] | undefined,
  view: View,
  colour: string,
  width: number,
) {
  if (!rings?.length) return;
  tracePath(context, rings, view, false);
  context.strokeStyle = colour;
  context.lineWidth = width;
  context.stroke();
}

function drawLabels(context: CanvasRenderingContext2D, places: PlaceLabel[], view: View) {
  context.textAlign = 'center';
  context.lineJoin = 'round';
  for (const [px, py, text, rank, minZoom] of places) {
    if (minZoom > view.zoom) continue;
    if (rank === 4 && view.zoom > STATE_LABEL_MAX_ZOOM) continue;
    const x = px * view.scale - view.originX;
    const y = py * view.scale - view.originY;
    const { size, weight } = labelFont(rank);
    context.font = `${weight} ${size}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
    let label = text;
    let textY = y - 7;
    if (rank === 4) {
      label = text.toUpperCase();
      textY = y + size / 2 - 2;
      context.fillStyle = COLOURS.stateText;
    } else {
      context.beginPath();
      context.arc(x, y, rank <= 1 ? 3.5 : 2.5, 0, Math.PI * 2);
      context.fillStyle = COLOURS.text;
      context.strokeStyle = '#fff';
      context.lineWidth = 1.5;
      context.fill();
      context.stroke();
      context.fillStyle = COLOURS.text;
    }
    context.strokeStyle = COLOURS.halo;
    context.lineWidth = 3;
    context.strokeText(label, x, textY);
    context.fillText(label, x, textY);
  }
}

function draw(canvas: HTMLCanvasElement, tile: BasemapTile | null, view: View, ratio: number) {
  const context = canvas.getContext('2d');
  if (!context) return;
  context.scale(ratio, ratio);
  context.fillStyle = COLOURS.water;
  context.fillRect(0, 0, 256, 256);
  if (!tile) return;
  if (tile.land?.length) {
    tracePath(context, tile.land, view, true);
    context.fillStyle = COLOURS.land;
    context.fill('evenodd');
  }
  stroke(context, tile.county, view, COLOURS.county, view.zoom >= 9 ? 1 : 0.6);
  stroke(context, tile.state, view, COLOURS.state, view.zoom >= 6 ? 1.6 : 1);
  stroke(context, tile.country, view, COLOURS.country, 1.6);
  if (tile.places) drawLabels(context, tile.places, view);
}

/** The basemap as a Leaflet layer; add it below the markers (it sits in the tile pane). */
class BasemapLayer extends L.GridLayer {
  protected override createTile(coords: L.Coords, done: L.DoneCallback): HTMLElement {
    const canvas = document.createElement('canvas');
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    canvas.width = 256 * ratio;
    canvas.height = 256 * ratio;
    canvas.setAttribute('aria-hidden', 'true');
    const source = dataTileFor(coords.z, coords.x, coords.y);
    const factor = 2 ** (coords.z - source.z);
    const view: View = {
      scale: (256 * factor) / EXTENT,
      originX: (coords.x - source.x * factor) * 256,
      originY: (coords.y - source.y * factor) * 256,
      zoom: coords.z,
    };
    loadTile(source).then(
      (tile) => {
        draw(canvas, tile, view, ratio);
        done(undefined, canvas);
      },
      (error: Error) => done(error, canvas),
    );
    return canvas;
  }
}

export function createBasemapLayer(options: L.GridLayerOptions & { attribution?: string }): L.GridLayer {
  return new BasemapLayer({ ...options, className: 'haven-basemap' });
}
