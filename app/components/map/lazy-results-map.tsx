/**
 * The only map module pages import. It holds no Leaflet: the map itself
 * (`results-map.client.tsx`, Leaflet + clustering + its stylesheet) is a separate chunk
 * fetched after hydration, so a page without a map — or with JavaScript off — never
 * downloads it, and the tile host is contacted only once a map is shown.
 * Nothing renders on the server: the list beside the map is its text alternative.
 */
import { Component, lazy, Suspense, type ReactNode } from 'react';
import { useHydrated } from '../use-hydrated';
import { useRootData } from '~/components/root-data';
import { translator } from '~/i18n/i18n';
import { mapMessages } from '~/i18n/messages/map';
import type { ResultsMapProps } from './types';

export type { MapMarker, MapPoint, ResultsMapProps, SearchArea } from './types';

const ResultsMap = lazy(async () => {
  const module = await import('./results-map.client');
  // Leaflet without its CSS draws tiles all over the page: wait for the sheet first.
  await module.loadMapStylesheet();
  return module;
});

/** Height of the map and its placeholder; a page may set `--haven-map-height` on `className`. */
const HEIGHT = 'var(--haven-map-height, clamp(16rem, 45vh, 32rem))';

export function LazyResultsMap(props: ResultsMapProps) {
  const mounted = useHydrated();
  const { streetTiles } = useRootData().config;
  if (!mounted) return null;

  const t = translator(mapMessages, props.locale);
  return (
    <div className={props.className} style={{ height: HEIGHT, position: 'relative' }}>
      <MapErrorBoundary fallback={<Placeholder text={t('loadFailed')} />}>
        <Suspense fallback={<Placeholder text={t('loading')} />}>
          <ResultsMap streetTiles={streetTiles} {...props} />
        </Suspense>
      </MapErrorBoundary>
    </div>
  );
}

/** Same box as the map, so the page does not jump when Leaflet arrives. */
function Placeholder({ text }: { text: string }) {
  return (
    <div
      className="haven-map-placeholder"
      style={{
        height: '100%',
        display: 'grid',
        placeItems: 'center',
        padding: '1rem',
        border: '1px solid #8a8f98',
        background: '#eef0f2',
        color: '#1f2328',
        textAlign: 'center',
      }}
    >
      <p role="status">{text}</p>
    </div>
  );
}

/** A chunk that fails to load (offline, deploy in between) must not take the page down. */
class MapErrorBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
