/**
 * NoteCipher: real AES-256-GCM over a note's body, so the encrypt and decrypt routes do the work a
 * real API would. The key lives only in memory for the life of the server.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Encrypts and decrypts note bodies with one key. */
export class NoteCipher {
  private readonly key: Buffer;

  /** @param key 32 bytes; a random key when omitted. */
  constructor(key?: Buffer) {
    this.key = key ?? randomBytes(32);
  }

  /** encrypt returns `iv.tag.ciphertext`, each base64. */
  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), ct].map((b) => b.toString('base64')).join('.');
  }

  /** decrypt reverses encrypt; returns undefined when the text is not ours or was tampered with. */
  decrypt(sealed: string): string | undefined {
    const [iv, tag, ct] = sealed.split('.').map((p) => Buffer.from(p, 'base64'));
    if (!iv || !tag || !ct || iv.length !== 12 || tag.length !== 16) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
