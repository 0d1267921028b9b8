/** RecordError: a run record that cannot be read: missing, corrupt, or of another schema version
 * (exit 2, mapped in src/cli/exit-codes.ts; re-exported by src/errors.ts). */
export class RecordError extends Error {
  override name = 'RecordError';
}
