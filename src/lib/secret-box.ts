import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals a small secret (a private key) with AES-256-GCM under a key derived by HKDF-SHA256 from a
 * server secret and a purpose, so one server secret can seal several kinds of thing without their
 * keys being related. Output: `v1.<iv>.<tag>.<ciphertext>`, each base64url.
 */
export function seal(serverSecret: string, purpose: string, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', derive(serverSecret, purpose), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

/** Opens what `seal` made with the same secret and purpose; throws when either differs or the box was altered. */
export function open(serverSecret: string, purpose: string, sealed: string): string {
  const key = derive(serverSecret, purpose);
  const [version, ivText, tagText, body] = sealed.split('.');
  if (version !== 'v1' || !ivText || !tagText || body === undefined) throw new Error('not a sealed box');
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== IV_BYTES) throw new Error('sealed box: the nonce must be 12 bytes');
  // Without a fixed tag length GCM accepts a tag cut short, and a 4-byte tag is forged by trying 2^32 of them.
  if (tag.length !== TAG_BYTES) throw new Error('sealed box: the tag must be 16 bytes');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(purpose));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

function derive(serverSecret: string, purpose: string): Buffer {
  // Base64url decoding skips what it cannot read, so a mistyped or short secret would quietly make a weak key.
  const root = Buffer.from(serverSecret, 'base64url');
  if (root.length !== 32 || root.toString('base64url') !== serverSecret.replace(/=+$/, '')) throw new Error('the server secret must be 32 bytes in base64url');
  return Buffer.from(hkdfSync('sha256', root, Buffer.alloc(0), `peer-toolbox:${purpose}`, 32));
}
