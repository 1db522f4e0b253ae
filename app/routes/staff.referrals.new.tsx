/**
 * /staff/referrals/new?service=<id> — a caseworker (or an agency owner) sends a referral with
 * the client's consent. Client fields are encrypted before they are stored; the receiving
 * organization is told by email, which carries only a link. Client fields travel only in the
 * POST body: never in the URL, the title or an error message.
 */
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { requireUser, type StaffUser } from '~/accounts/permissions.server';
import { FormErrorSummary, FormField } from '~/components/form-field';
import { titleMeta } from '~/components/meta';
import { ReferralErrorBoundary, ReferralNav, useReferralText } from '~/components/referral-parts';
import { useLocalizeHref, useRootData } from '~/components/root-data';
import { StaffNav } from '~/components/staff-nav';
import { localeFromRequest } from '~/i18n/i18n';
import { referralMessages } from '~/i18n/messages/referrals';
import { linkBase, requireMail } from '~/mail/sender.server';
import { requireKeyring } from '~/referrals/crypto.server';
import {
  findReferrableService,
  ReferralRefused,
  sendingMemberships,
  sendReferral,
} from '~/referrals/referrals.server';
import { CLIENT_LANGUAGES, REFERRAL_TEXT_MAX, sendReferralSchema } from '~/referrals/schema';

const serviceParam = z.object({ service: z.string().uuid() });

async function loadService(request: Request, db: Parameters<typeof findReferrableService>[0]) {
  const query = serviceParam.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw data('service: must be the id of a service', { status: 400 });
  const service = await findReferrableService(db, query.data.service);
  if (!service) throw data('Not found', { status: 404 });
  return service;
}

function languageNames(locale: 'en' | 'es') {
  const names = new Intl.DisplayNames([locale], { type: 'language' });
  return CLIENT_LANGUAGES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) =>
    a.name.localeCompare(b.name, locale),
  );
}

function senderOptions(user: StaffUser) {
  return sendingMemberships(user).map((item) => ({ id: item.organizationId, name: item.organizationName }));
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  requireKeyring(context.config);
  const service = await loadService(request, context.db);
  return {
    email: user.email,
    isAdmin: user.isAdmin,
    service,
    senders: senderOptions(user),
    languages: languageNames(localeFromRequest(request)),
  };
}

type FieldErrors = Partial<Record<string, string>>;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const keyring = requireKeyring(context.config);
  requireMail(context.config);
  const service = await loadService(request, context.db);
  const senders = senderOptions(user);
  if (senders.length === 0) throw data('Forbidden', { status: 403 });
  const form = Object.fromEntries(await request.formData());
  const values = {
    client_reference: String(form.client_reference ?? ''),
    client_contact: String(form.client_contact ?? ''),
    client_language: String(form.client_language ?? ''),
    notes: String(form.notes ?? ''),
    from_organization: String(form.from_organization ?? ''),
  };
  const parsed = sendReferralSchema.safeParse({
    ...form,
    service: service.id,
    from_organization: form.from_organization || (senders.length === 1 ? senders[0]!.id : undefined),
  });
  const errors: FieldErrors = {};
  if (!parsed.success)
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  const from = parsed.success ? senders.find((item) => item.id === parsed.data.from_organization) : undefined;
  if (parsed.success && !from) errors.from_organization = 'fromOrganizationMissing';
  if (!parsed.success || !from) return data({ errors, values, refused: null }, 400);
  try {
    const id = await sendReferral(
      context.db,
      keyring,
      {
        service,
        senderAccountId: user.id,
        senderOrganizationId: from.id,
        clientLanguage: parsed.data.client_language,
        client: {
          reference: parsed.data.client_reference,
          contact: parsed.data.client_contact,
          notes: parsed.data.notes,
        },
      },
      { siteName: context.config.SITE_NAME, baseUrl: linkBase(context.config, request) },
    );
    const hl = new URL(request.url).searchParams.get('hl');
    return redirect(`/staff/referrals/${id}?sent=1${hl ? `&hl=${hl === 'es' ? 'es' : 'en'}` : ''}`);
  } catch (error) {
    if (error instanceof ReferralRefused) return data({ errors, values, refused: error.reason }, 409);
    throw error;
  }
}

const FIELD_ORDER = [
  'from_organization',
  'client_reference',
  'client_contact',
  'client_language',
  'notes',
  'consent',
];

export default function NewReferral() {
  const { email, isAdmin, service, senders, languages } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { config } = useRootData();
  const localize = useLocalizeHref();
  const t = useReferralText();
  const errors: FieldErrors = result?.errors ?? {};
  const values = result?.values;
  const message = (key: string | undefined) => (key ? t(key as Parameters<typeof t>[0]) : undefined);
  return (
    <div>
      <h1>{t('newTitle')}</h1>
      <StaffNav email={email} isAdmin={isAdmin} />
      <ReferralNav />
      {!service.acceptsReferrals || result?.refused === 'notAccepting' ? (
        <p role="alert">
          {t('notAccepting', { organization: service.organizationName, siteName: config.siteName })}
        </p>
      ) : senders.length === 0 ? (
        <p role="alert">{t('noSendingRole')}</p>
      ) : (
        <>
          <p>{t('newIntro', { service: service.name, organization: service.organizationName })}</p>
          <FormErrorSummary
            title={t('formErrors')}
            messages={FIELD_ORDER.filter((name) => errors[name]).map((name) => message(errors[name])!)}
          />
          <Form method="post" noValidate className="referral-form">
            {senders.length > 1 ? (
              <FormField
                as="select"
                name="from_organization"
                label={t('fromOrganization')}
                defaultValue={values?.from_organization}
                error={message(errors.from_organization)}
              >
                {senders.map((sender) => (
                  <option key={sender.id} value={sender.id}>
                    {sender.name}
                  </option>
                ))}
              </FormField>
            ) : null}
            <FormField
              name="client_reference"
              label={t('clientReference')}
              hint={t('clientReferenceHint')}
              required
              autoComplete="off"
              maxLength={REFERRAL_TEXT_MAX.client_reference}
              defaultValue={values?.client_reference}
              error={message(errors.client_reference)}
            />
            <FormField
              name="client_contact"
              label={t('clientContact')}
              hint={t('clientContactHint')}
              autoComplete="off"
              maxLength={REFERRAL_TEXT_MAX.client_contact}
              defaultValue={values?.client_contact}
              error={message(errors.client_contact)}
            />
            <FormField
              as="select"
              name="client_language"
              label={t('clientLanguage')}
              required
              defaultValue={values?.client_language ?? ''}
              error={message(errors.client_language)}
            >
              <option value="">{t('chooseLanguage')}</option>
              {languages.map((language) => (
                <option key={language.code} value={language.code}>
                  {language.name}
                </option>
              ))}
            </FormField>
            <FormField
              as="textarea"
              name="notes"
              label={t('notes')}
              hint={t('notesHint')}
              rows={4}
              maxLength={REFERRAL_TEXT_MAX.notes}
              autoComplete="off"
              defaultValue={values?.notes}
              error={message(errors.notes)}
            />
            <fieldset>
              <legend>{t('consentTitle')}</legend>
              <p id="consent-text">{t('consentText')}</p>
              <p>
                <Link to={localize('/privacy/referrals')}>{t('privacyLink')}</Link>
              </p>
              <label className="check" htmlFor="consent">
                <input
                  id="consent"
                  type="checkbox"
                  name="consent"
                  required
                  aria-invalid={errors.consent ? true : undefined}
                  aria-describedby={['consent-text', errors.consent ? 'consent-error' : null]
                    .filter(Boolean)
                    .join(' ')}
                />
                {t('consent')}
              </label>
              {errors.consent ? (
                <p id="consent-error" className="field-error">
                  {message(errors.consent)}
                </p>
              ) : null}
            </fieldset>
            <button type="submit" className="button button-primary">
              {t('send')}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}

export const meta = titleMeta(referralMessages, 'newTitle');

export const ErrorBoundary = ReferralErrorBoundary;
