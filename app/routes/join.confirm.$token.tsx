/**
 * /join/confirm/<token> — the emailed confirmation link. GET only shows a button (mail
 * scanners that open links must not use the single-use token); the POST confirms.
 */
import { type ActionFunctionArgs, data } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { confirmEmail } from '~/accounts/join.server';
import { ErrorPage } from '~/components/error-page';
import { titleMeta } from '~/components/meta';
import { useRootData } from '~/components/root-data';
import { staffMessages } from '~/i18n/messages/staff';
import { translator } from '~/i18n/i18n';

export async function action({ params, context }: ActionFunctionArgs) {
  const confirmed = await confirmEmail(context.db, params.token ?? '');
  return data({ confirmed }, confirmed ? 200 : 400);
}

export default function ConfirmEmail() {
  const result = useActionData<typeof action>();
  const { locale } = useRootData();
  const t = translator(staffMessages, locale);
  return (
    <div className="staff-form">
      <h1>{t('confirmTitle')}</h1>
      {result ? (
        <p role="status">{result.confirmed ? t('confirmedText') : t('confirmInvalid')}</p>
      ) : (
        <Form method="post">
          <p>{t('confirmText')}</p>
          <button type="submit" className="button button-primary">
            {t('confirmSubmit')}
          </button>
        </Form>
      )}
    </div>
  );
}

export const meta = titleMeta(staffMessages, 'confirmTitle');

export function ErrorBoundary() {
  return <ErrorPage />;
}
