import { diffWords } from 'diff';
import type { Session } from './model.ts';
import type { FieldChange } from './views.tsx';

/** The parts of a session compared between versions, each as one readable text. */
function fields(s: Session): Record<string, string> {
  return {
    Title: s.title,
    Aim: s.aim,
    Overview: s.overview,
    Duration: s.durationMinutes ? `${s.durationMinutes} minutes` : '',
    'Content notes': s.contentNotes.map((n) => n.text).join('\n'),
    'Learning intentions': s.learningIntentions.map((li) => li.text).join('\n'),
    'Mini Knowledge': s.miniKnowledge.map((k) => `${k.title}: ${k.body}`).join('\n'),
    Lesson: s.lesson,
    Activities: s.activities.map((a) => `${a.title}: ${a.participant} ${a.facilitator}`).join('\n'),
    Assessment: s.assessment,
    Assignments: s.assignments
      .map((a) => {
        const w = a.wordLimits;
        const numbers = `words ${w.minimum ?? '–'} to ${w.maximum ?? '–'} (±${w.tolerancePercent ?? 0}%), drafts ${a.formativeDrafts ?? '–'}, resubmissions ${a.resubmissions ?? '–'}, kept ${a.retentionMonths ?? '–'} months`;
        return [a.title, a.brief, a.guidance, ...a.criteria.map((c) => c.text), numbers].join('\n');
      })
      .join('\n\n'),
    'Exercise files': s.files.map((f) => f.title).join('\n'),
    'Useful resources': s.resources.map((r) => `${r.title} ${r.url}`).join('\n'),
  };
}

/** What changed in a session from one version to the next, word by word. */
export function sessionChanges(before: Session, after: Session): FieldChange[] {
  const a = fields(before);
  const b = fields(after);
  const out: FieldChange[] = [];
  for (const field of Object.keys(b)) {
    if (a[field] === b[field]) continue;
    out.push({ field, parts: diffWords(a[field] ?? '', b[field] ?? '').map((p) => ({ value: p.value, added: p.added, removed: p.removed })) });
  }
  return out;
}
