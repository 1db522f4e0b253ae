/** The props contract of the results map; pages import `LazyResultsMap` and these types only. */
import type { PublicConfig } from '~/config/config.server';
import type { Locale } from '~/i18n/i18n';

/** The operator's PMTiles street map (TILE_PMTILES), served from Haven's origin. */
export type StreetTiles = NonNullable<PublicConfig['streetTiles']>;

export interface MapMarker {
  id: string;
  label: string;
  /** The PUBLIC point: exact for ordinary locations, an area centroid for confidential ones. */
  latitude: number;
  longitude: number;
  /** Confidential location: drawn as an approximate area, never as a pin. */
  approximate: boolean;
}

export interface MapPoint {
  latitude: number;
  longitude: number;
}

export interface SearchArea extends MapPoint {
  radiusKm: number;
}

export interface ResultsMapProps {
  markers: MapMarker[];
  searchPoint?: MapPoint;
  selectedId?: string | null;
  onSelect?: (id: string) => void;
  onSearchArea?: (area: SearchArea) => void;
  /**
   * An outside tile server (TILE_URL), offered behind a consent button; null: Haven's own
   * basemap only (the default).
   */
  tileUrl: string | null;
  /** HTML from server config (trusted, not user input). */
  tileAttribution: string;
  /** Set by LazyResultsMap from the root data; pages do not pass it. */
  streetTiles?: StreetTiles | null;
  locale: Locale;
  className?: string;
  /** Accessible name of the map region; defaults to "Map of results" / "Mapa de resultados". */
  label?: string;
}
