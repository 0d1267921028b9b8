// Preloaded into `flashcrowd run` by bench/startup.mjs (node --import), the same way for every
// build, so builds without FLASHCROWD_STARTUP_PROBE can be measured too. It watches the
// coordinator's `start` message to its workers (the shared start instant, when arrival 0 of the
// schedule is due) and, at that instant, writes to $STARTUP_PRELOAD_OUT this process's CPU time
// (process.cpuUsage: every thread) and that of its child processes (the embedded target; read
// from /proc/<pid>/stat, Linux), in ms. It changes nothing else.
import { Worker } from 'node:worker_threads';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const out = process.env.STARTUP_PRELOAD_OUT;
const ticksPerSec = Number(process.env.STARTUP_CLK_TCK || 100);

function childrenCpuMs() {
  let ms = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command (which may hold spaces) start after the last ')'.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(f[1]) !== process.pid) continue; // f[1] is ppid
      ms += ((Number(f[11]) + Number(f[12])) / ticksPerSec) * 1000; // utime, stime
    } catch {
      // a process that just ended
    }
  }
  return ms;
}

if (out) {
  const post = Worker.prototype.postMessage;
  let armed = true;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (armed && message?.type === 'start' && typeof message.startEpochMs === 'number') {
      armed = false;
      const at = () => {
        const u = process.cpuUsage();
        const selfMs = (u.user + u.system) / 1000;
        const childMs = childrenCpuMs();
        writeFileSync(
          out,
          JSON.stringify({ wallMs: performance.now(), selfMs, childMs, totalMs: selfMs + childMs }),
        );
      };
      setTimeout(at, Math.max(0, message.startEpochMs - Date.now())).unref();
    }
    return post.call(this, message, ...rest);
  };
}
