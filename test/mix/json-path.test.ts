import { JSONPath } from 'jsonpath-plus';
import { describe, expect, it } from 'vitest';
import { jsonPathValues } from '../../src/mix/json-path.js';

describe('jsonPathValues', () => {
  it('reads `$.name` directly exactly as jsonpath-plus does', () => {
    const roots: unknown[] = [
      { id: 'n1' },
      { id: 5 },
      { id: null },
      { id: { a: 1 } },
      { id: [1, 2] },
      { id: false },
      { id: undefined },
      {},
      Object.create({ id: 'inherited' }) as unknown,
      [1, 2],
      { length: 3 },
      { constructor: 1 },
    ];
    const paths = [
      '$.id',
      '$.x',
      '$.length',
      '$.constructor',
      '$.toString',
      '$.__proto__',
      '$.a.b',
    ];
    for (const root of roots)
      for (const path of paths) {
        const found: unknown = JSONPath({ path, json: root as object, wrap: true, eval: 'safe' });
        expect(jsonPathValues(root, path), `${JSON.stringify(root)} ${path}`).toEqual(
          Array.isArray(found) ? found : [],
        );
      }
  });
});
