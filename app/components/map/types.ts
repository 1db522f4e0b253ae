/** The props contract of the results map; pages import `LazyResultsMap` and these types only. */
import type { Locale } from '~/i18n/i18n';

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
  locale: Locale;
  className?: string;
  /** Accessible name of the map region; defaults to "Map of results" / "Mapa de resultados". */
  label?: string;
}
