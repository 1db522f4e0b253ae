/**
 * /staff/referrals (?box=sent, the default, or ?box=received) — the two inboxes: metadata only
 * (service, organizations, status, date), never client fields; a referral not acted on within
 * REFERRAL_ACTION_DAYS is flagged on both sides (computed when the list is read).
 */
import { data, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { requireUser } from '~/accounts/permissions.server';
import { titleMeta } from '~/components/meta';
import { formatTime, ReferralErrorBoundary, ReferralNav, useReferralText } from '~/components/referral-parts';
import { useLocalizeHref } from '~/components/root-data';
import { StaffNav } from '~/components/staff-nav';
import { referralMessages } from '~/i18n/messages/referrals';
import { requireKeyring } from '~/referrals/crypto.server';
import { listReferrals } from '~/referrals/referrals.server';
import { listQuerySchema } from '~/referrals/schema';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  requireKeyring(context.config);
  const query = listQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw data('box: must be sent or received', { status: 400 });
  const actionDays = context.config.REFERRAL_ACTION_DAYS;
  return {
    email: user.email,
    isAdmin: user.isAdmin,
    box: query.data.box,
    actionDays,
    referrals: await listReferrals(context.db, user, query.data.box, { actionDays }),
  };
}

export default function ReferralBox() {
  const { email, isAdmin, box, actionDays, referrals } = useLoaderData<typeof loader>();
  const t = useReferralText();
  const localize = useLocalizeHref();
  const [params] = useSearchParams();
  return (
    <div>
      <h1>{box === 'received' ? t('receivedTitle') : t('sentTitle')}</h1>
      <StaffNav email={email} isAdmin={isAdmin} />
      <ReferralNav />
      {params.get('sent') ? <p role="status">{t('sentNotice')}</p> : null}
      {referrals.length === 0 ? (
        <p>{t('emptyBox')}</p>
      ) : (
        <ul className="results-list">
          {referrals.map((referral) => (
            <li key={referral.id}>
              <article aria-labelledby={`referral-${referral.id}`}>
                <h2 id={`referral-${referral.id}`}>
                  <Link to={localize(`/staff/referrals/${referral.id}`)}>{referral.serviceName}</Link>
                </h2>
                <dl className="referral-facts">
                  <dt>{t('colFrom')}</dt>
                  <dd>{referral.senderOrganization}</dd>
                  <dt>{t('colTo')}</dt>
                  <dd>{referral.receiverOrganization}</dd>
                  <dt>{t('colStatus')}</dt>
                  <dd>{t(`status_${referral.status}`)}</dd>
                  <dt>{t('colSent')}</dt>
                  <dd>{formatTime(referral.sentAt)}</dd>
                </dl>
                {referral.overdue ? <p className="badge">{t('overdue', { days: actionDays })}</p> : null}
                {referral.purged ? <p className="muted">{t('purgedNote')}</p> : null}
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const meta = titleMeta(referralMessages, 'referralsTitle');

export const ErrorBoundary = ReferralErrorBoundary;
