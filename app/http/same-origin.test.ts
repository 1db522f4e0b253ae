import { describe, expect, it } from 'vitest';
import { isCrossOriginRequest } from './same-origin.server';

const siteOrigin = 'https://haven.example.org';

describe('cross-origin request check', () => {
  it.each(['GET', 'HEAD', 'OPTIONS'])('lets %s through from anywhere (it changes nothing)', (method) => {
    expect(
      isCrossOriginRequest({
        method,
        origin: 'https://evil.example',
        secFetchSite: 'cross-site',
        siteOrigin,
      }),
    ).toBe(false);
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'post'])('refuses a cross-site %s', (method) => {
    expect(isCrossOriginRequest({ method, secFetchSite: 'cross-site', siteOrigin })).toBe(true);
    expect(isCrossOriginRequest({ method, origin: 'https://evil.example', siteOrigin })).toBe(true);
  });

  it('refuses a same-site but other-origin page, and an opaque (null) origin', () => {
    expect(isCrossOriginRequest({ method: 'POST', secFetchSite: 'same-site', siteOrigin })).toBe(true);
    expect(isCrossOriginRequest({ method: 'POST', origin: 'null', siteOrigin })).toBe(true);
    expect(isCrossOriginRequest({ method: 'POST', origin: 'http://haven.example.org', siteOrigin })).toBe(
      true,
    );
  });

  it('trusts Sec-Fetch-Site over Origin when a browser sends both', () => {
    expect(
      isCrossOriginRequest({ method: 'POST', origin: siteOrigin, secFetchSite: 'cross-site', siteOrigin }),
    ).toBe(true);
  });

  it('accepts a form from this site, a navigation the person started, and a non-browser client', () => {
    expect(
      isCrossOriginRequest({ method: 'POST', origin: siteOrigin, secFetchSite: 'same-origin', siteOrigin }),
    ).toBe(false);
    expect(isCrossOriginRequest({ method: 'POST', origin: siteOrigin, siteOrigin })).toBe(false);
    expect(isCrossOriginRequest({ method: 'POST', secFetchSite: 'none', siteOrigin })).toBe(false);
    expect(isCrossOriginRequest({ method: 'POST', siteOrigin })).toBe(false);
  });
});
