import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Where uploaded files live. Local disk now; an object store can implement the same three calls. */
export interface FileStorage {
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The stored bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<Uint8Array | null>;
  /** Removes the file; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
}

export const newStorageKey = (): string => randomUUID();

// Keys come from newStorageKey(), but a key that reached here from a request must still never
// name a path outside the root, a hidden file (temporary files start with a dot) or a device.
const SAFE_KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

function assertSafeKey(key: string): void {
  if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`Refusing unsafe storage key: ${JSON.stringify(key.slice(0, 100))}`);
}

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';

/** Stores each file as rootDir/key, readable only by the app's own user. */
export function localFileStorage(rootDir: string): FileStorage {
  return {
    async put(key, bytes) {
      assertSafeKey(key);
      await mkdir(rootDir, { recursive: true, mode: 0o700 });
      // Written beside the target and renamed, so a reader never sees half a file and a crash leaves no partial upload.
      const temporary = join(rootDir, `.tmp-${randomUUID()}`);
      try {
        const handle = await open(temporary, 'wx', 0o600);
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temporary, join(rootDir, key));
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },

    async get(key) {
      assertSafeKey(key);
      try {
        const data = await readFile(join(rootDir, key));
        return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async delete(key) {
      assertSafeKey(key);
      await rm(join(rootDir, key), { force: true });
    },
  };
}
