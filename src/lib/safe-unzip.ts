import { Unzip, UnzipInflate, unzipSync } from 'fflate';

export interface UnzipLimits {
  /** Files and folders in the archive. */
  maxEntries: number;
  /** Uncompressed size of any one file. */
  maxEntryBytes: number;
  /** Uncompressed size of all files together. */
  maxTotalBytes: number;
  /** Uncompressed ÷ compressed size, checked once a file passes `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_UNZIP_LIMITS: UnzipLimits = {
  maxEntries: 2000,
  maxEntryBytes: 25 * 1024 * 1024,
  maxTotalBytes: 100 * 1024 * 1024,
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
};

export type UnzipResult = { ok: true; files: Record<string, Uint8Array> } | { ok: false; message: string };

// Compressed input is fed to the inflater in slices, so one push can never produce more than about a
// thousand times this much output before the counters below get to look at it.
const SLICE = 16 * 1024;
const MB = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;

/**
 * Unzips an upload without trusting it: refuses, before decompressing anything, an archive whose own
 * directory declares too many files or too much data, then counts what really comes out while
 * inflating (declared sizes can lie) and stops at the first limit crossed. A zip bomb is refused having
 * allocated no more than a limit's worth.
 */
export function unzipWithLimits(zip: Uint8Array, limits: UnzipLimits = DEFAULT_UNZIP_LIMITS): UnzipResult {
  let problem: string | null = null;
  const refuse = (message: string) => {
    problem ??= message;
  };
  const tooBig = (what: string, limit: number) => `${what} is larger than ${MB(limit)} once unpacked. Content packs are refused above that size.`;

  // 1. The archive's directory: declared counts and sizes, nothing inflated.
  let entries = 0;
  let declaredTotal = 0;
  try {
    unzipSync(zip, {
      filter: (f) => {
        entries += 1;
        declaredTotal += f.originalSize;
        if (entries > limits.maxEntries) refuse(`The zip file holds more than ${limits.maxEntries} files.`);
        if (f.originalSize > limits.maxEntryBytes) refuse(tooBig(`“${f.name}”`, limits.maxEntryBytes));
        if (declaredTotal > limits.maxTotalBytes) refuse(tooBig('The zip file', limits.maxTotalBytes));
        if (f.originalSize > limits.ratioFloorBytes && f.originalSize > limits.maxRatio * Math.max(f.size, 1))
          refuse(`“${f.name}” is compressed far more than a real document would be, so it was not unpacked.`);
        return false;
      },
    });
  } catch {
    return { ok: false, message: 'The upload is not a zip file, or it is damaged.' };
  }
  if (problem) return { ok: false, message: problem };

  // 2. Inflate, counting real bytes.
  const files: Record<string, Uint8Array> = {};
  let total = 0;
  const unzipper = new Unzip((file) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (err, chunk, final) => {
      if (problem) return;
      if (err) return refuse('The upload is not a zip file, or it is damaged.');
      size += chunk.length;
      total += chunk.length;
      if (size > limits.maxEntryBytes) refuse(tooBig(`“${file.name}”`, limits.maxEntryBytes));
      else if (total > limits.maxTotalBytes) refuse(tooBig('The zip file', limits.maxTotalBytes));
      else if (size > limits.ratioFloorBytes && size > limits.maxRatio * Math.max(file.size ?? zip.length, 1))
        refuse(`“${file.name}” is compressed far more than a real document would be, so it was not unpacked.`);
      if (problem) return file.terminate();
      chunks.push(chunk);
      if (final) files[file.name] = concat(chunks, size);
    };
    if (!problem) file.start();
  });
  unzipper.register(UnzipInflate);
  try {
    for (let at = 0; at < zip.length && !problem; at += SLICE) unzipper.push(zip.subarray(at, at + SLICE), at + SLICE >= zip.length);
  } catch {
    refuse('The upload is not a zip file, or it is damaged.');
  }
  return problem ? { ok: false, message: problem } : { ok: true, files };
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
