// Preloaded with `node --import` (NODE_OPTIONS) into the CLI's main thread: the moment run.json
// is first renamed into place with status `running`, the process sends itself SIGINT, which it
// sees at its next turn of the event loop: the instant between the record saying `running` and
// the traffic's own signal handling, whatever the machine's speed. With SIGNALS_AFTER_RUNNING=2
// it sends two at once (a second Ctrl-C quits at once).
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  const rename = fs.renameSync;
  let sent = false;
  fs.renameSync = (from, to) => {
    rename(from, to);
    if (sent || !String(to).endsWith('run.json')) return;
    if (JSON.parse(fs.readFileSync(to, 'utf8')).status !== 'running') return;
    sent = true;
    const count = Number(process.env.SIGNALS_AFTER_RUNNING ?? 1);
    for (let i = 0; i < count; i++) process.kill(process.pid, 'SIGINT');
  };
  syncBuiltinESMExports();
}
