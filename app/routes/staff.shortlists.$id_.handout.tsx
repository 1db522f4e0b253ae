/**
 * /staff/shortlists/<id>/handout?lang=es — the printable handout (print CSS hides everything
 * but the handout), a link to the same handout as a PDF, and "copy as text" for SMS or
 * WhatsApp: the text sits in a read-only textarea (selectable without JavaScript) with a copy
 * button once JavaScript runs. The handout is in the client's language (`lang`, else the
 * list's choice), the page around it in the caseworker's. No links to follow on paper, no
 * client data: not the list's name, not the notes.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useState } from 'react';
import { requireCasework, requireUser } from '~/accounts/permissions.server';
import { ErrorPage } from '~/components/error-page';
import { titleMeta } from '~/components/meta';
import { useLocalizeHref, useRootData } from '~/components/root-data';
import { useHydrated } from '~/components/use-hydrated';
import { caseworkMessages, handoutMessages } from '~/i18n/messages/casework';
import { translator } from '~/i18n/i18n';
import { type Handout, handoutText, hoursLines, phoneText } from '~/shortlists/handout';
import { requestedHandout } from '~/shortlists/handout.server';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireCasework(await requireUser(request, context));
  const found = await requestedHandout(context.db, request, {
    id: params.id ?? '',
    user,
    config: context.config,
  });
  return { id: found.shortlist.id, handout: found.handout, text: handoutText(found.handout) };
}

export default function HandoutPage() {
  const { id, handout, text } = useLoaderData<typeof loader>();
  const { locale } = useRootData();
  const localize = useLocalizeHref();
  const t = translator(caseworkMessages, locale);
  const other = handout.locale === 'en' ? 'es' : 'en';
  return (
    <div className="handout-page">
      <div className="no-print handout-tools">
        <h1>{t('handoutPageTitle')}</h1>
        <p>{t('printHint')}</p>
        <ul className="link-list">
          <li>
            <Link to={localize(`/staff/shortlists/${id}`)}>{t('backToShortlist')}</Link>
          </li>
          <li>
            <a href={`/staff/shortlists/${id}/pdf?lang=${handout.locale}`} download>
              {t('downloadPdf')}
            </a>
          </li>
          <li>
            <Link to={localize(`/staff/shortlists/${id}/handout?lang=${other}`)} hrefLang={other}>
              {t(other === 'es' ? 'languageSpanish' : 'languageEnglish')}
            </Link>
          </li>
        </ul>
        <PrintButton label={t('print')} />
      </div>
      <HandoutSheet handout={handout} />
      <section className="no-print copy-text" aria-labelledby="copy-title">
        <h2 id="copy-title">{t('copyTitle')}</h2>
        <CopyText text={text} label={t('copyLabel')} button={t('copy')} done={t('copied')} />
      </section>
    </div>
  );
}

/** The sheet the client takes away, in the handout's language. */
function HandoutSheet({ handout }: { handout: Handout }) {
  const t = translator(handoutMessages, handout.locale);
  return (
    <article className="handout" lang={handout.locale} aria-labelledby="handout-title">
      <h2 id="handout-title">{t('title')}</h2>
      <p>{t('intro')}</p>
      <ol className="handout-entries">
        {handout.entries.map((entry) => {
          const hours = hoursLines(entry.days, handout.locale);
          return (
            <li key={entry.serviceId}>
              <h3>{entry.name}</h3>
              <p className="muted">{entry.organizationName}</p>
              <dl>
                {entry.phones.length ? (
                  <>
                    <dt>{t('phone')}</dt>
                    <dd>{entry.phones.map(phoneText).join(', ')}</dd>
                  </>
                ) : null}
                <dt>{t('hours')}</dt>
                <dd>
                  {hours.length
                    ? hours.map((line) => (
                        <span key={line} className="handout-line">
                          {line}
                        </span>
                      ))
                    : t('noHours')}
                </dd>
                {entry.places.length || entry.remoteOnly ? (
                  <>
                    <dt>{t('address')}</dt>
                    <dd>
                      {entry.places.length
                        ? entry.places.map((place) => (
                            <span key={place} className="handout-line">
                              {place}
                            </span>
                          ))
                        : t('byPhone')}
                    </dd>
                  </>
                ) : null}
                {entry.documents.length ? (
                  <>
                    <dt>{t('bring')}</dt>
                    <dd>{entry.documents.join(', ')}</dd>
                  </>
                ) : null}
              </dl>
            </li>
          );
        })}
      </ol>
      <section className="handout-hotline" aria-labelledby="handout-hotline">
        <h3 id="handout-hotline">{t('hotlineTitle')}</h3>
        <p>{t('hotline', { phone: handout.hotline.phone, text: handout.hotline.text })}</p>
        <p>{t('emergency', { number: handout.hotline.emergency })}</p>
      </section>
      <p className="muted handout-footer">{t('footer', { site: handout.siteName, date: handout.date })}</p>
    </article>
  );
}

/** Shown once JavaScript runs (without it, the browser's own Print command does the same). */
function PrintButton({ label }: { label: string }) {
  if (!useHydrated()) return null;
  return (
    <button type="button" className="button-primary" onClick={() => window.print()}>
      {label}
    </button>
  );
}

function CopyText({
  text,
  label,
  button,
  done,
}: {
  text: string;
  label: string;
  button: string;
  done: string;
}) {
  const hydrated = useHydrated();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    const field = document.getElementById('handout-text') as HTMLTextAreaElement | null;
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Without clipboard permission: select the text so Ctrl+C / long-press copies it.
      field?.select();
    }
    setCopied(true);
  };
  return (
    <div className="field">
      <label htmlFor="handout-text">{label}</label>
      <textarea id="handout-text" readOnly rows={12} value={text} className="handout-text" />
      {hydrated ? (
        <p>
          <button type="button" className="button" onClick={() => void copy()}>
            {button}
          </button>{' '}
          <span role="status">{copied ? done : ''}</span>
        </p>
      ) : null}
    </div>
  );
}

export const meta = titleMeta(caseworkMessages, 'handoutPageTitle');

export function ErrorBoundary() {
  return <ErrorPage />;
}
