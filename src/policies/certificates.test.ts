import { describe, expect, it } from 'vitest';
import { named, person } from './test-people.ts';
import { canCertifyParticipant, canDownloadOwnCertificate, canIssueCertificates, canRecordAward } from './certificates.ts';

const facilitator = person(null, [{ cohortId: 'a', role: 'facilitator' }]);
const participant = named('pat', null, [{ cohortId: 'a', role: 'participant' }]);

describe('canIssueCertificates and canRecordAward', () => {
  it('allows coordinators and administrators', () => {
    for (const a of [person('coordinator'), person('administrator')]) {
      expect(canIssueCertificates(a)).toBe(true);
      expect(canRecordAward(a)).toBe(true);
    }
  });
  it('refuses facilitators, partners, participants and someone signed out', () => {
    for (const a of [facilitator, person('partner'), participant, null]) {
      expect(canIssueCertificates(a)).toBe(false);
      expect(canRecordAward(a)).toBe(false);
    }
  });
});

describe('canDownloadOwnCertificate', () => {
  it('allows the person it was given to', () => {
    expect(canDownloadOwnCertificate(participant, { userId: 'pat' })).toBe(true);
  });
  it('refuses everyone else, coordinators included, and someone signed out', () => {
    for (const a of [named('sam', null, [{ cohortId: 'a', role: 'participant' }]), person('coordinator'), person('administrator'), facilitator, null])
      expect(canDownloadOwnCertificate(a, { userId: 'pat' })).toBe(false);
  });
});

describe('canCertifyParticipant', () => {
  const coordinator = named('cora', 'coordinator');
  it('allows a coordinator or administrator to certify someone else', () => {
    expect(canCertifyParticipant(coordinator, { userId: 'pat' })).toBe(true);
    expect(canCertifyParticipant(named('ada', 'administrator'), { userId: 'pat' })).toBe(true);
  });
  it('refuses them certifying themselves, and refuses anyone who may not issue at all', () => {
    expect(canCertifyParticipant(coordinator, { userId: 'cora' })).toBe(false);
    expect(canCertifyParticipant(named('ada', 'administrator'), { userId: 'ada' })).toBe(false);
    for (const a of [facilitator, person('partner'), participant, null]) expect(canCertifyParticipant(a, { userId: 'sam' })).toBe(false);
  });
});
