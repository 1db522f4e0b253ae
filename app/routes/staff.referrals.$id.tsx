/**
 * /staff/referrals/<id> — one referral and its timeline, for both sides. The sending caseworker
 * (and their agency's owners) and the receiving organization read the client fields (each read
 * is an audit event) and exchange messages; the receiving organization's owners and editors
 * accept, decline (reason + free text) and record what happened. A site admin sees the
 * metadata and who changed what, never client fields or message text; anyone else gets 404.
 */
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { z } from 'zod';
import { requireUser, type StaffUser } from '~/accounts/permissions.server';
import { titleMeta } from '~/components/meta';
import { formatTime, ReferralErrorBoundary, ReferralNav, useReferralText } from '~/components/referral-parts';
import { StaffNav } from '~/components/staff-nav';
import { localeFromRequest } from '~/i18n/i18n';
import { referralMessages } from '~/i18n/messages/referrals';
import { linkBase, requireMail } from '~/mail/sender.server';
import { requireKeyring } from '~/referrals/crypto.server';
import {
  addMessage,
  changeStatus,
  findReferral,
  isOverdue,
  readClientData,
  readTimeline,
  referralAccess,
  ReferralRefused,
} from '~/referrals/referrals.server';
import { DECLINE_REASONS, NEXT_STATUSES, referralActionSchema } from '~/referrals/schema';

const idParam = z.string().uuid();

async function loadReferral(user: StaffUser, db: Parameters<typeof findReferral>[0], id: string | undefined) {
  const parsed = idParam.safeParse(id);
  const referral = parsed.success ? await findReferral(db, parsed.data) : null;
  const access = referral ? referralAccess(user, referral) : null;
  if (!referral || !access) throw data('Not found', { status: 404 });
  return { referral, access };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const keyring = requireKeyring(context.config);
  const { referral, access } = await loadReferral(user, context.db, params.id);
  const { client, timeline } = access.clientData
    ? await readClientData(context.db, keyring, referral.id, user.id)
    : { client: null, timeline: await readTimeline(context.db, referral.id) };
  const languages = new Intl.DisplayNames([localeFromRequest(request)], { type: 'language' });
  return {
    email: user.email,
    isAdmin: user.isAdmin,
    access,
    referral: {
      id: referral.id,
      serviceName: referral.service_name,
      senderOrganization: referral.sender_name,
      receiverOrganization: referral.receiver_name,
      status: referral.status,
      sentAt: new Date(referral.sent_at).toISOString(),
      consentAt: new Date(referral.consent_at).toISOString(),
      language: referral.client_language,
      languageName: languages.of(referral.client_language) ?? referral.client_language,
      purged: referral.purged_at !== null,
      overdue: isOverdue(referral, context.config.REFERRAL_ACTION_DAYS, new Date()),
      next: access.canUpdate ? NEXT_STATUSES[referral.status] : [],
    },
    actionDays: context.config.REFERRAL_ACTION_DAYS,
    client,
    timeline,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const keyring = requireKeyring(context.config);
  requireMail(context.config);
  const { referral, access } = await loadReferral(user, context.db, params.id);
  const parsed = referralActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const issue =
      parsed.error.issues.find((item) => item.message !== 'Invalid input') ?? parsed.error.issues[0];
    const key = issue && issue.message in referralMessages.en ? issue.message : 'statusRequired';
    return data({ ok: false as const, message: key as keyof typeof referralMessages.en }, 400);
  }
  const mail = { siteName: context.config.SITE_NAME, baseUrl: linkBase(context.config, request) };
  const input = parsed.data;
  try {
    if (input.intent === 'status') {
      if (!access.canUpdate) throw data('Forbidden', { status: 403 });
      await changeStatus(
        context.db,
        keyring,
        {
          referral,
          actorId: user.id,
          status: input.status,
          reason: input.reason,
          reasonText: input.status === 'declined' ? input.reason_text : '',
        },
        mail,
      );
      return { ok: true as const, message: 'updated' as const };
    }
    if (!access.clientData || !access.side || referral.purged_at) throw data('Forbidden', { status: 403 });
    await addMessage(
      context.db,
      keyring,
      { referral, actorId: user.id, side: access.side, text: input.message },
      mail,
    );
    return { ok: true as const, message: 'messageSent' as const };
  } catch (error) {
    if (error instanceof ReferralRefused)
      return data(
        {
          ok: false as const,
          message: error.reason === 'conflict' ? ('conflict' as const) : ('transitionRefused' as const),
        },
        409,
      );
    throw error;
  }
}

export default function ReferralDetail() {
  const { email, isAdmin, access, referral, actionDays, client, timeline } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useReferralText();
  return (
    <div>
      <h1>{t('referralTo', { service: referral.serviceName })}</h1>
      <StaffNav email={email} isAdmin={isAdmin} />
      <ReferralNav />
      {params.get('sent') && !result ? <p role="status">{t('sentNotice')}</p> : null}
      {result ? (
        <p role={result.ok ? 'status' : 'alert'} className={result.ok ? undefined : 'form-error'}>
          {t(result.message)}
        </p>
      ) : null}
      <section aria-labelledby="referral-details">
        <h2 id="referral-details">{t('details')}</h2>
        <dl className="referral-facts">
          <dt>{t('colFrom')}</dt>
          <dd>{referral.senderOrganization}</dd>
          <dt>{t('colTo')}</dt>
          <dd>{referral.receiverOrganization}</dd>
          <dt>{t('colStatus')}</dt>
          <dd>{t(`status_${referral.status}`)}</dd>
          <dt>{t('sentOn')}</dt>
          <dd>{formatTime(referral.sentAt)}</dd>
          <dt>{t('language')}</dt>
          <dd>{referral.languageName}</dd>
          <dt>{t('consentRecorded')}</dt>
          <dd>{formatTime(referral.consentAt)}</dd>
          {client ? (
            <>
              <dt>{t('clientReference')}</dt>
              <dd>{client.reference}</dd>
              {client.contact ? (
                <>
                  <dt>{t('contactShort')}</dt>
                  <dd className="pre-line">{client.contact}</dd>
                </>
              ) : null}
              {client.notes ? (
                <>
                  <dt>{t('notesShort')}</dt>
                  <dd className="pre-line">{client.notes}</dd>
                </>
              ) : null}
            </>
          ) : null}
        </dl>
        {referral.overdue ? <p className="badge">{t('overdue', { days: actionDays })}</p> : null}
        {referral.purged ? (
          <p className="muted">{t('clientDataPurged')}</p>
        ) : !access.clientData ? (
          <p className="muted">{t('clientDataHidden')}</p>
        ) : null}
      </section>

      <section aria-labelledby="referral-timeline">
        <h2 id="referral-timeline">{t('timeline')}</h2>
        <ol className="timeline">
          {timeline.map((entry) => (
            <li key={entry.id}>
              <p>
                <strong>{entry.kind === 'message' ? t('messageEntry') : t(`status_${entry.status!}`)}</strong>
                {entry.reason ? ` — ${t(`reason_${entry.reason}`)}` : null}
              </p>
              <p className="muted">
                <time dateTime={entry.at}>{formatTime(entry.at)}</time> ·{' '}
                {entry.side === 'sender' ? t('sideSender') : t('sideReceiver')}
                {entry.actor ? ` · ${t('byActor', { actor: entry.actor })}` : null}
              </p>
              {entry.text ? <p className="pre-line">{entry.text}</p> : null}
            </li>
          ))}
        </ol>
      </section>

      {referral.next.length > 0 ? (
        <section aria-labelledby="referral-update">
          <h2 id="referral-update">{t('updateTitle')}</h2>
          <Form method="post" className="referral-form">
            <input type="hidden" name="intent" value="status" />
            <div className="field">
              <label htmlFor="status">{t('newStatus')}</label>
              <select id="status" name="status" required>
                {referral.next.map((status) => (
                  <option key={status} value={status}>
                    {t(`status_${status}`)}
                  </option>
                ))}
              </select>
            </div>
            {referral.next.includes('declined') ? (
              <>
                <div className="field">
                  <label htmlFor="reason">{t('declineReason')}</label>
                  <select id="reason" name="reason" defaultValue="">
                    <option value="">{t('chooseReason')}</option>
                    {DECLINE_REASONS.map((reason) => (
                      <option key={reason} value={reason}>
                        {t(`reason_${reason}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="reason_text">{t('declineReasonText')}</label>
                  <textarea
                    id="reason_text"
                    name="reason_text"
                    rows={2}
                    maxLength={1000}
                    autoComplete="off"
                  />
                </div>
              </>
            ) : null}
            <button type="submit" className="button button-primary">
              {t('update')}
            </button>
          </Form>
        </section>
      ) : null}

      {access.clientData && !referral.purged ? (
        <section aria-labelledby="referral-message">
          <h2 id="referral-message">{t('sendMessage')}</h2>
          <Form method="post" className="referral-form" key={timeline.length}>
            <input type="hidden" name="intent" value="message" />
            <div className="field">
              <label htmlFor="message">{t('messageLabel')}</label>
              <textarea id="message" name="message" rows={3} maxLength={2000} required autoComplete="off" />
            </div>
            <button type="submit" className="button">
              {t('sendMessage')}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export const meta = titleMeta(referralMessages, 'detailTitle');

export const ErrorBoundary = ReferralErrorBoundary;
