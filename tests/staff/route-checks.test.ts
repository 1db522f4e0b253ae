/**
 * Every staff route checks who is asking (issue 11): each route module under app/routes whose
 * URL is on the staff side must call one of the permission functions in every loader and
 * action it exports — except the few public doors listed here, each with its reason. Then the
 * same routes are requested without a session: none answers 200 or changes anything.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startTestApp } from '../helpers/app';
import { describeEachEngine } from '../helpers/db';
import { postForm } from '../helpers/staff';
import { isStaffRoute, PUBLIC_STAFF_ROUTES, ROUTES_DIR, routeFiles, urlOf } from '../helpers/staff-routes';

const CHECKS = /\b(requireUser|requireAdmin|requireMembership)\(/;

/** The bodies of the exported loader and action functions of a route module. */
function handlers(source: string): Array<{ name: string; body: string }> {
  const found: Array<{ name: string; body: string }> = [];
  const pattern = /export\s+(?:async\s+)?function\s+(loader|action)\s*\(/g;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    const open = source.indexOf('{', source.indexOf(')', match.index));
    let depth = 0;
    let end = open;
    for (; end < source.length; end += 1) {
      if (source[end] === '{') depth += 1;
      if (source[end] === '}' && (depth -= 1) === 0) break;
    }
    found.push({ name: match[1]!, body: source.slice(open, end + 1) });
  }
  if (/export\s+(const|let)\s+(loader|action)\b/.test(source))
    found.push({ name: 'loader/action as a const (write it as a function)', body: '' });
  return found;
}

describe('every staff route module checks permissions', () => {
  const files = routeFiles().filter(isStaffRoute);

  it('finds the staff routes (the enumeration itself works)', () => {
    expect(files).toContain('staff._index.tsx');
    expect(files).toContain('staff.sign-in.tsx');
  });

  it('calls requireUser/requireAdmin/requireMembership in each loader and action', () => {
    const missing: string[] = [];
    for (const file of files) {
      if (PUBLIC_STAFF_ROUTES[file]) continue;
      const source = readFileSync(new URL(file, ROUTES_DIR), 'utf8');
      for (const handler of handlers(source))
        if (!CHECKS.test(handler.body)) missing.push(`${file}: ${handler.name} has no permission check`);
    }
    expect(missing).toEqual([]);
  });

  it('a module that forgets the check would be caught', () => {
    const forgetful = `export async function loader({ context }) { return context.db.selectFrom('account'); }`;
    expect(handlers(forgetful).every((handler) => CHECKS.test(handler.body))).toBe(false);
  });
});

describeEachEngine('staff routes without a session', (t) => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp(t.db);
  });
  afterAll(() => app.stop());

  it('send GET and POST to sign-in (or refuse them), never a page or a change', async () => {
    const files = routeFiles().filter((file) => isStaffRoute(file) && !PUBLIC_STAFF_ROUTES[file]);
    const before = await t.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    for (const file of files) {
      const url = `${app.baseUrl}${urlOf(file)}`;
      const get = await fetch(url, { redirect: 'manual' });
      expect([302, 403, 404, 405], `GET ${urlOf(file)}`).toContain(get.status);
      if (get.status === 302) expect(get.headers.get('location')).toMatch(/^\/staff\/sign-in/);
      const post = await postForm(url, { intent: 'anything' });
      expect([302, 403, 404, 405], `POST ${urlOf(file)}`).toContain(post.status);
    }
    const after = await t.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
