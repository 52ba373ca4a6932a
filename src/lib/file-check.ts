import { unzipSync } from 'fflate';
import { fileTypeFromBuffer } from 'file-type';

/** The kinds of file a person may upload, with how each is named to them. */
export const ALLOWED_UPLOADS = [
  { kind: 'pdf', label: 'PDF', description: 'a PDF', extensions: ['.pdf'], mime: 'application/pdf' },
  {
    kind: 'docx',
    label: 'Word (DOCX)',
    description: 'a Word (DOCX) file',
    extensions: ['.docx'],
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  {
    kind: 'odt',
    label: 'OpenDocument text (ODT)',
    description: 'an OpenDocument text (ODT) file',
    extensions: ['.odt'],
    mime: 'application/vnd.oasis.opendocument.text',
  },
  {
    kind: 'pptx',
    label: 'PowerPoint (PPTX)',
    description: 'a PowerPoint (PPTX) file',
    extensions: ['.pptx'],
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  },
  { kind: 'png', label: 'PNG', description: 'a PNG image', extensions: ['.png'], mime: 'image/png' },
  { kind: 'jpeg', label: 'JPEG', description: 'a JPEG image', extensions: ['.jpg', '.jpeg'], mime: 'image/jpeg' },
] as const satisfies readonly { kind: string; label: string; description: string; extensions: readonly string[]; mime: string }[];

export type UploadKind = (typeof ALLOWED_UPLOADS)[number]['kind'];
type AllowedUpload = (typeof ALLOWED_UPLOADS)[number];

export type UploadCheck = { ok: true; kind: UploadKind; mime: string; safeFilename: string } | { ok: false; message: string };

// file-type's `ext` for each allowed kind. An animated PNG is still a PNG to every viewer.
const KIND_BY_DETECTED_EXT: Readonly<Record<string, UploadKind>> = { pdf: 'pdf', docx: 'docx', odt: 'odt', pptx: 'pptx', png: 'png', apng: 'png', jpg: 'jpeg' };

const MAX_FILENAME_LENGTH = 120;
const MAX_ZIP_ENTRIES = 5000;
const MAX_ZIP_MARKER_BYTES = 1024 * 1024;

const NOT_ALLOWED_MESSAGE = `This file is not ${listLabels()} file. Choose one of those.`;

function listLabels(): string {
  const labels = ALLOWED_UPLOADS.map((u) => u.label);
  return `a ${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`;
}

const byKind = (kind: UploadKind): AllowedUpload => ALLOWED_UPLOADS.find((u) => u.kind === kind) as AllowedUpload;

const byExtension = (ext: string): AllowedUpload | undefined => ALLOWED_UPLOADS.find((u) => (u.extensions as readonly string[]).includes(ext));

function formatMegabytes(bytes: number): string {
  return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
}

/** The last part of a name as sent by any browser or OS: both / and \ separate folders. */
function baseName(filename: string): string {
  const parts = filename.split(/[/\\]/);
  return (parts.at(-1) ?? '').trim();
}

/** The lower-case extension including its dot, or '' when the name has none. */
function extensionOf(base: string): string {
  const dot = base.lastIndexOf('.');
  return dot === -1 ? '' : base.slice(dot).toLowerCase();
}

/**
 * Checks an upload by what its bytes are, not only by its name, so that a program renamed to
 * `notes.pdf` is refused. Messages are written for the person who chose the file.
 */
export async function checkUpload(input: { filename: string; bytes: Uint8Array; maxBytes: number }): Promise<UploadCheck> {
  const { filename, bytes, maxBytes } = input;
  if (bytes.byteLength === 0) return { ok: false, message: 'The file is empty. Choose a file that has something in it.' };
  if (bytes.byteLength > maxBytes) return { ok: false, message: `The file is larger than ${formatMegabytes(maxBytes)}. Choose a smaller file.` };

  const base = baseName(filename);
  const ext = extensionOf(base);
  const claimed = byExtension(ext);
  const detected = await detectKind(bytes);

  if (!claimed) {
    if (!detected) return { ok: false, message: NOT_ALLOWED_MESSAGE };
    const actual = byKind(detected);
    const ending = ext === '' || ext === '.' ? 'has no ending such as .pdf' : `ends in ${ext}, which is not accepted`;
    return {
      ok: false,
      message: `This file’s name ${ending}, but it looks like ${actual.description}. Rename it to end in ${actual.extensions[0]} and try again.`,
    };
  }
  if (detected !== claimed.kind) {
    if (detected) {
      const actual = byKind(detected);
      return {
        ok: false,
        message: `This file’s name ends in ${ext} but it is ${actual.description}. Rename it to end in ${actual.extensions[0]} and try again.`,
      };
    }
    return { ok: false, message: `This file’s name ends in ${ext} but it is not ${claimed.description}. Check you chose the right file.` };
  }
  return { ok: true, kind: claimed.kind, mime: claimed.mime, safeFilename: safeFilename(base, ext) };
}

async function detectKind(bytes: Uint8Array): Promise<UploadKind | null> {
  const result = await fileTypeFromBuffer(bytes);
  if (!result) return null;
  if (result.ext === 'zip') return sniffOfficeZip(bytes);
  return KIND_BY_DETECTED_EXT[result.ext] ?? null;
}

/**
 * file-type reports a plain ZIP when it cannot read the marker entries it relies on (for example a
 * [Content_Types].xml without a main part, or local headers it gives up on). Look once more through
 * the central directory, reading only the two small marker entries.
 */
function sniffOfficeZip(bytes: Uint8Array): UploadKind | null {
  const names: string[] = [];
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (entry) => {
        // A forged entry count would otherwise keep the loop going for billions of rounds.
        if (names.push(entry.name) > MAX_ZIP_ENTRIES) throw new Error('Too many ZIP entries');
        const isMarker = entry.name === 'mimetype' || entry.name === '[Content_Types].xml';
        // fflate inflates into a buffer of the declared size, so this bounds the memory a ZIP bomb can take.
        return isMarker && entry.originalSize <= MAX_ZIP_MARKER_BYTES && (entry.compression === 0 || entry.compression === 8);
      },
    });
  } catch {
    return null;
  }
  const text = (name: string): string | undefined => {
    const data = files[name];
    return data ? new TextDecoder().decode(data) : undefined;
  };
  if (text('mimetype')?.trim() === byKind('odt').mime) return 'odt';

  const contentTypes = text('[Content_Types].xml');
  // Macro-enabled documents (.docm, .pptm) can run code when opened.
  if (contentTypes === undefined || /macroenabled/i.test(contentTypes)) return null;
  const hasWord = names.some((n) => n.startsWith('word/'));
  const hasSlides = names.some((n) => n.startsWith('ppt/'));
  if (hasWord && !hasSlides) return 'docx';
  if (hasSlides && !hasWord) return 'pptx';
  return null;
}

/** A name safe to store and show: no folders, no control or unusual characters, the checked extension kept. */
function safeFilename(base: string, ext: string): string {
  const stem = base
    .slice(0, base.length - ext.length)
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N} ._()-]/gu, '-')
    .replace(/\s+/g, ' ')
    .replace(/-{2,}/g, '-')
    .replace(/\.{2,}/g, '.')
    // A leading dot would hide the file on Unix; trailing dots and spaces are dropped by Windows.
    .replace(/^[\s.\-_]+|[\s.\-_]+$/g, '');
  // Count code points, not UTF-16 units, so truncation never splits a character in two.
  const kept = Array.from(stem)
    .slice(0, MAX_FILENAME_LENGTH - ext.length)
    .join('')
    .replace(/[\s.\-_]+$/, '');
  return `${kept || 'file'}${ext}`;
}

/**
 * A Content-Disposition value that downloads under the given name. The quoted ASCII name is for old
 * clients; filename* (RFC 6266 / 8187) carries the real name in UTF-8.
 */
export function contentDisposition(filename: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const name = baseName(filename).replace(/[\u0000-\u001f\u007f]/g, '');
  const ascii =
    name
      // Some browsers percent-decode the plain filename, so % is replaced too.
      .replace(/[^\x20-\x7e]|["\\%]/g, '_')
      .trim() || 'file';
  const encoded = encodeURIComponent(name || 'file').replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
