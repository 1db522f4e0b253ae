/**
 * /staff/sign-in (fields `email`, `password`): the door to the staff side. A wrong password,
 * an unknown email and a disabled account get the same answer; the 11th failure in 15 minutes
 * is refused (429) even with the right password. A new session id at every sign-in. With
 * two-factor on, the password gives a 10-minute session that can only reach the code step
 * (/staff/two-factor); an admin or owner without it must set it up first (/staff/security).
 */
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { fieldErrors, signInSchema } from '~/accounts/schema';
import { getStaffUser } from '~/accounts/permissions.server';
import {
  createSession,
  deleteSession,
  hashToken,
  serverSecret,
  sessionToken,
} from '~/accounts/session.server';
import { checkCredentials } from '~/accounts/sign-in.server';
import { throttleKeys } from '~/accounts/throttle.server';
import { twoFactorState } from '~/accounts/two-factor.server';
import { ErrorPage } from '~/components/error-page';
import { FormErrorSummary, FormField } from '~/components/form-field';
import { titleMeta } from '~/components/meta';
import { useLocalizeHref, useRootData } from '~/components/root-data';
import { staffMessages } from '~/i18n/messages/staff';
import { translator } from '~/i18n/i18n';
import { safeRedirectPath } from './language';

/** After sign-in: back to the staff page (or invitation) that sent the person here, else the staff home. */
function staffTarget(value: unknown, request: Request): string {
  const target = safeRedirectPath(value, new URL(request.url).origin);
  return target === '/staff' || target.startsWith('/staff/') || target.startsWith('/invitations/')
    ? target
    : '/staff';
}

/** Where a session at this stage goes next. */
function nextStep(stage: 'full' | 'second_factor' | 'enrol', target: string): string {
  if (stage === 'second_factor') return `/staff/two-factor?redirectTo=${encodeURIComponent(target)}`;
  if (stage === 'enrol') return '/staff/security';
  return target;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getStaffUser(request, context, { stages: ['full', 'second_factor', 'enrol'] });
  if (user)
    throw redirect(
      nextStep(user.stage, staffTarget(new URL(request.url).searchParams.get('redirectTo'), request)),
    );
  return null;
}

type SignInError = 'signInInvalid' | 'signInThrottled';

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = signInSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error, {
      email: 'fieldEmail',
      password: 'fieldPasswordRequired',
    } as const);
    return data(
      { errors, formError: null as SignInError | null, email: String(form.get('email') ?? '') },
      400,
    );
  }
  const { email, password, redirectTo } = parsed.data;
  const result = await checkCredentials(context.db, {
    email,
    password,
    throttleKeys: throttleKeys(email, context.clientAddress, serverSecret(context.config)),
  });
  if (!result.ok) {
    const formError: SignInError = result.reason === 'throttled' ? 'signInThrottled' : 'signInInvalid';
    return data({ errors: {}, formError, email }, result.reason === 'throttled' ? 429 : 400);
  }
  // Rotation: whatever session the browser held before is gone; the new one has a new id.
  const previous = await sessionToken(request, context.config);
  if (previous) await deleteSession(context.db, hashToken(previous));
  const twoFactor = await twoFactorState(context.db, result.accountId);
  const stage = twoFactor.enabled ? 'second_factor' : twoFactor.required ? 'enrol' : 'full';
  const { setCookie } = await createSession(context.db, context.config, result.accountId, stage);
  return redirect(nextStep(stage, staffTarget(redirectTo, request)), {
    headers: { 'Set-Cookie': setCookie },
  });
}

export default function SignIn() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { locale, config } = useRootData();
  const localize = useLocalizeHref();
  const t = translator(staffMessages, locale);
  const errors: Partial<Record<string, Parameters<typeof t>[0]>> = actionData?.errors ?? {};
  const summary = [
    ...(actionData?.formError ? [t(actionData.formError)] : []),
    ...Object.values(errors).map((key) => t(key!)),
  ];
  return (
    <div className="staff-form">
      <h1>{t('signInTitle')}</h1>
      <p>{t('signInIntro', { siteName: config.siteName })}</p>
      {params.get('reset') === '1' ? <p role="status">{t('resetDone')}</p> : null}
      <FormErrorSummary title={t('errorList')} messages={summary} />
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? '/staff'} />
        <FormField
          name="email"
          type="email"
          label={t('email')}
          autoComplete="username"
          defaultValue={actionData?.email}
          error={errors.email ? t(errors.email) : undefined}
          required
        />
        <FormField
          name="password"
          type="password"
          label={t('password')}
          autoComplete="current-password"
          error={errors.password ? t(errors.password) : undefined}
          required
        />
        <button type="submit" className="button button-primary" disabled={navigation.state === 'submitting'}>
          {t('signIn')}
        </button>
      </Form>
      <ul className="link-list">
        <li>
          <Link to={localize('/staff/forgot-password')}>{t('forgotLink')}</Link>
        </li>
        <li>
          <Link to={localize('/join')}>{t('listYourOrganization')}</Link>
        </li>
      </ul>
    </div>
  );
}

export const meta = titleMeta(staffMessages, 'signInTitle');

export function ErrorBoundary() {
  return <ErrorPage />;
}
