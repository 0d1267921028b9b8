/**
 * startupProbe: a hidden measuring aid for bench/startup.sh. With FLASHCROWD_STARTUP_PROBE=<file>
 * in the environment, `run` writes <file> (JSON) once the first planned arrival is due: the CPU
 * time (user + system, ms) this process has used since it started (main thread, worker threads and
 * Node's own threads: process.cpuUsage is process-wide) and, with the embedded target, the CPU time
 * of the target's child process, plus a few labelled marks on the way. Wall times are ms since this
 * process started (performance.now() of the main thread). Without the variable it does nothing.
 * The file is written on a timer at the shared start instant, when arrival 0 of the schedule is due,
 * and written again 1 s and 2 s into the traffic with this process's CPU at those instants
 * (`traffic`: how much the first seconds cost, i.e. whether the warm-up left warm code), so it
 * costs the traffic nothing; a failure to write it is ignored (it is a debugging aid).
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
  /** This process at 1 s and 2 s after the start instant (while the run lasts). */
  traffic: StartupMark[];
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
      const write = (report: StartupReport) => {
        try {
          writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
        } catch {
          // a debugging aid: never fail the run for it
        }
      };
      let report: StartupReport | undefined;
      const at = (delayMs: number, fn: () => void) =>
        setTimeout(fn, Math.max(0, startEpochMs + delayMs - Date.now())).unref();
      at(0, () => {
        const first = now('first-arrival');
        void (embedded?.cpuUsage() ?? Promise.resolve({ userMs: 0, systemMs: 0 }))
          .catch(() => ({ userMs: 0, systemMs: 0 }))
          .then((t) => {
            const targetCpuMs = round1(t.userMs + t.systemMs);
            report = {
              marks,
              firstArrival: {
                ...first,
                targetCpuMs,
                totalCpuMs: round1(first.cpuMs + targetCpuMs),
              },
              traffic: [],
            };
            write(report);
          });
      });
      for (const second of [1, 2])
        at(second * 1000, () => {
          if (!report) return;
          report.traffic.push(now(`traffic-${second}s`));
          write(report);
        });
    },
  };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
