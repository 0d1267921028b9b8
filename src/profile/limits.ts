/**
 * The documented limits of what flashcrowd accepts (README, "Reliability"). Past any of them an
 * input used to crash the process (V8 fatal errors, heap exhaustion, "Invalid string length") or
 * hang it for minutes; now it is refused with exit 2, naming the limit and where it was passed.
 * Each is far above what a load test on one host needs.
 */
export const LIMITS = {
  /** Entries of `requests` (the mix). */
  requests: 1_000,
  /** Entries of `load.phases`. */
  phases: 10_000,
  /** `{{words N}}`: N. */
  words: 10_000,
  /** `{{text N}}`: N characters. */
  textLength: 1_048_576,
  /** Characters one template can render to, summed over its `{{text}}` / `{{words}}` parts. */
  templateChars: 4_194_304,
  /** Points of one trace file (CSV rows or JSON entries). */
  traceRows: 1_000_000,
  /** Bytes of a JSON trace file (CSV traces are streamed and bounded by traceRows). */
  jsonTraceBytes: 64 * 1024 * 1024,
  /** `--workers`. */
  workers: 32,
  /** `--connections` (all workers together; each is a socket, so the open-file limit applies too). */
  connections: 100_000,
} as const;

/** Characters a `{{words N}}` renders to at most (the longest lorem word plus a space). */
export const MAX_WORD_CHARS = 16;
