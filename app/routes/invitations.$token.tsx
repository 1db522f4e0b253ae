/**
 * /invitations/<token> — the emailed invitation link (single use, 7 days). A new person sets
 * a password (the one password schema) and is signed in (an owner goes on to set up two-factor
 * sign-in); a person who already has an account signs in as the invited address and accepts,
 * which rotates their session id (a privilege change). GET never uses the token.
 */
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useParams } from '@remix-run/react';
import { acceptInvitation, findInvitation } from '~/accounts/invitations.server';
import { passwordProblem } from '~/accounts/password.server';
import { getStaffUser } from '~/accounts/permissions.server';
import { acceptInvitationSchema } from '~/accounts/schema';
import { createSession, rotateSession } from '~/accounts/session.server';
import { twoFactorState } from '~/accounts/two-factor.server';
import { ErrorPage } from '~/components/error-page';
import { FormErrorSummary, FormField } from '~/components/form-field';
import { titleMeta } from '~/components/meta';
import { useLocalizeHref, useRootData } from '~/components/root-data';
import { ROLE_KEY, staffMessages } from '~/i18n/messages/staff';
import { localeFromRequest, translator } from '~/i18n/i18n';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const invitation = await findInvitation(context.db, params.token ?? '');
  if (!invitation) return data({ invitation: null, signedInAs: null }, 404);
  const user = await getStaffUser(request, context);
  return { invitation, signedInAs: user?.email ?? null };
}

type InvitationError =
  | 'invitationInvalid'
  | 'invitationWrongAccount'
  | 'passwordShort'
  | 'passwordLong'
  | 'passwordBlank'
  | 'passwordCommon'
  | 'passwordWeak'
  | 'fieldDisplayName';

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? '';
  const invitation = await findInvitation(context.db, token);
  const fail = (error: InvitationError, status = 400) => data({ error }, status);
  if (!invitation) return fail('invitationInvalid', 404);
  const user = await getStaffUser(request, context);
  if (invitation.accountExists) {
    if (!user) throw redirect(`/staff/sign-in?redirectTo=${encodeURIComponent(`/invitations/${token}`)}`);
    const result = await acceptInvitation(context.db, token, { accountId: user.id });
    if (!result.ok)
      return fail(result.reason === 'wrong_account' ? 'invitationWrongAccount' : 'invitationInvalid');
    // A privilege change: a new session id; an owner without two-factor sets it up first.
    const twoFactor = await twoFactorState(context.db, user.id);
    const stage = twoFactor.required && !twoFactor.enabled ? 'enrol' : 'full';
    const { setCookie } = await rotateSession(context.db, context.config, {
      sessionId: user.sessionId,
      accountId: user.id,
      stage,
    });
    return redirect(stage === 'enrol' ? '/staff/security' : '/staff', {
      headers: { 'Set-Cookie': setCookie },
    });
  }
  const parsed = acceptInvitationSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return fail('fieldDisplayName');
  const problem = passwordProblem(parsed.data.password ?? '');
  if (problem) return fail(problem);
  const result = await acceptInvitation(context.db, token, {
    password: parsed.data.password!,
    displayName: parsed.data.displayName,
    locale: localeFromRequest(request),
  });
  if (!result.ok) return fail('invitationInvalid');
  const twoFactor = await twoFactorState(context.db, result.accountId);
  const stage = twoFactor.required ? 'enrol' : 'full';
  const { setCookie } = await createSession(context.db, context.config, result.accountId, stage);
  return redirect(stage === 'enrol' ? '/staff/security' : '/staff', { headers: { 'Set-Cookie': setCookie } });
}

export default function Invitation() {
  const { invitation, signedInAs } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { token } = useParams();
  const { locale } = useRootData();
  const localize = useLocalizeHref();
  const t = translator(staffMessages, locale);
  if (!invitation) {
    return (
      <div className="staff-form">
        <h1>{t('invitationTitle')}</h1>
        <p role="alert">{t('invitationInvalid')}</p>
      </div>
    );
  }
  const error = result?.error ? t(result.error) : undefined;
  const passwordError = result?.error?.startsWith('password') ? error : undefined;
  return (
    <div className="staff-form">
      <h1>{t('invitationTitle')}</h1>
      <p>
        {t('invitationIntro', {
          organization: invitation.organizationName,
          role: t(ROLE_KEY[invitation.role]),
          email: invitation.email,
        })}
      </p>
      <FormErrorSummary title={t('errorList')} messages={error ? [error] : []} />
      {!invitation.accountExists ? (
        <Form method="post" noValidate>
          <FormField name="displayName" label={t('contactName')} autoComplete="name" />
          <FormField
            name="password"
            type="password"
            label={t('newPassword')}
            hint={t('passwordHint')}
            autoComplete="new-password"
            error={passwordError}
            required
          />
          <button type="submit" className="button button-primary">
            {t('invitationCreate')}
          </button>
        </Form>
      ) : signedInAs === invitation.email ? (
        <Form method="post">
          <button type="submit" className="button button-primary">
            {t('invitationJoin', { organization: invitation.organizationName })}
          </button>
        </Form>
      ) : signedInAs ? (
        <p>{t('invitationOtherAccount', { email: invitation.email, current: signedInAs })}</p>
      ) : (
        <p>
          <Link
            className="button button-primary"
            to={localize(`/staff/sign-in?redirectTo=${encodeURIComponent(`/invitations/${token ?? ''}`)}`)}
          >
            {t('invitationSignIn')}
          </Link>
        </p>
      )}
    </div>
  );
}

export const meta = titleMeta(staffMessages, 'invitationTitle');

export function ErrorBoundary() {
  return <ErrorPage />;
}
