import { readFileSync } from 'node:fs';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunRecordWriter, type RecordFiles } from '../../src/record/run-record-writer.js';
import type { TimelineEntry } from '../../src/record/run-record.js';
import { tempDir } from '../helpers/run-profile.js';

function entry(second: number): TimelineEntry {
  return {
    second,
    planned: second,
    sent: second,
    completed: second,
    ok: second,
    throttled: 0,
    errors: 0,
    dropped: 0,
    byStatus: { '200': second, [`x${'y'.repeat(second % 7)}`]: 0 },
    byError: {},
    latencyMs: null,
    latenessP99Ms: null,
  };
}

describe('RunRecordWriter.appendTimelineAll', () => {
  it('writes the lines appendTimeline writes one by one, in few appends', () => {
    const entries = Array.from({ length: 12_000 }, (_, i) => entry(i));
    const one = new RunRecordWriter(tempDir());
    for (const e of entries) one.appendTimeline(e);
    let appends = 0;
    const counting: RecordFiles = {
      ...fs,
      appendFileSync: (path, text) => {
        appends++;
        fs.appendFileSync(path, text);
      },
    };
    const all = new RunRecordWriter(tempDir(), counting);
    all.appendTimelineAll(entries);
    expect(readFileSync(all.timelinePath, 'utf8')).toBe(readFileSync(one.timelinePath, 'utf8'));
    expect(appends).toBeGreaterThan(1);
    expect(appends).toBeLessThan(entries.length / 100);
    expect(all.timelineFailure).toBeNull();
  });

  it('stops at a failed append and names the first second it did not keep', () => {
    let appends = 0;
    const failing: RecordFiles = {
      ...fs,
      appendFileSync: (path, text) => {
        if (++appends === 2) throw Object.assign(new Error('ENOSPC: no space'), { code: 'ENOSPC' });
        fs.appendFileSync(path, text);
      },
    };
    const dir = tempDir();
    const writer = new RunRecordWriter(dir, failing);
    const entries = Array.from({ length: 20_000 }, (_, i) => entry(i));
    writer.appendTimelineAll(entries);
    const kept = readFileSync(join(dir, 'timeline.ndjson'), 'utf8').trim().split('\n');
    expect(writer.timelineFailure).toContain(`the lines before second ${kept.length} are kept`);
    expect(appends).toBe(2);
  });
});
