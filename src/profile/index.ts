/**
 * The public API of src/profile: parsing, validation and the grammars of durations, templates
 * and gate expressions. Import from here or from the named files; types live in types.ts.
 */
export { loadProfile } from './load-profile.js';
export type { LoadProfileOptions } from './load-profile.js';
export { parseProfile } from './parse-profile.js';
export type { ParseProfileOptions } from './parse-profile.js';
export { parseDuration, durationToMs } from './duration.js';
export {
  compileTemplate,
  parseTemplate,
  TemplateSyntaxError,
  TEMPLATE_FUNCTIONS,
} from './template.js';
export {
  parseGateExpression,
  tryParseGateExpression,
  KNOWN_GATE_METRICS,
  GATE_METRIC_UNITS,
  GATE_AGGREGATES,
} from './gate-expression.js';
export type { GateMetric, GateMetricUnit, GateOptions } from './gate-expression.js';
export { redactProfile, REDACTED } from './redact-profile.js';
export { isTemplate } from './profile-templates.js';
export { profileSchema } from './profile-schema.js';
export { finalRatePerSec } from './normalize-phases.js';
export type * from './types.js';
