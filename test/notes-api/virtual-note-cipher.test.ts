import { describe, expect, it } from 'vitest';
import { NoteCipher } from '../../src/notes-api/note-crypto.js';
import { VirtualNoteCipher } from '../../src/notes-api/virtual-note-cipher.js';

const TEXTS = [
  '',
  'a',
  'ab',
  'abc',
  'hello world',
  'x'.repeat(401),
  'café ☕ déjà vu',
  '𝄞'.repeat(7),
];

describe('VirtualNoteCipher', () => {
  it('seals a body into exactly as many characters as AES-GCM sealing, and restores it', () => {
    const real = new NoteCipher();
    const virtual = new VirtualNoteCipher();
    for (const text of TEXTS) {
      const sealed = virtual.encrypt(text);
      expect(sealed.length, JSON.stringify(text)).toBe(real.encrypt(text).length);
      expect(sealed).not.toContain(text.length > 2 ? text : '\u0000');
      expect(virtual.decrypt(sealed)).toBe(text);
    }
  });

  it('refuses text it did not seal, as the real cipher does', () => {
    const virtual = new VirtualNoteCipher();
    expect(virtual.decrypt('plain text')).toBeUndefined();
    expect(virtual.decrypt(new NoteCipher().encrypt('x'))).toBeUndefined();
  });
});
