import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Seals a small secret (a private key) with AES-256-GCM under a key derived by HKDF-SHA256 from a
 * server secret and a purpose, so one server secret can seal several kinds of thing without their
 * keys being related. Output: `v1.<iv>.<tag>.<ciphertext>`, each base64url.
 */
export function seal(serverSecret: string, purpose: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derive(serverSecret, purpose), iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

/** Opens what `seal` made with the same secret and purpose; throws when either differs or the box was altered. */
export function open(serverSecret: string, purpose: string, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed box');
  const decipher = createDecipheriv('aes-256-gcm', derive(serverSecret, purpose), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(purpose));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

const derive = (serverSecret: string, purpose: string): Buffer =>
  Buffer.from(hkdfSync('sha256', Buffer.from(serverSecret, 'base64url'), Buffer.alloc(0), `peer-toolbox:${purpose}`, 32));
