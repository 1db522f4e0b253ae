/**
 * The map beside (wide screens) or above (phones, after "Show map") the result list. The map
 * chunk is requested only once the map is shown; the list stays the complete text alternative.
 * Without JavaScript a wide screen shows a short note in the reserved space.
 */
import { useEffect, useState } from 'react';
import {
  LazyResultsMap,
  type MapMarker,
  type MapPoint,
  type SearchArea,
} from '~/components/map/lazy-results-map';
import { searchMessages } from '~/i18n/messages/search';
import { type Locale, translator } from '~/i18n/i18n';

const WIDE = '(min-width: 60rem)';

function useWideScreen(): boolean | null {
  const [wide, setWide] = useState<boolean | null>(null);
  useEffect(() => {
    const media = window.matchMedia(WIDE);
    const update = () => setWide(media.matches);
    update();
    media.addEventListener('change', update);
    return () => media.removeEventListener('change', update);
  }, []);
  return wide;
}

interface Props {
  markers: MapMarker[];
  searchPoint?: MapPoint;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onSearchArea: (area: SearchArea) => void;
  tileUrl: string | null;
  tileAttribution: string;
  locale: Locale;
  /** Lets the page offer "Show on map" on cards only while a map is visible. */
  onVisibleChange?: (visible: boolean) => void;
}

export function SearchMap(props: Props) {
  const { locale, onVisibleChange } = props;
  const t = translator(searchMessages, locale);
  const wide = useWideScreen();
  const [open, setOpen] = useState(false);
  const visible = wide === true || (wide === false && open);
  useEffect(() => onVisibleChange?.(visible), [visible, onVisibleChange]);
  return (
    <div className="map-column">
      {/* Rendered on the server too (shown by CSS once scripts run), so nothing shifts. */}
      <button
        type="button"
        className="map-toggle js-only"
        aria-expanded={open}
        aria-controls="results-map"
        onClick={() => setOpen((value) => !value)}
      >
        {open ? t('hideMap') : t('showMap')}
      </button>
      <div id="results-map" className={open ? 'map-panel is-open' : 'map-panel'}>
        <noscript>
          <p className="muted map-note">{t('mapNoScript')}</p>
        </noscript>
        {visible ? (
          <LazyResultsMap
            className="map"
            markers={props.markers}
            searchPoint={props.searchPoint}
            selectedId={props.selectedId}
            onSelect={props.onSelect}
            onSearchArea={props.onSearchArea}
            tileUrl={props.tileUrl}
            tileAttribution={props.tileAttribution}
            locale={locale}
          />
        ) : null}
      </div>
    </div>
  );
}
