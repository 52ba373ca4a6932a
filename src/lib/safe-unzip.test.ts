import { describe, expect, it } from 'vitest';
import { Zip, ZipDeflate, strToU8, zipSync } from 'fflate';
import { DEFAULT_UNZIP_LIMITS, unzipWithLimits } from './safe-unzip.ts';

/** A zip of `files` files of `mb` megabytes of zeros each: tiny on the wire, huge unpacked. */
function zerosZip(files: number, mb: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    parts.push(chunk);
  });
  const zeros = new Uint8Array(1024 * 1024);
  for (let f = 0; f < files; f++) {
    const file = new ZipDeflate(`session-${f}.md`, { level: 1 });
    zip.add(file);
    for (let i = 0; i < mb; i++) file.push(zeros, i === mb - 1);
  }
  zip.end();
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Rewrites every size the archive's directory declares to a small lie, as a hostile zip would. */
function lieAboutSizes(zip: Uint8Array): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 46 <= out.length; i++) if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 1000, true);
  return out;
}

// Made once: deflating the zeros is most of these tests' time.
let bombCache: Uint8Array | undefined;
const bomb = () => (bombCache ??= zerosZip(3, 32));

describe('unzipping an upload within limits', () => {
  it('unpacks an ordinary content pack', () => {
    const zip = zipSync({ 'programme.md': strToU8('---\ntitle: A course\n---\n'), 'one/session.md': strToU8('Lesson text. '.repeat(500)) });
    const result = unzipWithLimits(zip);
    expect(result.ok && Object.keys(result.files).sort()).toEqual(['one/session.md', 'programme.md']);
  });

  it('refuses a zip bomb from what its directory declares, before unpacking anything', () => {
    expect(bomb().length).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    const result = unzipWithLimits(bomb(), { ...DEFAULT_UNZIP_LIMITS, maxEntryBytes: 30 * 1024 * 1024 });
    expect(result).toEqual({ ok: false, message: expect.stringContaining('larger than 30 MB once unpacked') });
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(20 * 1024 * 1024);
  }, 60_000);

  it('stops a bomb whose directory lies about its sizes as soon as the real bytes cross a limit', () => {
    const result = unzipWithLimits(lieAboutSizes(bomb()), { ...DEFAULT_UNZIP_LIMITS, maxTotalBytes: 50 * 1024 * 1024 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/compressed far more|larger than/);
  }, 60_000);

  it('refuses a highly compressed file below the size limits by its ratio', () => {
    const result = unzipWithLimits(zerosZip(1, 5));
    expect(result).toEqual({ ok: false, message: expect.stringContaining('compressed far more than a real document') });
  });

  it('refuses too many files', () => {
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}.md`, strToU8('x')]));
    expect(unzipWithLimits(zipSync(many), { ...DEFAULT_UNZIP_LIMITS, maxEntries: 20 })).toEqual({
      ok: false,
      message: 'The zip file holds more than 20 files.',
    });
  });

  it('says so when the upload is not a zip', () => {
    expect(unzipWithLimits(strToU8('garbage'))).toEqual({ ok: false, message: 'The upload is not a zip file, or it is damaged.' });
  });
});
