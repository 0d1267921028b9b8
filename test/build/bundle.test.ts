/**
 * The bundle (`npm run build` -> scripts/bundle.mjs -> dist/bundle/): bin/flashcrowd.js runs it,
 * and every lazily loaded chunk must load and give names. A package whose CommonJS build is
 * bundled behind import() gives a chunk with only a default export, and code such as
 * `const { SignatureV4 } = await import('@smithy/signature-v4')` then finds undefined at run time
 * (it did, before the bundle preferred ES module builds). Needs `npm run build`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import type * as LatencyHistogram from '../../src/record/latency-histogram.js';
import { repoRoot } from '../helpers/run-profile.js';

const bundle = join(repoRoot, 'dist/bundle');

function bundleFiles(dir = bundle): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return bundleFiles(path);
    return path.endsWith('.js') ? [path] : [];
  });
}

describe('the bundle', () => {
  it('is what bin/flashcrowd.js runs', () => {
    expect(readFileSync(join(repoRoot, 'bin/flashcrowd.js'), 'utf8')).toContain(
      "from '../dist/bundle/cli/main.js'",
    );
    for (const entry of [
      'cli/main.js',
      'generator/worker.js',
      'notes-api/embedded-target-child.js',
    ])
      expect(existsSync(join(bundle, entry)), `run \`npm run build\` first: ${entry}`).toBe(true);
  });

  it('gives named exports from every chunk it loads with import()', async () => {
    const targets = new Set<string>();
    for (const file of bundleFiles())
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/\bimport\("(\.{1,2}\/[^"]+)"\)/g))
        targets.add(resolve(dirname(file), spec));
    expect(targets.size).toBeGreaterThan(10); // the scan works
    const defaultOnly: string[] = [];
    for (const target of targets) {
      const names = Object.keys((await import(pathToFileURL(target).href)) as object);
      if (names.length === 0 || names.every((n) => n === 'default'))
        defaultOnly.push(target.slice(bundle.length + 1));
    }
    expect(defaultOnly).toEqual([]);
  });

  it("encodes latencies with node:zlib, as hdr's index does, without pako's code", async () => {
    const files = bundleFiles().filter((f) =>
      readFileSync(f, 'utf8').includes('findDeflateFunction'),
    );
    expect(files).toHaveLength(1); // hdr-histogram-js's encoding is bundled once
    expect(readFileSync(files[0], 'utf8')).not.toContain('deflateSetDictionary'); // pako's deflate.js
    const bundled = (await import(pathToFileURL(files[0]).href)) as typeof LatencyHistogram;
    const ours = bundled.createLatencyHistogram();
    const library = hdr.build({ bitBucketSize: 32, highestTrackableValue: 600_000_000 });
    for (const ms of [0.2, 1.5, 3, 40, 900, 12_000]) {
      bundled.recordMs(ours, ms);
      library.recordValue(Math.round(ms * 1000));
    }
    const encoded = bundled.encodeHistogram(ours);
    expect(encoded).toBe(hdr.encodeIntoCompressedBase64(library));
    expect(bundled.decodeHistogram(encoded).totalCount).toBe(6);
  });
});
