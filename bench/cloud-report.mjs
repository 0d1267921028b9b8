// Rendering of bench/cloud.mjs's results: medians per (scenario, tool) over the runs, one
// Markdown table per scenario with its per-second series, and issue 13 item 5's targets checked
// (met / not met with the numbers). Pure functions of the raw rows.
export function median(xs) {
  const v = xs
    .filter((x) => x !== null && x !== undefined && Number.isFinite(x))
    .sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}
const maxOf = (xs) => {
  const v = xs.filter((x) => x !== null && x !== undefined && Number.isFinite(x));
  return v.length ? Math.max(...v) : null;
};

export const fmt = (v, d = 0) =>
  v === null || v === undefined || !Number.isFinite(v)
    ? '-'
    : Number(v).toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** summarize takes medians per (scenario, tool) over the reps that produced requests. */
export function summarize(rows, scenarioNames, toolNames) {
  const out = [];
  for (const scName of scenarioNames) {
    for (const tool of toolNames) {
      const rs = rows.filter((r) => r.scenario === scName && r.tool === tool);
      if (rs.length === 0) continue;
      const ok = rs.filter((r) => !r.error && r.requests > 0);
      const m = (f) => median(ok.map(f));
      const perSecondMedian = (f) => {
        const series = ok.map(f).filter(Boolean);
        if (series.length === 0) return null;
        return series[0].map((_, s) => median(series.map((x) => x[s])));
      };
      out.push({
        scenario: scName,
        tool,
        shape: rs[0].shape,
        runs: ok.length,
        of: rs.length,
        error: ok.length === 0 ? (rs.find((r) => r.error)?.error ?? 'no requests') : undefined,
        requests: m((r) => r.requests),
        p99Ms: m((r) => r.p99Ms),
        p99From: ok[0]?.p99From,
        cpuS: m((r) => r.cpuS),
        cpuUsPerRequest: m((r) => r.cpuUsPerRequest),
        toolWorstPct:
          tool === 'autocannon' ? m((r) => r.extra.worstSecondDevPct) : m((r) => r.toolWorst?.pct),
        toolWorstMaxPct:
          tool === 'autocannon'
            ? maxOf(ok.map((r) => r.extra.worstSecondDevPct))
            : maxOf(ok.map((r) => r.toolWorst?.pct)),
        serverWorstPct: m((r) => r.serverWorst?.pct),
        serverWorstMaxPct: maxOf(ok.map((r) => r.serverWorst?.pct)),
        connectionsAccepted: m((r) => r.connectionsAccepted),
        connectionsUsed: m((r) => r.server.connections),
        maxNewPerSecond: m((r) => Math.max(...r.server.newConnectionsPerSecond)),
        latenessP99Ms: tool === 'flashcrowd' ? m((r) => r.extra.latenessP99Ms) : null,
        latenessP99MaxMs:
          tool === 'flashcrowd' ? maxOf(ok.map((r) => r.extra.latenessP99Ms)) : null,
        perSecond: perSecondMedian((r) => r.perSecond),
        serverPerSecond: perSecondMedian((r) => r.server.perSecond),
        plannedPerSecond: ok[0]?.plannedPerSecond ?? null,
        plannedTotal: ok[0]?.plannedPerSecond?.reduce((a, b) => a + b, 0) ?? null,
        newConnectionsPerSecond: perSecondMedian((r) => r.server.newConnectionsPerSecond),
        latenessP99PerSecond:
          tool === 'flashcrowd' ? perSecondMedian((r) => r.extra.latenessP99PerSecond) : null,
        note: ok[0]?.note,
      });
    }
  }
  return out;
}

export function scenarioTable(sc, summary) {
  const lines = [
    `### ${sc.title}`,
    '',
    "| tool | load | responses / planned | worst second vs planned, tool's data | worst second vs planned, at nginx | p99 ms | CPU s | CPU µs per request | connections accepted | connections used | most new connections in a second | lateness p99 ms | runs |",
    '|' + ' --- |'.repeat(13),
  ];
  for (const s of summary.filter((x) => x.scenario === sc.name)) {
    const err = s.error ? ` (failed: ${s.error.slice(0, 80)})` : '';
    const shape = s.tool === 'flashcrowd' ? (sc.name === 'onset' ? 'ramp' : 'fixed rate') : s.shape;
    lines.push(
      `| ${s.tool}${err} | ${shape} | ${fmt(s.requests)} / ${fmt(s.plannedTotal)} | ${s.toolWorstPct === null ? '-' : fmt(s.toolWorstPct, 2) + '%'} | ${s.serverWorstPct === null ? '-' : fmt(s.serverWorstPct, 2) + '%'} | ${fmt(s.p99Ms, 1)} | ${fmt(s.cpuS, 2)} | ${fmt(s.cpuUsPerRequest, 1)} | ${fmt(s.connectionsAccepted)} | ${fmt(s.connectionsUsed)} | ${fmt(s.maxNewPerSecond)} | ${s.latenessP99Ms === null ? '-' : fmt(s.latenessP99Ms, 2)} | ${s.runs}/${s.of} |`,
    );
  }
  lines.push('');
  // Per second: planned and achieved (tool's data / at nginx), medians over the runs.
  const rs = summary.filter((x) => x.scenario === sc.name && !x.error);
  const fc = rs.find((x) => x.tool === 'flashcrowd');
  const peer = rs.find((x) => x.tool !== 'flashcrowd');
  const head = ['second'];
  if (fc)
    head.push(
      'flashcrowd planned',
      'flashcrowd sent (record)',
      'flashcrowd at nginx',
      'flashcrowd lateness p99 ms',
      'flashcrowd new conns',
    );
  if (peer) head.push('peers planned (step)');
  for (const p of rs.filter((x) => x.tool !== 'flashcrowd'))
    head.push(`${p.tool} sent`, `${p.tool} at nginx`, `${p.tool} new conns`);
  lines.push(
    'Per second (medians over the runs; "sent" from the tool\'s own data, "at nginx" from the access log):',
    '',
  );
  lines.push('| ' + head.join(' | ') + ' |', '|' + ' --- |'.repeat(head.length));
  for (let s = 0; s < sc.durationS; s++) {
    const cells = [String(s)];
    const at = (xs) => (xs ? fmt(xs[s]) : '-');
    if (fc)
      cells.push(
        at(fc.plannedPerSecond),
        at(fc.perSecond),
        at(fc.serverPerSecond),
        fc.latenessP99PerSecond ? fmt(fc.latenessP99PerSecond[s], 2) : '-',
        at(fc.newConnectionsPerSecond),
      );
    if (peer) cells.push(at(peer.plannedPerSecond));
    for (const p of rs.filter((x) => x.tool !== 'flashcrowd'))
      cells.push(at(p.perSecond), at(p.serverPerSecond), at(p.newConnectionsPerSecond));
    lines.push('| ' + cells.join(' | ') + ' |');
  }
  lines.push('');
  return lines.join('\n');
}

/** targets: issue 13 item 5's checks, met / not met with the numbers. */
export function targets(summary, scenarioNames) {
  const lines = [
    '### Targets (issue 13, item 5)',
    '',
    '| scenario | target | numbers | met? |',
    '| --- | --- | --- | --- |',
  ];
  const verdicts = [];
  for (const scName of scenarioNames) {
    const fc = summary.find((x) => x.scenario === scName && x.tool === 'flashcrowd' && !x.error);
    const oha = summary.find((x) => x.scenario === scName && x.tool === 'oha' && !x.error);
    const add = (target, numbers, met) => {
      lines.push(
        `| ${scName} | ${target} | ${numbers} | ${met === null ? 'not measured' : met ? 'met' : 'not met'} |`,
      );
      verdicts.push(
        `${scName}: ${target}: ${met === null ? 'not measured' : met ? 'met' : 'NOT MET'} (${numbers})`,
      );
    };
    if (!fc) {
      add('flashcrowd measured', 'flashcrowd not run or failed', null);
      continue;
    }
    const within =
      fc.toolWorstMaxPct !== null && fc.serverWorstMaxPct !== null
        ? fc.toolWorstMaxPct <= 2 && fc.serverWorstMaxPct <= 2
        : null;
    add(
      'flashcrowd within 2% every second (worst run)',
      `record: worst ${fmt(fc.toolWorstMaxPct, 2)}%; at nginx: worst ${fmt(fc.serverWorstMaxPct, 2)}%`,
      within,
    );
    add(
      'flashcrowd lateness p99 < 10 ms',
      `median ${fmt(fc.latenessP99Ms, 2)} ms, worst run ${fmt(fc.latenessP99MaxMs, 2)} ms`,
      fc.latenessP99Ms === null ? null : fc.latenessP99Ms < 10,
    );
    if (!oha || !oha.cpuUsPerRequest || !fc.cpuUsPerRequest) {
      add("CPU per request <= 1.2x oha's", 'oha not run or failed', null);
    } else {
      const ratio = fc.cpuUsPerRequest / oha.cpuUsPerRequest;
      add(
        "CPU per request <= 1.2x oha's",
        `flashcrowd ${fmt(fc.cpuUsPerRequest, 1)} µs, oha ${fmt(oha.cpuUsPerRequest, 1)} µs: ${fmt(ratio, 2)}x`,
        ratio <= 1.2,
      );
    }
  }
  return { text: lines.join('\n') + '\n', verdicts };
}
