/** The home page and the place search box. */
import { defineMessages } from '../i18n';

export const homeMessages = defineMessages({
  en: {
    title: 'Find help near you',
    intro:
      'Free, confidential services for survivors of human trafficking: counseling, legal help, health care, shelter, jobs and more.',
    placeLabel: 'ZIP code or city',
    placeHint: 'For example 77002 or Houston, TX',
    searchButton: 'Search',
    useLocation: 'Use my location',
    locating: 'Finding your location…',
    locationDenied:
      'We could not use your location because permission was denied. You can type a ZIP code or city instead.',
    locationUnavailable: 'We could not find your location. Please type a ZIP code or city instead.',
    locationUnsupported: 'This browser cannot share your location. Please type a ZIP code or city instead.',
    locationPrivacy: 'Your location is rounded to about 100 meters and is not stored.',
    browseTitle: 'Browse by kind of help',
    safetyTitle: 'Staying safe',
    safetyText:
      'Someone may check your phone or computer. Learn how to browse more privately, and what the Quick exit button does and does not do.',
    safetyLink: 'How to browse safely',
    rightsTitle: 'Is this trafficking? Know your rights',
    rightsText:
      'Trafficking means being forced, tricked or pressured into work or sex. You have rights, whatever your immigration status.',
    rightsLink: 'Recognizing trafficking and your rights',
  },
  es: {
    title: 'Encuentre ayuda cerca de usted',
    intro:
      'Servicios gratuitos y confidenciales para sobrevivientes de la trata de personas: consejería, ayuda legal, salud, refugio, empleo y más.',
    placeLabel: 'Código postal o ciudad',
    placeHint: 'Por ejemplo 77002 o Houston, TX',
    searchButton: 'Buscar',
    useLocation: 'Usar mi ubicación',
    locating: 'Buscando su ubicación…',
    locationDenied:
      'No pudimos usar su ubicación porque no se dio permiso. Puede escribir un código postal o una ciudad.',
    locationUnavailable: 'No pudimos encontrar su ubicación. Escriba un código postal o una ciudad.',
    locationUnsupported:
      'Este navegador no puede compartir su ubicación. Escriba un código postal o una ciudad.',
    locationPrivacy: 'Su ubicación se redondea a unos 100 metros y no se guarda.',
    browseTitle: 'Busque por tipo de ayuda',
    safetyTitle: 'Su seguridad',
    safetyText:
      'Alguien podría revisar su teléfono o computadora. Aprenda a navegar con más privacidad y lo que hace y no hace el botón de Salida rápida.',
    safetyLink: 'Cómo navegar con seguridad',
    rightsTitle: '¿Es esto trata? Conozca sus derechos',
    rightsText:
      'La trata es cuando a alguien lo obligan, engañan o presionan para trabajar o tener sexo. Usted tiene derechos, sin importar su estatus migratorio.',
    rightsLink: 'Cómo reconocer la trata y sus derechos',
  },
});
