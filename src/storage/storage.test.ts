import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localFileStorage, newStorageKey, type FileStorage } from './index.ts';

let parent: string;
let root: string;
let storage: FileStorage;

beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'peer-toolbox-storage-'));
  // A root that does not exist yet: the first put must create it.
  root = join(parent, 'uploads', 'files');
  storage = localFileStorage(root);
});

afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10]);

describe('localFileStorage', () => {
  it('returns exactly the bytes that were put', async () => {
    const key = newStorageKey();
    await storage.put(key, bytes);
    const got = await storage.get(key);
    expect(got).toBeInstanceOf(Uint8Array);
    expect(Array.from(got ?? [])).toEqual(Array.from(bytes));
  });

  it('replaces a file put again under the same key and leaves no temporary files behind', async () => {
    const key = newStorageKey();
    await storage.put(key, bytes);
    await storage.put(key, new Uint8Array([1, 2, 3]));
    expect(Array.from((await storage.get(key)) ?? [])).toEqual([1, 2, 3]);
    expect(await readdir(root)).toEqual([key]);
  });

  it('returns null for a key with nothing stored', async () => {
    expect(await storage.get(newStorageKey())).toBeNull();
  });

  it('deletes a file, and deleting again is not an error', async () => {
    const key = newStorageKey();
    await storage.put(key, bytes);
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
    await expect(storage.delete(key)).resolves.toBeUndefined();
  });

  it('gives a different key each time', () => {
    expect(newStorageKey()).not.toBe(newStorageKey());
  });

  it.each(['../escape', '..', 'a/b', 'a\\b', '/etc/passwd', '.hidden', '.', '', 'a..b', 'C:file', 'x\u0000y'])(
    'refuses the key %j for every operation',
    async (key) => {
      await expect(storage.put(key, bytes)).rejects.toThrow(/unsafe storage key/);
      await expect(storage.get(key)).rejects.toThrow(/unsafe storage key/);
      await expect(storage.delete(key)).rejects.toThrow(/unsafe storage key/);
    },
  );

  it('cannot read or delete a file outside the root', async () => {
    await storage.put(newStorageKey(), bytes);
    const outside = join(parent, 'uploads', 'secret');
    await writeFile(outside, 'secret');
    await expect(storage.get('../secret')).rejects.toThrow();
    await expect(storage.delete('../secret')).rejects.toThrow();
    expect(await readdir(join(parent, 'uploads'))).toContain('secret');
  });
});
