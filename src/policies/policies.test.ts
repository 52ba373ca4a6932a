import { describe, expect, it } from 'vitest';
import { canChangeRole, canDeactivate, canManageUsers, canReactivate, canReadAuditLog, canReadOutbox } from './users.ts';
import { canEditCrisisContacts, canViewCrisisHelp } from './help.ts';
import { hasCohortRole, hasOrgRole } from './actor.ts';
import { authorize } from './index.ts';
import { person } from './test-people.ts';

const admin = person('administrator');
const coordinator = person('coordinator');
const partner = person('partner');
const member = person(null);

describe('organisation-wide rules', () => {
  const rules = [
    { rule: 'canManageUsers', fn: canManageUsers, allowed: [admin], refused: [coordinator, partner, member, null] },
    { rule: 'canReadOutbox', fn: canReadOutbox, allowed: [admin], refused: [coordinator, partner, member, null] },
    { rule: 'canReadAuditLog', fn: canReadAuditLog, allowed: [admin], refused: [coordinator, partner, member, null] },
    { rule: 'canEditCrisisContacts', fn: canEditCrisisContacts, allowed: [admin, coordinator], refused: [partner, member, null] },
    { rule: 'canViewCrisisHelp', fn: canViewCrisisHelp, allowed: [admin, coordinator, partner, member, null], refused: [] },
  ];
  for (const { rule, fn, allowed, refused } of rules) {
    for (const a of allowed)
      it(`${rule} allows ${a?.role ?? (a ? 'a person with no organisation role' : 'someone signed out')}`, () => expect(fn(a)).toBe(true));
    for (const a of refused)
      it(`${rule} refuses ${a?.role ?? (a ? 'a person with no organisation role' : 'someone signed out')}`, () => expect(fn(a)).toBe(false));
  }
});

describe('canChangeRole', () => {
  const target = { id: 'other', role: 'coordinator' as const, status: 'active' };
  it('lets an administrator change a role', () => expect(canChangeRole(admin, { target, newRole: 'partner', activeAdministrators: 1 })).toBe(true));
  it('refuses a coordinator', () => expect(canChangeRole(coordinator, { target, newRole: 'partner', activeAdministrators: 1 })).toBe(false));
  it('refuses to remove the last active administrator', () => {
    const lastAdmin = { id: admin.id, role: 'administrator' as const, status: 'active' };
    expect(canChangeRole(admin, { target: lastAdmin, newRole: 'coordinator', activeAdministrators: 1 })).toBe(false);
  });
  it('allows removing an administrator while another remains', () => {
    const oneOfTwo = { id: 'x', role: 'administrator' as const, status: 'active' };
    expect(canChangeRole(admin, { target: oneOfTwo, newRole: null, activeAdministrators: 2 })).toBe(true);
  });
});

describe('canDeactivate and canReactivate', () => {
  it('lets an administrator deactivate someone else', () => expect(canDeactivate(admin, { id: 'other', status: 'active' })).toBe(true));
  it('refuses an administrator deactivating themselves', () => expect(canDeactivate(admin, { id: admin.id, status: 'active' })).toBe(false));
  it('refuses a coordinator', () => expect(canDeactivate(coordinator, { id: 'other', status: 'active' })).toBe(false));
  it('refuses someone signed out', () => expect(canDeactivate(null, { id: 'other', status: 'active' })).toBe(false));
  it('reactivates only deactivated accounts, by administrators', () => {
    expect(canReactivate(admin, { id: 'other', status: 'deactivated' })).toBe(true);
    expect(canReactivate(admin, { id: 'other', status: 'active' })).toBe(false);
    expect(canReactivate(coordinator, { id: 'other', status: 'deactivated' })).toBe(false);
  });
});

describe('roles held per cohort', () => {
  const facilitator = person(null, [{ cohortId: 'cohort-a', role: 'facilitator' }], 'f');
  it('finds a role in the cohort it was given for', () => expect(hasCohortRole(facilitator, 'cohort-a', 'facilitator')).toBe(true));
  it('does not carry a role into another cohort', () => expect(hasCohortRole(facilitator, 'cohort-b', 'facilitator')).toBe(false));
  it('does not treat one cohort role as another', () => expect(hasCohortRole(facilitator, 'cohort-a', 'assessor', 'participant')).toBe(false));
  it('gives no cohort role to someone signed out', () => expect(hasCohortRole(null, 'cohort-a', 'participant')).toBe(false));
  it('does not give cohort powers through an organisation role', () => expect(hasOrgRole(facilitator, 'coordinator')).toBe(false));
});

describe('authorize', () => {
  it('passes when allowed', () => expect(() => authorize(true)).not.toThrow());
  it('throws a 403 when refused', () => expect(() => authorize(false)).toThrowError(expect.objectContaining({ status: 403 })));
});
