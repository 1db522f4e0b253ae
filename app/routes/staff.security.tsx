/**
 * /staff/security — two-factor sign-in for this account: set it up (a new secret, shown as a
 * key and an otpauth:// link, confirmed by a first code), see how many recovery codes are
 * left, make new ones, or turn it off (editors and caseworkers only). Admins and owners who
 * have not set it up are sent here straight after the password and can go nowhere else.
 * Setting it up is a privilege change: the session id is rotated. (The page that shows the
 * recovery codes is rendered with the request's cookie, so the session is first put back at
 * the 'enrol' stage; its "continue" button rotates it into a new full session. Rotating in the
 * same request would sign out the page showing the codes when JavaScript is off.)
 */
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requireUser } from '~/accounts/permissions.server';
import { securitySchema } from '~/accounts/schema';
import { rotateSession, serverSecret, setSessionStage } from '~/accounts/session.server';
import { secondFactorThrottleKeys } from '~/accounts/throttle.server';
import {
  beginEnrolment,
  confirmEnrolment,
  disableTwoFactor,
  regenerateRecoveryCodes,
  totpKey,
  totpUri,
  twoFactorState,
  verifySecondFactor,
} from '~/accounts/two-factor.server';
import { ErrorPage } from '~/components/error-page';
import { CodeEntryForm } from '~/components/code-entry';
import { FormErrorSummary } from '~/components/form-field';
import { titleMeta } from '~/components/meta';
import { useRootData } from '~/components/root-data';
import { StaffNav } from '~/components/staff-nav';
import { staffMessages } from '~/i18n/messages/staff';
import { translator } from '~/i18n/i18n';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { stages: ['full', 'enrol'] });
  const state = await twoFactorState(context.db, user.id);
  const secret = state.enabled
    ? null
    : await beginEnrolment(context.db, totpKey(context.config.SESSION_SECRET), user.id);
  return {
    email: user.email,
    isAdmin: user.isAdmin,
    forced: user.stage === 'enrol',
    state,
    setup: secret
      ? {
          // Groups of four are easier to type into an app by hand.
          key: secret.replace(/(.{4})/g, '$1 ').trim(),
          uri: totpUri(secret, user.email, context.config.SITE_NAME),
        }
      : null,
  };
}

type SecurityMessage = 'codeInvalid' | 'codeThrottled' | 'fieldCode' | 'twoFactorRequiredNote';

/** A refused code: the message, and which form sent it (its field shows the message). */
const refuse = (error: SecurityMessage, status: number, intent: unknown) =>
  data({ error, codes: null, done: null, intent: typeof intent === 'string' ? intent : null }, status);

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { stages: ['full', 'enrol'] });
  const form = Object.fromEntries(await request.formData());
  const parsed = securitySchema.safeParse(form);
  if (!parsed.success) return refuse('fieldCode', 400, form.intent);
  const key = totpKey(context.config.SESSION_SECRET);
  const { intent, code } = parsed.data;
  if (intent === 'enable') {
    const codes = await confirmEnrolment(context.db, key, { accountId: user.id, code });
    if (!codes) return refuse('codeInvalid', 400, intent);
    await setSessionStage(context.db, user.sessionId, 'enrol');
    return { error: null, codes, done: 'twoFactorEnabled' as const, intent };
  }
  if (intent === 'continue') {
    const state = await twoFactorState(context.db, user.id);
    if (!state.enabled) return refuse('codeInvalid', 400, intent);
    // A privilege change: the session gets a new id (and a forced set-up becomes a full session).
    const { setCookie } = await rotateSession(context.db, context.config, {
      sessionId: user.sessionId,
      accountId: user.id,
    });
    return redirect('/staff', { headers: { 'Set-Cookie': setCookie } });
  }
  if (user.stage !== 'full') throw data('Forbidden', { status: 403 });
  const state = await twoFactorState(context.db, user.id);
  if (!state.enabled) return refuse('codeInvalid', 400, intent);
  if (intent === 'disable' && state.required) return refuse('twoFactorRequiredNote', 403, intent);
  const check = await verifySecondFactor(context.db, key, {
    accountId: user.id,
    code,
    throttleKeys: secondFactorThrottleKeys(user.id, context.clientAddress, serverSecret(context.config)),
  });
  if (!check.ok) {
    const throttled = check.reason === 'throttled';
    return refuse(throttled ? 'codeThrottled' : 'codeInvalid', throttled ? 429 : 400, intent);
  }
  if (intent === 'regenerate') {
    const codes = await regenerateRecoveryCodes(context.db, user.id);
    return { error: null, codes, done: 'recoveryRegenerated' as const, intent };
  }
  await disableTwoFactor(context.db, user.id);
  return { error: null, codes: null, done: 'twoFactorDisabled' as const, intent };
}

export default function Security() {
  const { email, isAdmin, forced, state, setup } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { locale } = useRootData();
  const t = translator(staffMessages, locale);
  const error = result?.error ? t(result.error) : undefined;
  /** The error at the field of the form that was sent (all of them name their field `code`). */
  const errorFor = (intent: string) => (result?.intent === intent ? error : undefined);

  if (result?.codes) {
    return (
      <div className="staff-form">
        <h1>{t('securityTitle')}</h1>
        <p role="status">{t(result.done ?? 'twoFactorEnabled')}</p>
        <h2>{t('recoveryCodesTitle')}</h2>
        <p>{t('recoveryCodesIntro')}</p>
        <ul className="recovery-codes">
          {result.codes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <Form method="post">
          <input type="hidden" name="intent" value="continue" />
          <button type="submit" className="button button-primary">
            {t('recoveryCodesSaved')}
          </button>
        </Form>
      </div>
    );
  }

  return (
    <div className="staff-form">
      <h1>{t('securityTitle')}</h1>
      {forced ? null : <StaffNav email={email} isAdmin={isAdmin} />}
      {result?.done ? <p role="status">{t(result.done)}</p> : null}
      {params.get('recovery') === 'used' ? (
        <p role="status">{t('recoveryUsed', { count: state.recoveryCodesLeft })}</p>
      ) : null}
      <FormErrorSummary title={t('errorList')} messages={error ? [error] : []} />
      {setup ? (
        <>
          <p>{forced ? t('twoFactorForced') : t('twoFactorOptional')}</p>
          <ol>
            <li>{t('setupStepApp')}</li>
            <li>
              {t('setupStepKey')}{' '}
              <code className="totp-key" aria-label={t('setupKeyLabel')}>
                {setup.key}
              </code>{' '}
              (<a href={setup.uri}>{t('setupOpenApp')}</a>)
            </li>
            <li>{t('setupStepCode')}</li>
          </ol>
          <CodeEntryForm
            hidden={{ intent: 'enable' }}
            label={t('twoFactorCode')}
            error={errorFor('enable')}
            submit={t('setupSubmit')}
            primary
          />
          {forced ? (
            <Form method="post" action="/staff/sign-out">
              <button type="submit" className="button">
                {t('signOut')}
              </button>
            </Form>
          ) : null}
        </>
      ) : (
        <>
          <p>{t('twoFactorOn', { count: state.recoveryCodesLeft })}</p>
          {forced ? (
            <Form method="post">
              <input type="hidden" name="intent" value="continue" />
              <button type="submit" className="button button-primary">
                {t('twoFactorSubmit')}
              </button>
            </Form>
          ) : null}
          <h2>{t('regenerateTitle')}</h2>
          <CodeEntryForm
            id="regenerate-code"
            hidden={{ intent: 'regenerate' }}
            label={t('twoFactorCode')}
            error={errorFor('regenerate')}
            submit={t('regenerateSubmit')}
          />
          {state.required ? (
            <p className="muted">{t('twoFactorRequiredNote')}</p>
          ) : (
            <>
              <h2>{t('disableTitle')}</h2>
              <CodeEntryForm
                id="disable-code"
                hidden={{ intent: 'disable' }}
                label={t('twoFactorCode')}
                error={errorFor('disable')}
                submit={t('disableSubmit')}
              />
            </>
          )}
        </>
      )}
    </div>
  );
}

export const meta = titleMeta(staffMessages, 'securityTitle');

export function ErrorBoundary() {
  return <ErrorPage />;
}
