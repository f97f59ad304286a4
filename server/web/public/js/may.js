/**
 * What the signed-in user may do, as the server says: the session (GET /api/auth/me, login) carries
 * `may`, every action of the policy table (server/policies/policy.ts) with this user's scope for it
 * (own_school, own_district, any) or null. Pages ask here instead of comparing role names.
 */
let permissions = {};

/** Called when a session starts or ends (null). */
export function setPermissions(may) {
  permissions = may ?? {};
}

/** Whether the user may perform `action`; with `scopes`, only when their scope is one of them. */
export function may(action, ...scopes) {
  const scope = permissions[action];
  return Boolean(scope) && (scopes.length === 0 || scopes.includes(scope));
}

/** The user's scope is their own school. */
export const SCHOOL = 'own_school';
/** The user sees more than one school: their district, or every district. */
export const ACROSS_SCHOOLS = ['own_district', 'any'];
/** The user works in one district (bureau, market supervision). */
export const DISTRICT = 'own_district';
/** The user sees every district, so district-level pages ask which one. */
export const EVERY_DISTRICT = 'any';
