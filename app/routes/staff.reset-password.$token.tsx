/**
 * /staff/reset-password/<token> — choose a new password with the emailed single-use token
 * (30 minutes). Success ends every session of the account and leads to the sign-in page.
 */
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { passwordProblem } from '~/accounts/password.server';
import { resetPassword } from '~/accounts/password-reset.server';
import { tokenIsLive } from '~/accounts/tokens.server';
import { ErrorPage } from '~/components/error-page';
import { FormErrorSummary, FormField } from '~/components/form-field';
import { titleMeta } from '~/components/meta';
import { useRootData } from '~/components/root-data';
import { staffMessages } from '~/i18n/messages/staff';
import { translator } from '~/i18n/i18n';

export async function loader({ params, context }: LoaderFunctionArgs) {
  const live = await tokenIsLive(context.db, params.token ?? '', 'password_reset');
  return data({ live }, live ? 200 : 404);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const password = String((await request.formData()).get('password') ?? '');
  const problem = passwordProblem(password);
  if (problem) return data({ error: problem }, 400);
  const done = await resetPassword(context.db, params.token ?? '', password);
  if (!done) return data({ error: 'resetInvalid' as const }, 400);
  return redirect('/staff/sign-in?reset=1');
}

export default function ResetPassword() {
  const { live } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { locale } = useRootData();
  const t = translator(staffMessages, locale);
  return (
    <div className="staff-form">
      <h1>{t('resetTitle')}</h1>
      {!live ? (
        <p role="alert">{t('resetInvalid')}</p>
      ) : (
        <>
          <FormErrorSummary title={t('errorList')} messages={result?.error ? [t(result.error)] : []} />
          <Form method="post" noValidate>
            <FormField
              name="password"
              type="password"
              label={t('newPassword')}
              hint={t('passwordHint')}
              autoComplete="new-password"
              error={result?.error ? t(result.error) : undefined}
              required
            />
            <button type="submit" className="button button-primary">
              {t('resetSubmit')}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}

export const meta = titleMeta(staffMessages, 'resetTitle');

export function ErrorBoundary() {
  return <ErrorPage />;
}
