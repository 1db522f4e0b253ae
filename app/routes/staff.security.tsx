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
import { FormErrorSummary, FormField } from '~/components/form-field';
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

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { stages: ['full', 'enrol'] });
  const parsed = securitySchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: 'fieldCode' as SecurityMessage, codes: null, done: null }, 400);
  const key = totpKey(context.config.SESSION_SECRET);
  const { intent, code } = parsed.data;
  if (intent === 'enable') {
    const codes = await confirmEnrolment(context.db, key, { accountId: user.id, code });
    if (!codes) return data({ error: 'codeInvalid' as SecurityMessage, codes: null, done: null }, 400);
    await setSessionStage(context.db, user.sessionId, 'enrol');
    return { error: null, codes, done: 'twoFactorEnabled' as const };
  }
  if (intent === 'continue') {
    const state = await twoFactorState(context.db, user.id);
    if (!state.enabled)
      return data({ error: 'codeInvalid' as SecurityMessage, codes: null, done: null }, 400);
    // A privilege change: the session gets a new id (and a forced set-up becomes a full session).
    const { setCookie } = await rotateSession(context.db, context.config, {
      sessionId: user.sessionId,
      accountId: user.id,
    });
    return redirect('/staff', { headers: { 'Set-Cookie': setCookie } });
  }
  if (user.stage !== 'full') throw data('Forbidden', { status: 403 });
  const state = await twoFactorState(context.db, user.id);
  if (!state.enabled) return data({ error: 'codeInvalid' as SecurityMessage, codes: null, done: null }, 400);
  if (intent === 'disable' && state.required)
    return data({ error: 'twoFactorRequiredNote' as SecurityMessage, codes: null, done: null }, 403);
  const check = await verifySecondFactor(context.db, key, {
    accountId: user.id,
    code,
    throttleKeys: secondFactorThrottleKeys(user.id, context.clientAddress, serverSecret(context.config)),
  });
  if (!check.ok) {
    const error: SecurityMessage = check.reason === 'throttled' ? 'codeThrottled' : 'codeInvalid';
    return data({ error, codes: null, done: null }, check.reason === 'throttled' ? 429 : 400);
  }
  if (intent === 'regenerate') {
    const codes = await regenerateRecoveryCodes(context.db, user.id);
    return { error: null, codes, done: 'recoveryRegenerated' as const };
  }
  await disableTwoFactor(context.db, user.id);
  return { error: null, codes: null, done: 'twoFactorDisabled' as const };
}

export default function Security() {
  const { email, isAdmin, forced, state, setup } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { locale } = useRootData();
  const t = translator(staffMessages, locale);
  const error = result?.error ? t(result.error) : undefined;

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
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="enable" />
            <FormField
              name="code"
              label={t('twoFactorCode')}
              autoComplete="one-time-code"
              error={error}
              required
            />
            <button type="submit" className="button button-primary">
              {t('setupSubmit')}
            </button>
          </Form>
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
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="regenerate" />
            <FormField
              name="code"
              label={t('twoFactorCode')}
              autoComplete="one-time-code"
              error={error}
              required
            />
            <button type="submit" className="button">
              {t('regenerateSubmit')}
            </button>
          </Form>
          {state.required ? (
            <p className="muted">{t('twoFactorRequiredNote')}</p>
          ) : (
            <>
              <h2>{t('disableTitle')}</h2>
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="disable" />
                <div className="field">
                  <label htmlFor="disable-code">{t('twoFactorCode')}</label>
                  <input id="disable-code" name="code" autoComplete="one-time-code" required />
                </div>
                <button type="submit" className="button">
                  {t('disableSubmit')}
                </button>
              </Form>
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
