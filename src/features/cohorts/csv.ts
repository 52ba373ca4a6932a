import { parse } from 'csv-parse/sync';
import { cleanFormText } from '../../views/form.tsx';
import { memberEmail, memberName, personName } from './forms.ts';

export interface CsvRow {
  line: number;
  name: string;
  email: string;
  problems: string[];
}

const count = (n: number) => n.toLocaleString('en-GB');

/** A row's problems with its name, by the members form's rule. */
function nameProblems(typed: string): string[] {
  if (!personName(typed)) return ['No name'];
  const parsed = memberName.safeParse(typed);
  return parsed.success
    ? []
    : parsed.error.issues.map((i) => (i.code === 'too_big' ? `${i.message} (this one has ${count(personName(typed).length)})` : i.message));
}

/** A row's problems with its email address, by the members form's rule. */
function emailProblems(address: string): string[] {
  if (!address) return ['No email address'];
  const parsed = memberEmail.safeParse(address);
  if (parsed.success) return [];
  const tooLong = parsed.error.issues.find((i) => i.code === 'too_big');
  return [tooLong ? tooLong.message : `“${address}” is not an email address`];
}

/**
 * The text of an uploaded CSV file, cleaned as typed text is (the app cleans form fields, not files),
 * and the file's name for the page to say what was checked.
 */
export async function uploadedCsv(file: File): Promise<{ text: string; fileName: string }> {
  const fileName = personName(cleanFormText(file.name)).slice(0, 100) || 'the file';
  return { text: cleanFormText(await file.text()), fileName };
}

/**
 * Reads a participants CSV with a header row holding "name" and "email" (any order, any case; other
 * columns are ignored) and checks each row's name and address by the members form's rules. Rows
 * already in the cohort, or that the importer may not enrol, are reported by the caller.
 */
export function readParticipantsCsv(text: string): { rows: CsvRow[]; fileProblem: string | null } {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch {
    return { rows: [], fileProblem: 'The file could not be read as CSV. Save it from your spreadsheet as “CSV (comma separated)” and try again.' };
  }
  if (records.length === 0) return { rows: [], fileProblem: 'The file is empty.' };
  const header = records[0]!.map((h) => h.toLowerCase());
  const nameCol = header.indexOf('name');
  const emailCol = header.findIndex((h) => h === 'email' || h === 'email address');
  if (nameCol < 0 || emailCol < 0) return { rows: [], fileProblem: 'The first row must be a header with the columns name and email.' };
  if (records.length === 1) return { rows: [], fileProblem: 'The file has a header but no people.' };
  if (records.length > 501) return { rows: [], fileProblem: 'The file has more than 500 people. Split it into smaller files.' };
  const seen = new Map<string, number>();
  const rows = records.slice(1).map((r, i) => {
    const line = i + 2;
    const name = personName(r[nameCol] ?? '');
    const address = (r[emailCol] ?? '').trim().toLowerCase();
    const addressProblems = emailProblems(address);
    if (addressProblems.length === 0 && seen.has(address)) addressProblems.push(`Same email address as row ${seen.get(address)}`);
    const problems = [...nameProblems(r[nameCol] ?? ''), ...addressProblems];
    if (address && !seen.has(address)) seen.set(address, line);
    return { line, name, email: address, problems };
  });
  return { rows, fileProblem: null };
}
