/** The safety page: private browsing, clearing history, what Quick exit does not do. */
import { defineMessages } from '../i18n';

export const safetyMessages = defineMessages({
  en: {
    title: 'Staying safe while you look for help',
    intro:
      'If someone checks your phone or computer, they may see which websites you visited. These steps lower the risk. No step is perfect.',
    exitTitle: 'What the Quick exit button does',
    exitText:
      'The red Quick exit button (or pressing Escape twice) opens a weather page in place of this site. However many pages you open here, this site takes only one place in the tab’s Back list, and Quick exit puts the weather page in that place: pressing Back then goes to the page you had open before this site, never to a page of this site.',
    exitLimit:
      'What Quick exit does not remove: your browser history (the History list) can still show the pages of this site you opened, with their addresses — and a search address contains the place and words you searched. If JavaScript is turned off in your browser, each page of this site also stays in the Back list. This site’s pages are never kept in the browser’s cache, and the place you type is not saved for autofill. Use private browsing, or delete this site’s pages from your history.',
    privateTitle: 'Use private (incognito) browsing',
    privateText: 'A private window does not save the pages you visit after you close it.',
    privateAndroid: 'Chrome on Android: tap the ⋮ menu, then “New Incognito tab”.',
    privateIphone: 'Safari on iPhone: tap the tabs button, then “Private”.',
    privateComputer:
      'On a computer: press Ctrl+Shift+N (Chrome, Edge) or Ctrl+Shift+P (Firefox). On a Mac use ⌘ instead of Ctrl.',
    clearTitle: 'Clear your history',
    clearIntro:
      'If you did not use a private window, delete this site from your history. Deleting everything at once can look suspicious; you can delete only the pages from this site.',
    clearAndroid: 'Chrome on Android: ⋮ menu → History → tap the ✕ next to each page from this site.',
    clearIphone: 'Safari on iPhone: tap the book icon → the clock (History) → swipe left on a page → Delete.',
    clearComputer:
      'On a computer: press Ctrl+H (⌘+Y in Safari on a Mac), find the pages from this site and delete them.',
    clearOther: 'Also check your call log and text messages if you called or texted a service or hotline.',
    deviceTitle: 'Use a safer device',
    deviceText:
      'If you think someone watches your phone or reads your messages, use a device they cannot reach: a friend’s phone, a computer at a public library, school or job center.',
    deviceSpyware:
      'Some apps can track a phone’s location or messages. If you worry about that, a different device is safer than any setting.',
    hotlineTitle: 'Talk to someone',
    hotlineText:
      'The National Human Trafficking Hotline is free, confidential and open 24 hours a day, in more than 200 languages.',
    hotlineCall: 'Call {number}',
    hotlineTextUs: 'Text {number}',
    emergencyText: 'If you are in danger right now, call {number}.',
    noTracking:
      'This site does not use tracking, ads or analytics. The only cookie it sets is your language, and only if you choose one.',
  },
  es: {
    title: 'Cómo mantenerse segura o seguro mientras busca ayuda',
    intro:
      'Si alguien revisa su teléfono o computadora, podría ver qué sitios web visitó. Estos pasos bajan el riesgo. Ningún paso es perfecto.',
    exitTitle: 'Qué hace el botón de Salida rápida',
    exitText:
      'El botón rojo de Salida rápida (o presionar Escape dos veces) abre una página del clima en lugar de este sitio. Aunque abra muchas páginas aquí, este sitio ocupa un solo lugar en la lista de Atrás de la pestaña, y la Salida rápida pone la página del clima en ese lugar: al presionar Atrás vuelve a la página que tenía abierta antes de este sitio, nunca a una página de este sitio.',
    exitLimit:
      'Lo que la Salida rápida no borra: el historial de su navegador (la lista de Historial) puede seguir mostrando las páginas de este sitio que abrió, con sus direcciones, y la dirección de una búsqueda contiene el lugar y las palabras que buscó. Si JavaScript está desactivado en su navegador, cada página de este sitio también queda en la lista de Atrás. Las páginas de este sitio nunca se guardan en la caché del navegador, y el lugar que escribe no se guarda para el autocompletado. Use la navegación privada o borre las páginas de este sitio de su historial.',
    privateTitle: 'Use la navegación privada (incógnito)',
    privateText: 'Una ventana privada no guarda las páginas que visita después de cerrarla.',
    privateAndroid: 'Chrome en Android: toque el menú ⋮ y luego “Nueva pestaña de incógnito”.',
    privateIphone: 'Safari en iPhone: toque el botón de pestañas y luego “Privado”.',
    privateComputer:
      'En una computadora: presione Ctrl+Shift+N (Chrome, Edge) o Ctrl+Shift+P (Firefox). En una Mac use ⌘ en lugar de Ctrl.',
    clearTitle: 'Borre su historial',
    clearIntro:
      'Si no usó una ventana privada, borre este sitio de su historial. Borrar todo de una vez puede llamar la atención; puede borrar solo las páginas de este sitio.',
    clearAndroid: 'Chrome en Android: menú ⋮ → Historial → toque la ✕ junto a cada página de este sitio.',
    clearIphone:
      'Safari en iPhone: toque el ícono del libro → el reloj (Historial) → deslice a la izquierda sobre una página → Eliminar.',
    clearComputer:
      'En una computadora: presione Ctrl+H (⌘+Y en Safari en una Mac), busque las páginas de este sitio y bórrelas.',
    clearOther:
      'Revise también su registro de llamadas y sus mensajes de texto si llamó o escribió a un servicio o a una línea de ayuda.',
    deviceTitle: 'Use un dispositivo más seguro',
    deviceText:
      'Si cree que alguien vigila su teléfono o lee sus mensajes, use un dispositivo al que esa persona no tenga acceso: el teléfono de una amistad, una computadora de una biblioteca pública, escuela o centro de empleo.',
    deviceSpyware:
      'Algunas aplicaciones pueden rastrear la ubicación o los mensajes de un teléfono. Si eso le preocupa, otro dispositivo es más seguro que cualquier ajuste.',
    hotlineTitle: 'Hable con alguien',
    hotlineText:
      'La Línea Nacional contra la Trata de Personas es gratuita, confidencial y atiende las 24 horas, en más de 200 idiomas.',
    hotlineCall: 'Llame al {number}',
    hotlineTextUs: 'Envíe un texto al {number}',
    emergencyText: 'Si está en peligro ahora mismo, llame al {number}.',
    noTracking:
      'Este sitio no usa rastreo, anuncios ni analíticas. La única cookie que guarda es su idioma, y solo si usted lo elige.',
  },
});
