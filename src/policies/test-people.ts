import type { Actor, OrgRole } from './actor.ts';

/** Someone to test a rule against: an organisation role (or none) and the roles they hold in cohorts. */
export const person = (
  role: OrgRole | null,
  cohortRoles: Actor['cohortRoles'] = [],
  id = `id-${role ?? 'none'}-${cohortRoles.map((g) => `${g.role}-${g.cohortId}`).join('-')}`,
): Actor => ({
  id,
  name: id,
  email: `${id}@example.org`,
  role,
  cohortRoles,
});

/** The same, for rules that compare who someone is (owners, raisers): the id comes first. */
export const named = (id: string, role: OrgRole | null = null, cohortRoles: Actor['cohortRoles'] = []): Actor => person(role, cohortRoles, id);
