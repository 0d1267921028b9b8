// Spawns the built CLI (`npm run build` first): `flashcrowd serve --port 0`, then Ctrl-C.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../bin/flashcrowd.js');

function startServe(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no URL printed: ${stdout} ${stderr}`)),
      20_000,
    );
    child.stdout.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    void exit.then(() => reject(new Error(`exited: ${stderr}`)));
  });
  return { child, url, exit, output: () => ({ stdout, stderr }) };
}

describe('flashcrowd serve', () => {
  it('prints its URL, serves notes, and exits 0 on Ctrl-C', async () => {
    const s = startServe(['--platform', 'lmi', '--seed', '1']);
    const url = await s.url;
    const res = await fetch(`${url}/notes`, {
      method: 'POST',
      body: JSON.stringify({ title: 'hi' }),
    });
    expect(res.status).toBe(201);
    const state = (await (await fetch(`${url}/_model/state`)).json()) as {
      platform: string;
      lmi: { instances: number; functions: Record<string, { environments: number }> };
    };
    expect(state.platform).toBe('lmi');
    // 8 functions x 3 environments (AWS's minimum per function), 4 to an instance.
    expect(state.lmi.instances).toBe(6);
    expect(Object.values(state.lmi.functions).map((f) => f.environments)).toEqual(
      new Array<number>(8).fill(3),
    );
    s.child.kill('SIGINT');
    expect(await s.exit).toBe(0);
    expect(s.output().stdout).toContain('stopped');
  });

  it('exits 2 naming model.* paths for bad model parameters', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fc-serve-'));
    const file = join(dir, 'model.yaml');
    writeFileSync(
      file,
      'model:\n  lmi:\n    minInstances: 9\n    maxInstances: 2\n    instanceType: m7g.giant\n',
    );
    const s = startServe(['--model', file]);
    s.url.catch(() => undefined);
    expect(await s.exit).toBe(2);
    expect(s.output().stderr).toContain('model.lmi.minInstances');
    expect(s.output().stderr).toContain('model.lmi.instanceType');
  });

  it('exits 2 for a negative --target-cpu', async () => {
    const s = startServe(['--target-cpu', '-0.5']);
    s.url.catch(() => undefined);
    expect(await s.exit).toBe(2);
    expect(s.output().stderr).toContain('model.lmi.targetCpu');
  });
});
