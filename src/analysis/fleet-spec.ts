/**
 * parseFleetSpec: reads `--fleet m7g.xlarge=12` (an instance type and a count) into a FleetSpec.
 */
import { UsageError } from '../errors.js';

/** A fixed fleet the user names: `count` instances of `instanceType`, held for the whole run. */
export interface FleetSpec {
  instanceType: string;
  count: number;
}

/** parseFleetSpec throws UsageError (exit 2) for anything but `<type>=<positive integer>`. */
export function parseFleetSpec(text: string): FleetSpec {
  const match = /^\s*([a-z0-9][a-z0-9-]*\.[a-z0-9-]+)\s*=\s*(\d+)\s*$/i.exec(text);
  if (!match || Number(match[2]) < 1) {
    throw new UsageError(`--fleet ${text}: expected <instance type>=<count>, e.g. m7g.xlarge=12`);
  }
  return { instanceType: match[1], count: Number(match[2]) };
}
