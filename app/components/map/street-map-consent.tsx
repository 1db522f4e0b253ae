/**
 * An outside tile server (TILE_URL) only by consent: the map opens on Haven's own basemap
 * with a button naming the host that would see the person's IP address and the area they
 * look at. The choice is kept in sessionStorage (this tab only, never a cookie) and can be
 * taken back.
 */
import { useState } from 'react';
import { TileLayer } from 'react-leaflet';
import type { Translate } from '~/i18n/i18n';
import type { MapMessageKey } from '~/i18n/messages/map';

const storageKey = (host: string) => `haven:street-map:${host}`;

export function tileHost(tileUrl: string): string {
  return new URL(tileUrl.replace(/\{[a-z]\}/g, 'a')).host;
}

function readChoice(host: string): boolean {
  try {
    return window.sessionStorage.getItem(storageKey(host)) === 'on';
  } catch {
    return false; // storage blocked: ask again
  }
}

function writeChoice(host: string, on: boolean): void {
  try {
    if (on) window.sessionStorage.setItem(storageKey(host), 'on');
    else window.sessionStorage.removeItem(storageKey(host));
  } catch {
    // storage blocked: the choice lasts until the map is closed
  }
}

/** [shown, toggle] for the outside street map of `tileUrl` (null: none configured). */
export function useStreetMap(tileUrl: string | null): [boolean, () => void] {
  const host = tileUrl ? tileHost(tileUrl) : null;
  const [shown, setShown] = useState(() => (host ? readChoice(host) : false));
  const toggle = () => {
    if (!host) return;
    writeChoice(host, !shown);
    setShown(!shown);
  };
  return [Boolean(host) && shown, toggle];
}

/** The outside tiles, above Haven's basemap (inside MapContainer). */
export function StreetMapTiles({ url, attribution }: { url: string; attribution: string }) {
  return <TileLayer url={url} attribution={attribution} zIndex={1} />;
}

/** The consent button (outside MapContainer, so Leaflet does not take its clicks). */
export function StreetMapButton({
  tileUrl,
  shown,
  onToggle,
  t,
}: {
  tileUrl: string;
  shown: boolean;
  onToggle: () => void;
  t: Translate<MapMessageKey>;
}) {
  return (
    <button type="button" className="haven-map-street" aria-pressed={shown} onClick={onToggle}>
      {shown ? t('hideStreetMap') : t('showStreetMap', { host: tileHost(tileUrl) })}
    </button>
  );
}
