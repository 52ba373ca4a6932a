import { z } from 'zod';

/**
 * A programme's curriculum is one document: the draft lives in `programmes.draft_json`, each
 * published version is a frozen copy in `programme_versions.snapshot_json` (see ADR 13).
 */

export const CHIME = ['connectedness', 'hope', 'identity', 'meaning', 'empowerment'] as const;

const tag = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Tags use lowercase letters, digits and hyphens');
const tags = z.array(tag).default([]);
const md = z.string().default('');
const key = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Ids use lowercase letters, digits and hyphens');

export const contentNoteSchema = z.object({ topic: tag, text: z.string().trim().min(1, 'A content note needs its text') });
export const intentionSchema = z.object({ id: key, text: z.string().trim().min(1, 'A learning intention needs its text') });
export const knowledgeSchema = z.object({
  id: z.string(),
  title: z.string().trim().min(1, 'A piece of Mini Knowledge needs a title'),
  intentions: z.array(key).min(1, 'Link each piece of Mini Knowledge to at least one learning intention'),
  tags,
  body: md,
});
export const activitySchema = z.object({
  id: z.string(),
  title: z.string().trim().min(1, 'An activity needs a title'),
  minutes: z.number().int().min(0).max(600).nullable().default(null),
  participant: md,
  facilitator: md,
});
export const fileSchema = z.object({
  id: z.string(),
  title: z.string().trim().min(1),
  filename: z.string().min(1),
  mime: z.string().min(1),
  size: z.number().int().min(0),
  storageKey: z.string().min(1),
});
export const resourceSchema = z.object({
  id: z.string(),
  title: z.string().trim().min(1, 'A resource needs a title'),
  url: z.url({ protocol: /^https?$/, error: 'A resource link must start with http:// or https://' }),
  description: z.string().default(''),
});

/** An outcome a piece of assessed work must show; its id stays while its wording stays, so marks recorded against it keep their meaning. */
export const criterionSchema = z.object({ id: key, text: z.string().trim().min(1, 'A criterion needs its text') });

const count = (max: number) => z.number().int().min(0).max(max).nullable().default(null);

/** Bounds shared by the model, the pack reader and the authoring form. */
export const ASSIGNMENT_LIMITS = { words: 100_000, tolerancePercent: 100, drafts: 10, resubmissions: 10, retentionMonths: 240, criteria: 30 } as const;

/**
 * Word limits of an assignment. Each is null when the programme sets none. The tolerance is how far
 * (in per cent) a piece of work may go beyond either limit before it counts as a breach.
 */
export const wordLimitsSchema = z
  .object({
    minimum: count(ASSIGNMENT_LIMITS.words),
    maximum: count(ASSIGNMENT_LIMITS.words),
    tolerancePercent: count(ASSIGNMENT_LIMITS.tolerancePercent),
  })
  .default({ minimum: null, maximum: null, tolerancePercent: null })
  .refine((w) => w.minimum === null || w.maximum === null || w.minimum <= w.maximum, 'The minimum number of words cannot be more than the maximum');

/**
 * A piece of assessed work set in a session. Part of the programme document, so a published version
 * pins it. The numbers are null where the programme team has not decided; 0 drafts means drafts for
 * formative feedback are not allowed.
 */
export const assignmentSchema = z.object({
  id: key,
  title: z.string().trim().min(1, 'An assignment needs a title'),
  brief: md,
  guidance: md,
  criteria: z.array(criterionSchema).max(ASSIGNMENT_LIMITS.criteria).default([]),
  wordLimits: wordLimitsSchema,
  formativeDrafts: count(ASSIGNMENT_LIMITS.drafts),
  resubmissions: count(ASSIGNMENT_LIMITS.resubmissions),
  retentionMonths: count(ASSIGNMENT_LIMITS.retentionMonths),
});

export const sessionSchema = z.object({
  id: z.string(),
  title: z.string().trim().min(1, 'A session needs a title'),
  aim: z.string().default(''),
  overview: md,
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .nullable()
    .default(null),
  lesson: md,
  assessment: md,
  tags,
  contentNotes: z.array(contentNoteSchema).default([]),
  learningIntentions: z.array(intentionSchema).default([]),
  miniKnowledge: z.array(knowledgeSchema).default([]),
  activities: z.array(activitySchema).default([]),
  files: z.array(fileSchema).default([]),
  resources: z.array(resourceSchema).default([]),
  /** Assignments set in this session. */
  assignments: z.array(assignmentSchema).default([]),
});

export const moduleSchema = z.object({
  id: z.string(),
  title: z.string().trim().min(1, 'A module needs a title'),
  purpose: z.string().default(''),
  description: md,
  /** Facilitator-only: text addressed to facilitators (delivery choices, what the Mini Knowledge is). */
  facilitatorNotes: md,
  /** Whether the module can be delivered on its own; null when the source does not say. */
  standsAlone: z.boolean().nullable().default(null),
  preProgramme: z.boolean().default(false),
  tags,
  /** The personal stocktake questions of a pre-programme module, written by the programme team. */
  stocktake: z.array(z.object({ id: key, text: z.string().trim().min(1) })).default([]),
  sessions: z.array(sessionSchema).default([]),
});

export const programmeSchema = z.object({
  slug: key,
  title: z.string().trim().min(1, 'A programme needs a title'),
  summary: z.string().default(''),
  description: md,
  /** Facilitator-only background to the whole programme. */
  facilitatorNotes: md,
  modules: z.array(moduleSchema).default([]),
});

export type ContentNote = z.infer<typeof contentNoteSchema>;
export type LearningIntention = z.infer<typeof intentionSchema>;
export type MiniKnowledge = z.infer<typeof knowledgeSchema>;
export type Activity = z.infer<typeof activitySchema>;
export type ExerciseFile = z.infer<typeof fileSchema>;
export type Resource = z.infer<typeof resourceSchema>;
export type Criterion = z.infer<typeof criterionSchema>;
export type WordLimits = z.infer<typeof wordLimitsSchema>;
export type Assignment = z.infer<typeof assignmentSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type Module = z.infer<typeof moduleSchema>;
export type Programme = z.infer<typeof programmeSchema>;

/** A short random id for parts of the curriculum, used in links. */
export const newPartId = (): string => crypto.randomUUID().replaceAll('-', '').slice(0, 12);

/**
 * A readable id made from text (a stocktake question, a learning intention): at most `max`
 * characters, never ending in a hyphen, and different from every id in `used` (which it joins).
 */
export function keyFrom(text: string, used: Set<string>, options: { prefix?: string; max?: number; fallback?: string } = {}): string {
  const { prefix = '', max = 40, fallback = 'item' } = options;
  const trim = (s: string, n: number) => s.slice(0, n).replace(/-+$/, '');
  const base =
    trim(
      text
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, ''),
      max - prefix.length,
    ) || fallback;
  let id = `${prefix}${base}`;
  for (let n = 2; used.has(id); n++) id = `${prefix}${trim(base, max - prefix.length - String(n).length - 1) || fallback}-${n}`;
  used.add(id);
  return id;
}

declare const participantOnly: unique symbol;
/**
 * Carried only by values built by the projections below, so a participant view that asks for a
 * `Participant*` type cannot be handed a full programme, module or session with its facilitator text.
 */
interface ParticipantOnly {
  readonly [participantOnly]: true;
}

/**
 * What a participant may see of a session. Built field by field from an allowlist, so a field added
 * to the session later stays facilitator-only until someone decides otherwise here.
 */
export interface ParticipantSession extends ParticipantOnly {
  id: string;
  title: string;
  aim: string;
  overview: string;
  durationMinutes: number | null;
  contentNotes: ContentNote[];
  lesson: string;
  assessment: string;
  activities: { id: string; title: string; minutes: number | null; participant: string }[];
  files: ExerciseFile[];
  resources: Resource[];
  assignments: ParticipantAssignment[];
}

/** What a participant may see of an assignment: everything it holds today, copied field by field. */
export interface ParticipantAssignment {
  id: string;
  title: string;
  brief: string;
  guidance: string;
  criteria: Criterion[];
  wordLimits: WordLimits;
  formativeDrafts: number | null;
  resubmissions: number | null;
  retentionMonths: number | null;
}

/** What a participant may see of a module: never its facilitator notes or Mini Knowledge. */
export interface ParticipantModule extends ParticipantOnly {
  id: string;
  title: string;
  purpose: string;
  description: string;
  standsAlone: boolean | null;
  preProgramme: boolean;
  sessions: ParticipantSession[];
}

/** What a participant may see of a programme: never its facilitator notes. */
export interface ParticipantProgramme extends ParticipantOnly {
  slug: string;
  title: string;
  summary: string;
  description: string;
  modules: ParticipantModule[];
}

export function participantSession(s: Session): ParticipantSession {
  const out: Omit<ParticipantSession, typeof participantOnly> = {
    id: s.id,
    title: s.title,
    aim: s.aim,
    overview: s.overview,
    durationMinutes: s.durationMinutes,
    contentNotes: s.contentNotes.map((n) => ({ topic: n.topic, text: n.text })),
    lesson: s.lesson,
    assessment: s.assessment,
    activities: s.activities
      .filter((a) => a.participant.trim() !== '')
      .map((a) => ({ id: a.id, title: a.title, minutes: a.minutes, participant: a.participant })),
    files: s.files,
    resources: s.resources,
    assignments: s.assignments.map((a) => ({
      id: a.id,
      title: a.title,
      brief: a.brief,
      guidance: a.guidance,
      criteria: a.criteria.map((c) => ({ id: c.id, text: c.text })),
      wordLimits: { minimum: a.wordLimits.minimum, maximum: a.wordLimits.maximum, tolerancePercent: a.wordLimits.tolerancePercent },
      formativeDrafts: a.formativeDrafts,
      resubmissions: a.resubmissions,
      retentionMonths: a.retentionMonths,
    })),
  };
  return out as ParticipantSession;
}

export function participantModule(m: Module): ParticipantModule {
  const out: Omit<ParticipantModule, typeof participantOnly> = {
    id: m.id,
    title: m.title,
    purpose: m.purpose,
    description: m.description,
    standsAlone: m.standsAlone,
    preProgramme: m.preProgramme,
    sessions: m.sessions.map(participantSession),
  };
  return out as ParticipantModule;
}

export function participantProgramme(p: Programme): ParticipantProgramme {
  const out: Omit<ParticipantProgramme, typeof participantOnly> = {
    slug: p.slug,
    title: p.title,
    summary: p.summary,
    description: p.description,
    modules: p.modules.map(participantModule),
  };
  return out as ParticipantProgramme;
}

/** Finds a session and its module in a programme document. */
export function findSession<P extends { modules: { sessions: { id: string }[] }[] }>(
  p: P,
  sessionId: string,
): { module: P['modules'][number]; session: P['modules'][number]['sessions'][number]; moduleIndex: number } | null {
  for (const [moduleIndex, module] of p.modules.entries()) {
    const session = module.sessions.find((s) => s.id === sessionId);
    if (session) return { module, session, moduleIndex };
  }
  return null;
}

/** A module's heading: "Pre-programme · …", "Module 2 · …", or just its title when it is the only one. */
export const moduleLabel = <M extends { title: string; preProgramme: boolean }>(p: { modules: M[] }, m: M): string => {
  if (m.preProgramme) return `Pre-programme · ${m.title}`;
  const n = p.modules.filter((x) => !x.preProgramme).indexOf(m) + 1;
  return p.modules.length > 1 ? `Module ${n} · ${m.title}` : m.title;
};

const normalise = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const freeTags = (tags: string[]) => tags.filter((t) => !(CHIME as readonly string[]).includes(t));

/**
 * Whether two pieces of Mini Knowledge are the same knowledge: the same title, or a shared free
 * (non-CHIME) tag. CHIME tags are broad by design, so they mark topics, not repeated knowledge.
 */
export function sameKnowledge(a: MiniKnowledge, b: MiniKnowledge): boolean {
  if (normalise(a.title) === normalise(b.title)) return true;
  const shared = freeTags(a.tags);
  return b.tags.some((t) => shared.includes(t));
}

/** Other modules holding the same knowledge as this piece. */
export function alsoIn(p: Programme, moduleId: string, piece: MiniKnowledge): Module[] {
  return p.modules.filter((m) => m.id !== moduleId && m.sessions.some((s) => s.miniKnowledge.some((k) => sameKnowledge(piece, k))));
}

export interface OverlapPlace {
  moduleId: string;
  sessionId: string;
}

/**
 * What appears in more than one module: topics (tags on sessions and their Mini Knowledge) and
 * pieces of Mini Knowledge with the same title. Each entry lists every place it appears.
 */
export function overlapMap(p: Programme): { label: string; kind: 'topic' | 'knowledge'; places: OverlapPlace[] }[] {
  const topics = new Map<string, OverlapPlace[]>();
  const knowledge = new Map<string, { label: string; places: OverlapPlace[] }>();
  const add = (map: Map<string, OverlapPlace[]>, key: string, place: OverlapPlace) => {
    const list = map.get(key) ?? [];
    if (!list.some((x) => x.sessionId === place.sessionId)) list.push(place);
    map.set(key, list);
  };
  for (const m of p.modules) {
    for (const s of m.sessions) {
      const place = { moduleId: m.id, sessionId: s.id };
      for (const t of new Set([...s.tags, ...s.miniKnowledge.flatMap((k) => k.tags)])) add(topics, t, place);
      for (const k of s.miniKnowledge) {
        const key = normalise(k.title);
        const entry = knowledge.get(key) ?? { label: k.title, places: [] };
        if (!entry.places.some((x) => x.sessionId === s.id)) entry.places.push(place);
        knowledge.set(key, entry);
      }
    }
  }
  const inSeveralModules = (places: OverlapPlace[]) => new Set(places.map((x) => x.moduleId)).size > 1;
  return [
    ...[...knowledge.values()].filter((k) => inSeveralModules(k.places)).map((k) => ({ label: k.label, kind: 'knowledge' as const, places: k.places })),
    ...[...topics.entries()].filter(([, places]) => inSeveralModules(places)).map(([label, places]) => ({ label, kind: 'topic' as const, places })),
  ];
}
