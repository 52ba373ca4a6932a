/**
 * The purposes a participant consents to, each separately. The wording is versioned: a record keeps
 * the version agreed. Coordinators save new wording as a new version (see CONTEXT.md).
 */
export const CONSENT_PURPOSES = [
  {
    purpose: 'keep_writing',
    version: 1,
    label: 'Keep my reflective writing',
    text: 'Peer Toolbox keeps what you write in your private space (your recovery story) so you can come back to it. Only you can read it unless you choose to share it. It is kept while your account is open; you can delete it or download it at any time.',
    withdrawEffect: 'You will not be able to write new entries. What you have already written stays until you delete it.',
  },
  {
    purpose: 'share_with_facilitators',
    version: 1,
    label: 'Share what I choose with my facilitators',
    text: 'When you share a piece of writing, the facilitators of your cohort can read it and comment. Each time they open it, we record who and when, and you can see that record. You choose item by item; nothing is shared unless you share it.',
    withdrawEffect: 'Everything you have shared becomes private again straight away.',
  },
  {
    purpose: 'anonymised_reports',
    version: 1,
    label: 'Use my anonymised answers in reports',
    text: 'Your answers to feedback forms and questionnaires may be counted, without your name and only in groups of at least five people, in reports to the organisation and its funders.',
    withdrawEffect: 'Your answers are left out of future reports.',
  },
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number]['purpose'];

/** Whether a string from a URL names one of the purposes. */
export const isConsentPurpose = (value: string): value is ConsentPurpose => CONSENT_PURPOSES.some((p) => p.purpose === value);

export interface ConsentText {
  purpose: ConsentPurpose;
  version: number;
  label: string;
  text: string;
  withdrawEffect: string;
}
