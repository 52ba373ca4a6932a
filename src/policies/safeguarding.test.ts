import { describe, expect, it } from 'vitest';
import { canHandleConcern, canManageSafeguardingLeads, canRaiseConcern, canReadConcern } from './safeguarding.ts';
import { named as person } from './test-people.ts';

const fran = person('fran', null, [{ cohortId: 'c1', role: 'facilitator' }]);
const asha = person('asha', null, [{ cohortId: 'c1', role: 'assessor' }]);
const pat = person('pat', null, [{ cohortId: 'c1', role: 'participant' }]);
const vic = person('vic', null, [{ cohortId: 'c1', role: 'verifier' }]);
const admin = person('admin', 'administrator');
const coordinator = person('coord', 'coordinator');

describe('safeguarding rules', () => {
  it('lets a cohort’s facilitators and assessors raise a concern there, and no one else', () => {
    expect(canRaiseConcern(fran, 'c1')).toBe(true);
    expect(canRaiseConcern(asha, 'c1')).toBe(true);
    for (const who of [pat, vic, admin, coordinator, null]) expect(canRaiseConcern(who, 'c1')).toBe(false);
    expect(canRaiseConcern(fran, 'c2')).toBe(false);
  });

  it('lets the leads and the person who raised a concern read it; administrators are refused like anyone else', () => {
    const concern = { raisedBy: fran.id };
    expect(canReadConcern(fran, concern, false)).toBe(true);
    expect(canReadConcern(coordinator, concern, true)).toBe(true);
    for (const who of [asha, pat, admin, coordinator]) expect(canReadConcern(who, concern, false)).toBe(false);
    expect(canReadConcern(null, concern, true)).toBe(false);
  });

  it('lets only leads handle a concern, whatever their role', () => {
    expect(canHandleConcern(pat, true)).toBe(true);
    for (const who of [fran, admin, coordinator]) expect(canHandleConcern(who, false)).toBe(false);
    expect(canHandleConcern(null, true)).toBe(false);
  });

  it('lets only administrators name the leads', () => {
    expect(canManageSafeguardingLeads(admin)).toBe(true);
    for (const who of [coordinator, fran, pat, null]) expect(canManageSafeguardingLeads(who)).toBe(false);
  });
});
