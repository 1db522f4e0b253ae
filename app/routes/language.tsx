/**
 * POST /language (hl, redirectTo): the visitor chose a language, so they get the one cookie an
 * anonymous visitor may have, then go back where they were. GET /language?hl= does the same
 * for links. Only same-site paths are followed.
 */
import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { LOCALE_COOKIE, isLocale } from '~/i18n/i18n';

const ONE_YEAR = 60 * 60 * 24 * 365;

/** A path on this site, or "/": never another host (no open redirect). */
export function safeRedirectPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\'))
    return '/';
  return value;
}

function chooseLanguage(hl: unknown, redirectTo: unknown, secure: boolean): Response {
  const target = safeRedirectPath(redirectTo);
  if (!isLocale(hl)) return redirect(target);
  const cookie = `${LOCALE_COOKIE}=${hl}; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax${secure ? '; Secure' : ''}`;
  return redirect(target, { headers: { 'Set-Cookie': cookie } });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  return chooseLanguage(form.get('hl'), form.get('redirectTo'), new URL(request.url).protocol === 'https:');
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  return chooseLanguage(
    url.searchParams.get('hl'),
    url.searchParams.get('redirectTo'),
    url.protocol === 'https:',
  );
}
