/**
 * The Leaflet results map. Client-only (the `.client` suffix makes it an empty module in the
 * server build) and loaded lazily by `lazy-results-map.tsx`, so Leaflet, clustering and the
 * map stylesheet stay out of the route's JavaScript.
 *
 * Privacy: markers carry public points only. A confidential location (`approximate`) is drawn
 * as a dashed area around its public point with a ring badge — never a pin. Icons are inline
 * SVG (no image requests). The basemap is Haven's own (basemap-layer.client.ts): the map talks
 * to no other host. An outside tile server (TILE_URL) is contacted only after the person
 * presses "Show street map", for this tab only (street-map-consent.tsx); its tiles inherit
 * the page's referrer policy (same-origin, set in root.tsx and by helmet: no Referer leaves the
 * site).
 */
import {
  createElementObject,
  createLayerComponent,
  extendContext,
  type LayerProps,
} from '@react-leaflet/core';
import L from 'leaflet';
import 'leaflet.markercluster';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Circle, MapContainer, Marker, ScaleControl, ZoomControl, useMap } from 'react-leaflet';
import { translator, type Locale, type Translate } from '~/i18n/i18n';
import { BASEMAP_ATTRIBUTION } from './basemap';
import { createBasemapLayer } from './basemap-layer.client';
import { mapMessages, type MapMessageKey } from '~/i18n/messages/map';
import { StreetMapButton, StreetMapTiles, useStreetMap } from './street-map-consent';
import stylesheetHref from './results-map.css';
import type { MapMarker, MapPoint, ResultsMapProps, StreetTiles } from './types';

/** Radius drawn around the public point of a confidential location. */
const APPROXIMATE_RADIUS_M = 1500;
const MAX_SEARCH_RADIUS_KM = 160.9344; // 100 miles
const FIT_OPTIONS: L.FitBoundsOptions = { padding: [32, 32], maxZoom: 14 };
const US_CENTER: L.LatLngTuple = [39.8, -98.6];
/** A gesture inside the map this recently makes the next move the user's own. */
const GESTURE_WINDOW_MS = 1000;

let stylesheet: Promise<void> | undefined;

/** Adds the map stylesheet (leaflet + clustering + ours, one file under /build) once. */
export function loadMapStylesheet(): Promise<void> {
  stylesheet ??= new Promise<void>((resolve, reject) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = stylesheetHref;
    link.onload = () => resolve();
    link.onerror = () => {
      link.remove();
      stylesheet = undefined;
      reject(new Error('map stylesheet failed to load'));
    };
    document.head.append(link);
  });
  return stylesheet;
}

/** What we use of L.MarkerClusterGroup (leaflet.markercluster ships no types here). */
interface ClusterGroup extends L.FeatureGroup {
  zoomToShowLayer(layer: L.Marker, callback?: () => void): void;
}
interface ClusterOptions {
  chunkedLoading: boolean;
  maxClusterRadius: number;
  showCoverageOnHover: boolean;
  spiderfyOnMaxZoom: boolean;
  animate: boolean;
  iconCreateFunction: (cluster: Cluster) => L.DivIcon;
}
/** `import 'leaflet.markercluster'` adds the group's factory to Leaflet's namespace. */
const leafletWithClusters = L as typeof L & { markerClusterGroup(options: ClusterOptions): ClusterGroup };

/**
 * A leaflet.markercluster group as a react-leaflet layer whose children (markers) join the
 * group. Its options are read once, at creation. (Written here rather than taken from
 * react-leaflet-cluster, whose module also sets Leaflet's default marker images and pulls
 * their URLs and its stylesheets into the map chunk; we draw inline-SVG icons.)
 */
const MarkerClusterGroup = createLayerComponent<
  ClusterGroup,
  LayerProps & ClusterOptions & { children: ReactNode }
>(({ children: _children, ...options }, context) => {
  const group = leafletWithClusters.markerClusterGroup(options);
  return createElementObject(group, extendContext(context, { layerContainer: group }));
});
interface Cluster {
  getChildCount(): number;
}

export default function ResultsMap({
  markers,
  searchPoint,
  selectedId,
  onSelect,
  onSearchArea,
  tileUrl,
  tileAttribution,
  streetTiles,
  locale,
  label,
}: ResultsMapProps) {
  const t = translator(mapMessages, locale);
  // The results (as a bbox) the user moved away from: a new result set hides the button again.
  const [movedFrom, setMovedFrom] = useState<string | null>(null);
  const skipNextFitRef = useRef(false);
  const mapRef = useRef<L.Map | null>(null);
  const reducedMotion = useMemo(() => window.matchMedia('(prefers-reduced-motion: reduce)').matches, []);
  const bounds = boundsOf(markers, searchPoint);
  const bbox = bounds?.toBBoxString() ?? '';
  const areaChanged = movedFrom === bbox;
  const onUserMove = useCallback(() => setMovedFrom(bbox), [bbox]);
  // Only the first render's view is used by MapContainer; later changes go through FitToMarkers.
  const [initialView] = useState(() => bounds);
  const [streetMapShown, toggleStreetMap] = useStreetMap(tileUrl);

  function searchThisArea() {
    const map = mapRef.current;
    if (!map || !onSearchArea) return;
    const center = map.getCenter();
    const cornerKm = map.distance(center, map.getBounds().getNorthEast()) / 1000;
    const wrapped = center.wrap(); // after panning across the antimeridian lng can exceed ±180
    skipNextFitRef.current = true;
    setMovedFrom(null);
    onSearchArea({
      latitude: round(wrapped.lat, 4),
      longitude: round(wrapped.lng, 4),
      radiusKm: round(Math.min(Math.max(cornerKm, 1), MAX_SEARCH_RADIUS_KM), 1),
    });
  }

  const approximateAreas = uniquePoints(markers.filter((m) => m.approximate));
  const selected = markers.find((m) => m.id === selectedId);
  const selectedArea = selected?.approximate ? pointKey(selected) : null;

  return (
    <div role="region" aria-label={label ?? t('region')} className="haven-map">
      <MapContainer
        ref={mapRef}
        className="haven-map-leaflet"
        {...(initialView
          ? { bounds: initialView, boundsOptions: FIT_OPTIONS }
          : { center: US_CENTER, zoom: 4 })}
        maxZoom={18}
        zoomControl={false}
        keyboard
        zoomAnimation={!reducedMotion}
        fadeAnimation={!reducedMotion}
        markerZoomAnimation={!reducedMotion}
      >
        <Basemap />
        {streetTiles ? <PmtilesStreets streets={streetTiles} locale={locale} /> : null}
        {tileUrl && streetMapShown ? <StreetMapTiles url={tileUrl} attribution={tileAttribution} /> : null}
        <ZoomControl position="topleft" zoomInTitle={t('zoomIn')} zoomOutTitle={t('zoomOut')} />
        <ScaleControl position="bottomleft" />
        <WatchUserMoves onUserMove={onUserMove} />
        <FitToMarkers bbox={bbox} skipNextFitRef={skipNextFitRef} />
        {approximateAreas.map((point) => {
          const key = pointKey(point);
          const colour = key === selectedArea ? '#b3261e' : '#6b3fa0';
          return (
            <Circle
              key={key}
              center={[point.latitude, point.longitude]}
              radius={APPROXIMATE_RADIUS_M}
              interactive={false}
              // A creation option: react-leaflet applies pathOptions through setStyle, which
              // ignores className. The e2e tests find confidential areas by it.
              className="haven-map-area"
              pathOptions={{
                dashArray: '6 6',
                weight: 2,
                color: colour,
                fillColor: colour,
                fillOpacity: 0.08,
              }}
            />
          );
        })}
        {searchPoint ? (
          <Marker
            position={[searchPoint.latitude, searchPoint.longitude]}
            icon={searchPointIcon}
            title={t('searchPoint')}
            interactive={false}
            keyboard={false}
            zIndexOffset={-1000}
          />
        ) : null}
        <ClusteredMarkers
          markers={markers}
          selectedId={selectedId ?? null}
          onSelect={onSelect}
          t={t}
          animate={!reducedMotion}
        />
      </MapContainer>
      {tileUrl ? (
        <StreetMapButton tileUrl={tileUrl} shown={streetMapShown} onToggle={toggleStreetMap} t={t} />
      ) : null}
      {areaChanged && onSearchArea ? (
        <button type="button" className="haven-map-search-area" onClick={searchThisArea}>
          {t('searchThisArea')}
        </button>
      ) : null}
    </div>
  );
}

function ClusteredMarkers({
  markers,
  selectedId,
  onSelect,
  t,
  animate,
}: {
  markers: MapMarker[];
  selectedId: string | null;
  onSelect?: (id: string) => void;
  t: Translate<MapMessageKey>;
  animate: boolean;
}) {
  const groupRef = useRef<ClusterGroup | null>(null);
  const layers = useRef(new Map<string, L.Marker>());
  // The cluster group reads its options once; keep the icon function stable.
  const [iconCreateFunction] = useState(() => (cluster: Cluster) => clusterIcon(cluster.getChildCount(), t));

  // Bring the selected result into view: zoom into its cluster or spiderfy it.
  useEffect(() => {
    const marker = selectedId ? layers.current.get(selectedId) : undefined;
    const group = groupRef.current;
    if (marker && group?.hasLayer(marker)) group.zoomToShowLayer(marker);
  }, [selectedId]);

  return (
    <MarkerClusterGroup
      ref={groupRef}
      chunkedLoading
      maxClusterRadius={48}
      showCoverageOnHover={false}
      spiderfyOnMaxZoom
      animate={animate}
      iconCreateFunction={iconCreateFunction}
    >
      {markers.map((marker) => {
        const selected = marker.id === selectedId;
        return (
          <Marker
            key={marker.id}
            ref={(layer: L.Marker | null) => {
              if (layer) layers.current.set(marker.id, layer);
              else layers.current.delete(marker.id);
            }}
            position={[marker.latitude, marker.longitude]}
            icon={iconFor(marker.approximate, selected)}
            title={marker.approximate ? t('approximateArea', { label: marker.label }) : marker.label}
            // A focusable role="button" that does nothing would mislead: only when selectable.
            keyboard={Boolean(onSelect)}
            zIndexOffset={selected ? 1000 : 0}
            eventHandlers={onSelect ? selectHandlers(() => onSelect(marker.id)) : undefined}
          />
        );
      })}
    </MarkerClusterGroup>
  );
}

/** Haven's own basemap, under everything else. */
function Basemap() {
  const map = useMap();
  useEffect(() => {
    const layer = createBasemapLayer({ attribution: BASEMAP_ATTRIBUTION, maxZoom: 18, zIndex: 0 });
    layer.addTo(map);
    return () => {
      layer.remove();
    };
  }, [map]);
  return null;
}

/**
 * The operator's PMTiles street map (TILE_PMTILES), when configured: protomaps-leaflet is its
 * own chunk, fetched only then (street-tiles-layer.client.ts).
 */
function PmtilesStreets({ streets, locale }: { streets: StreetTiles; locale: Locale }) {
  const map = useMap();
  // Root data is revalidated after actions: a new object with the same archive is the same layer.
  const key = JSON.stringify(streets);
  useEffect(() => {
    let layer: L.Layer | undefined;
    let removed = false;
    import('./street-tiles-layer.client')
      .then(({ createStreetTilesLayer }) => {
        if (!removed) layer = createStreetTilesLayer(JSON.parse(key) as StreetTiles, locale).addTo(map);
      })
      // Without it the map is Haven's basemap alone, as without the setting.
      .catch(() => {});
    return () => {
      removed = true;
      layer?.remove();
    };
  }, [map, key, locale]);
  return null;
}

/** Click, or Enter/Space on a focused marker (Leaflet gives it role="button" but only clicks). */
function selectHandlers(select: () => void): L.LeafletEventHandlerFnMap {
  return {
    click: select,
    keypress: (event) => {
      const key = (event as L.LeafletKeyboardEvent).originalEvent;
      if (key.key === 'Enter' || key.key === ' ') {
        key.preventDefault();
        select();
      }
    },
  };
}

/** Shows "Search this area" only after the user pans or zooms, not after our own fitBounds. */
function WatchUserMoves({ onUserMove }: { onUserMove: () => void }) {
  const map = useMap();

  useEffect(() => {
    let lastGesture = 0;
    let userMove = false;
    const container = map.getContainer();
    const gesture = () => {
      lastGesture = Date.now();
    };
    const moveStart = () => {
      userMove = Date.now() - lastGesture < GESTURE_WINDOW_MS;
    };
    const moveEnd = () => {
      if (userMove) onUserMove();
      userMove = false;
    };
    const events = ['pointerdown', 'wheel', 'keydown', 'touchstart', 'dblclick'] as const;
    for (const name of events) container.addEventListener(name, gesture, { passive: true });
    map.on('dragstart', gesture);
    map.on('movestart', moveStart);
    map.on('moveend', moveEnd);
    return () => {
      for (const name of events) container.removeEventListener(name, gesture);
      map.off('dragstart', gesture);
      map.off('movestart', moveStart);
      map.off('moveend', moveEnd);
    };
  }, [map, onUserMove]);

  useEffect(() => {
    const observer = new ResizeObserver(() => map.invalidateSize());
    observer.observe(map.getContainer());
    return () => observer.disconnect();
  }, [map]);

  return null;
}

/** Refits when the results change (a new search), except after "Search this area". */
function FitToMarkers({
  bbox,
  skipNextFitRef,
}: {
  /** `L.LatLngBounds.toBBoxString()` of markers + search point: a stable identity for the effect. */
  bbox: string;
  skipNextFitRef: React.MutableRefObject<boolean>;
}) {
  const map = useMap();
  const firstRef = useRef(true);
  useEffect(() => {
    if (firstRef.current) {
      firstRef.current = false; // MapContainer already opened on these bounds
      return;
    }
    if (skipNextFitRef.current) {
      skipNextFitRef.current = false;
      return;
    }
    if (!bbox) return;
    const [west = 0, south = 0, east = 0, north = 0] = bbox.split(',').map(Number);
    map.fitBounds(
      [
        [south, west],
        [north, east],
      ],
      FIT_OPTIONS,
    );
  }, [bbox, map, skipNextFitRef]);
  return null;
}

function boundsOf(markers: MapMarker[], searchPoint?: MapPoint): L.LatLngBounds | null {
  const points: L.LatLngTuple[] = markers.map((m) => [m.latitude, m.longitude]);
  if (searchPoint) points.push([searchPoint.latitude, searchPoint.longitude]);
  return points.length > 0 ? L.latLngBounds(points) : null;
}

/** Several confidential services often share one public point (a ZIP centroid): one area each. */
function uniquePoints(markers: MapMarker[]): MapPoint[] {
  const seen = new Map<string, MapPoint>();
  for (const m of markers) seen.set(pointKey(m), m);
  return [...seen.values()];
}

function pointKey(point: MapPoint): string {
  return `${point.latitude},${point.longitude}`;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

// Icons: inline SVG in divIcons (Leaflet's default icon points at image URLs that bundlers
// break, and every image would be one more request). Colours live in results-map.css.
const PIN_PATH = 'M14 1C6.8 1 1 6.6 1 13.6 1 23.4 14 39 14 39s13-15.6 13-25.4C27 6.6 21.2 1 14 1z';

function pinIcon(selected: boolean): L.DivIcon {
  const [w, h] = selected ? [36, 50] : [28, 39];
  return L.divIcon({
    className: `haven-map-pin${selected ? ' haven-map-pin--selected' : ''}`,
    html: `<svg viewBox="0 0 28 40" width="${w}" height="${h}" aria-hidden="true" focusable="false"><path d="${PIN_PATH}"/><circle cx="14" cy="14" r="5"/></svg>`,
    iconSize: [w, h],
    iconAnchor: [w / 2, h - 1],
  });
}

function areaIcon(selected: boolean): L.DivIcon {
  const size = selected ? 34 : 26;
  return L.divIcon({
    className: `haven-map-badge${selected ? ' haven-map-badge--selected' : ''}`,
    html: `<svg viewBox="0 0 26 26" width="${size}" height="${size}" aria-hidden="true" focusable="false"><circle cx="13" cy="13" r="10.5"/><circle cx="13" cy="13" r="4"/></svg>`,
    iconSize: [size, size],
    iconAnchor: [size / 2, size / 2],
  });
}

const icons = {
  pin: pinIcon(false),
  pinSelected: pinIcon(true),
  area: areaIcon(false),
  areaSelected: areaIcon(true),
};

function iconFor(approximate: boolean, selected: boolean): L.DivIcon {
  if (approximate) return selected ? icons.areaSelected : icons.area;
  return selected ? icons.pinSelected : icons.pin;
}

const searchPointIcon = L.divIcon({
  className: 'haven-map-search-point',
  html: '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="10"/><circle cx="12" cy="12" r="4"/></svg>',
  iconSize: [24, 24],
  iconAnchor: [12, 12],
});

function clusterIcon(count: number, t: Translate<MapMessageKey>): L.DivIcon {
  const size = count < 10 ? 34 : count < 100 ? 40 : 46;
  return L.divIcon({
    className: 'haven-map-cluster',
    html: `<span aria-hidden="true">${count}</span><span class="haven-map-sr">${escapeHtml(t('cluster', { count }))}</span>`,
    iconSize: [size, size],
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
