/**
 * The editor's pin map, loaded only after hydration (no Leaflet in the route's JavaScript;
 * nothing without JavaScript, where the latitude/longitude fields do the job).
 */
import { lazy, Suspense, useSyncExternalStore } from 'react';
import { editorMessages } from '~/i18n/messages/editor';
import { type Locale, translator } from '~/i18n/i18n';

const PinMap = lazy(async () => {
  const module = await import('./pin-map.client');
  await module.loadMapStylesheet();
  return module;
});

const US_CENTRE = { latitude: 39.8, longitude: -98.6 };
const noSubscription = () => () => {};

export function LazyPinMap({
  locale,
  latitude,
  longitude,
  centre,
}: {
  locale: Locale;
  latitude: number | null;
  longitude: number | null;
  /** Where to put the pin first when the place has no point yet (the address's gazetteer centre). */
  centre?: { latitude: number; longitude: number } | null;
}) {
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  if (!hydrated) return null;
  const t = translator(editorMessages, locale);
  const point = latitude !== null && longitude !== null ? { latitude, longitude } : (centre ?? US_CENTRE);
  const zoom = latitude !== null ? 16 : centre ? 13 : 4;
  return (
    <div className="pin-map" style={{ height: 'clamp(14rem, 40vh, 24rem)' }}>
      <Suspense fallback={<p role="status">…</p>}>
        <PinMap
          latitude={point.latitude}
          longitude={point.longitude}
          zoom={zoom}
          label={t('mapLabel')}
          pinLabel={t('mapLabel')}
        />
      </Suspense>
    </div>
  );
}
