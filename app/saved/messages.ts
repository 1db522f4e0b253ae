import { defineMessages } from '~/i18n/i18n';

/** Strings of the /saved page, its offline note and the safety page's section. */
export const savedMessages = defineMessages({
  en: {
    title: 'Saved services',
    intro:
      'Services you save are kept on this device only — nothing is sent to us — and their pages open even without signal.',
    warning:
      'Anyone who holds this phone or computer can see the services saved here. Remove them when you are done.',
    empty: 'Nothing is saved on this device. Use “Save” on a service to keep it here.',
    removeAll: 'Remove all saved',
    removeAllDone: 'Everything saved on this device was removed.',
    remove: 'Remove {name}',
    offeredBy: 'Offered by {name}',
    needsScript: 'Saved services need JavaScript: they are kept by your browser, not by us.',
    safetyTitle: 'Saved services are visible on this device',
    safetyText:
      'Services you save are kept in this browser so they open without signal. Anyone who holds this phone or computer can see them — on the Saved page, or in the browser’s site data. Remove them when you are done.',
    safetyLink: 'See or remove saved services',
  },
  es: {
    title: 'Servicios guardados',
    intro:
      'Los servicios que guarde se quedan solo en este dispositivo —no nos llega nada— y sus páginas se abren aun sin señal.',
    warning:
      'Cualquier persona que tenga este teléfono o computadora puede ver los servicios guardados aquí. Quítelos cuando termine.',
    empty: 'No hay nada guardado en este dispositivo. Use «Guardar» en un servicio para tenerlo aquí.',
    removeAll: 'Quitar todo lo guardado',
    removeAllDone: 'Se quitó todo lo guardado en este dispositivo.',
    remove: 'Quitar {name}',
    offeredBy: 'Ofrecido por {name}',
    needsScript: 'Los servicios guardados necesitan JavaScript: los guarda su navegador, no nosotros.',
    safetyTitle: 'Los servicios guardados se ven en este dispositivo',
    safetyText:
      'Los servicios que guarde se quedan en este navegador para abrirse sin señal. Cualquier persona que tenga este teléfono o computadora puede verlos, en la página Guardados o en los datos de sitios del navegador. Quítelos cuando termine.',
    safetyLink: 'Ver o quitar los servicios guardados',
  },
});
