import { describe, expect, it } from 'vitest';
import { COHORT_ROLES, type Actor, type CohortRoleGrant, type OrgRole } from './actor.ts';
import { canGrantCohortRole, cohortRoleOpensData } from './cohorts.ts';
import { canNameSafeguardingLead } from './safeguarding.ts';

const person = (id: string, role: OrgRole | null, cohortRoles: CohortRoleGrant[] = []): Actor => ({
  id,
  name: id,
  email: `${id}@example.org`,
  role,
  cohortRoles,
});
const cora = person('cora', 'coordinator');
const cole = person('cole', 'coordinator');
const ada = person('ada', 'administrator');
const abe = person('abe', 'administrator');
const partner = person('pia', 'partner');
const fran = person('fran', null, [{ cohortId: 'a', role: 'facilitator' }]);

describe('granting cohort roles, from both sides', () => {
  it('knows which roles open the participants’ data', () => {
    expect(COHORT_ROLES.filter(cohortRoleOpensData)).toEqual(['facilitator', 'assessor', 'verifier']);
  });

  it('refuses a manager giving themselves a role that opens the participants’ data', () => {
    for (const role of ['facilitator', 'assessor', 'verifier'] as const) {
      expect(canGrantCohortRole(cora, { cohortId: 'a', granteeId: cora.id, role, existingAccount: true })).toBe(false);
      expect(canGrantCohortRole(ada, { cohortId: 'a', granteeId: ada.id, role, existingAccount: true })).toBe(false);
    }
  });

  it('lets another coordinator or an administrator give them that role', () => {
    for (const role of ['facilitator', 'assessor', 'verifier'] as const) {
      expect(canGrantCohortRole(cole, { cohortId: 'a', granteeId: cora.id, role, existingAccount: true })).toBe(true);
      expect(canGrantCohortRole(ada, { cohortId: 'a', granteeId: cora.id, role, existingAccount: true })).toBe(true);
      expect(canGrantCohortRole(cora, { cohortId: 'a', granteeId: ada.id, role, existingAccount: true })).toBe(true);
    }
  });

  it('lets a manager enrol themselves as a participant, which opens no one else’s data', () => {
    expect(canGrantCohortRole(cora, { cohortId: 'a', granteeId: cora.id, role: 'participant', existingAccount: true })).toBe(true);
    expect(canGrantCohortRole(ada, { cohortId: 'a', granteeId: ada.id, role: 'participant', existingAccount: true })).toBe(true);
  });

  it('refuses anyone who does not manage cohorts, whatever the grant', () => {
    for (const who of [partner, fran, null]) {
      expect(canGrantCohortRole(who, { cohortId: 'a', granteeId: 'someone', role: 'participant', existingAccount: true })).toBe(false);
      expect(canGrantCohortRole(who, { cohortId: 'a', granteeId: 'someone', role: 'facilitator', existingAccount: true })).toBe(false);
    }
    expect(canGrantCohortRole(fran, { cohortId: 'a', granteeId: fran.id, role: 'facilitator', existingAccount: true })).toBe(false);
  });
});

describe('enrolling participants into a cohort one can read, from both sides', () => {
  const coraFacilitatesA = person('cora', 'coordinator', [{ cohortId: 'a', role: 'facilitator' }]);
  const adaAssessesA = person('ada', 'administrator', [{ cohortId: 'a', role: 'assessor' }]);
  const enrol = (cohortId: string, granteeId: string, existingAccount: boolean) => ({ cohortId, granteeId, role: 'participant' as const, existingAccount });

  it('refuses someone who holds a role opening the cohort’s data enrolling an existing account into it', () => {
    expect(canGrantCohortRole(coraFacilitatesA, enrol('a', 'pat', true))).toBe(false);
    expect(canGrantCohortRole(adaAssessesA, enrol('a', 'pat', true))).toBe(false);
  });

  it('lets them invite a new account, enrol themselves, enrol into another cohort, or give other roles', () => {
    expect(canGrantCohortRole(coraFacilitatesA, enrol('a', 'pat', false))).toBe(true);
    expect(canGrantCohortRole(coraFacilitatesA, enrol('a', 'cora', true))).toBe(true);
    expect(canGrantCohortRole(coraFacilitatesA, enrol('b', 'pat', true))).toBe(true);
    expect(canGrantCohortRole(coraFacilitatesA, { cohortId: 'a', granteeId: 'fran', role: 'facilitator', existingAccount: true })).toBe(true);
  });

  it('lets a coordinator or administrator who holds no such role in the cohort enrol the existing account', () => {
    expect(canGrantCohortRole(cole, enrol('a', 'pat', true))).toBe(true);
    expect(canGrantCohortRole(abe, enrol('a', 'pat', true))).toBe(true);
    expect(canGrantCohortRole(person('cole', 'coordinator', [{ cohortId: 'a', role: 'participant' }]), enrol('a', 'pat', true))).toBe(true);
  });
});

describe('naming safeguarding leads, from both sides', () => {
  it('lets an administrator name someone else', () => {
    expect(canNameSafeguardingLead(abe, ada.id)).toBe(true);
    expect(canNameSafeguardingLead(ada, cora.id)).toBe(true);
  });

  it('refuses an administrator naming themselves', () => {
    expect(canNameSafeguardingLead(ada, ada.id)).toBe(false);
  });

  it('refuses anyone but an administrator', () => {
    for (const who of [cora, partner, fran, null]) expect(canNameSafeguardingLead(who, 'someone')).toBe(false);
  });
});
