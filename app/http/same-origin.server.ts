/**
 * The one cross-site request forgery check (DESIGN.md §7): every request that may change
 * something — any method but GET, HEAD and OPTIONS, on any route, public or staff — must come
 * from a page of this site. Browsers say where a request comes from in `Sec-Fetch-Site`
 * (all current ones) and `Origin` (every cross-origin POST); a request carrying neither is not
 * from a browser page, so it cannot be a forgery riding on a visitor's cookies.
 */
import type { NextFunction, Request, Response } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RequestSource {
  method: string;
  /** The `Origin` header, if any. */
  origin?: string | null;
  /** The `Sec-Fetch-Site` header, if any. */
  secFetchSite?: string | null;
  /** This site's origin, e.g. https://haven.example.org. */
  siteOrigin: string;
}

/** True when a state-changing request comes from another site (or an opaque origin). */
export function isCrossOriginRequest({ method, origin, secFetchSite, siteOrigin }: RequestSource): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  // 'none' is a navigation the person started themselves (typed URL, bookmark); 'same-site'
  // is refused too: a sibling subdomain is another party.
  if (secFetchSite) return secFetchSite !== 'same-origin' && secFetchSite !== 'none';
  if (origin) return origin !== siteOrigin;
  return false;
}

/**
 * Express middleware: 403 for a cross-origin state-changing request. The site origin is
 * `publicUrl` when configured, else the request's own scheme and Host (the Host a browser
 * sends is the site it is talking to; behind a proxy, `req.protocol` follows TRUST_PROXY).
 */
export function refuseCrossOriginRequests(publicUrl: string | undefined) {
  return (req: Request, res: Response, next: NextFunction) => {
    const source: RequestSource = {
      method: req.method,
      origin: req.get('origin'),
      secFetchSite: req.get('sec-fetch-site'),
      siteOrigin: publicUrl ?? `${req.protocol}://${req.get('host') ?? ''}`,
    };
    if (!isCrossOriginRequest(source)) return next();
    res
      .status(403)
      .set('Cache-Control', 'no-store')
      .type('text/plain')
      .send('This form must be sent from a page of this site.');
  };
}
