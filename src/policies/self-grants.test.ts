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
      expect(canGrantCohortRole(cora, { granteeId: cora.id, role })).toBe(false);
      expect(canGrantCohortRole(ada, { granteeId: ada.id, role })).toBe(false);
    }
  });

  it('lets another coordinator or an administrator give them that role', () => {
    for (const role of ['facilitator', 'assessor', 'verifier'] as const) {
      expect(canGrantCohortRole(cole, { granteeId: cora.id, role })).toBe(true);
      expect(canGrantCohortRole(ada, { granteeId: cora.id, role })).toBe(true);
      expect(canGrantCohortRole(cora, { granteeId: ada.id, role })).toBe(true);
    }
  });

  it('lets a manager enrol themselves as a participant, which opens no one else’s data', () => {
    expect(canGrantCohortRole(cora, { granteeId: cora.id, role: 'participant' })).toBe(true);
    expect(canGrantCohortRole(ada, { granteeId: ada.id, role: 'participant' })).toBe(true);
  });

  it('refuses anyone who does not manage cohorts, whatever the grant', () => {
    for (const who of [partner, fran, null]) {
      expect(canGrantCohortRole(who, { granteeId: 'someone', role: 'participant' })).toBe(false);
      expect(canGrantCohortRole(who, { granteeId: 'someone', role: 'facilitator' })).toBe(false);
    }
    expect(canGrantCohortRole(fran, { granteeId: fran.id, role: 'facilitator' })).toBe(false);
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
