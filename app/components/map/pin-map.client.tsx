/**
 * The editor's draggable pin (issue 12, journey 2). Client-only and lazily loaded like the
 * results map; drawn on Haven's own basemap (no other host). Dragging the pin writes the
 * latitude/longitude fields of the form, which stay the accessible (and no-JS) way to set it.
 */
import L from 'leaflet';
import { useEffect, useMemo } from 'react';
import { MapContainer, Marker, useMap } from 'react-leaflet';
import { BASEMAP_ATTRIBUTION } from './basemap';
import { createBasemapLayer } from './basemap-layer.client';
export { loadMapStylesheet } from './results-map.client';

export interface PinMapProps {
  latitude: number;
  longitude: number;
  zoom: number;
  label: string;
  pinLabel: string;
}

const PIN_PATH = 'M14 1C6.8 1 1 6.6 1 13.6 1 23.4 14 39 14 39s13-15.6 13-25.4C27 6.6 21.2 1 14 1z';
const pinIcon = L.divIcon({
  className: 'haven-map-pin haven-map-pin--selected',
  html: `<svg viewBox="0 0 28 40" width="36" height="50" aria-hidden="true" focusable="false"><path d="${PIN_PATH}"/><circle cx="14" cy="14" r="5"/></svg>`,
  iconSize: [36, 50],
  iconAnchor: [18, 49],
});

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

/** Sets a form field as if typed (so the form's change handlers see it). */
function setField(id: string, value: number) {
  const input = document.getElementById(id) as HTMLInputElement | null;
  if (!input) return;
  input.value = value.toFixed(6);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

export default function PinMap({ latitude, longitude, zoom, label, pinLabel }: PinMapProps) {
  const handlers = useMemo(
    () => ({
      dragend(event: L.DragEndEvent) {
        const point = (event.target as L.Marker).getLatLng();
        setField('field-latitude', point.lat);
        setField('field-longitude', point.lng);
      },
    }),
    [],
  );
  return (
    <MapContainer
      center={[latitude, longitude]}
      zoom={zoom}
      style={{ height: '100%' }}
      attributionControl
      aria-label={label}
    >
      <Basemap />
      <Marker
        position={[latitude, longitude]}
        draggable
        icon={pinIcon}
        title={pinLabel}
        eventHandlers={handlers}
      />
    </MapContainer>
  );
}
