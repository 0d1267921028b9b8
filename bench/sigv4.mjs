// SigV4 signing cost: signatures per CPU-second of flashcrowd's SigV4Signer (the AWS SDK's
// @smithy/signature-v4 with the SDK's SHA-256), measured on this thread with process.cpuUsage.
// Two shapes: a bodyless GET with a query, and a POST with a 400-byte JSON body (the body hash
// is part of every signature). Run after `npm run build`:
//   node bench/sigv4.mjs [--seconds 5] [--json]
// Prints one line per shape; --json prints { shape: signaturesPerCpuSecond, ... } instead.
import { SigV4Signer } from '../dist/generator/sigv4-signer.js';

const args = process.argv.slice(2);
const secondsAt = args.indexOf('--seconds');
const seconds = secondsAt >= 0 ? Number(args[secondsAt + 1]) : 5;
const asJson = args.includes('--json');

const signer = new SigV4Signer(
  { service: 'lambda', region: 'us-east-1' },
  { accessKeyId: 'AKIDBENCHMARK', secretAccessKey: 'bench-secret', sessionToken: 'bench-token' },
);
const origin = 'https://abcdefghij.lambda-url.us-east-1.on.aws';
const shapes = {
  get: {
    origin,
    path: '/notes/8f14e45f?fields=title,body',
    method: 'GET',
    headers: [],
    body: null,
  },
  post400: {
    origin,
    path: '/notes',
    method: 'POST',
    headers: ['content-type', 'application/json'],
    body: JSON.stringify({ title: 'bench note', body: 'x'.repeat(372) }),
  },
};

/** Signs `options` in batches until `seconds` of CPU time are used; returns signatures per CPU-s. */
async function measure(options, cpuSeconds) {
  for (let i = 0; i < 2000; i++) await signer.sign(options); // warm the JIT and the key cache
  const start = process.cpuUsage();
  let signed = 0;
  let usedUs = 0;
  while (usedUs < cpuSeconds * 1e6) {
    for (let i = 0; i < 500; i++) await signer.sign(options);
    signed += 500;
    const used = process.cpuUsage(start);
    usedUs = used.user + used.system;
  }
  return signed / (usedUs / 1e6);
}

const results = {};
for (const [name, options] of Object.entries(shapes)) {
  results[name] = Math.round(await measure(options, seconds / 2));
  if (!asJson) console.log(`${name}: ${results[name]} signatures per CPU-second`);
}
if (asJson) console.log(JSON.stringify(results));
