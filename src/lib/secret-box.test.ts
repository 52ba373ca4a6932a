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
});
