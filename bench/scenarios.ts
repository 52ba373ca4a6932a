import type { Generated } from './generate.ts';

export type Who = 'participant' | 'facilitator' | 'coordinator';

export interface Scenario {
  name: string;
  path: string;
  who: Who;
  /** A write: the runner posts a journal entry to the path instead of reading it. */
  write?: boolean;
}

/** The pages the benchmark drives, and the query-plan test checks, for the people the generator made. */
export function scenarios(people: Generated): Scenario[] {
  return [
    { name: 'Participant session page', path: '/programmes/peer-support-training/sessions/04-what-is-peer-support?version=1', who: 'participant' },
    { name: 'Participant home', path: '/', who: 'participant' },
    { name: "Facilitator's day", path: '/', who: 'facilitator' },
    { name: 'Cohort attendance grid', path: `/cohorts/${people.cohortId}/attendance`, who: 'coordinator' },
    { name: 'Curriculum search', path: '/search?q=recovery', who: 'facilitator' },
    { name: 'Save a journal entry', path: '/my/journal', who: 'participant', write: true },
  ];
}

/** The form the write scenario posts. */
export const JOURNAL_FORM = { title: 'Benchmark reflection', text: 'What helped this week.', session: '' };

export const emailOf = (people: Generated, who: Who): string => people[`${who}Email`];
