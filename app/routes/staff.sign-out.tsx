/** POST /staff/sign-out: deletes the session row and the cookie. GET only points at the form. */
import { type ActionFunctionArgs, redirect } from '@remix-run/node';
import { recordAudit } from '~/accounts/audit.server';
import { getStaffUser } from '~/accounts/permissions.server';
import { clearSessionCookie, deleteSession } from '~/accounts/session.server';

export async function loader() {
  return redirect('/staff');
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getStaffUser(request, context, { stages: ['full', 'second_factor', 'enrol'] });
  if (user) {
    await deleteSession(context.db, user.sessionId);
    await recordAudit(context.db, {
      actorId: user.id,
      action: 'auth.sign_out',
      entityType: 'account',
      entityId: user.id,
    });
  }
  return redirect('/staff/sign-in', { headers: { 'Set-Cookie': await clearSessionCookie(context.config) } });
}
