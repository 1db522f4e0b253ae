import { describe, expect, it } from 'vitest';
import type { DayRow } from '../search/hours';
import { type Handout, handoutText, hoursLines } from './handout';

const open = (opensAt: string, closesAt: string) => ({ allDay: false, intervals: [{ opensAt, closesAt }] });
const closed = { allDay: false, intervals: [] };

const WEEK: DayRow[] = [
  { day: 'MO', ...open('09:00', '17:00') },
  { day: 'TU', ...open('09:00', '17:00') },
  { day: 'WE', ...open('09:00', '17:00') },
  { day: 'TH', ...open('09:00', '17:00') },
  { day: 'FR', ...open('09:00', '13:00') },
  { day: 'SA', ...closed },
  { day: 'SU', allDay: true, intervals: [] },
];

describe('handout hours', () => {
  it('groups consecutive days with the same hours, in the handout language', () => {
    expect(hoursLines(WEEK, 'en')).toEqual([
      'Monday–Thursday: 9:00 AM – 5:00 PM',
      'Friday: 9:00 AM – 1:00 PM',
      'Saturday: Closed',
      'Sunday: Open 24 hours',
    ]);
    expect(hoursLines(WEEK, 'es')[0]).toMatch(/^Lunes–Jueves: 9:00 a\.\s?m\./);
    expect(hoursLines(null, 'en')).toEqual([]);
  });
});

describe('handout text', () => {
  const handout: Handout = {
    locale: 'es',
    siteName: 'Haven',
    date: '2026-12-01',
    hotline: { emergency: '911', phone: '1-888-373-7888', text: '233733' },
    entries: [
      {
        serviceId: 'a',
        name: 'Clínica legal',
        organizationName: 'Ayuda Legal',
        summary: '',
        phones: [{ number: '713-555-0142', extension: '12' }],
        days: WEEK,
        places: ['500 Main Street, Houston, TX 77002'],
        remoteOnly: false,
        documents: ['Pasaporte', 'Cédula'],
      },
      {
        serviceId: 'b',
        name: 'Línea de apoyo',
        organizationName: 'Refugio',
        summary: '',
        phones: [],
        days: null,
        places: [],
        remoteOnly: true,
        documents: [],
      },
    ],
  };

  it('numbers the services and carries phones, hours, addresses, documents and the hotline', () => {
    const text = handoutText(handout);
    expect(text.split('\n\n')).toEqual([
      'Servicios para usted',
      [
        '1. Clínica legal (Ayuda Legal)',
        'Teléfono: 713-555-0142 ext. 12',
        `Horario: ${hoursLines(WEEK, 'es').join('; ')}`,
        'Dirección: 500 Main Street, Houston, TX 77002',
        'Qué debe traer: Pasaporte, Cédula',
      ].join('\n'),
      ['2. Línea de apoyo (Refugio)', 'Horario: Llame para saber el horario', 'Por teléfono o en línea'].join(
        '\n',
      ),
      [
        'Línea Nacional contra la Trata de Personas: llame al 1-888-373-7888 o envíe un texto al 233733 (24 horas, gratis, confidencial).',
        'En una emergencia, llame al 911.',
      ].join('\n'),
    ]);
  });
});
