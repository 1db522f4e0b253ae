/** /staff/forgot-password — ask for a reset link; the same answer whether or not the email has an account. */
import { type ActionFunctionArgs, data } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { requestPasswordReset } from '~/accounts/password-reset.server';
import { emailSchema } from '~/accounts/schema';
import { ErrorPage } from '~/components/error-page';
import { FormErrorSummary, FormField } from '~/components/form-field';
import { titleMeta } from '~/components/meta';
import { useRootData } from '~/components/root-data';
import { staffMessages } from '~/i18n/messages/staff';
import { translator } from '~/i18n/i18n';
import { linkBase, requireMail } from '~/mail/sender.server';

export async function action({ request, context }: ActionFunctionArgs) {
  requireMail(context.config);
  const email = emailSchema.safeParse((await request.formData()).get('email'));
  if (!email.success) return data({ sent: false, error: 'fieldEmail' as const }, 400);
  await requestPasswordReset(context.db, email.data, {
    siteName: context.config.SITE_NAME,
    baseUrl: linkBase(context.config, request),
  });
  return { sent: true, error: null };
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const { locale } = useRootData();
  const t = translator(staffMessages, locale);
  return (
    <div className="staff-form">
      <h1>{t('forgotTitle')}</h1>
      {result?.sent ? (
        <p role="status">{t('forgotSent')}</p>
      ) : (
        <>
          <p>{t('forgotIntro')}</p>
          <FormErrorSummary title={t('errorList')} messages={result?.error ? [t(result.error)] : []} />
          <Form method="post" noValidate>
            <FormField
              name="email"
              type="email"
              label={t('email')}
              autoComplete="username"
              error={result?.error ? t(result.error) : undefined}
              required
            />
            <button type="submit" className="button button-primary">
              {t('forgotSubmit')}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}

export const meta = titleMeta(staffMessages, 'forgotTitle');

export function ErrorBoundary() {
  return <ErrorPage />;
}
