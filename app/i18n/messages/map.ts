import { defineMessages } from '~/i18n/i18n';

/** Strings of the results map (the list beside it is the text alternative). */
export const mapMessages = defineMessages({
  en: {
    region: 'Map of results',
    loading: 'Loading map…',
    loadFailed: 'The map could not be loaded. The list shows every result.',
    searchThisArea: 'Search this area',
    searchPoint: 'Searched location',
    approximateArea: '{label} (approximate area, exact address not shown)',
    cluster: '{count} results close together. Show them',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    showStreetMap: 'Show street map — loads map images from {host}',
    hideStreetMap: "Hide street map (use Haven's own map)",
  },
  es: {
    region: 'Mapa de resultados',
    loading: 'Cargando el mapa…',
    loadFailed: 'No se pudo cargar el mapa. La lista muestra todos los resultados.',
    searchThisArea: 'Buscar en esta zona',
    searchPoint: 'Lugar buscado',
    approximateArea: '{label} (zona aproximada, no se muestra la dirección exacta)',
    cluster: '{count} resultados cercanos. Mostrarlos',
    zoomIn: 'Acercar',
    zoomOut: 'Alejar',
    showStreetMap: 'Mostrar mapa de calles — carga imágenes del mapa desde {host}',
    hideStreetMap: 'Ocultar mapa de calles (usar el mapa propio de Haven)',
  },
});

export type MapMessageKey = keyof typeof mapMessages.en;
