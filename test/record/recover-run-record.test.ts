// Issue 11 item 5: a record left `running` is rebuilt from its timeline; JUnit fails a run that
// did not complete; a full disk keeps the earlier run.json and the timeline.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { placeholderMetadata, buildRunRecord } from '../../src/record/build-run-record.js';
import { recoverRunRecord } from '../../src/record/recover-run-record.js';
import { readRunRecordOrRecover } from '../../src/record/read-or-recover.js';
import {
  RecordWriteError,
  RunRecordWriter,
  type RecordFiles,
} from '../../src/record/run-record-writer.js';
import type { TimelineEntry } from '../../src/record/run-record.js';
import { renderJUnit } from '../../src/report/junit-report.js';
import { renderMarkdown } from '../../src/report/markdown-report.js';
import { tempDir } from '../helpers/run-profile.js';
import * as fs from 'node:fs';

function entry(second: number, sent: number): TimelineEntry {
  return {
    second,
    planned: sent,
    sent,
    completed: sent,
    ok: sent - 1,
    throttled: 0,
    errors: 1,
    dropped: 0,
    byStatus: { '200': sent - 1 },
    byError: { ECONNRESET: 1 },
    latencyMs: { count: sent, p50: 1, p90: 2, p99: 3, p999: 3, max: 4, mean: 1.5 },
    latenessP99Ms: 0.5,
  };
}

function runningRecord() {
  return buildRunRecord({
    meta: placeholderMetadata({ startedAt: '2026-12-01T00:00:00.000Z' }),
    requestNames: ['get'],
    phases: [
      { kind: 'constant', startMs: 0, durationMs: 2000 },
      { kind: 'constant', startMs: 2000, durationMs: 8000 },
    ],
    timeline: [],
    workers: [],
  });
}

describe('recoverRunRecord', () => {
  it('rebuilds totals, phases and timeline from the lines that parse, and says why', () => {
    const text = [entry(0, 10), entry(1, 20), entry(2, 30)]
      .map((e) => JSON.stringify(e))
      .join('\n')
      .concat('\n{"second":3,"plan'); // torn by kill -9 mid-append
    const r = recoverRunRecord(runningRecord(), text);
    expect(r.status).toBe('incomplete');
    expect(r.statusReason).toContain('rebuilt from 3 seconds of timeline.ndjson');
    expect(r.statusReason).toContain('1 unreadable line skipped');
    expect(r.totals).toMatchObject({ sent: 60, ok: 57, errors: 3, byError: { ECONNRESET: 3 } });
    expect(r.phases.map((p) => p.totals.sent)).toEqual([30, 30]);
    expect(r.timeline).toHaveLength(3);
    expect(r.endedAt).toBe('2026-12-01T00:00:03.000Z');
    expect(r.latencyMs.overall).toBeNull();
  });

  it('is rendered as incomplete in Markdown and as a failure in JUnit', () => {
    const r = recoverRunRecord(runningRecord(), `${JSON.stringify(entry(0, 10))}\n`);
    expect(renderMarkdown(r)).toContain('This record is incomplete');
    const junit = renderJUnit(r);
    expect(junit).toContain('tests="1" failures="1"');
    expect(junit).toContain('name="run status"');
    expect(junit).toContain('the run is incomplete');
  });

  it('JUnit fails a failed run with no gates (it used to read 0 tests, 0 failures)', () => {
    const failed = { ...runningRecord(), status: 'failed' as const, statusReason: 'refused' };
    expect(renderJUnit(failed)).toContain('failures="1"');
    const completed = { ...runningRecord(), status: 'completed' as const };
    expect(renderJUnit(completed)).toContain('tests="0" failures="0"');
  });

  it('readRunRecordOrRecover rebuilds a folder whose run.json says running', () => {
    const dir = tempDir();
    const writer = new RunRecordWriter(dir);
    writer.writeRecord(runningRecord());
    writer.appendTimeline(entry(0, 7));
    const { record, recovered } = readRunRecordOrRecover(dir);
    expect(recovered).toBe(true);
    expect(record.totals.sent).toBe(7);
  });
});

describe('RunRecordWriter on a full disk', () => {
  /** node:fs, except that writes of more than `room` bytes write part and fail with ENOSPC. */
  function fullDisk(room: number): RecordFiles {
    const enospc = () =>
      Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    return {
      writeFileSync: (path, text) => {
        if (text.length <= room) return fs.writeFileSync(path, text);
        fs.writeFileSync(path, text.slice(0, room));
        throw enospc();
      },
      appendFileSync: (path, text) => {
        if (text.length <= room) return fs.appendFileSync(path, text);
        fs.appendFileSync(path, text.slice(0, room));
        throw enospc();
      },
      renameSync: fs.renameSync,
      rmSync: fs.rmSync,
    };
  }

  it('keeps the earlier run.json and the timeline, removes the temp file, names the file', () => {
    const dir = tempDir();
    const earlier = runningRecord();
    new RunRecordWriter(dir).writeRecord(earlier);
    writeFileSync(join(dir, 'timeline.ndjson'), `${JSON.stringify(entry(0, 5))}\n`);
    const before = readFileSync(join(dir, 'run.json'), 'utf8');
    const writer = Object.create(RunRecordWriter.prototype) as RunRecordWriter;
    Object.assign(writer, {
      dir,
      recordPath: join(dir, 'run.json'),
      timelinePath: join(dir, 'timeline.ndjson'),
      timelineFailure: null,
      files: fullDisk(100),
    });
    const final = { ...earlier, status: 'completed' as const };
    expect(() => writer.writeRecord(final)).toThrow(RecordWriteError);
    expect(() => writer.writeRecord(final)).toThrow(
      `cannot write ${join(dir, 'run.json')} (ENOSPC`,
    );
    expect(readFileSync(join(dir, 'run.json'), 'utf8')).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['run.json', 'timeline.ndjson']);
    expect(readRunRecordOrRecover(dir).record.totals.sent).toBe(5);
  });

  it('a failed timeline append stops appending, keeps earlier lines, and is reported once', () => {
    const dir = tempDir();
    const writer = new RunRecordWriter(dir, fullDisk(400));
    writer.appendTimeline(entry(0, 5));
    expect(writer.timelineFailure).toBeNull();
    writer.appendTimeline({ ...entry(1, 5), byStatus: { '200': 4, x: 0, ['y'.repeat(400)]: 0 } });
    expect(writer.timelineFailure).toContain('ENOSPC');
    expect(writer.timelineFailure).toContain('before second 1 are kept');
    writer.appendTimeline(entry(2, 5));
    const lines = readFileSync(join(dir, 'timeline.ndjson'), 'utf8').split('\n');
    expect(JSON.parse(lines[0]).second).toBe(0);
    expect(lines.filter((l) => l.includes('"second":2'))).toEqual([]);
    expect(existsSync(join(dir, 'run.json'))).toBe(false);
  });
});
