import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import {
  canCommentOnHealthItem,
  canEditConsentTexts,
  canKeepHealthItem,
  canKeepStocktake,
  canReadHealthItem,
  canReadReadinessNotes,
  canRecordReadinessConversation,
  canSeeSharedWithCohort,
  healthItemInCohort,
  stocktakeCohortIds,
  type HealthItem,
} from './private.ts';
import { named as person } from './test-people.ts';

const owner = person('owner', null, [{ cohortId: 'a', role: 'participant' }]);
const facilitatorA = person('fac-a', null, [{ cohortId: 'a', role: 'facilitator' }]);
const facilitatorB = person('fac-b', null, [{ cohortId: 'b', role: 'facilitator' }]);
const assessorA = person('ass-a', null, [{ cohortId: 'a', role: 'assessor' }]);
const participantA = person('par-a', null, [{ cohortId: 'a', role: 'participant' }]);
const coordinator = person('coord', 'coordinator');
const administrator = person('admin', 'administrator');
const partner = person('partner', 'partner');

const privateItem: HealthItem = { ownerId: 'owner', shared: false, ownerCohortIds: ['a'] };
const sharedItem: HealthItem = { ...privateItem, shared: true };

const label = (a: Actor | null) => (a ? a.id : 'someone signed out');

describe('the policy matrix for health items', () => {
  const rules = [
    {
      rule: 'canReadHealthItem, a private item',
      allowed: [owner],
      refused: [facilitatorA, facilitatorB, assessorA, participantA, coordinator, administrator, partner, null],
      fn: (a: Actor | null) => canReadHealthItem(a, privateItem),
    },
    {
      rule: 'canReadHealthItem, a shared item',
      allowed: [owner, facilitatorA],
      refused: [facilitatorB, assessorA, participantA, coordinator, administrator, partner, null],
      fn: (a: Actor | null) => canReadHealthItem(a, sharedItem),
    },
    {
      rule: 'canCommentOnHealthItem, a shared item',
      allowed: [facilitatorA],
      refused: [owner, facilitatorB, assessorA, participantA, coordinator, administrator, partner, null],
      fn: (a: Actor | null) => canCommentOnHealthItem(a, sharedItem),
    },
    {
      rule: 'canCommentOnHealthItem, a private item',
      allowed: [],
      refused: [owner, facilitatorA, facilitatorB, assessorA, coordinator, administrator, null],
      fn: (a: Actor | null) => canCommentOnHealthItem(a, privateItem),
    },
    {
      rule: 'canKeepHealthItem',
      allowed: [owner],
      refused: [facilitatorA, facilitatorB, coordinator, administrator, null],
      fn: (a: Actor | null) => canKeepHealthItem(a, sharedItem),
    },
    {
      rule: 'canReadReadinessNotes (held for cohort a)',
      allowed: [owner, facilitatorA],
      refused: [facilitatorB, assessorA, participantA, coordinator, administrator, partner, null],
      fn: (a: Actor | null) => canReadReadinessNotes(a, { participantId: 'owner', cohortId: 'a' }),
    },
    {
      rule: 'canRecordReadinessConversation in cohort a',
      allowed: [facilitatorA],
      refused: [owner, facilitatorB, assessorA, coordinator, administrator, null],
      fn: (a: Actor | null) => canRecordReadinessConversation(a, 'a'),
    },
    {
      rule: 'canSeeSharedWithCohort a',
      allowed: [facilitatorA],
      refused: [owner, facilitatorB, assessorA, coordinator, administrator, null],
      fn: (a: Actor | null) => canSeeSharedWithCohort(a, 'a'),
    },
    {
      rule: 'canKeepStocktake in cohort a',
      allowed: [owner, participantA],
      refused: [facilitatorA, assessorA, coordinator, administrator, null],
      fn: (a: Actor | null) => canKeepStocktake(a, 'a'),
    },
    {
      rule: 'canEditConsentTexts',
      allowed: [coordinator, administrator],
      refused: [partner, facilitatorA, owner, null],
      fn: (a: Actor | null) => canEditConsentTexts(a),
    },
  ];
  for (const { rule, allowed, refused, fn } of rules) {
    for (const a of allowed) it(`${rule} allows ${label(a)}`, () => expect(fn(a)).toBe(true));
    for (const a of refused) it(`${rule} refuses ${label(a)}`, () => expect(fn(a)).toBe(false));
  }

  it('readiness notes reach only the cohort they were held for, even when the participant is in another cohort too', () => {
    const inTwo = person('owner', null, [
      { cohortId: 'a', role: 'participant' },
      { cohortId: 'b', role: 'participant' },
    ]);
    expect(canReadReadinessNotes(facilitatorB, { participantId: inTwo.id, cohortId: 'a' })).toBe(false);
    expect(canReadReadinessNotes(facilitatorB, { participantId: inTwo.id, cohortId: 'b' })).toBe(true);
  });

  it('under one cohort’s address, counts only that cohort’s facilitators, and nothing of an owner who takes no part in it', () => {
    const facilitatorAB = person('fac-ab', null, [
      { cohortId: 'a', role: 'facilitator' },
      { cohortId: 'b', role: 'facilitator' },
    ]);
    const sharedInB: HealthItem = { ownerId: 'owner', shared: true, ownerCohortIds: ['b'] };
    expect(canReadHealthItem(facilitatorAB, sharedInB)).toBe(true);
    expect(healthItemInCohort(sharedInB, 'a')).toBeNull();
    expect(canReadHealthItem(facilitatorAB, healthItemInCohort(sharedInB, 'b')!)).toBe(true);
    const sharedInAB: HealthItem = { ...sharedInB, ownerCohortIds: ['a', 'b'] };
    expect(canReadHealthItem(facilitatorB, sharedInAB)).toBe(true);
    expect(canReadHealthItem(facilitatorB, healthItemInCohort(sharedInAB, 'a')!)).toBe(false);
    expect(canReadHealthItem(facilitatorA, healthItemInCohort(sharedInAB, 'a')!)).toBe(true);
    expect(canReadHealthItem(owner, healthItemInCohort(sharedInAB, 'a')!)).toBe(true);
  });

  it('lists the stocktakes a person keeps: one per cohort they take part in, none where they facilitate', () => {
    const both = person('x', null, [
      { cohortId: 'a', role: 'participant' },
      { cohortId: 'b', role: 'facilitator' },
    ]);
    expect(stocktakeCohortIds(both)).toEqual(['a']);
    expect(stocktakeCohortIds(null)).toEqual([]);
  });
});
