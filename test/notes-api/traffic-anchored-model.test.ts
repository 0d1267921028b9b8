import { describe, expect, it } from 'vitest';
import { parseModelParams } from '../../src/model/parse-model-params.js';
import { createPlatformModel } from '../../src/model/platform-model.js';
import { createRandom } from '../../src/random/seeded-random.js';
import { createTrafficAnchoredModel } from '../../src/notes-api/traffic-anchored-model.js';

const T0 = 1_700_000_000_000;

function anchored() {
  const params = parseModelParams({ platform: 'lmi' });
  const rng = createRandom(1);
  return createTrafficAnchoredModel(
    (startMs) => createPlatformModel(params, { startMs, random: () => rng.next() }),
    T0,
  );
}

const instances = (m: ReturnType<typeof anchored>) =>
  m.series().find((s) => s.name === 'lmi.instances')?.points ?? [];

describe('createTrafficAnchoredModel', () => {
  it('answers state and series before any request, from its creation time', () => {
    const m = anchored();
    m.advance(T0 + 3_500);
    expect(instances(m).map(([t]) => t)).toEqual([T0, T0 + 1000, T0 + 2000]);
    expect(m.state(T0 + 3_500)).toMatchObject({ platform: 'lmi' });
    expect(m.params.platform).toBe('lmi');
  });

  it('starts second 0 at the first request, dropping the idle seconds before it', () => {
    const m = anchored();
    m.advance(T0 + 2_700);
    const first = T0 + 2_750;
    expect(m.admit('read', first).admitted).toBe(true);
    m.admit('read', first + 400);
    m.advance(first + 2_000);
    expect(instances(m).map(([t]) => t)).toEqual([first, first + 1000]);
    const invocations = m.series().find((s) => s.name === 'lambda.invocations');
    expect(invocations?.points).toEqual([
      [first, 2],
      [first + 1000, 0],
    ]);
  });
});
