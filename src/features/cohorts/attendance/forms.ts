import type { FormValues } from '../../../views/form.tsx';
import { isAttendanceStatus, type AttendanceStatus } from './model.ts';

/**
 * The register form: one choice per participant, named `mark_<user id>`. A participant left without a
 * choice keeps whatever they had; a value the form could not have sent is an error, not dropped.
 */
export function registerForm(
  values: FormValues,
  participants: readonly { user_id: string; name: string }[],
): { ok: true; marks: { userId: string; status: AttendanceStatus }[] } | { ok: false; errors: Record<string, string> } {
  const marks: { userId: string; status: AttendanceStatus }[] = [];
  const errors: Record<string, string> = {};
  for (const p of participants) {
    const value = values[`mark_${p.user_id}`];
    if (value === undefined || value === '') continue;
    if (isAttendanceStatus(value)) marks.push({ userId: p.user_id, status: value });
    else errors[`mark_${p.user_id}`] = `${p.name}: choose one of the listed marks`;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, marks };
}
