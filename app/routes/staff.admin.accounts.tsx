/**
 * /staff/admin/accounts (admins only): list and search accounts; disable and enable them,
 * give or take the admin flag, change or remove organization roles, and end their sessions.
 * Every change is an audit event; the last active admin cannot be disabled or demoted, nor an
 * organization's last owner removed. Forms post back here and work without JavaScript.
 */
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { applyAdminAction, searchAccounts } from '~/accounts/admin-accounts.server';
import { requireAdmin } from '~/accounts/permissions.server';
import { adminAccountActionSchema, MEMBER_ROLES } from '~/accounts/schema';
import { ErrorPage } from '~/components/error-page';
import { titleMeta } from '~/components/meta';
import { useRootData } from '~/components/root-data';
import { StaffNav } from '~/components/staff-nav';
import { ROLE_KEY, staffMessages } from '~/i18n/messages/staff';
import { translator } from '~/i18n/i18n';

const querySchema = z.object({ q: z.string().max(200).default('') });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireAdmin(request, context);
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw data('The search is too long (q: at most 200 characters).', { status: 400 });
  return {
    email: user.email,
    selfId: user.id,
    q: query.data.q,
    ...(await searchAccounts(context.db, query.data.q)),
  };
}

const RESULT_KEY = {
  disable: 'accountDisabled',
  enable: 'accountEnabled',
  sign_out: 'accountSignedOut',
  admin: 'accountAdminChanged',
  membership: 'accountRoleChanged',
} as const;
const FAILURE_KEY = { not_found: 'accountGone', last_admin: 'lastAdmin', last_owner: 'lastOwner' } as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(request, context);
  const parsed = adminAccountActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'intent');
    throw data(`Bad account change (field: ${field}).`, { status: 400 });
  }
  const result = await applyAdminAction(context.db, parsed.data, admin.id);
  if (!result.ok) return data({ ok: false as const, message: FAILURE_KEY[result.reason] }, 409);
  return { ok: true as const, message: RESULT_KEY[parsed.data.intent] };
}

export default function AdminAccounts() {
  const { email, selfId, q, accounts, more } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { locale } = useRootData();
  const t = translator(staffMessages, locale);
  return (
    <div>
      <h1>{t('accountsTitle')}</h1>
      <StaffNav email={email} isAdmin />
      {result ? (
        <p role={result.ok ? 'status' : 'alert'} className={result.ok ? undefined : 'form-error'}>
          {t(result.message)}
        </p>
      ) : null}
      <Form method="get" role="search" className="search-box">
        <label htmlFor="accounts-q">{t('accountsSearch')}</label>
        <input id="accounts-q" name="q" type="search" defaultValue={q} maxLength={200} />
        <button type="submit" className="button">
          {t('accountsSearchSubmit')}
        </button>
      </Form>
      {accounts.length === 0 ? <p>{t('accountsNone')}</p> : null}
      <ul className="results-list">
        {accounts.map((account) => (
          <li key={account.id}>
            <article aria-labelledby={`account-${account.id}`}>
              <h2 id={`account-${account.id}`}>{account.email}</h2>
              <p className="muted">
                {[
                  account.displayName,
                  account.isAdmin ? t('roleAdmin') : null,
                  account.status === 'active' ? t('accountActive') : t('accountDisabledStatus'),
                  account.twoFactor ? t('twoFactorOnShort') : t('twoFactorOffShort'),
                  t('accountSessions', { count: account.activeSessions }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              {account.memberships.length > 0 ? (
                <ul className="account-memberships">
                  {account.memberships.map((membership) => (
                    <li key={membership.organizationId}>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="membership" />
                        <input type="hidden" name="accountId" value={account.id} />
                        <input type="hidden" name="organizationId" value={membership.organizationId} />
                        <label htmlFor={`role-${account.id}-${membership.organizationId}`}>
                          {t('roleIn', { organization: membership.organizationName })}
                        </label>{' '}
                        <select
                          id={`role-${account.id}-${membership.organizationId}`}
                          name="role"
                          defaultValue={membership.role}
                        >
                          {MEMBER_ROLES.map((role) => (
                            <option key={role} value={role}>
                              {t(ROLE_KEY[role])}
                            </option>
                          ))}
                          <option value="none">{t('roleNone')}</option>
                        </select>{' '}
                        <button type="submit" className="button">
                          {t('saveRole')}
                        </button>
                      </Form>
                    </li>
                  ))}
                </ul>
              ) : null}
              <div className="actions">
                <Form method="post" className="inline-form">
                  <input type="hidden" name="accountId" value={account.id} />
                  <input
                    type="hidden"
                    name="intent"
                    value={account.status === 'active' ? 'disable' : 'enable'}
                  />
                  <button type="submit" className="button">
                    {account.status === 'active' ? t('disableAccount') : t('enableAccount')}
                  </button>
                </Form>{' '}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="accountId" value={account.id} />
                  <input type="hidden" name="intent" value="admin" />
                  <input type="hidden" name="value" value={account.isAdmin ? 'off' : 'on'} />
                  <button type="submit" className="button">
                    {account.isAdmin ? t('removeAdmin') : t('makeAdmin')}
                  </button>
                </Form>{' '}
                {account.id !== selfId && account.activeSessions > 0 ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="accountId" value={account.id} />
                    <input type="hidden" name="intent" value="sign_out" />
                    <button type="submit" className="button">
                      {t('forceSignOut')}
                    </button>
                  </Form>
                ) : null}
              </div>
            </article>
          </li>
        ))}
      </ul>
      {more ? <p className="muted">{t('accountsMore')}</p> : null}
    </div>
  );
}

export const meta = titleMeta(staffMessages, 'accountsTitle');

export function ErrorBoundary() {
  return <ErrorPage />;
}
