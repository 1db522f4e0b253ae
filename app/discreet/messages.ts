import { defineMessages } from '~/i18n/i18n';

/** Strings of discreet mode: the switch on the safety page and the neutral header. */
export const discreetMessages = defineMessages({
  en: {
    title: 'Discreet mode',
    text: 'Makes Haven look like a notes page on this device: the tab is called “Notes” with a plain icon, the header has no logo and no words about trafficking, the hotline is behind a small “Help” link, and an app installed from here is named “Notes”. Quick exit still works. The choice is kept on this device only.',
    switchLabel: 'Discreet mode on this device',
    on: 'Discreet mode is on.',
    off: 'Discreet mode is off.',
    needsScript: 'Discreet mode needs JavaScript.',
    neutralName: 'Notes',
    homeLink: 'Notes, home page',
    help: 'Help',
  },
  es: {
    title: 'Modo discreto',
    text: 'Hace que Haven parezca una página de notas en este dispositivo: la pestaña se llama «Notes» con un icono sencillo, el encabezado no tiene logotipo ni palabras sobre la trata, la línea de ayuda queda detrás de un pequeño enlace «Ayuda» y una app instalada desde aquí se llama «Notes». La salida rápida sigue funcionando. La elección se guarda solo en este dispositivo.',
    switchLabel: 'Modo discreto en este dispositivo',
    on: 'El modo discreto está activado.',
    off: 'El modo discreto está desactivado.',
    needsScript: 'El modo discreto necesita JavaScript.',
    neutralName: 'Notes',
    homeLink: 'Notes, página de inicio',
    help: 'Ayuda',
  },
});
