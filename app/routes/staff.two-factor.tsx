/**
 * /staff/two-factor — the second step of signing in: a code from the authenticator app, or a
 * single-use recovery code. Only a session that has passed the password step gets here; the
 * 11th wrong code in 15 minutes is refused (429) even when right. Success rotates the session id.
 */
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { requireUser } from '~/accounts/permissions.server';
import { codeSchema } from '~/accounts/schema';
import { rotateSession, serverSecret } from '~/accounts/session.server';
import { secondFactorThrottleKeys } from '~/accounts/throttle.server';
import { totpKey, verifySecondFactor } from '~/accounts/two-factor.server';
import { ErrorPage } from '~/components/error-page';
import { CodeEntryForm } from '~/components/code-entry';
import { FormErrorSummary } from '~/components/form-field';
import { titleMeta } from '~/components/meta';
import { useRootData } from '~/components/root-data';
import { staffMessages } from '~/i18n/messages/staff';
import { translator } from '~/i18n/i18n';
import { safeRedirectPath } from './language';

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { stages: ['second_factor'] });
  return null;
}

type CodeError = 'codeInvalid' | 'codeThrottled' | 'fieldCode';

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { stages: ['second_factor'] });
  const parsed = codeSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: 'fieldCode' as CodeError }, 400);
  const result = await verifySecondFactor(context.db, totpKey(context.config.SESSION_SECRET), {
    accountId: user.id,
    code: parsed.data.code,
    throttleKeys: secondFactorThrottleKeys(user.id, context.clientAddress, serverSecret(context.config)),
  });
  if (!result.ok) {
    const error: CodeError = result.reason === 'throttled' ? 'codeThrottled' : 'codeInvalid';
    return data({ error }, result.reason === 'throttled' ? 429 : 400);
  }
  const { setCookie } = await rotateSession(context.db, context.config, {
    sessionId: user.sessionId,
    accountId: user.id,
  });
  const target = safeRedirectPath(parsed.data.redirectTo, new URL(request.url).origin);
  const next = result.usedRecoveryCode
    ? '/staff/security?recovery=used'
    : target === '/staff' || target.startsWith('/staff/') || target.startsWith('/invitations/')
      ? target
      : '/staff';
  return redirect(next, { headers: { 'Set-Cookie': setCookie } });
}

export default function TwoFactorStep() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { locale } = useRootData();
  const t = translator(staffMessages, locale);
  const error = result?.error ? t(result.error) : undefined;
  return (
    <div className="staff-form">
      <h1>{t('twoFactorTitle')}</h1>
      <p>{t('twoFactorIntro')}</p>
      <FormErrorSummary title={t('errorList')} messages={error ? [error] : []} />
      <CodeEntryForm
        hidden={{ redirectTo: params.get('redirectTo') ?? '/staff' }}
        label={t('twoFactorCode')}
        hint={t('twoFactorCodeHint')}
        error={error}
        submit={t('twoFactorSubmit')}
        primary
        submitting={navigation.state === 'submitting'}
      />
      <Form method="post" action="/staff/sign-out">
        <button type="submit" className="button">
          {t('signOut')}
        </button>
      </Form>
    </div>
  );
}

export const meta = titleMeta(staffMessages, 'twoFactorTitle');

export function ErrorBoundary() {
  return <ErrorPage />;
}
