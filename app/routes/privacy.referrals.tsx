/**
 * /privacy/referrals — the privacy notice a caseworker can show a client before a referral:
 * what is shared, who sees it, how it is protected and when it is deleted (the deployment's
 * own retention settings). Public, bilingual, linked from the referral form.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { ErrorPage } from '~/components/error-page';
import { titleMeta } from '~/components/meta';
import { useReferralText } from '~/components/referral-parts';
import { useRootData } from '~/components/root-data';
import { referralMessages } from '~/i18n/messages/referrals';

export function loader({ context }: LoaderFunctionArgs) {
  return {
    closedDays: context.config.REFERRAL_RETENTION_DAYS,
    openDays: context.config.REFERRAL_OPEN_RETENTION_DAYS,
  };
}

export default function ReferralPrivacy() {
  const { closedDays, openDays } = useLoaderData<typeof loader>();
  const { config } = useRootData();
  const t = useReferralText();
  return (
    <article className="prose">
      <h1>{t('privacyTitle')}</h1>
      <p>{t('privacyIntro', { siteName: config.siteName })}</p>
      <h2>{t('privacyWhatTitle')}</h2>
      <p>{t('privacyWhat')}</p>
      <h2>{t('privacyWhoTitle')}</h2>
      <p>{t('privacyWho')}</p>
      <h2>{t('privacyHowTitle')}</h2>
      <p>{t('privacyHow')}</p>
      <h2>{t('privacyLongTitle')}</h2>
      <p>{t('privacyLong', { closedDays, openDays })}</p>
      <h2>{t('privacyChoiceTitle')}</h2>
      <p>{t('privacyChoice')}</p>
    </article>
  );
}

export const meta = titleMeta(referralMessages, 'privacyTitle');

export function ErrorBoundary() {
  return <ErrorPage />;
}
