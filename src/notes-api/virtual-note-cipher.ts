/**
 * VirtualNoteCipher: simulate's stand-in for NoteCipher. In virtual time the model, not the
 * handler, decides how long a request takes, so doing real AES-GCM (and drawing a random IV) per
 * encrypt is wasted work. This cipher seals a body into a string of exactly the length NoteCipher
 * would produce (`iv.tag.ciphertext`, each base64: 16 + 1 + 24 + 1 + base64 length of the UTF-8
 * body), so stored notes, reply byte counts and 409s are unchanged, and decrypt restores the body.
 * Not a cipher: never use it outside simulate.
 */
import { NoteCipher } from './note-crypto.js';

/** Base64 of a 12-byte IV and a 16-byte tag, as NoteCipher writes them (contents irrelevant). */
const IV_AND_TAG = `${'A'.repeat(16)}.${'A'.repeat(24)}.`;

/** Reversible, length-preserving sealing of note bodies for virtual runs. */
export class VirtualNoteCipher extends NoteCipher {
  constructor() {
    super(Buffer.alloc(32));
  }

  /** encrypt returns a string as long as NoteCipher.encrypt's; the body is base64-encoded only. */
  override encrypt(plaintext: string): string {
    return IV_AND_TAG + Buffer.from(plaintext, 'utf8').toString('base64');
  }

  /** decrypt reverses encrypt; undefined for a string that encrypt did not make. */
  override decrypt(sealed: string): string | undefined {
    if (!sealed.startsWith(IV_AND_TAG)) return undefined;
    return Buffer.from(sealed.slice(IV_AND_TAG.length), 'base64').toString('utf8');
  }
}
