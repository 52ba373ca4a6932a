/** Organisation-wide roles. People without one take part only through roles they hold in a cohort. */
export const ORG_ROLES = ['administrator', 'coordinator', 'partner'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

/** Roles held per cohort (cohorts arrive with a later feature; the policy shape is ready for them). */
export const COHORT_ROLES = ['facilitator', 'participant', 'assessor', 'verifier'] as const;
export type CohortRole = (typeof COHORT_ROLES)[number];

export interface CohortRoleGrant {
  cohortId: string;
  role: CohortRole;
}

/** The person acting: who they are and every role they hold. */
export interface Actor {
  id: string;
  name: string;
  email: string;
  role: OrgRole | null;
  cohortRoles: readonly CohortRoleGrant[];
  /**
   * A named safeguarding lead, as known when the request began: enough for the navigation. Reading and
   * handling concerns asks the database again, so a lead removed a moment ago is refused at once.
   */
  safeguardingLead?: boolean;
}

export const isOrgRole = (value: unknown): value is OrgRole => ORG_ROLES.includes(value as OrgRole);

export const hasOrgRole = (actor: Actor | null, ...roles: OrgRole[]): actor is Actor => actor !== null && actor.role !== null && roles.includes(actor.role);

export const hasCohortRole = (actor: Actor | null, cohortId: string, ...roles: CohortRole[]): actor is Actor =>
  actor !== null && actor.cohortRoles.some((g) => g.cohortId === cohortId && roles.includes(g.role));

export const roleLabel = (role: OrgRole | null): string => (role === null ? 'No organisation role' : role.charAt(0).toUpperCase() + role.slice(1));
