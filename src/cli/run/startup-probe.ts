/**
 * startupProbe: a hidden measuring aid for bench/startup.sh. With FLASHCROWD_STARTUP_PROBE=<file>
 * in the environment, `run` writes <file> (JSON) once the first planned arrival is due: the CPU
 * time (user + system, ms) this process has used since it started (main thread, worker threads and
 * Node's own threads: process.cpuUsage is process-wide) and, with the embedded target, the CPU time
 * of the target's child process, plus a few labelled marks on the way. Wall times are ms since this
 * process started (performance.now() of the main thread). Without the variable it does nothing.
 * The file is written on a timer at the shared start instant, when arrival 0 of the schedule is due,
 * so it costs the traffic nothing; a failure to write it is ignored (it is a debugging aid).
 */
import { writeFileSync } from 'node:fs';
import type { EmbeddedTarget } from '../../notes-api/embedded-target-host.js';
import type { CliContext } from '../cli-context.js';

/** The environment variable naming the file the probe writes. */
export const STARTUP_PROBE_ENV = 'FLASHCROWD_STARTUP_PROBE';

/** One point on the way to the first arrival. */
export interface StartupMark {
  name: string;
  /** ms since this process started. */
  wallMs: number;
  /** CPU ms (user + system) of this process since it started. */
  cpuMs: number;
}

/** What the probe file holds. */
export interface StartupReport {
  marks: StartupMark[];
  /** At the start instant: this process, the embedded target's child (0 without one), their sum. */
  firstArrival: StartupMark & { targetCpuMs: number; totalCpuMs: number };
}

export interface StartupProbe {
  /** mark records a labelled point (cheap: one cpuUsage call). */
  mark(name: string): void;
  /** atStart: call with the shared start instant; the report is written at that instant. */
  atStart(startEpochMs: number, embedded?: EmbeddedTarget): void;
}

/** startupProbe returns the probe when FLASHCROWD_STARTUP_PROBE is set, else null. */
export function startupProbe(ctx: CliContext): StartupProbe | null {
  const file = ctx.env[STARTUP_PROBE_ENV];
  if (!file) return null;
  const marks: StartupMark[] = [];
  const now = (name: string): StartupMark => {
    const u = ctx.cpuUsage();
    return { name, wallMs: round1(performance.now()), cpuMs: round1((u.user + u.system) / 1000) };
  };
  return {
    mark: (name) => void marks.push(now(name)),
    atStart(startEpochMs, embedded) {
      marks.push(now('workers-ready'));
      const timer = setTimeout(
        () => {
          const at = now('first-arrival');
          void (embedded?.cpuUsage() ?? Promise.resolve({ userMs: 0, systemMs: 0 }))
            .catch(() => ({ userMs: 0, systemMs: 0 }))
            .then((t) => {
              const targetCpuMs = round1(t.userMs + t.systemMs);
              const report: StartupReport = {
                marks,
                firstArrival: { ...at, targetCpuMs, totalCpuMs: round1(at.cpuMs + targetCpuMs) },
              };
              try {
                writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
              } catch {
                // a debugging aid: never fail the run for it
              }
            });
        },
        Math.max(0, startEpochMs - Date.now()),
      );
      timer.unref();
    },
  };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
