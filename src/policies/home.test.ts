import { describe, expect, it } from 'vitest';
import { person } from './test-people.ts';
import { canSeeSafeguardingLink, cohortsFacilitatedBy, cohortsHeldBy, cohortsTakenBy, isNewcomer, showsOrganisationRole } from './home.ts';

const facilitator = person(null, [{ cohortId: 'a', role: 'facilitator' }]);
const assessor = person(null, [{ cohortId: 'a', role: 'assessor' }]);
const participant = person(null, [
  { cohortId: 'a', role: 'participant' },
  { cohortId: 'b', role: 'participant' },
]);
const verifier = person(null, [{ cohortId: 'a', role: 'verifier' }]);
const coordinator = person('coordinator');

describe('canSeeSafeguardingLink', () => {
  it('allows a named safeguarding lead, whatever else they hold', () => {
    expect(canSeeSafeguardingLink(person(null), true)).toBe(true);
    expect(canSeeSafeguardingLink(participant, true)).toBe(true);
  });
  it('allows facilitators and assessors, who may raise a concern', () => {
    expect(canSeeSafeguardingLink(facilitator, false)).toBe(true);
    expect(canSeeSafeguardingLink(assessor, false)).toBe(true);
  });
  it('refuses participants, verifiers and coordinators who are not leads, and someone signed out', () => {
    for (const a of [participant, verifier, coordinator, person('administrator')]) expect(canSeeSafeguardingLink(a, false)).toBe(false);
    expect(canSeeSafeguardingLink(null, true)).toBe(false);
  });
});

describe('showsOrganisationRole', () => {
  it('names the role of those who hold one', () => {
    for (const role of ['administrator', 'coordinator', 'partner'] as const) expect(showsOrganisationRole(person(role))).toBe(true);
  });
  it('says nothing for people without one', () => {
    expect(showsOrganisationRole(participant)).toBe(false);
    expect(showsOrganisationRole(person(null))).toBe(false);
  });
});

describe('the cohorts of a home page', () => {
  const both = person(null, [
    { cohortId: 'a', role: 'facilitator' },
    { cohortId: 'b', role: 'participant' },
    { cohortId: 'c', role: 'assessor' },
  ]);
  it('takes the facilitated cohorts for the day and no others', () => {
    expect(cohortsFacilitatedBy(both)).toEqual(['a']);
    expect(cohortsFacilitatedBy(participant)).toEqual([]);
  });
  it('takes the cohorts someone is a participant of and no others', () => {
    expect(cohortsTakenBy(both)).toEqual(['b']);
    expect(cohortsTakenBy(facilitator)).toEqual([]);
  });
});

describe('isNewcomer', () => {
  it('is someone with no role anywhere yet', () => expect(isNewcomer(person(null))).toBe(true));
  it('is not someone in a cohort, or with an organisation role', () => {
    expect(isNewcomer(participant)).toBe(false);
    expect(isNewcomer(coordinator)).toBe(false);
  });
});

describe('cohortsHeldBy', () => {
  it('lists each cohort a person holds any role in, once', () => {
    expect(cohortsHeldBy(person(null, [...participant.cohortRoles, { cohortId: 'a', role: 'facilitator' }])).sort()).toEqual(['a', 'b']);
  });
  it('lists none for someone who holds only an organisation role', () => expect(cohortsHeldBy(coordinator)).toEqual([]));
});
