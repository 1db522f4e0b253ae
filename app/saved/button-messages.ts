import { defineMessages } from '~/i18n/i18n';

/**
 * Strings of saved services shown on every page (the Save button on result cards and service
 * pages, the header's link). A module apart from the page's catalog (./messages.ts), so these are
 * all of saved services' strings that every page's JavaScript carries.
 */
export const saveButtonMessages = defineMessages({
  en: {
    save: 'Save',
    saveLabel: 'Save {name}',
    saved: 'Saved · Remove',
    savedLabel: 'Saved · Remove {name}',
    navSaved: 'Saved',
  },
  es: {
    save: 'Guardar',
    saveLabel: 'Guardar {name}',
    saved: 'Guardado · Quitar',
    savedLabel: 'Guardado · Quitar {name}',
    navSaved: 'Guardados',
  },
});
