/**
 * requestUrlRules: what a request's `url`, `path` and header values may hold, judged on their
 * source text at load time (a mistake here used to "complete" a run with 100%
 * UND_ERR_INVALID_ARG, or send to the wrong place):
 * - no `user:password@` in a `url` (it would be stored and is not sent);
 * - `path` starts with `/` (or a `{{...}}` template) and is not an absolute URL (that is `url:`);
 * - no CR or LF in a path, url or header value (top-level or per request).
 * Pure; returns issues, never throws.
 */
import type { Issue } from '../errors.js';
import { formatIssuePath } from './issue-path.js';
import { userinfoOf } from './redact-url.js';
import type { Profile, Template } from './types.js';

const CRLF = /[\r\n]/;
const CRLF_HINT = 'header values and paths are one line; remove the line break';

export function requestUrlRules(profile: Profile): Issue[] {
  const issues = profile.requests.flatMap((request, index): Issue[] => {
    const at = `requests[${index}]`;
    const found: Issue[] = [];
    if (request.url && userinfoOf(request.url.source) !== undefined)
      found.push({
        path: `${at}.url`,
        message: 'holds a user:password, which would be stored in the run record',
        hint: 'send a header instead, e.g. headers: { authorization: "Basic {{env.BASIC_AUTH}}" }',
      });
    found.push(...pathIssues(request.path.source, `${at}.path`));
    if (request.url && CRLF.test(request.url.source))
      found.push({ path: `${at}.url`, message: 'holds a line break (CR or LF)', hint: CRLF_HINT });
    found.push(...headerIssues(request.headers, ['requests', index, 'headers']));
    return found;
  });
  return [...issues, ...headerIssues(profile.headers, ['headers'])];
}

function pathIssues(path: string, where: string): Issue[] {
  if (path === '') return [];
  if (CRLF.test(path))
    return [{ path: where, message: 'holds a line break (CR or LF)', hint: CRLF_HINT }];
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path))
    return [
      {
        path: where,
        message: `is an absolute URL ("${path.replace(/\?.*$/, '?...')}"); path is appended to the target`,
        hint: 'write url: for an absolute URL, or a path such as /notes with --target for the host',
      },
    ];
  if (!path.startsWith('/') && !path.startsWith('{{'))
    return [
      { path: where, message: `must start with "/" (got "${path}")`, hint: `write /${path}` },
    ];
  return [];
}

function headerIssues(headers: Record<string, Template>, where: PropertyKey[]): Issue[] {
  return Object.entries(headers)
    .filter(([, template]) => CRLF.test(template.source))
    .map(([name]) => ({
      path: formatIssuePath([...where, name]),
      message: 'holds a line break (CR or LF), which no HTTP header may carry',
      hint: CRLF_HINT,
    }));
}
