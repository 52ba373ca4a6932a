import { parse } from 'csv-parse/sync';
import { z } from 'zod';

export interface CsvRow {
  line: number;
  name: string;
  email: string;
  problems: string[];
}

const email = z.email();

/**
 * Reads a participants CSV with a header row holding "name" and "email" (any order, any case; other
 * columns are ignored) and checks each row. Rows already in the cohort are reported by the caller.
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
    const name = (r[nameCol] ?? '').trim();
    const address = (r[emailCol] ?? '').trim().toLowerCase();
    const problems: string[] = [];
    if (!name) problems.push('No name');
    if (!address) problems.push('No email address');
    else if (!email.safeParse(address).success) problems.push(`“${address}” is not an email address`);
    else if (seen.has(address)) problems.push(`Same email address as row ${seen.get(address)}`);
    if (address && !seen.has(address)) seen.set(address, line);
    return { line, name, email: address, problems };
  });
  return { rows, fileProblem: null };
}
