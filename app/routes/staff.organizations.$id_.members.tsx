/**
 * /staff/organizations/<id>/members — an organization's owners (and site admins) see its
 * members and pending invitations, invite a teammate by email with a role (owner, editor,
 * caseworker), withdraw an invitation, and remove a member — never the last owner. Editors
 * and caseworkers get 403; people of other organizations 404. (`$id_`: not nested in the
 * organization editor's layout, so this page does not depend on its Outlet.)
 */
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import {
  changeMembership,
  createInvitation,
  listMembers,
  listPendingInvitations,
  revokeInvitation,
} from '~/accounts/invitations.server';
import { organizationName } from '~/accounts/organizations.server';
import { requireMembership } from '~/accounts/permissions.server';
import { MEMBER_ROLES, membersActionSchema } from '~/accounts/schema';
import { ErrorPage } from '~/components/error-page';
import { FormErrorSummary, FormField } from '~/components/form-field';
import { titleMeta } from '~/components/meta';
import { useRootData } from '~/components/root-data';
import { StaffNav } from '~/components/staff-nav';
import { ROLE_KEY, staffMessages } from '~/i18n/messages/staff';
import { localeFromRequest, translator } from '~/i18n/i18n';
import { linkBase, requireMail } from '~/mail/sender.server';

const organizationId = (id: string | undefined) => {
  const parsed = z.string().uuid().safeParse(id);
  if (!parsed.success) throw data('Not found', { status: 404 });
  return parsed.data;
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = await requireMembership(request, context, params.id ?? '', ['owner']);
  const id = organizationId(params.id);
  const name = await organizationName(context.db, id);
  if (name === null) throw data('Not found', { status: 404 });
  return {
    email: user.email,
    isAdmin: user.isAdmin,
    selfId: user.id,
    organization: { id, name },
    members: await listMembers(context.db, id),
    invitations: await listPendingInvitations(context.db, id),
  };
}

type MembersMessage =
  | 'inviteSent'
  | 'inviteAlreadyMember'
  | 'invitationRevoked'
  | 'memberRemoved'
  | 'lastOwner'
  | 'memberGone'
  | 'fieldEmail'
  | 'fieldRole';

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = await requireMembership(request, context, params.id ?? '', ['owner']);
  const id = organizationId(params.id);
  const form = Object.fromEntries(await request.formData());
  const parsed = membersActionSchema.safeParse(form);
  const reply = (ok: boolean, message: MembersMessage, status = 200) =>
    data({ ok, message, email: typeof form.email === 'string' ? form.email : '' }, status);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? '');
    return reply(false, field === 'role' ? 'fieldRole' : 'fieldEmail', 400);
  }
  const input = parsed.data;
  if (input.intent === 'invite') {
    requireMail(context.config);
    const result = await createInvitation(
      context.db,
      { organizationId: id, email: input.email, role: input.role, invitedBy: user.id },
      {
        locale: localeFromRequest(request),
        siteName: context.config.SITE_NAME,
        baseUrl: linkBase(context.config, request),
      },
    );
    return result.ok ? reply(true, 'inviteSent') : reply(false, 'inviteAlreadyMember', 409);
  }
  if (input.intent === 'revoke') {
    const done = await revokeInvitation(context.db, {
      organizationId: id,
      invitationId: input.invitationId,
      actorId: user.id,
    });
    return done ? reply(true, 'invitationRevoked') : reply(false, 'memberGone', 404);
  }
  const result = await changeMembership(context.db, {
    organizationId: id,
    accountId: input.accountId,
    role: null,
    actorId: user.id,
  });
  if (result.ok) return reply(true, 'memberRemoved');
  return result.reason === 'last_owner' ? reply(false, 'lastOwner', 409) : reply(false, 'memberGone', 404);
}

export default function Members() {
  const { email, isAdmin, selfId, organization, members, invitations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { locale } = useRootData();
  const t = translator(staffMessages, locale);
  const formError =
    result && !result.ok && (result.message === 'fieldEmail' || result.message === 'fieldRole');
  const date = new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { dateStyle: 'medium' });
  return (
    <div>
      <h1>{t('membersTitle', { organization: organization.name })}</h1>
      <StaffNav email={email} isAdmin={isAdmin} />
      {result && !formError ? (
        <p role={result.ok ? 'status' : 'alert'} className={result.ok ? undefined : 'form-error'}>
          {t(result.message)}
        </p>
      ) : null}
      <section aria-labelledby="members-list">
        <h2 id="members-list">{t('membersList')}</h2>
        <ul className="results-list">
          {members.map((member) => (
            <li key={member.accountId}>
              <h3>{member.displayName ?? member.email}</h3>
              <p>
                {member.displayName ? `${member.email} · ` : ''}
                {t(ROLE_KEY[member.role])} ·{' '}
                {member.twoFactor ? t('twoFactorOnShort') : t('twoFactorOffShort')}
              </p>
              <Form method="post">
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="accountId" value={member.accountId} />
                <button type="submit" className="button">
                  {member.accountId === selfId ? t('leaveOrganization') : t('removeMember')}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="members-invite" className="staff-form">
        <h2 id="members-invite">{t('inviteTitle')}</h2>
        <p>{t('inviteIntro')}</p>
        <FormErrorSummary title={t('errorList')} messages={formError ? [t(result.message)] : []} />
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="invite" />
          <FormField
            name="email"
            type="email"
            label={t('inviteEmail')}
            autoComplete="off"
            defaultValue={formError ? result.email : undefined}
            error={formError && result.message === 'fieldEmail' ? t('fieldEmail') : undefined}
            required
          />
          <fieldset aria-describedby="invite-roles-hint">
            <legend>{t('role')}</legend>
            <p id="invite-roles-hint" className="muted">
              {t('inviteRolesHint')}
            </p>
            {MEMBER_ROLES.map((role) => (
              <label className="check" key={role}>
                <input type="radio" name="role" value={role} defaultChecked={role === 'editor'} />
                {t(ROLE_KEY[role])}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="button button-primary">
            {t('inviteSubmit')}
          </button>
        </Form>
      </section>
      <section aria-labelledby="members-pending">
        <h2 id="members-pending">{t('pendingInvitations')}</h2>
        {invitations.length === 0 ? (
          <p>{t('noPendingInvitations')}</p>
        ) : (
          <ul className="results-list">
            {invitations.map((invitation) => (
              <li key={invitation.id}>
                <p>
                  {invitation.email} · {t(ROLE_KEY[invitation.role])} ·{' '}
                  {t('invitationExpires', { date: date.format(new Date(invitation.expiresAt)) })}
                </p>
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="invitationId" value={invitation.id} />
                  <button type="submit" className="button">
                    {t('revokeInvitation')}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export const meta = titleMeta(staffMessages, 'membersPageTitle');

export function ErrorBoundary() {
  return <ErrorPage />;
}
