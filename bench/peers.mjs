// Peer-tool adapters for bench/run.mjs: how to find each load generator, the command line for the
// two benchmark modes, and how to read its requests, duration and p99 latency from its output.
// Every adapter returns null for a mode the tool cannot do (e.g. wrk 4 has no fixed rate).
//
// Mode `max`: closed loop, `users` connections with zero think time, for `durationS` seconds.
// Mode `rate`: a fixed `ratePerSec` for `durationS` seconds (open model where the tool has one).
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** which returns the absolute path of `cmd` on PATH, or null. */
export function which(cmd) {
  try {
    return execFileSync('bash', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** toMs converts a number with a unit (ns, us, µs, ms, s, secs, m) to milliseconds. */
export function toMs(value, unit) {
  const v = Number(value);
  switch (unit) {
    case 'ns':
      return v / 1e6;
    case 'us':
    case 'µs':
      return v / 1000;
    case 'ms':
      return v;
    case 's':
    case 'secs':
      return v * 1000;
    case 'm':
      return v * 60_000;
    default:
      throw new Error(`unknown unit ${unit}`);
  }
}

function match(text, re, what) {
  const m = re.exec(text);
  if (!m) throw new Error(`cannot read ${what} from output:\n${text.slice(0, 2000)}`);
  return m;
}

/** peerTools lists the adapters, given the bench folder (for bench/.tools). */
export function peerTools(benchDir) {
  const tools = join(benchDir, '.tools');
  const inTools = (rel, name) => {
    const p = join(tools, rel);
    return existsSync(p) ? p : which(name);
  };
  return [
    {
      // Not a peer: undici alone, the floor under flashcrowd's cost per request (undici-floor.mjs).
      name: 'undici-floor',
      find: () => join(benchDir, 'undici-floor.mjs'),
      command(bin, mode, c) {
        const args = [
          '--mode',
          mode,
          '--users',
          String(c.users),
          '--duration',
          String(c.durationS),
        ];
        if (mode === 'rate') args.push('--rate', String(c.ratePerSec));
        return ['node', [bin, ...args, c.url]];
      },
      parse(out) {
        return JSON.parse(out.slice(out.indexOf('{')));
      },
    },
    {
      name: 'wrk',
      find: () => which('wrk'),
      command(bin, mode, c) {
        if (mode !== 'max') return null; // Debian's wrk is wrk 4: no -R (that is wrk2)
        return [bin, ['-t1', `-c${c.users}`, `-d${c.durationS}s`, '--latency', c.url]];
      },
      parse(out) {
        const m = match(out, /(\d+) requests in ([\d.]+)(m|s|ms)/, 'wrk requests');
        const p = match(out, /^\s*99(?:\.000)?%\s+([\d.]+)(us|ms|s|m)\s*$/m, 'wrk p99');
        return {
          requests: Number(m[1]),
          durationS: toMs(m[2], m[3]) / 1000,
          p99Ms: toMs(p[1], p[2]),
        };
      },
    },
    {
      name: 'hey',
      find: () => which('hey'),
      command(bin, mode, c) {
        if (mode === 'max') return [bin, ['-z', `${c.durationS}s`, '-c', String(c.users), c.url]];
        // hey's -q is per worker: c workers x q each = the total rate.
        const workers = 50;
        return [
          bin,
          [
            '-z',
            `${c.durationS}s`,
            '-c',
            String(workers),
            '-q',
            String(c.ratePerSec / workers),
            c.url,
          ],
        ];
      },
      parse(out) {
        let requests = 0;
        for (const m of out.matchAll(/\[(\d+)\]\s+(\d+) responses/g)) requests += Number(m[2]);
        const total = match(out, /Total:\s+([\d.]+) secs/, 'hey total');
        const p = match(out, /99% in ([\d.]+) secs/, 'hey p99');
        return { requests, durationS: Number(total[1]), p99Ms: Number(p[1]) * 1000 };
      },
    },
    {
      name: 'h2load',
      find: () => which('h2load'),
      command(bin, mode, c) {
        if (mode !== 'max') return null; // its --rate is new connections per period, not requests
        return [bin, ['--h1', '-t1', `-c${c.users}`, `-D${c.durationS}`, c.url]];
      },
      parse(out) {
        const r = match(
          out,
          /requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded/,
          'h2load requests',
        );
        const f = match(out, /finished in ([\d.]+)(ms|s),/, 'h2load duration');
        return { requests: Number(r[3]), durationS: toMs(f[1], f[2]) / 1000, p99Ms: null };
      },
    },
    {
      name: 'autocannon',
      find: () => inTools('node_modules/autocannon/autocannon.js', 'autocannon'),
      command(bin, mode, c) {
        const run = bin.endsWith('.js') ? ['node', [bin]] : [bin, []];
        const args = ['-c', String(c.users), '-d', String(c.durationS), '-j'];
        if (mode === 'rate') args.push('-R', String(c.ratePerSec));
        return [run[0], [...run[1], ...args, c.url]];
      },
      parse(out) {
        const j = JSON.parse(out.slice(out.indexOf('{')));
        return { requests: j.requests.total, durationS: j.duration, p99Ms: j.latency.p99 };
      },
    },
    {
      name: 'vegeta',
      find: () => inTools('go/bin/vegeta', 'vegeta'),
      command(bin, mode, c) {
        const rate =
          mode === 'max'
            ? ['-rate=0', `-workers=${c.users}`, `-max-workers=${c.users}`]
            : [`-rate=${c.ratePerSec}/s`];
        const file = join(c.runDir, 'vegeta.bin');
        return [
          bin,
          ['attack', ...rate, `-duration=${c.durationS}s`, `-output=${file}`],
          `GET ${c.url}\n`,
        ];
      },
      parse(_out, c) {
        const bin = c.binary;
        const json = execFileSync(bin, ['report', '-type=json', join(c.runDir, 'vegeta.bin')], {
          encoding: 'utf8',
        });
        const j = JSON.parse(json);
        return {
          requests: j.requests,
          durationS: (j.duration + j.wait) / 1e9,
          p99Ms: j.latencies['99th'] / 1e6,
        };
      },
    },
    {
      name: 'oha',
      find: () => inTools('cargo/bin/oha', 'oha'),
      command(bin, mode, c) {
        const args = [
          '-z',
          `${c.durationS}s`,
          '-c',
          String(c.users),
          '--no-tui',
          '--output-format',
          'json',
        ];
        if (mode === 'rate') args.push('-q', String(c.ratePerSec), '--latency-correction');
        return [bin, [...args, c.url]];
      },
      parse(out) {
        const j = JSON.parse(out.slice(out.indexOf('{')));
        let requests = 0;
        for (const n of Object.values(j.statusCodeDistribution ?? {})) requests += n;
        return { requests, durationS: j.summary.total, p99Ms: j.latencyPercentiles.p99 * 1000 };
      },
    },
  ];
}

/** readJson reads a JSON file. */
export function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}
