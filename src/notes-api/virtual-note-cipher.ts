/**
 * VirtualNoteCipher: simulate's stand-in for NoteCipher. In virtual time the model, not the
 * handler, decides how long a request takes, so doing real AES-GCM (and drawing a random IV) per
 * encrypt is wasted work. This cipher seals a body into a string of exactly the length NoteCipher
 * would produce (`iv.tag.ciphertext`, each base64: 16 + 1 + 24 + 1 + base64 length of the UTF-8
 * body), so stored notes, reply byte counts and 409s are unchanged, and decrypt restores the body.
 * Not a cipher: never use it outside simulate.
 *
 * Memory: an ASCII body is sealed without copying it: IV and tag, then padding, then the body
 * itself, joined (V8 keeps the join as a rope over the shared padding and the body), so a store
 * full of encrypted notes costs about what the plain ones do. The padding's first character,
 * never a base64 one, says by how much the body's length falls short of a whole number of base64
 * quanta (0, 1 or 2), which is what decrypt needs to find where the body starts. Other bodies are
 * base64-encoded, as before.
 */
import { NoteCipher } from './note-crypto.js';
import { isAscii } from './is-ascii.js';

/** Base64 of a 12-byte IV and a 16-byte tag, as NoteCipher writes them (contents irrelevant). */
const IV_AND_TAG = `${'A'.repeat(16)}.${'A'.repeat(24)}.`;

/** Padding characters for a shortfall of 0, 1, 2 (none is in the base64 alphabet). */
const PAD = ['~', '!', '^'];

/** Paddings longer than this are made for each call instead of kept (bodies of 12 Ki+). */
const PAD_CACHE_MAX = 4096;

/** padCache[shortfall][length]: padding strings made so far (shared by every sealed body). */
const padCache: string[][] = [[], [], []];

/** Reversible, length-preserving sealing of note bodies for virtual runs. */
export class VirtualNoteCipher extends NoteCipher {
  constructor() {
    super(Buffer.alloc(32));
  }

  /** encrypt returns a string as long as NoteCipher.encrypt's (see the file comment). */
  override encrypt(plaintext: string): string {
    const n = plaintext.length;
    if (!isAscii(plaintext)) return IV_AND_TAG + Buffer.from(plaintext, 'utf8').toString('base64');
    // The base64 of n bytes is 4 * ceil(n / 3) characters; n = 3 * quanta - shortfall.
    const quanta = Math.ceil(n / 3);
    return IV_AND_TAG + padding(quanta * 3 - n, quanta * 4 - n) + plaintext;
  }

  /** decrypt reverses encrypt; undefined for a string that encrypt did not make. */
  override decrypt(sealed: string): string | undefined {
    if (!sealed.startsWith(IV_AND_TAG)) return undefined;
    const rest = sealed.length - IV_AND_TAG.length;
    const shortfall = rest > 0 ? PAD.indexOf(sealed[IV_AND_TAG.length]) : -1;
    if (shortfall < 0)
      return Buffer.from(sealed.slice(IV_AND_TAG.length), 'base64').toString('utf8');
    if (rest % 4 !== 0) return undefined;
    return sealed.slice(sealed.length - ((rest / 4) * 3 - shortfall));
  }
}

/** padding: `length` (>= 1) characters PAD[shortfall], the same string for the same arguments. */
function padding(shortfall: number, length: number): string {
  const cache = padCache[shortfall];
  let p = cache[length];
  if (p === undefined) {
    p = PAD[shortfall].repeat(length);
    if (length <= PAD_CACHE_MAX) cache[length] = p;
  }
  return p;
}
