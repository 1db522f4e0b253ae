/**
 * /staff/reports — referral outcomes without people: counts by category, receiving
 * organization and status, and the time to accept, for a period; for the person's own
 * organizations, or (site admins, ?scope=all) the whole deployment. Cells from 1 to 4 are
 * suppressed. Reads metadata only, so it needs no encryption key. CSV: /staff/reports.csv.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { requireUser } from '~/accounts/permissions.server';
import { titleMeta } from '~/components/meta';
import { ReferralErrorBoundary, ReferralNav, useReferralText } from '~/components/referral-parts';
import { useLocalizeHref, useRootData } from '~/components/root-data';
import { StaffNav } from '~/components/staff-nav';
import { translator } from '~/i18n/i18n';
import { referralMessages } from '~/i18n/messages/referrals';
import { taxonomyMessages } from '~/i18n/messages/taxonomy';
import { reportScopeFrom } from '~/referrals/report-query.server';
import { type Cell, referralReport } from '~/referrals/reports.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { scope, scopeName } = reportScopeFrom(request, user);
  return {
    email: user.email,
    isAdmin: user.isAdmin,
    from: scope.from,
    to: scope.to,
    scope: scopeName,
    report: await referralReport(context.db, scope),
  };
}

function CountTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string;
  rows: Array<{ label: string; count: Cell }>;
}) {
  const t = useReferralText();
  return (
    <table className="report-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col">{t('count')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td>{row.count === null ? t('suppressed') : row.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function Reports() {
  const { email, isAdmin, from, to, scope, report } = useLoaderData<typeof loader>();
  const { locale } = useRootData();
  const localize = useLocalizeHref();
  const t = useReferralText();
  const tt = translator(taxonomyMessages, locale);
  const category = (slug: string) => (slug ? tt(`category.${slug}` as never) : t('noCategory'));
  const csv = `/staff/reports.csv?${new URLSearchParams({ from, to, scope }).toString()}`;
  return (
    <div>
      <h1>{t('reportsTitle')}</h1>
      <StaffNav email={email} isAdmin={isAdmin} />
      <ReferralNav />
      <p>{t('reportsIntro')}</p>
      <Form method="get" className="report-form">
        <div className="field">
          <label htmlFor="report-from">{t('from')}</label>
          <input id="report-from" type="date" name="from" defaultValue={from} />
        </div>
        <div className="field">
          <label htmlFor="report-to">{t('to')}</label>
          <input id="report-to" type="date" name="to" defaultValue={to} />
        </div>
        {isAdmin ? (
          <div className="field">
            <label htmlFor="report-scope">{t('scope')}</label>
            <select id="report-scope" name="scope" defaultValue={scope}>
              <option value="agency">{t('scopeAgency')}</option>
              <option value="all">{t('scopeAll')}</option>
            </select>
          </div>
        ) : null}
        <button type="submit" className="button">
          {t('show')}
        </button>
      </Form>
      <p>
        <Link to={localize(csv)} reloadDocument>
          {t('downloadCsv')}
        </Link>
      </p>
      <p>
        <strong>{t('total')}:</strong> {report.total === null ? t('suppressed') : report.total}
      </p>
      <CountTable
        caption={t('byCategory')}
        head={t('category')}
        rows={report.byCategory.map((row) => ({ label: category(row.key), count: row.count }))}
      />
      <CountTable
        caption={t('byOrganization')}
        head={t('organization')}
        rows={report.byOrganization.map((row) => ({ label: row.key, count: row.count }))}
      />
      <CountTable
        caption={t('byStatus')}
        head={t('colStatus')}
        rows={report.byStatus.map((row) => ({ label: t(`status_${row.key}`), count: row.count }))}
      />
      <h2>{t('timeToAccept')}</h2>
      <dl className="referral-facts">
        <dt>{t('acceptedCount')}</dt>
        <dd>{report.accepted === null ? t('suppressed') : report.accepted}</dd>
        <dt>{t('medianHours')}</dt>
        <dd>{report.medianHoursToAccept === null ? t('suppressed') : report.medianHoursToAccept}</dd>
      </dl>
    </div>
  );
}

export const meta = titleMeta(referralMessages, 'reportsTitle');

export const ErrorBoundary = ReferralErrorBoundary;
