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
      expect(sealed).not.toBe(text);
      expect(virtual.decrypt(sealed)).toBe(text);
    }
  });

  it('restores ASCII bodies of every length modulo 3, sealed as long as the real cipher does', () => {
    const real = new NoteCipher();
    const virtual = new VirtualNoteCipher();
    for (let n = 0; n <= 13; n++) {
      const text = 'Lorem ipsum d'.slice(0, n);
      const sealed = virtual.encrypt(text);
      expect(sealed.length, `length ${n}`).toBe(real.encrypt(text).length);
      expect(virtual.decrypt(sealed), `length ${n}`).toBe(text);
    }
    // Bodies that start like padding or base64 still come back whole.
    for (const text of ['~~~', '!', '^^', 'AAAA', '0123456789'])
      expect(virtual.decrypt(virtual.encrypt(text))).toBe(text);
  });

  it('refuses text it did not seal, as the real cipher does', () => {
    const virtual = new VirtualNoteCipher();
    expect(virtual.decrypt('plain text')).toBeUndefined();
    expect(virtual.decrypt(new NoteCipher().encrypt('x'))).toBeUndefined();
  });
});
