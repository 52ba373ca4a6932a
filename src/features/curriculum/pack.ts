import { readdir, readFile, mkdir, writeFile } from 'node:fs/promises';
import { join, relative, sep, posix } from 'node:path';
import { LineCounter, parseDocument, stringify, isMap, isNode, isScalar, type Document } from 'yaml';
import { z } from 'zod';
import { zipSync } from 'fflate';
import { DEFAULT_UNZIP_LIMITS, unzipWithLimits, type UnzipLimits } from '../../lib/safe-unzip.ts';
import { ASSIGNMENT_LIMITS, newPartId, programmeSchema, type Assignment, type Programme } from './model.ts';

/** Reading and writing content packs: the folder format in docs/content-packs.md. */

export interface PackProblem {
  file: string;
  line: number;
  message: string;
}

export interface PackFile {
  /** Path inside the module folder, e.g. files/handout.pdf. */
  path: string;
  title: string;
  bytes: Uint8Array;
}

export type PackResult = { ok: true; programme: Programme; files: Map<string, PackFile> } | { ok: false; problems: PackProblem[] };

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lowercase letters, digits and hyphens');
const text = z.string();
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);
const opt = text.nullish().transform((v) => v ?? '');

const programmeFront = z.strictObject({ title: text.min(1, 'title is required'), slug, summary: opt, facilitator_notes: opt });
const moduleFront = z.strictObject({
  id: slug.optional(),
  title: text.min(1, 'title is required'),
  purpose: opt,
  stands_alone: z
    .boolean()
    .nullish()
    .transform((v) => v ?? null),
  pre_programme: z.boolean().default(false),
  tags: list(text),
  facilitator_notes: opt,
  stocktake: list(z.strictObject({ id: slug, text })),
});
const number = (max: number) =>
  z
    .number()
    .int('use a whole number')
    .min(0, 'use a whole number of 0 or more')
    .max(max, `use a number up to ${max}`)
    .nullish()
    .transform((v) => v ?? null);
const assignmentFront = z.strictObject({
  id: slug,
  title: text.min(1, 'title is required'),
  brief: opt,
  guidance: opt,
  criteria: z
    .array(z.strictObject({ id: slug, text: text.min(1, 'a criterion needs its text') }))
    .max(ASSIGNMENT_LIMITS.criteria, `at most ${ASSIGNMENT_LIMITS.criteria} criteria`)
    .nullish()
    .transform((v) => v ?? []),
  word_limits: z
    .strictObject({
      minimum: number(ASSIGNMENT_LIMITS.words),
      maximum: number(ASSIGNMENT_LIMITS.words),
      tolerance_percent: number(ASSIGNMENT_LIMITS.tolerancePercent),
    })
    .nullish(),
  formative_drafts: number(ASSIGNMENT_LIMITS.drafts),
  resubmissions: number(ASSIGNMENT_LIMITS.resubmissions),
  retention_months: number(ASSIGNMENT_LIMITS.retentionMonths),
});
type AssignmentFront = z.infer<typeof assignmentFront>;

const assignmentFromPack = (a: AssignmentFront) => ({
  id: a.id,
  title: a.title,
  brief: a.brief,
  guidance: a.guidance,
  criteria: a.criteria,
  wordLimits: { minimum: a.word_limits?.minimum ?? null, maximum: a.word_limits?.maximum ?? null, tolerancePercent: a.word_limits?.tolerance_percent ?? null },
  formativeDrafts: a.formative_drafts,
  resubmissions: a.resubmissions,
  retentionMonths: a.retention_months,
});

/** An assignment as pack front matter; unset numbers are left out, as the reader reads a missing one as unset. */
const assignmentToPack = (a: Assignment) => {
  const w = a.wordLimits;
  const limits = { minimum: w.minimum ?? undefined, maximum: w.maximum ?? undefined, tolerance_percent: w.tolerancePercent ?? undefined };
  return {
    id: a.id,
    title: a.title,
    brief: a.brief || undefined,
    guidance: a.guidance || undefined,
    criteria: a.criteria.length ? a.criteria : undefined,
    word_limits: Object.values(limits).some((v) => v !== undefined) ? limits : undefined,
    formative_drafts: a.formativeDrafts ?? undefined,
    resubmissions: a.resubmissions ?? undefined,
    retention_months: a.retentionMonths ?? undefined,
  };
};

const sessionFront = z.strictObject({
  id: slug.optional(),
  title: text.min(1, 'title is required'),
  aim: opt,
  overview: opt,
  duration_minutes: z.number().int().positive().nullish(),
  tags: list(text),
  content_notes: list(z.strictObject({ topic: text, text })),
  learning_intentions: list(z.strictObject({ id: slug, text })),
  mini_knowledge: list(z.strictObject({ id: slug.optional(), title: text, intentions: z.array(slug), tags: list(text), body: opt })),
  activities: list(z.strictObject({ id: slug.optional(), title: text, minutes: z.number().int().min(0).nullish(), participant: opt, facilitator: opt })),
  files: list(z.strictObject({ path: text, title: text })),
  resources: list(z.strictObject({ title: text, url: text, description: opt })),
  assessment: opt,
  assignments: list(assignmentFront),
});

interface Parsed<T> {
  data: T;
  body: string;
  /** The line of a field in the file, for problems found after parsing. */
  lineAt: (path: (string | number)[]) => number;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Splits front matter from body and validates it, recording problems with their line numbers. */
function parseMarkdown<T>(file: string, bytes: Uint8Array, schema: z.ZodType<T>, problems: PackProblem[]): Parsed<T> | null {
  let source: string;
  try {
    source = decoder
      .decode(bytes)
      .replace(/^\uFEFF/, '')
      .replace(/\r\n/g, '\n');
  } catch {
    problems.push({ file, line: 1, message: 'the file is not UTF-8 text' });
    return null;
  }
  const match = source.match(/^---\n([\s\S]*?)\n---(?:\n|$)/);
  if (!match) {
    problems.push({ file, line: 1, message: 'the file must start with front matter between --- lines' });
    return null;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(match[1]!, { lineCounter, prettyErrors: false });
  const lineOf = (offset: number) => lineCounter.linePos(offset).line + 1; // +1 for the opening ---
  if (doc.errors.length) {
    for (const e of doc.errors) problems.push({ file, line: lineOf(e.pos[0]), message: `front matter is not valid YAML: ${e.message.split('\n')[0]}` });
    return null;
  }
  const parsed = schema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // An unknown field is reported at its own line, not at the start of the object holding it.
      const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
      problems.push({ file, line: lineForPath(doc, path, lineOf, issue.code === 'unrecognized_keys'), message: describe(issue) });
    }
    return null;
  }
  return { data: parsed.data, body: source.slice(match[0].length).trim(), lineAt: (path) => lineForPath(doc, path, lineOf) };
}

function describe(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  if (issue.code === 'unrecognized_keys') return `${where}unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  return `${where}${issue.message}`;
}

function lineForPath(doc: Document, path: PropertyKey[], lineOf: (offset: number) => number, isKey = false): number {
  if (isKey && path.length) {
    const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1) as (string | number)[], true);
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1]);
      if (pair && isScalar(pair.key) && pair.key.range) return lineOf(pair.key.range[0]);
    }
  }
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as (string | number)[], true);
    if (isNode(node) && node.range) return lineOf(node.range[0]);
  }
  return 1;
}

/** Reads a pack from a map of its files (paths relative to the programme folder, '/' separated). */
export function readPackFiles(entries: Map<string, Uint8Array>): PackResult {
  const problems: PackProblem[] = [];
  const get = (path: string) => entries.get(path);

  const programmeBytes = get('programme.md');
  if (!programmeBytes) return { ok: false, problems: [{ file: 'programme.md', line: 1, message: 'every pack needs a programme.md' }] };
  const programme = parseMarkdown('programme.md', programmeBytes, programmeFront, problems);

  const moduleDirs = [...new Set([...entries.keys()].filter((p) => p.includes('/')).map((p) => p.split('/')[0]!))].sort();
  const files = new Map<string, PackFile>();
  const modules: unknown[] = [];
  const seenSessionIds = new Map<string, string>();
  const seenModuleIds = new Map<string, string>();
  const seenAssignmentIds = new Map<string, string>();

  for (const dir of moduleDirs) {
    if (!/^\d{2}-/.test(dir)) {
      problems.push({ file: dir, line: 1, message: 'module folders are named NN-slug, for example 01-introducing-peer-support' });
      continue;
    }
    const moduleFile = `${dir}/module.md`;
    const moduleBytes = get(moduleFile);
    if (!moduleBytes) {
      problems.push({ file: moduleFile, line: 1, message: 'every module folder needs a module.md' });
      continue;
    }
    const mod = parseMarkdown(moduleFile, moduleBytes, moduleFront, problems);
    const moduleId = mod?.data.id ?? dir.replace(/^\d{2}-/, '');
    if (seenModuleIds.has(moduleId))
      problems.push({ file: moduleFile, line: 1, message: `module id "${moduleId}" is also used by ${seenModuleIds.get(moduleId)}` });
    seenModuleIds.set(moduleId, moduleFile);

    const sessionFiles = [...entries.keys()].filter((p) => p.startsWith(`${dir}/`) && /^\d{2}-[^/]+\.md$/.test(p.slice(dir.length + 1))).sort();
    const sessions: unknown[] = [];
    for (const sessionFile of sessionFiles) {
      const s = parseMarkdown(sessionFile, get(sessionFile)!, sessionFront, problems);
      if (!s) continue;
      const stem = posix.basename(sessionFile, '.md');
      const id = s.data.id ?? stem;
      if (seenSessionIds.has(id)) problems.push({ file: sessionFile, line: 1, message: `session id "${id}" is also used by ${seenSessionIds.get(id)}` });
      seenSessionIds.set(id, sessionFile);
      const intentionIds = new Set<string>();
      s.data.learning_intentions.forEach((li, i) => {
        if (intentionIds.has(li.id))
          problems.push({ file: sessionFile, line: s.lineAt(['learning_intentions', i, 'id']), message: `learning intention id "${li.id}" is used twice` });
        intentionIds.add(li.id);
      });
      s.data.mini_knowledge.forEach((k, i) =>
        k.intentions.forEach((ref, j) => {
          if (intentionIds.has(ref)) return;
          const message = `Mini Knowledge "${k.title}" links to learning intention "${ref}", which is not defined in this session`;
          problems.push({ file: sessionFile, line: s.lineAt(['mini_knowledge', i, 'intentions', j]), message });
        }),
      );
      s.data.assignments.forEach((a, i) => {
        const at = (...path: (string | number)[]) => s.lineAt(['assignments', i, ...path]);
        if (seenAssignmentIds.has(a.id))
          problems.push({ file: sessionFile, line: at('id'), message: `assignment id "${a.id}" is also used by ${seenAssignmentIds.get(a.id)}` });
        seenAssignmentIds.set(a.id, sessionFile);
        const criterionIds = new Set<string>();
        a.criteria.forEach((c, j) => {
          if (criterionIds.has(c.id))
            problems.push({ file: sessionFile, line: at('criteria', j, 'id'), message: `criterion id "${c.id}" is used twice in assignment "${a.id}"` });
          criterionIds.add(c.id);
        });
        const w = a.word_limits;
        if (w && w.minimum !== null && w.maximum !== null && w.minimum > w.maximum)
          problems.push({ file: sessionFile, line: at('word_limits'), message: `assignment "${a.id}": the minimum number of words is more than the maximum` });
      });
      const sessionFilesOut = [];
      for (const [i, f] of s.data.files.entries()) {
        const full = posix.normalize(`${dir}/${f.path}`);
        const bytes = full.startsWith(`${dir}/`) ? get(full) : undefined;
        if (!bytes) {
          problems.push({ file: sessionFile, line: s.lineAt(['files', i, 'path']), message: `exercise file ${f.path} is not in the pack` });
          continue;
        }
        const fileId = newPartId();
        files.set(fileId, { path: full, title: f.title, bytes });
        sessionFilesOut.push({
          id: fileId,
          title: f.title,
          filename: posix.basename(full),
          mime: 'application/octet-stream',
          size: bytes.length,
          storageKey: `pending:${fileId}`,
        });
      }
      sessions.push({
        id,
        title: s.data.title,
        aim: s.data.aim,
        overview: s.data.overview,
        durationMinutes: s.data.duration_minutes ?? null,
        lesson: s.body,
        assessment: s.data.assessment,
        tags: s.data.tags,
        contentNotes: s.data.content_notes,
        learningIntentions: s.data.learning_intentions,
        miniKnowledge: s.data.mini_knowledge.map((k) => ({ id: k.id ?? newPartId(), title: k.title, intentions: k.intentions, tags: k.tags, body: k.body })),
        activities: s.data.activities.map((a) => ({
          id: a.id ?? newPartId(),
          title: a.title,
          minutes: a.minutes ?? null,
          participant: a.participant,
          facilitator: a.facilitator,
        })),
        files: sessionFilesOut,
        resources: s.data.resources.map((r) => ({ id: newPartId(), title: r.title, url: r.url, description: r.description })),
        assignments: s.data.assignments.map(assignmentFromPack),
      });
    }
    if (mod) {
      modules.push({
        id: moduleId,
        title: mod.data.title,
        purpose: mod.data.purpose,
        description: mod.body,
        facilitatorNotes: mod.data.facilitator_notes,
        standsAlone: mod.data.stands_alone,
        preProgramme: mod.data.pre_programme,
        tags: mod.data.tags,
        stocktake: mod.data.stocktake,
        sessions,
      });
    }
  }

  if (problems.length || !programme) return { ok: false, problems };
  const result = programmeSchema.safeParse({
    slug: programme.data.slug,
    title: programme.data.title,
    summary: programme.data.summary,
    description: programme.body,
    facilitatorNotes: programme.data.facilitator_notes,
    modules,
  });
  if (!result.success) {
    // Anything the document schema refuses that the file schemas let through (a bad URL, a bad tag).
    return { ok: false, problems: result.error.issues.map((i) => ({ file: fileForPath(result.error, i.path, modules), line: 1, message: describe(i) })) };
  }
  return { ok: true, programme: result.data, files };
}

function fileForPath(_e: z.ZodError, path: PropertyKey[], modules: unknown[]): string {
  if (path[0] !== 'modules' || typeof path[1] !== 'number') return 'programme.md';
  const m = modules[path[1]] as { id: string; sessions: { id: string }[] };
  if (path[2] === 'sessions' && typeof path[3] === 'number') return `${m.id} › ${m.sessions[path[3]]?.id ?? ''}`;
  return `${m.id}/module.md`;
}

/** Reads a pack from a folder on disk. */
export async function readPackFolder(dir: string): Promise<PackResult> {
  const entries = new Map<string, Uint8Array>();
  async function walk(d: string) {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(d, entry.name);
      if (entry.isDirectory()) await walk(full);
      else entries.set(relative(dir, full).split(sep).join('/'), new Uint8Array(await readFile(full)));
    }
  }
  await walk(dir);
  return readPackFiles(entries);
}

/**
 * How much an uploaded pack may hold once unpacked (documented in docs/content-packs.md): far more than
 * a programme of a few hundred Markdown files and its handouts needs, far less than would hurt the server.
 */
export const PACK_UNZIP_LIMITS: UnzipLimits = DEFAULT_UNZIP_LIMITS;

/**
 * Reads a pack from a zip, with or without one top-level folder around it. The zip is unpacked within
 * `limits`, so a small upload that would unpack to gigabytes is refused before it is.
 */
export function readPackZip(zip: Uint8Array, limits: UnzipLimits = PACK_UNZIP_LIMITS): PackResult {
  const unzipped = unzipWithLimits(zip, limits);
  if (!unzipped.ok) return { ok: false, problems: [{ file: 'upload', line: 1, message: unzipped.message }] };
  const raw = unzipped.files;
  const names = Object.keys(raw).filter((n) => !n.endsWith('/') && !n.split('/').some((part) => part.startsWith('.') || part === '__MACOSX'));
  const prefix = names.includes('programme.md') ? '' : (names.find((n) => /^[^/]+\/programme\.md$/.test(n))?.split('/')[0] ?? '');
  const entries = new Map<string, Uint8Array>();
  for (const n of names) {
    if (prefix && !n.startsWith(`${prefix}/`)) continue;
    const rel = prefix ? n.slice(prefix.length + 1) : n;
    if (rel.split('/').includes('..')) continue;
    entries.set(rel, raw[n]!);
  }
  return readPackFiles(entries);
}

const two = (n: number) => String(n + 1).padStart(2, '0');

function frontMatter(data: Record<string, unknown>, body: string): string {
  const clean = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)));
  return `---\n${stringify(clean, { lineWidth: 0 })}---\n${body ? `${body}\n` : ''}`;
}

/** Writes a programme as pack files; `fileBytes` gives each exercise file's content by its id. */
export function writePackFiles(p: Programme, fileBytes: (fileId: string) => Uint8Array | undefined): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const enc = new TextEncoder();
  out.set('programme.md', enc.encode(frontMatter({ title: p.title, slug: p.slug, summary: p.summary, facilitator_notes: p.facilitatorNotes }, p.description)));
  p.modules.forEach((m, mi) => {
    const dir = `${two(mi)}-${m.id}`;
    out.set(
      `${dir}/module.md`,
      enc.encode(
        frontMatter(
          {
            id: m.id,
            title: m.title,
            purpose: m.purpose,
            stands_alone: m.standsAlone,
            pre_programme: m.preProgramme,
            tags: m.tags,
            facilitator_notes: m.facilitatorNotes,
            stocktake: m.stocktake,
          },
          m.description,
        ),
      ),
    );
    m.sessions.forEach((s, si) => {
      const files = s.files.map((f) => {
        const bytes = fileBytes(f.id);
        if (bytes) out.set(`${dir}/files/${f.filename}`, bytes);
        return { path: `files/${f.filename}`, title: f.title };
      });
      out.set(
        `${dir}/${two(si)}-${s.id.replace(/^\d{2}-/, '')}.md`,
        enc.encode(
          frontMatter(
            {
              id: s.id,
              title: s.title,
              aim: s.aim,
              overview: s.overview,
              duration_minutes: s.durationMinutes,
              tags: s.tags,
              content_notes: s.contentNotes,
              learning_intentions: s.learningIntentions,
              mini_knowledge: s.miniKnowledge.map((k) => ({
                id: k.id,
                title: k.title,
                intentions: k.intentions,
                tags: k.tags.length ? k.tags : undefined,
                body: k.body || undefined,
              })),
              activities: s.activities.map((a) => ({
                id: a.id,
                title: a.title,
                minutes: a.minutes ?? undefined,
                participant: a.participant || undefined,
                facilitator: a.facilitator || undefined,
              })),
              files,
              resources: s.resources.map((r) => ({ title: r.title, url: r.url, description: r.description || undefined })),
              assessment: s.assessment,
              assignments: s.assignments.map(assignmentToPack),
            },
            s.lesson,
          ),
        ),
      );
    });
  });
  return out;
}

export async function writePackFolder(dir: string, files: Map<string, Uint8Array>): Promise<void> {
  for (const [path, bytes] of files) {
    const full = join(dir, ...path.split('/'));
    await mkdir(join(full, '..'), { recursive: true });
    await writeFile(full, bytes);
  }
}

export function packZip(slugName: string, files: Map<string, Uint8Array>): Uint8Array {
  const tree: Record<string, Uint8Array> = {};
  for (const [path, bytes] of files) tree[`${slugName}/${path}`] = bytes;
  return zipSync(tree);
}
