import { describe, expect, test } from 'vitest';
import { didYouMean, editDistance } from '../../src/profile/did-you-mean.js';

describe('editDistance', () => {
  test.each([
    ['', '', 0],
    ['abc', '', 3], // deletions
    ['rate', 'rampTo', 4],
    ['kitten', 'sitting', 3], // the textbook case
    ['reqests', 'requests', 1], // one insertion
    ['laod', 'load', 1], // one swap of neighbours
    ['ca', 'abc', 3], // a swap is not combined with an edit of the same letters
  ] as const)('%j vs %j = %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance); // symmetric
  });
});

describe('didYouMean', () => {
  const keys = ['name', 'description', 'target', 'load', 'requests', 'gates', 'rampTo', 'rate'];
  test.each([
    ['reqests', 'did you mean `requests`?'], // typo
    ['laod', 'did you mean `load`?'], // two letters swapped
    ['Gates', 'did you mean `gates`?'], // case only
    ['rampto', 'did you mean `rampTo`?'], // case only
    ['ramp_to', 'did you mean `rampTo`?'], // two edits in a longer word
    ['colour', undefined], // nothing close
    ['x', undefined], // too short to guess from anything but one edit away... and nothing is
  ] as const)('%j -> %j', (word, hint) => {
    expect(didYouMean(word, keys)).toBe(hint);
  });
});
