import { describe, expect, it } from 'vitest';
import { open, seal } from './secret-box.ts';
import { newSecret } from './tokens.ts';

describe('secret box', () => {
  it('opens what it sealed, and nothing sealed with another secret or purpose, or altered', () => {
    const secret = newSecret();
    const box = seal(secret, 'credential-signing-key', 'private key');
    expect(box).not.toContain('private key');
    expect(open(secret, 'credential-signing-key', box)).toBe('private key');
    expect(() => open(newSecret(), 'credential-signing-key', box)).toThrow();
    expect(() => open(secret, 'something-else', box)).toThrow();
    const parts = box.split('.');
    parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith('AA') ? 'AB' : 'AA');
    expect(() => open(secret, 'credential-signing-key', parts.join('.'))).toThrow();
  });

  it('refuses a truncated tag and a nonce of the wrong length', () => {
    const secret = newSecret();
    const [version, iv, tag, body] = seal(secret, 'p', 'hello private key').split('.') as [string, string, string, string];
    // GCM checks only as many tag bytes as it is given unless told the length: 4 bytes would be 2^32 guesses away.
    for (const n of [4, 12, 15]) {
      const short = Buffer.from(tag, 'base64url').subarray(0, n).toString('base64url');
      expect(() => open(secret, 'p', [version, iv, short, body].join('.'))).toThrow();
    }
    const longIv = Buffer.concat([Buffer.from(iv, 'base64url'), Buffer.alloc(4)]).toString('base64url');
    expect(() => open(secret, 'p', [version, longIv, tag, body].join('.'))).toThrow(/nonce/);
  });

  it('refuses a server secret that is not 32 bytes of base64url', () => {
    for (const bad of ['', 'not*base64$$', Buffer.alloc(16).toString('base64url')]) {
      expect(() => seal(bad, 'p', 'x')).toThrow(/32 bytes/);
      expect(() => open(bad, 'p', 'v1.a.b.c')).toThrow(/32 bytes/);
    }
  });
});
