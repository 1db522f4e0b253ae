import { describe, expect, it } from 'vitest';
import { defineMessages, localeFromRequest, translator } from './i18n';

describe('i18n', () => {
  const messages = defineMessages({
    en: { greeting: 'Hello {name}', plain: 'Plain' },
    es: { greeting: 'Hola {name}', plain: 'Simple' },
  });

  it('fills placeholders in the chosen language', () => {
    expect(translator(messages, 'es')('greeting', { name: 'Ana' })).toBe('Hola Ana');
    expect(translator(messages, 'en')('plain')).toBe('Plain');
  });

  it('takes ?hl= before the cookie before Accept-Language', () => {
    const request = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });
    expect(localeFromRequest(request('http://x/?hl=es', { Cookie: 'hl=en' }))).toBe('es');
    expect(localeFromRequest(request('http://x/', { Cookie: 'a=1; hl=es' }))).toBe('es');
    expect(localeFromRequest(request('http://x/', { 'Accept-Language': 'es-MX,es;q=0.9' }))).toBe('es');
    expect(localeFromRequest(request('http://x/?hl=fr', { 'Accept-Language': 'fr-FR' }))).toBe('en');
  });
});
