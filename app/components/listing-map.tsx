/**
 * The small map on a service or organization page: one marker per location with a public
 * point; confidential locations are drawn as approximate areas by the map itself. Only
 * rendered with JavaScript (`js-only`); the location text above it is the alternative.
 */
import type { Locale } from '~/i18n/i18n';
import type { ResultLocation } from '~/search/types';
import { LazyResultsMap } from './map/lazy-results-map';

export function ListingMap({
  locations,
  label,
  tileUrl,
  tileAttribution,
  locale,
}: {
  locations: ResultLocation[];
  label: string;
  tileUrl: string | null;
  tileAttribution: string;
  locale: Locale;
}) {
  const markers = locations.flatMap((location) =>
    location.latitude !== null && location.longitude !== null
      ? [
          {
            id: location.id,
            label,
            latitude: location.latitude,
            longitude: location.longitude,
            approximate: location.isConfidential,
          },
        ]
      : [],
  );
  if (markers.length === 0) return null;
  return (
    <div className="small-map js-only">
      <LazyResultsMap
        className="map"
        markers={markers}
        tileUrl={tileUrl}
        tileAttribution={tileAttribution}
        locale={locale}
      />
    </div>
  );
}
