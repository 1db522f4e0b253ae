/**
 * POST /language (hl, redirectTo): the visitor chose a language, so they get the one cookie an
 * anonymous visitor may have, then go back where they were. GET /language?hl= does the same
 * for links. Only paths on this site are followed (no open redirect); any other method is 405,
 * a missing or unreadable form or an unknown language is 400. Cross-site POSTs never get here
 * (app/http/same-origin.server.ts).
 */
import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { LOCALE_COOKIE, isLocale, LOCALES } from '~/i18n/i18n';

/** The choice is kept 90 days at most. */
const MAX_AGE_SECONDS = 60 * 60 * 24 * 90;

/**
 * A path on this site, or "/". The value is resolved by the WHATWG URL parser against the
 * site's origin — exactly as a browser would resolve the Location header — and kept only when
 * it lands on that origin; the parser's normal form is returned, so tabs, newlines, backslashes
 * and `/./` tricks cannot change the host on the way to the browser.
 */
export function safeRedirectPath(value: unknown, siteOrigin: string): string {
  if (typeof value !== 'string' || !value.startsWith('/') || !URL.canParse(value, siteOrigin)) return '/';
  const url = new URL(value, siteOrigin);
  if (url.origin !== siteOrigin) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" parses as path "//evil.example", which would name a host in Location.
  return path.startsWith('//') ? '/' : path;
}

const badRequest = (message: string) =>
  new Response(message, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

function chooseLanguage(request: Request, hl: unknown, redirectTo: unknown): Response {
  if (!isLocale(hl)) return badRequest(`hl: must be one of ${LOCALES.join(', ')}`);
  const url = new URL(request.url);
  const target = safeRedirectPath(redirectTo, url.origin);
  // request.url is https behind TLS (or behind a proxy trusted through TRUST_PROXY).
  const secure = url.protocol === 'https:' ? '; Secure' : '';
  const cookie = `${LOCALE_COOKIE}=${hl}; Path=/; Max-Age=${MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure}`;
  return redirect(target, { headers: { 'Set-Cookie': cookie } });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST') {
    return new Response('Method not allowed: use POST.', {
      status: 405,
      headers: { Allow: 'GET, HEAD, POST' },
    });
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return badRequest('Send a form with the fields hl and redirectTo.');
  }
  return chooseLanguage(request, form.get('hl'), form.get('redirectTo'));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  return chooseLanguage(request, url.searchParams.get('hl'), url.searchParams.get('redirectTo'));
}
