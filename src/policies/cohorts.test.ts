import { describe, expect, it } from 'vitest';
import {
  canAcknowledgeAgreement,
  canEditAgreement,
  canKeepSessionNotes,
  canManageCohorts,
  canManagePlaces,
  canMarkAttendance,
  canSeeCohortMembers,
  canSeeFacilitationPlan,
  canSeeJoiningDetails,
  canViewCohort,
} from './cohorts.ts';
import { person } from './test-people.ts';

const coordinator = person('coordinator');
const administrator = person('administrator');
const partner = person('partner');
const facilitator = person(null, [{ cohortId: 'a', role: 'facilitator' }]);
const participant = person(null, [{ cohortId: 'a', role: 'participant' }]);
const assessor = person(null, [{ cohortId: 'a', role: 'assessor' }]);
const elsewhere = person(null, [{ cohortId: 'b', role: 'facilitator' }]);

describe('cohort rules, from both sides', () => {
  it('lets coordinators and administrators manage cohorts and places, and no one else', () => {
    for (const rule of [canManageCohorts, canManagePlaces]) {
      expect(rule(coordinator)).toBe(true);
      expect(rule(administrator)).toBe(true);
      for (const refused of [partner, facilitator, participant, null]) expect(rule(refused)).toBe(false);
    }
  });

  it('shows a cohort and its joining details to its managers and members only', () => {
    for (const rule of [canViewCohort, canSeeJoiningDetails]) {
      for (const allowed of [coordinator, facilitator, participant, assessor]) expect(rule(allowed, 'a')).toBe(true);
      for (const refused of [partner, elsewhere, null]) expect(rule(refused, 'a')).toBe(false);
    }
  });

  it('shows the member list and the attendance grid to managers and the cohort’s facilitators, not participants', () => {
    for (const rule of [canSeeCohortMembers, canMarkAttendance, canEditAgreement]) {
      expect(rule(coordinator, 'a')).toBe(true);
      expect(rule(facilitator, 'a')).toBe(true);
      for (const refused of [participant, assessor, elsewhere, partner, null]) expect(rule(refused, 'a')).toBe(false);
    }
  });

  it('asks the cohort’s participants, and only them, to agree to the group agreement', () => {
    expect(canAcknowledgeAgreement(participant, 'a')).toBe(true);
    for (const refused of [facilitator, coordinator, assessor, null]) expect(canAcknowledgeAgreement(refused, 'a')).toBe(false);
  });

  it('keeps session notes for the cohort’s facilitators; lets managers read the plan but write none', () => {
    expect(canKeepSessionNotes(facilitator, 'a')).toBe(true);
    for (const refused of [coordinator, participant, elsewhere, null]) expect(canKeepSessionNotes(refused, 'a')).toBe(false);
    expect(canSeeFacilitationPlan(facilitator, 'a')).toBe(true);
    expect(canSeeFacilitationPlan(coordinator, 'a')).toBe(true);
    for (const refused of [participant, assessor, elsewhere, partner, null]) expect(canSeeFacilitationPlan(refused, 'a')).toBe(false);
  });
});
