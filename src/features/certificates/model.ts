// Whether a participant may be given a certificate of completion, as a list of requirements each met
// or not. Attendance is the only requirement today; required assignments passed (issue 12, item 7)
// join the list as another kind, and issuing needs every requirement met. Pure.
import type { AttendanceSummary } from '../cohorts/index.ts';
import { formatDate } from '../../lib/format.ts';

export interface Requirement {
  kind: 'attendance';
  met: boolean;
  /** What the requirement asked and where the participant stands, in words. */
  detail: string;
}

export type Eligibility = { ok: true; requirements: Requirement[] } | { ok: false; reason: 'not_finished' | 'not_completed'; requirements: Requirement[] };

/** Where a participant stands for a certificate: only once every session of the cohort has been held. */
export function eligibility(attendance: AttendanceSummary, thresholdPercent: number): Eligibility {
  const requirements: Requirement[] = [
    {
      kind: 'attendance',
      met: attendance.completion === 'completed',
      detail: `Attended ${attendance.attended} of ${attendance.planned} sessions; at least ${thresholdPercent}% needed.`,
    },
  ];
  if (attendance.held < attendance.planned || attendance.planned === 0) return { ok: false, reason: 'not_finished', requirements };
  return requirements.every((r) => r.met) ? { ok: true, requirements } : { ok: false, reason: 'not_completed', requirements };
}

export const REFUSALS: Record<'not_finished' | 'not_completed' | 'not_participant' | 'already_issued' | 'unnamed', string> = {
  not_finished: 'This cohort has not finished yet: certificates can be issued once every session has been held.',
  not_completed: 'This participant has not completed the course by the cohort’s rules, so no certificate can be issued.',
  not_participant: 'Choose a participant of this cohort.',
  already_issued: 'This participant already has a certificate for this cohort. Revoke it first to issue a new one.',
  unnamed: 'This participant’s account has no name that can be printed. Correct the name on their account first.',
};

/** Control characters and the direction embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). */
const UNPRINTABLE = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;

/**
 * The name as it goes on a certificate: without control characters, which print as nothing or garbage, and
 * without direction overrides, which make a name read as something else ("gnp.exe" shown as "exe.png").
 */
export const printableName = (name: string): string => name.replace(/\s+/g, ' ').replace(UNPRINTABLE, '').replace(/ {2,}/g, ' ').trim();

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A verification code: 12 characters without look-alikes (0/O, 1/I), in three groups of four. 60 bits: not guessable. */
export function newVerificationCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % 32]);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((g) => g.join('')).join('-');
}

/** The code as typed (any case, spaces, with or without dashes) in its stored form, or null. */
export function normaliseCode(typed: string): string | null {
  const bare = typed.toUpperCase().replace(/[\s-]/g, '');
  if (!/^[2-9A-HJ-NP-Z]{12}$/.test(bare)) return null;
  return `${bare.slice(0, 4)}-${bare.slice(4, 8)}-${bare.slice(8)}`;
}

/** A date in a time zone, as YYYY-MM-DD. */
export const dateInZone = (iso: string, zone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));

/** The issuer's name on certificates and credentials. */
export const ISSUER_NAME = 'Peer Toolbox';

/** The issuer profile's address: the credential's issuer id, where the public keys are published. */
export const issuerProfileUrl = (baseUrl: string): string => `${baseUrl}/credentials/issuer`;
export const verifyUrl = (baseUrl: string, code: string): string => `${baseUrl}/verify/${code}`;
/** Where one public signing key is served as a JWK: the `kid` of every credential it signs. */
export const credentialKeyUrl = (baseUrl: string, keyId: string): string => `${baseUrl}/credentials/keys/${keyId}`;

/** What the certificate's PDF says, with its date in words. */
export function certificateContent(baseUrl: string, row: { recipient_name: string; programme_title: string; completed_on: string; code: string }) {
  return {
    recipientName: row.recipient_name,
    programmeTitle: row.programme_title,
    completedOn: formatDate(row.completed_on),
    issuerName: ISSUER_NAME,
    code: row.code,
    verifyUrl: verifyUrl(baseUrl, row.code),
  };
}
