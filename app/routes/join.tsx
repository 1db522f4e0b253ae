/**
 * /join — "List your organization": an organization (or a referring agency) asks to be listed
 * and its contact becomes the owner account. Nothing is public until an admin verifies it; the
 * email confirmation link goes out through the mail outbox. Works without JavaScript.
 */
import { type ActionFunctionArgs, data, redirect } from '@remix-run/node';
import { Form, useActionData, useSearchParams } from '@remix-run/react';
import { createJoinRequest } from '~/accounts/join.server';
import { passwordProblem } from '~/accounts/password.server';
import { fieldErrors, JOIN_FIELD_MESSAGES, joinFieldsSchema } from '~/accounts/schema';
import { ErrorPage } from '~/components/error-page';
import { FormErrorSummary, FormField } from '~/components/form-field';
import { titleMeta } from '~/components/meta';
import { useRootData } from '~/components/root-data';
import { staffMessages } from '~/i18n/messages/staff';
import { taxonomyMessages } from '~/i18n/messages/taxonomy';
import { TOP_CATEGORY_SLUGS } from '~/search/taxonomy';
import { localeFromRequest, translator } from '~/i18n/i18n';
import { linkBase, requireMail } from '~/mail/sender.server';

type MessageKey = keyof typeof staffMessages.en;

export async function action({ request, context }: ActionFunctionArgs) {
  requireMail(context.config);
  const form = await request.formData();
  const raw: Record<string, unknown> = { ...Object.fromEntries(form), categories: form.getAll('categories') };
  const parsed = joinFieldsSchema.safeParse(raw);
  const errors: Partial<Record<string, MessageKey>> = parsed.success
    ? {}
    : fieldErrors(parsed.error, JOIN_FIELD_MESSAGES);
  const weak = passwordProblem(String(form.get('password') ?? ''));
  if (weak) errors.password = weak;
  if (!parsed.success || weak) {
    const { password: _never, ...values } = raw;
    return data({ errors, values: values as Record<string, string | string[]> }, 400);
  }
  const url = new URL(request.url);
  await createJoinRequest(context.db, parsed.data, {
    locale: localeFromRequest(request),
    siteName: context.config.SITE_NAME,
    baseUrl: linkBase(context.config, request),
  });
  const hl = url.searchParams.get('hl');
  return redirect(`/join?sent=1${hl ? `&hl=${encodeURIComponent(hl)}` : ''}`);
}

export default function Join() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { locale, config } = useRootData();
  const t = translator(staffMessages, locale);
  const tt = translator(taxonomyMessages, locale);
  if (params.get('sent') === '1') {
    return (
      <div className="staff-form">
        <h1>{t('joinSentTitle')}</h1>
        <p role="status">{t('joinSentText')}</p>
      </div>
    );
  }
  const errors = actionData?.errors ?? {};
  const values = actionData?.values ?? {};
  const value = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const chosen = new Set(Array.isArray(values.categories) ? values.categories : []);
  const error = (name: string) => (errors[name] ? t(errors[name]!) : undefined);
  return (
    <div className="staff-form">
      <h1>{t('joinTitle')}</h1>
      <p>{t('joinIntro', { siteName: config.siteName })}</p>
      <FormErrorSummary title={t('errorList')} messages={Object.values(errors).map((key) => t(key!))} />
      <Form method="post" noValidate>
        <FormField
          name="organizationName"
          label={t('organizationName')}
          autoComplete="organization"
          defaultValue={value('organizationName')}
          error={error('organizationName')}
          required
        />
        <FormField
          name="website"
          type="url"
          label={t('website')}
          defaultValue={value('website')}
          error={error('website')}
        />
        <FormField name="ein" label={t('ein')} defaultValue={value('ein')} error={error('ein')} />
        <FormField
          name="contactName"
          label={t('contactName')}
          autoComplete="name"
          defaultValue={value('contactName')}
          error={error('contactName')}
          required
        />
        <FormField
          name="email"
          type="email"
          label={t('email')}
          autoComplete="email"
          defaultValue={value('email')}
          error={error('email')}
          required
        />
        <FormField
          name="phone"
          type="tel"
          label={t('phone')}
          autoComplete="tel"
          defaultValue={value('phone')}
          error={error('phone')}
          required
        />
        <fieldset className="field" aria-describedby="categories-hint">
          <legend>{t('categories')}</legend>
          <p id="categories-hint" className="muted">
            {t('categoriesHint')}
          </p>
          {TOP_CATEGORY_SLUGS.map((slug) => (
            <label key={slug} className="check">
              <input type="checkbox" name="categories" value={slug} defaultChecked={chosen.has(slug)} />
              {tt(`category.${slug}`)}
            </label>
          ))}
        </fieldset>
        <FormField
          name="serviceArea"
          label={t('serviceArea')}
          defaultValue={value('serviceArea')}
          error={error('serviceArea')}
          required
        />
        <div className="field">
          <label htmlFor="field-statement">{t('statement')}</label>
          <textarea
            id="field-statement"
            name="statement"
            rows={5}
            maxLength={2000}
            defaultValue={value('statement')}
            aria-invalid={errors.statement ? true : undefined}
            aria-describedby={errors.statement ? 'field-statement-error' : undefined}
            required
          />
          {errors.statement ? (
            <p id="field-statement-error" className="field-error">
              {t(errors.statement)}
            </p>
          ) : null}
        </div>
        <FormField
          name="password"
          type="password"
          label={t('newPassword')}
          hint={t('passwordHint')}
          autoComplete="new-password"
          error={error('password')}
          required
        />
        <button type="submit" className="button button-primary">
          {t('joinSubmit')}
        </button>
      </Form>
    </div>
  );
}

export const meta = titleMeta(staffMessages, 'joinTitle');

export function ErrorBoundary() {
  return <ErrorPage />;
}
