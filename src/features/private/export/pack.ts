import { zipSync, strToU8 } from 'fflate';
import { privacyRegistry } from '../../../db/privacy-registry.ts';
import { formatDateTime } from '../../../lib/format.ts';

const escape = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** A readable, self-contained HTML page of the export. */
export function exportHtml(name: string, data: Record<string, Record<string, unknown>[]>, now: Date): string {
  const sections = Object.entries(data)
    .map(([table, rows]) => {
      const purpose = privacyRegistry[table]?.purpose ?? '';
      if (rows.length === 0) return `<section><h2>${escape(table)}</h2><p>${escape(purpose)}</p><p>Nothing held.</p></section>`;
      const cols = Object.keys(rows[0]!);
      const head = cols.map((c) => `<th scope="col">${escape(c)}</th>`).join('');
      const body = rows.map((r) => `<tr>${cols.map((c) => `<td>${escape(String(r[c] ?? ''))}</td>`).join('')}</tr>`).join('');
      return `<section><h2>${escape(table)}</h2><p>${escape(purpose)}</p><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></section>`;
    })
    .join('\n');
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Your data from Peer Toolbox</title><style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top;white-space:pre-wrap}</style></head><body><h1>Everything Peer Toolbox holds about ${escape(name)}</h1><p>Made ${escape(formatDateTime(now.toISOString()))}. The same information is in the json folder, one file per kind of record.</p>${sections}</body></html>`;
}

/** The download: a readable page and one JSON file per kind of record, in one zip. */
export function exportZip(name: string, data: Record<string, Record<string, unknown>[]>, now: Date): Uint8Array {
  const files: Record<string, Uint8Array> = { 'index.html': strToU8(exportHtml(name, data, now)) };
  for (const [table, rows] of Object.entries(data)) files[`json/${table}.json`] = strToU8(JSON.stringify(rows, null, 2));
  return zipSync({ 'my-peer-toolbox-data': files });
}
