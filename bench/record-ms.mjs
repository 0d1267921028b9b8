#!/usr/bin/env node
// record-ms: CPU per latency recorded, flashcrowd's recordMs against hdr-histogram-js's own
// recordValue, on the same 65,536 latencies (0-200 ms, cubed uniform: mostly small). Five rounds
// of 5 M values each, both in every round, so both see the same machine; prints each round and
// the medians. Needs `npm run build` (reads dist/). Usage: node bench/record-ms.mjs
import { createLatencyHistogram, recordMs } from '../dist/record/latency-histogram.js';
import { createRandom } from '../dist/random/seeded-random.js';

const VALUES = 5_000_000;
const random = createRandom(1);
const latenciesMs = new Float64Array(1 << 16).map(() => random.next() ** 3 * 200);

/** What recordMs did before its integer index: hdr's recordValue of the rounded µs. */
function recordValueMs(histogram, valueMs) {
  const us = Math.round(valueMs * 1000);
  histogram.recordValue(us < 1 ? 1 : us);
}

function nsPerValue(record) {
  const histogram = createLatencyHistogram();
  const start = process.cpuUsage();
  for (let i = 0; i < VALUES; i++) record(histogram, latenciesMs[i & 0xffff]);
  const used = process.cpuUsage(start);
  return ((used.user + used.system) * 1000) / VALUES;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const library = [];
const ours = [];
for (let round = 1; round <= 5; round++) {
  library.push(nsPerValue(recordValueMs));
  ours.push(nsPerValue(recordMs));
  console.log(
    `round ${round}: recordValue ${library.at(-1).toFixed(1)} ns, recordMs ${ours.at(-1).toFixed(1)} ns`,
  );
}
console.log(
  `median: recordValue ${median(library).toFixed(1)} ns, recordMs ${median(ours).toFixed(1)} ns a value (${(median(library) / median(ours)).toFixed(1)}x)`,
);
