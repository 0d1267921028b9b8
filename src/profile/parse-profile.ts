/**
 * parseProfile: text -> normalized Profile, in three steps (read, schema, normalize + rules).
 * Every step reports all of its issues at once in one ProfileError; a later step runs only
 * when the earlier ones found nothing, since it needs their output. When the schema step fails,
 * the rules that can read the raw document (rawDocumentRules) still run, and their issues are
 * merged with the schema's, in path order.
 */
import { readFileSync } from 'node:fs';
import { ProfileError } from '../errors.js';
import type { Issue } from '../errors.js';
import { normalizeProfile } from './normalize-profile.js';
import { compareIssuePaths } from './issue-path.js';
import { documentSizeIssues } from './document-size-issues.js';
import { profileSchema } from './profile-schema.js';
import { loadFieldsOfTheOtherModel, rawDocumentRules } from './raw-document-rules.js';
import { readDocument } from './read-document.js';
import { readTraceFile } from './read-trace-file.js';
import { applyRules } from './rules.js';
import type { Profile } from './types.js';
import { issuesFromZod } from './zod-issues.js';

/** Options of parseProfile. */
export interface ParseProfileOptions {
  /** Folder that relative trace files are resolved against (the profile's folder). */
  baseDir: string;
  /** Reads a trace file as UTF-8 (default: node:fs readFileSync); throws when it cannot. */
  readFile?: (path: string) => string;
  /**
   * The environment that `{{env.NAME}}` will read (the CLI passes process.env). When given,
   * each NAME must be set; when absent, environment variables are not checked.
   */
  env?: Record<string, string | undefined>;
  /**
   * The target the run uses when it overrides the profile's `target:` (`--target`): under a
   * `lambda:` target a request needs no path (it is an Invoke).
   */
  target?: string;
}

/**
 * Parses and validates a profile written in YAML or JSON (`source` ending in `.json` reads as
 * strict JSON). Returns plain data (safe to structured-clone into workers). Throws ProfileError
 * with every issue found; syntax issues read `line 2, column 9: ...`.
 */
export function parseProfile(text: string, source: string, options: ParseProfileOptions): Profile {
  const document = readDocument(text, source);
  if (!document.ok) throw new ProfileError(source, document.issues);
  const shapeIssue = documentShapeIssue(document.data);
  if (shapeIssue) throw new ProfileError(source, [shapeIssue]);
  // Before the schema: checking 400,000 requests one by one took minutes and gigabytes.
  const sizeIssues = documentSizeIssues(document.data as Record<string, unknown>);
  if (sizeIssues.length > 0) throw new ProfileError(source, sizeIssues);
  const parsed = profileSchema.safeParse(document.data, { reportInput: true });
  if (!parsed.success) {
    const schemaIssues = issuesFromZod(parsed.error.issues, profileSchema);
    const ruleIssues = [
      ...rawDocumentRules(document.data as Record<string, unknown>, { env: options.env }),
      ...loadFieldsOfTheOtherModel(document.data as Record<string, unknown>),
    ];
    throw new ProfileError(source, mergeIssues(schemaIssues, ruleIssues));
  }
  const reader = {
    baseDir: options.baseDir,
    readFile: options.readFile ?? ((path: string) => readFileSync(path, 'utf8')),
    // Files on disk are streamed; an injected readFile (tests) is parsed from its text.
    ...(options.readFile ? {} : { readTrace: readTraceFile }),
  };
  const { profile, issues } = normalizeProfile(parsed.data, source, reader);
  issues.push(...loadFieldsOfTheOtherModel(document.data as Record<string, unknown>));
  issues.push(
    ...applyRules(profile, {
      env: options.env,
      ...(options.target !== undefined ? { target: options.target } : {}),
    }),
  );
  if (issues.length > 0) throw new ProfileError(source, issues);
  return profile;
}

/** Both lists in path order (stable: equal paths keep their order), each issue once. */
function mergeIssues(first: Issue[], second: Issue[]): Issue[] {
  const seen = new Set<string>();
  return [...first, ...second]
    .filter((issue) => {
      const key = `${issue.path}\u0000${issue.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => compareIssuePaths(a.path, b.path));
}

function documentShapeIssue(data: unknown): Issue | undefined {
  if (data === null || data === undefined)
    return {
      path: '',
      message: 'the profile is empty',
      hint: 'see profiles/needlepoint.yaml for an example',
    };
  if (typeof data !== 'object' || Array.isArray(data))
    return { path: '', message: 'a profile must be a mapping of keys (name, load, requests, ...)' };
  return undefined;
}
