import { z } from 'zod';
import { ASSIGNMENT_LIMITS } from '../model.ts';

/**
 * The authoring forms. Every length, count and index a form carries is bounded here: the session
 * form's row counts size the page that is rendered back, so an unbounded count would let one POST
 * exhaust the process's memory.
 */

export const LIMITS = {
  title: 200,
  line: 300,
  aim: 2000,
  markdown: 50_000,
  url: 2000,
  tags: 20,
  tag: 40,
  intentions: 50,
  notes: 20,
  stocktake: 50,
  links: 50,
} as const;

/** Raw form values: one string per field, or several for a repeated field. */
export type RawForm = Record<string, string | string[]>;
export type Problems = Record<string, string>;

const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const thousands = (n: number) => n.toLocaleString('en-GB');

const revision = z
  .string('This form is out of date. Reload the page and make your changes again.')
  .trim()
  .regex(/^\d{1,15}$/, 'This form is out of date. Reload the page and make your changes again.')
  .transform(Number);

const title = (what: string) => z.string().trim().min(1, `Enter ${what}`).max(LIMITS.title, `Title must be ${LIMITS.title} characters or fewer`);
const line = (label: string, max: number = LIMITS.line) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${thousands(max)} characters or fewer`)
    .default('');
const markdown = (label: string) =>
  z
    .string()
    .max(LIMITS.markdown, `${label} must be ${thousands(LIMITS.markdown)} characters or fewer`)
    .default('');

/** A lowercase, hyphenated word made from what was typed ("Trauma and loss" → trauma-and-loss). */
const toKey = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

const tagList = z
  .string()
  .max(LIMITS.tags * (LIMITS.tag + 2), `Enter at most ${LIMITS.tags} topics`)
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((t) => t.trim().toLowerCase().replace(/\s+/g, '-'))
      .filter(Boolean),
  )
  .pipe(
    z
      .array(
        z
          .string()
          .max(LIMITS.tag, `Each topic must be ${LIMITS.tag} characters or fewer`)
          .regex(KEY, 'Tags use letters, digits and hyphens, separated by commas'),
      )
      .max(LIMITS.tags, `Enter at most ${LIMITS.tags} topics`),
  );

const optionalMinutes = (message: string) =>
  z
    .string()
    .trim()
    .max(5, message)
    .default('')
    .transform((s) => (s === '' ? null : Number(s)))
    .pipe(z.number(message).int(message).min(1, message).max(1440, message).nullable());

/** How many repeated rows the form says it holds: a whole number from 0 to `max`. */
const rowCount = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(6, `A session can have at most ${max} ${what}`)
    .default('0')
    .transform(Number)
    .pipe(
      z
        .number(`The number of ${what} must be a whole number`)
        .int(`The number of ${what} must be a whole number`)
        .min(0, `The number of ${what} must be a whole number`)
        .max(max, `A session can have at most ${max} ${what}`),
    );

export const programmeForm = z.object({
  revision,
  title: title('the programme title'),
  summary: line('Summary'),
  description: markdown('The description'),
  facilitatorNotes: markdown('The notes for facilitators'),
});

export const moduleForm = z.object({
  revision,
  title: title('the module title'),
  purpose: line('Purpose'),
  description: markdown('The description'),
  facilitatorNotes: markdown('The notes for facilitators'),
  // '' is "the source does not say", so nothing is claimed about delivery.
  standsAlone: z
    .enum(['yes', 'no', ''], 'Choose whether the module can be delivered on its own')
    .default('')
    .transform((v) => (v === 'yes' ? true : v === 'no' ? false : null)),
  preProgramme: z
    .string()
    .max(3)
    .optional()
    .transform((v) => v === 'yes'),
  tags: tagList,
  stocktake: z
    .string()
    .max(LIMITS.stocktake * (LIMITS.line + 1), `Enter at most ${LIMITS.stocktake} questions`)
    .default('')
    .transform((s) =>
      s
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().max(LIMITS.line, `Each question must be ${LIMITS.line} characters or fewer`))
        .max(LIMITS.stocktake, `Enter at most ${LIMITS.stocktake} questions`),
    ),
});

/** Adding a module or a session: only its title, which may be left empty for "New module". */
export const newPartForm = z.object({ revision, title: line('Title', LIMITS.title) });

export const moveForm = z.object({ direction: z.enum(['up', 'down'], 'Choose to move up or down') });

export const publishForm = z.object({ note: line('The note') });

const sessionBase = z.object({
  revision,
  title: title('the session title'),
  aim: line('Aim', LIMITS.aim),
  overview: markdown('The overview'),
  durationMinutes: optionalMinutes('Enter the length in whole minutes, like 120'),
  lesson: markdown('The lesson'),
  assessment: markdown('The assessment'),
  tags: tagList,
  intentionCount: rowCount(LIMITS.intentions, 'learning intentions'),
  noteCount: rowCount(LIMITS.notes, 'content notes'),
});

const sessionCounts = sessionBase.pick({ intentionCount: true, noteCount: true });

const intentionRow = z.object({
  // A hidden field: a forged or stale id is dropped and a fresh one made, never stored.
  id: z.string().regex(KEY).max(60).nullable().catch(null),
  text: line('A learning intention'),
});

const noteRow = z.object({
  topic: line('The topic', LIMITS.tag).transform(toKey),
  text: line('What to expect'),
});

export interface SessionInput extends Omit<z.infer<typeof sessionBase>, 'intentionCount' | 'noteCount'> {
  /** In order; `id` is kept for existing intentions so Mini Knowledge links survive edits. */
  intentions: { id: string | null; text: string }[];
  contentNotes: { topic: string; text: string }[];
}

/** How many rows of each kind the session form shows, whatever was posted. */
export function sessionRowCounts(values: RawForm, current: { intentions: number; notes: number }) {
  const parsed = sessionCounts.safeParse(strings(values));
  const posted = parsed.success ? parsed.data : { intentionCount: 0, noteCount: 0 };
  // Rows that came back filled in are shown even when the count beside them was nonsense, so nothing
  // typed is lost on a refused form; the limits still cap how many rows a page can draw.
  const typed = (prefix: RegExp) => Math.max(0, ...Object.keys(values).map((k) => Number(k.match(prefix)?.[1] ?? -1) + 1));
  return {
    intentions: Math.min(LIMITS.intentions, Math.max(current.intentions, posted.intentionCount, typed(/^intention(?:Id|Text)_(\d{1,3})$/))) + 2,
    notes: Math.min(LIMITS.notes, Math.max(current.notes, posted.noteCount, typed(/^note(?:Topic|Text)_(\d{1,3})$/))) + 1,
  };
}

/**
 * The session form: its fields, then its repeated rows (learning intentions, content notes), each
 * read with its own schema up to the bounded count the form says it holds.
 */
export function parseSessionForm(values: RawForm): { ok: true; data: SessionInput } | { ok: false; errors: Problems } {
  const v = strings(values);
  const errors: Problems = {};
  const base = sessionBase.safeParse(v);
  if (!base.success) Object.assign(errors, problems(base.error));
  const intentions: SessionInput['intentions'] = [];
  const contentNotes: SessionInput['contentNotes'] = [];
  // The rows are read whenever their counts are sound, so every problem is reported at once.
  const counts = sessionCounts.safeParse(v);
  if (counts.success) {
    for (let i = 0; i < counts.data.intentionCount; i++) {
      const row = intentionRow.safeParse({ id: v[`intentionId_${i}`] || null, text: v[`intentionText_${i}`] ?? '' });
      if (!row.success) errors[`intentionText_${i}`] ??= row.error.issues[0]!.message;
      else if (row.data.text) intentions.push(row.data);
    }
    for (let i = 0; i < counts.data.noteCount; i++) {
      const row = noteRow.safeParse({ topic: v[`noteTopic_${i}`] ?? '', text: v[`noteText_${i}`] ?? '' });
      if (!row.success) {
        const issue = row.error.issues[0]!;
        errors[`${issue.path[0] === 'topic' ? 'noteTopic' : 'noteText'}_${i}`] ??= issue.message;
      } else if (row.data.topic || row.data.text) {
        if (!row.data.text) errors[`noteText_${i}`] = 'Say what participants should expect, for example: This session discusses suicidality.';
        else if (!row.data.topic) errors[`noteTopic_${i}`] = 'Enter a topic for this content note, like trauma';
        else contentNotes.push(row.data);
      }
    }
  }
  if (!base.success || Object.keys(errors).length) return { ok: false, errors };
  const { intentionCount: _i, noteCount: _n, ...rest } = base.data;
  return { ok: true, data: { ...rest, intentions, contentNotes } };
}

/** A piece of Mini Knowledge; only intentions of its own session count, so a forged link is never stored. */
export const knowledgeForm = (sessionIntentions: readonly string[]) =>
  z.object({
    revision,
    title: title('a title for this piece of Mini Knowledge'),
    body: markdown('The knowledge'),
    intentions: z
      .preprocess(
        (x) => (x === undefined ? [] : ([] as unknown[]).concat(x)),
        z.array(z.string().max(80)).max(LIMITS.links, 'Choose fewer learning intentions'),
      )
      .transform((ids) => [...new Set(ids.filter((id) => sessionIntentions.includes(id)))])
      .pipe(z.array(z.string()).min(1, 'Choose at least one learning intention this knowledge supports')),
    tags: tagList,
  });

export const activityForm = z.object({
  revision,
  title: title('a title for the activity'),
  minutes: optionalMinutes('Enter the time in whole minutes, like 20'),
  participant: markdown('The instructions for participants'),
  facilitator: markdown('The guidance for facilitators'),
});

export const resourceForm = z.object({
  revision,
  title: title('the name of the resource'),
  url: z
    .string()
    .trim()
    .max(LIMITS.url, `The web address must be ${thousands(LIMITS.url)} characters or fewer`)
    .pipe(z.url({ protocol: /^https?$/, error: 'Enter a web address starting with https:// or http://' })),
  description: line('Description'),
});

/** The three kinds of part a session lists, each edited with the same pages. */
export const ITEM_KINDS = ['knowledge', 'activities', 'resources'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const fileForm = z.object({
  revision,
  title: title('a title for the file, as participants will see it'),
});

/** A whole number from 0 to `max`, or null when the box is left empty ("not set"). */
const optionalCount = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(7, message)
    .default('')
    .transform((s) => (s === '' ? null : Number(s.replaceAll(',', ''))))
    .pipe(z.number(message).int(message).min(0, message).max(max, message).nullable());

const assignmentBase = z
  .object({
    revision,
    title: title('a title for the assignment'),
    brief: markdown('The brief'),
    guidance: markdown('The guidance'),
    wordMinimum: optionalCount(
      ASSIGNMENT_LIMITS.words,
      `Enter the minimum as a whole number of words up to ${thousands(ASSIGNMENT_LIMITS.words)}, or leave it empty`,
    ),
    wordMaximum: optionalCount(
      ASSIGNMENT_LIMITS.words,
      `Enter the maximum as a whole number of words up to ${thousands(ASSIGNMENT_LIMITS.words)}, or leave it empty`,
    ),
    wordTolerance: optionalCount(
      ASSIGNMENT_LIMITS.tolerancePercent,
      `Enter the tolerance as a whole percentage from 0 to ${ASSIGNMENT_LIMITS.tolerancePercent}, or leave it empty`,
    ),
    formativeDrafts: optionalCount(ASSIGNMENT_LIMITS.drafts, `Enter a number of drafts from 0 to ${ASSIGNMENT_LIMITS.drafts}, or leave it empty`),
    resubmissions: optionalCount(
      ASSIGNMENT_LIMITS.resubmissions,
      `Enter a number of resubmissions from 0 to ${ASSIGNMENT_LIMITS.resubmissions}, or leave it empty`,
    ),
    retentionMonths: optionalCount(
      ASSIGNMENT_LIMITS.retentionMonths,
      `Enter a number of months from 0 to ${ASSIGNMENT_LIMITS.retentionMonths}, or leave it empty`,
    ),
    criterionCount: z
      .string()
      .trim()
      .max(6, `An assignment can have at most ${ASSIGNMENT_LIMITS.criteria} criteria`)
      .default('0')
      .transform(Number)
      .pipe(
        z
          .number('The number of criteria must be a whole number')
          .int('The number of criteria must be a whole number')
          .min(0, 'The number of criteria must be a whole number')
          .max(ASSIGNMENT_LIMITS.criteria, `An assignment can have at most ${ASSIGNMENT_LIMITS.criteria} criteria`),
      ),
  })
  .refine((v) => v.wordMinimum === null || v.wordMaximum === null || v.wordMinimum <= v.wordMaximum, {
    path: ['wordMaximum'],
    message: 'The maximum number of words must be at least the minimum',
  });

const criterionRow = z.object({
  // A hidden field: a forged or stale id is dropped and a fresh one made, never stored.
  id: z.string().regex(KEY).max(60).nullable().catch(null),
  text: line('A criterion', LIMITS.aim),
});

export interface AssignmentInput {
  revision: number;
  title: string;
  brief: string;
  guidance: string;
  wordLimits: { minimum: number | null; maximum: number | null; tolerancePercent: number | null };
  formativeDrafts: number | null;
  resubmissions: number | null;
  retentionMonths: number | null;
  /** In order; `id` is kept for existing criteria so marks recorded against them keep their meaning. */
  criteria: { id: string | null; text: string }[];
}

/** How many criterion rows the assignment form shows, whatever was posted: never more than the limit and a spare. */
export function criterionRows(values: RawForm, current: number): number {
  const posted = Number(typeof values.criterionCount === 'string' && /^\d{1,3}$/.test(values.criterionCount.trim()) ? values.criterionCount : 0);
  const typed = Math.max(0, ...Object.keys(values).map((k) => Number(k.match(/^criterion(?:Id|Text)_(\d{1,3})$/)?.[1] ?? -1) + 1));
  return Math.min(ASSIGNMENT_LIMITS.criteria, Math.max(current, posted, typed) + 1);
}

/** The assignment form: its fields, then its criteria, each read up to the bounded count the form says it holds. */
export function parseAssignmentForm(values: RawForm): { ok: true; data: AssignmentInput } | { ok: false; errors: Problems } {
  const v = strings(values);
  const errors: Problems = {};
  const base = assignmentBase.safeParse(v);
  if (!base.success) Object.assign(errors, problems(base.error));
  const criteria: AssignmentInput['criteria'] = [];
  const count = assignmentBase.shape.criterionCount.safeParse(v.criterionCount);
  if (count.success) {
    for (let i = 0; i < count.data; i++) {
      const row = criterionRow.safeParse({ id: v[`criterionId_${i}`] || null, text: v[`criterionText_${i}`] ?? '' });
      if (!row.success) errors[`criterionText_${i}`] ??= row.error.issues[0]!.message;
      else if (row.data.text) criteria.push(row.data);
    }
  }
  if (!base.success || Object.keys(errors).length) return { ok: false, errors };
  const d = base.data;
  return {
    ok: true,
    data: {
      revision: d.revision,
      title: d.title,
      brief: d.brief,
      guidance: d.guidance,
      wordLimits: { minimum: d.wordMinimum, maximum: d.wordMaximum, tolerancePercent: d.wordTolerance },
      formativeDrafts: d.formativeDrafts,
      resubmissions: d.resubmissions,
      retentionMonths: d.retentionMonths,
      criteria,
    },
  };
}

/** Only the plain string fields of a raw form. */
export function strings(values: RawForm): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** One message per field, the first problem with each. */
export function problems(error: z.ZodError): Problems {
  const out: Problems = {};
  for (const issue of error.issues) out[String(issue.path[0] ?? 'form')] ??= issue.message;
  return out;
}
