/**
 * /staff/forgot-password — ask for a reset link; the same answer whether or not the email has
 * an account. At most 5 requests per email and 20 per address in 15 minutes (429 after).
 */
import { type ActionFunctionArgs, data } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { requestPasswordReset } from '~/accounts/password-reset.server';
import { emailSchema } from '~/accounts/schema';
import { serverSecret } from '~/accounts/session.server';
import { allowResetRequest, resetThrottleKeys } from '~/accounts/throttle.server';
import { ErrorPage } from '~/components/error-page';
import { FormErrorSummary, FormField } from '~/components/form-field';
import { titleMeta } from '~/components/meta';
import { useRootData } from '~/components/root-data';
import { staffMessages } from '~/i18n/messages/staff';
import { translator } from '~/i18n/i18n';
import { linkBase, requireMail } from '~/mail/sender.server';

type ForgotError = 'fieldEmail' | 'resetThrottled';

export async function action({ request, context }: ActionFunctionArgs) {
  requireMail(context.config);
  const email = emailSchema.safeParse((await request.formData()).get('email'));
  if (!email.success) return data({ sent: false, error: 'fieldEmail' as ForgotError }, 400);
  // Counted per email (with or without an account) and per address; over the limit, no mail.
  const keys = resetThrottleKeys(email.data, context.clientAddress, serverSecret(context.config));
  if (!(await allowResetRequest(context.db, keys)))
    return data({ sent: false, error: 'resetThrottled' as ForgotError }, 429);
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
              error={result?.error === 'fieldEmail' ? t(result.error) : undefined}
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
