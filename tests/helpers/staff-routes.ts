/**
 * The staff route modules, found by listing app/routes (so a route another issue adds is
 * covered by the permission tests without anyone remembering to list it), and the public
 * doors among them, each with its reason.
 */
import { readdirSync } from 'node:fs';

export const ROUTES_DIR = new URL('../../app/routes/', import.meta.url);

/** Public doors of the staff side: reachable signed out by design. */
export const PUBLIC_STAFF_ROUTES: Record<string, string> = {
  'staff.sign-in.tsx': 'the sign-in form itself',
  'staff.sign-out.tsx': 'ending a session needs none (it deletes the caller’s own, if any)',
  'join.tsx': 'organization sign-up is for people without an account',
  'join.confirm.$token.tsx': 'the emailed confirmation link proves the address by its token',
  'staff.forgot-password.tsx': 'asking for a reset link is for people who cannot sign in',
  'staff.reset-password.$token.tsx': 'the emailed single-use token is the credential',
  'invitations.$token.tsx': 'the emailed single-use token is the credential',
};

export function routeFiles(): string[] {
  return readdirSync(ROUTES_DIR).filter((file) => /\.(tsx?|jsx?)$/.test(file) && !file.includes('.test.'));
}

export const isStaffRoute = (file: string) => /^(staff|join|invitations)[.[_]/.test(file);

/** A route file's URL segments (Remix flat routes: `.` separates, `[.csv]` escapes a dot). */
function segmentsOf(file: string): string[] {
  return file
    .replace(/\.(tsx?|jsx?)$/, '')
    .split(/\.(?![^[]*\])/)
    .map((segment) => segment.replace(/[[\]]/g, ''));
}

/** The URL of a route file, each `$param` segment given by `value(name)`. */
export function urlOf(
  file: string,
  value: (param: string) => string = () => '00000000-0000-4000-8000-000000000000',
): string {
  const segments = segmentsOf(file)
    .filter((segment) => segment !== '_index')
    .map((segment) => segment.replace(/_$/, ''))
    .map((segment) => (segment.startsWith('$') ? value(segment.slice(1)) : segment));
  return `/${segments.join('/')}`;
}

/** The parameter names of a route file (`$id`, `$serviceId` …). */
export function paramsOf(file: string): string[] {
  return segmentsOf(file)
    .filter((segment) => segment.startsWith('$'))
    .map((segment) => segment.slice(1).replace(/_$/, ''));
}
