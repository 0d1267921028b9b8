/**
 * Test helper: starts a real `moto_server` on a free 127.0.0.1 port and stops it after. When
 * moto_server is not installed, `motoInstalled` is false: test files then skip loudly, and under
 * CI=true they fail instead (DESIGN.md, "Tests on two cores").
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { PutMetricDataCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';

/** True when `moto_server` can be started from PATH. */
export const motoInstalled: boolean =
  spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).status === 0;

/** True under CI, where a missing moto_server must fail the run rather than skip. */
export const inCi: boolean = process.env.CI === 'true';

export interface Moto {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/** Dummy credentials for moto (it does not check signatures). Never real. */
export const motoCredentials = { accessKeyId: 'AKIDMOTOTEST', secretAccessKey: 'moto-test-secret' };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${endpoint}/moto-api/`);
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('moto_server did not start within the timeout');
}

/**
 * Starts moto_server; resolves once it answers HTTP. `env` adds to its environment (e.g.
 * INITIAL_NO_AUTH_ACTION_COUNT, after which moto authenticates requests and checks signatures).
 */
export async function startMoto(env: Record<string, string> = {}): Promise<Moto> {
  const port = await freePort();
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
    env: { ...process.env, ...env },
  });
  const endpoint = `http://127.0.0.1:${port}`;
  await waitReady(endpoint, child, 30_000);
  return {
    endpoint,
    port,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Resets moto's state between tests. */
export async function resetMoto(moto: Moto): Promise<void> {
  const res = await fetch(`${moto.endpoint}/moto-api/reset`, { method: 'POST' });
  await res.arrayBuffer();
}

/** Call at the top of a moto test file: warns loudly when skipping outside CI. */
export function announceMotoSkip(file: string): void {
  if (!motoInstalled && !inCi)
    console.warn(
      `\n*** SKIPPED ${file}: moto_server is not installed (pip install 'moto[server]'); ` +
        'the AWS collector integration tests did NOT run. Under CI=true this fails instead. ***\n',
    );
}

/** putLambdaMetric puts one AWS/Lambda datapoint of `functionName` into moto's CloudWatch. */
export async function putLambdaMetric(
  cw: CloudWatchClient,
  functionName: string,
  metric: string,
  atMs: number,
  value: number,
): Promise<void> {
  await cw.send(
    new PutMetricDataCommand({
      Namespace: 'AWS/Lambda',
      MetricData: [
        {
          MetricName: metric,
          Dimensions: [{ Name: 'FunctionName', Value: functionName }],
          Timestamp: new Date(atMs),
          Value: value,
        },
      ],
    }),
  );
}
