/**
 * requestUrlRules: what a request's `url` and `path` may hold, judged on their source text at
 * load time: no `user:password@` in a `url` (it would be stored and is not sent; the hint says
 * to send a header). Pure; returns issues, never throws.
 */
import type { Issue } from '../errors.js';
import { userinfoOf } from './redact-url.js';
import type { Profile } from './types.js';

export function requestUrlRules(profile: Profile): Issue[] {
  return profile.requests.flatMap((request, index): Issue[] => {
    const issues: Issue[] = [];
    if (request.url && userinfoOf(request.url.source) !== undefined)
      issues.push({
        path: `requests[${index}].url`,
        message: 'holds a user:password, which would be stored in the run record',
        hint: 'send a header instead, e.g. headers: { authorization: "Basic {{env.BASIC_AUTH}}" }',
      });
    return issues;
  });
}
