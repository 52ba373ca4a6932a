import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import {
  canAuthorCurriculum,
  canDownloadExerciseFile,
  canExportProgramme,
  canReadCurriculumHistory,
  canSeeProgramme,
  canViewFacilitatorMaterial,
  canViewParticipantMaterial,
} from './curriculum.ts';
import { person } from './test-people.ts';

const admin = person('administrator');
const coordinator = person('coordinator');
const partner = person('partner');
const facilitator = person(null, [{ cohortId: 'c1', role: 'facilitator' }]);
const participant = person(null, [{ cohortId: 'c1', role: 'participant' }]);
const assessor = person(null, [{ cohortId: 'c1', role: 'assessor' }]);

const name = (a: Actor | null) => (a ? a.id : 'someone signed out');

describe('curriculum rules', () => {
  const rules = [
    { rule: 'canAuthorCurriculum', fn: canAuthorCurriculum, allowed: [admin, coordinator], refused: [partner, facilitator, participant, assessor, null] },
    { rule: 'canExportProgramme', fn: canExportProgramme, allowed: [admin, coordinator], refused: [partner, facilitator, participant, null] },
    { rule: 'canReadCurriculumHistory', fn: canReadCurriculumHistory, allowed: [admin, coordinator], refused: [partner, facilitator, participant, null] },
    {
      rule: 'canViewFacilitatorMaterial',
      fn: canViewFacilitatorMaterial,
      allowed: [admin, coordinator, facilitator],
      refused: [partner, participant, assessor, null],
    },
    { rule: 'canViewParticipantMaterial', fn: canViewParticipantMaterial, allowed: [admin, partner, facilitator, participant], refused: [null] },
    {
      rule: 'canSeeProgramme (published)',
      fn: (a: Actor | null) => canSeeProgramme(a, { published: true }),
      allowed: [admin, coordinator, partner, facilitator, participant],
      refused: [null],
    },
    {
      rule: 'canSeeProgramme (not yet published)',
      fn: (a: Actor | null) => canSeeProgramme(a, { published: false }),
      allowed: [admin, coordinator],
      refused: [partner, facilitator, participant, null],
    },
    {
      rule: 'canDownloadExerciseFile (in a published version)',
      fn: (a: Actor | null) => canDownloadExerciseFile(a, { published: true }),
      allowed: [admin, coordinator, partner, facilitator, participant, assessor],
      refused: [null],
    },
    {
      rule: 'canDownloadExerciseFile (only in the draft)',
      fn: (a: Actor | null) => canDownloadExerciseFile(a, { published: false }),
      allowed: [admin, coordinator],
      refused: [partner, facilitator, participant, assessor, null],
    },
  ];
  for (const { rule, fn, allowed, refused } of rules) {
    for (const a of allowed) it(`${rule} allows ${name(a)}`, () => expect(fn(a)).toBe(true));
    for (const a of refused) it(`${rule} refuses ${name(a)}`, () => expect(fn(a)).toBe(false));
  }
});
