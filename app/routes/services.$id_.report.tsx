/**
 * /services/:id/report — anyone tells us a public listing is wrong: the phone, closed, moved,
 * or something else, with a note. No account, no email, nothing about the reporter stored
 * (app/corrections/rate-limit.server.ts); a hidden honeypot field instead of a CAPTCHA service.
 * The answer is the same neutral confirmation whether the report was kept or quietly dropped.
 */
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { reportableService, submitCorrection } from '~/corrections/corrections.server';
import { allowReport } from '~/corrections/rate-limit.server';
import { CORRECTION_KINDS, NOTE_MAX, reportSchema } from '~/corrections/schema';
import { ErrorPage } from '~/components/error-page';
import { FormErrorSummary, FormField } from '~/components/form-field';
import { telHref } from '~/components/format';
import { titleMeta } from '~/components/meta';
import { useLocalizeHref, useRootData } from '~/components/root-data';
import { correctionMessages, KIND_KEY } from '~/i18n/messages/corrections';
import { listingMessages } from '~/i18n/messages/listing';
import { translator } from '~/i18n/i18n';

export async function loader({ params, context }: LoaderFunctionArgs) {
  const service = await reportableService(context.db, params.id ?? '');
  if (!service) throw data('Not found', { status: 404 });
  return { service };
}

type FieldErrors = Partial<Record<'kind' | 'note', 'kindRequired' | 'noteRequired' | 'noteTooLong'>>;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const service = await reportableService(context.db, params.id ?? '');
  if (!service) throw data('Not found', { status: 404 });
  const form = Object.fromEntries(await request.formData());
  const parsed = reportSchema.safeParse(form);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      if (issue.path[0] === 'kind') errors.kind = 'kindRequired';
      if (issue.path[0] === 'note')
        errors.note = issue.message === 'noteTooLong' ? 'noteTooLong' : 'noteRequired';
    }
    return data({ sent: false as const, errors, tooMany: false, values: form }, 400);
  }
  // A filled honeypot is a bot: it gets the same answer as a person, and nothing is kept.
  if (parsed.data.website !== '') return { sent: true as const };
  if (!allowReport(context.clientAddress, service.id))
    return data({ sent: false as const, errors: {} as FieldErrors, tooMany: true, values: form }, 429);
  // 'busy' (too many open reports of this listing today) also reads as received: it is being checked.
  await submitCorrection(context.db, {
    serviceId: service.id,
    kind: parsed.data.kind,
    note: parsed.data.note,
  });
  return { sent: true as const };
}

export default function ReportListing() {
  const { service } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { locale, config } = useRootData();
  const localize = useLocalizeHref();
  const t = translator(correctionMessages, locale);
  const tl = translator(listingMessages, locale);
  const back = (
    <ul className="link-list">
      <li>
        <Link to={localize(`/services/${service.id}`)}>{t('backToListing')}</Link>
      </li>
      <li>
        <a href={telHref(config.hotline.phone)}>{tl('call', { number: config.hotline.phone })}</a>
      </li>
    </ul>
  );
  if (result?.sent) {
    return (
      <article className="prose">
        <h1>{t('reportThanksTitle')}</h1>
        <p role="status">{t('reportThanks')}</p>
        <p>{t('reportMeanwhile')}</p>
        {back}
      </article>
    );
  }
  const errors: FieldErrors = result && !result.sent ? result.errors : {};
  const values = result && !result.sent ? (result.values as Record<string, string>) : {};
  const messages = [errors.kind, errors.note].filter((key) => key !== undefined).map((key) => t(key));
  return (
    <article className="staff-form">
      <h1>{t('reportTitle')}</h1>
      <p>{t('reportAbout', { service: service.name, organization: service.organizationName })}</p>
      <p>{t('reportIntro')}</p>
      {result && !result.sent && result.tooMany ? (
        <p role="alert" className="form-error">
          {t('reportTooMany')}
        </p>
      ) : null}
      <FormErrorSummary title={t('reportFormErrors')} messages={messages} />
      <Form method="post" noValidate>
        <fieldset
          aria-invalid={errors.kind ? true : undefined}
          aria-describedby={errors.kind ? 'field-kind-error' : undefined}
        >
          <legend>{t('kindLegend')}</legend>
          {CORRECTION_KINDS.map((kind) => (
            <label key={kind} className="check">
              <input type="radio" name="kind" value={kind} defaultChecked={values.kind === kind} required />
              {t(KIND_KEY[kind])}
            </label>
          ))}
          {errors.kind ? (
            <p id="field-kind-error" className="field-error">
              {t(errors.kind)}
            </p>
          ) : null}
        </fieldset>
        <FormField
          as="textarea"
          name="note"
          label={t('noteLabel')}
          hint={t('noteHint')}
          rows={4}
          maxLength={NOTE_MAX}
          defaultValue={values.note ?? ''}
          autoComplete="off"
          error={errors.note ? t(errors.note) : undefined}
        />
        {/* The honeypot: not displayed, so people never see or reach it; bots fill it in. */}
        <div hidden>
          <label htmlFor="field-website">{t('honeypotLabel')}</label>
          <input
            id="field-website"
            name="website"
            type="text"
            tabIndex={-1}
            autoComplete="off"
            defaultValue=""
          />
        </div>
        <button type="submit" className="button button-primary">
          {t('reportSubmit')}
        </button>
      </Form>
      {back}
    </article>
  );
}

export const meta = titleMeta(correctionMessages, 'reportTitle');

export function ErrorBoundary() {
  return <ErrorPage />;
}
