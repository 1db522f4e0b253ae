/**
 * The page frame every route shares: <html lang>, the one stylesheet, skip link, header with the
 * language switch, Quick exit and hotline banner, landmarks and footer.
 */
import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import {
  Links,
  LiveReload,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from '@remix-run/react';
import { useRememberResults } from './components/remember-results';
import { ErrorPage } from './components/error-page';
import { DiscreetEffects } from './discreet/discreet-effects';
import { discreetHeadScript } from './discreet/discreet-store';
import { pageMeta, rootDataFromMatches } from './components/meta';
import { useNonce } from './components/nonce';
import { quickExitScript } from './components/quick-exit';
import { FALLBACK_ROOT_DATA, type RootData } from './components/root-data';
import { SiteFooter } from './components/site-footer';
import { SiteHeader } from './components/site-header';
import { publicConfig } from './config/config.server';
import { localeFromRequest } from './i18n/i18n';
import stylesheet from './styles/app.css';

export async function loader({ request, context }: LoaderFunctionArgs): Promise<RootData> {
  const hlParam = new URL(request.url).searchParams.has('hl');
  return { locale: localeFromRequest(request), config: publicConfig(context.config), hlParam };
}

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
  { rel: 'manifest', href: '/manifest.webmanifest' },
];

// The language depends on the cookie and Accept-Language: shared caches must keep them apart.
export const headers: HeadersFunction = () => ({ Vary: 'Cookie, Accept-Language' });

export function Layout({ children }: { children: React.ReactNode }) {
  const data = (useRouteLoaderData('root') as RootData | undefined) ?? FALLBACK_ROOT_DATA;
  const nonce = useNonce();
  return (
    <html lang={data.locale} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <meta name="robots" content="noarchive" />
        <Meta />
        <Links />
        <script
          nonce={nonce}
          suppressHydrationWarning
          dangerouslySetInnerHTML={{ __html: quickExitScript(data.config.quickExitUrl) }}
        />
        <script
          nonce={nonce}
          suppressHydrationWarning
          dangerouslySetInnerHTML={{ __html: discreetHeadScript() }}
        />
      </head>
      <body>
        <SiteHeader />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter />
        <DiscreetEffects />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        <LiveReload nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useRememberResults();
  return <Outlet />;
}

export const meta: MetaFunction = ({ matches }) => pageMeta(rootDataFromMatches(matches), null);

export function ErrorBoundary() {
  return <ErrorPage />;
}
