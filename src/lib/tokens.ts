import { createHash, randomBytes } from 'node:crypto';

/** A random secret to hand to a person (cookie, emailed link): 32 bytes, URL-safe. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** What is stored in place of a secret, so a copy of the database cannot be used to sign in. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('base64url');
