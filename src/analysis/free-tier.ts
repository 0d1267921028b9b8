/**
 * freeTier: Lambda's monthly free tier, 1 million requests and 400,000 GB-seconds of on-demand
 * duration per month, shared by the account's functions (https://aws.amazon.com/lambda/pricing/).
 * It does not cover provisioned concurrency, and AWS states no free tier for LMI instances, so
 * flashcrowd applies it to the on-demand Lambda scenario only, and only to the monthly figure
 * (a monthly allowance says nothing about one run). Pure.
 */

export const FREE_TIER_REQUESTS_PER_MONTH = 1_000_000;
export const FREE_TIER_GB_SECONDS_PER_MONTH = 400_000;
export const FREE_TIER_SOURCE = 'https://aws.amazon.com/lambda/pricing/';

/** The sentence every cost table states about the free tier. */
export function freeTierSentence(applied: boolean): string {
  const what = `Lambda free tier: ${FREE_TIER_REQUESTS_PER_MONTH.toLocaleString('en-US')} requests and ${FREE_TIER_GB_SECONDS_PER_MONTH.toLocaleString('en-US')} GB-s per month (${FREE_TIER_SOURCE})`;
  return applied
    ? `${what}, applied to on-demand Lambda's monthly figure (--free-tier); per-run figures are before it.`
    : `${what}, not applied (figures are before it; --free-tier applies it to the monthly figure).`;
}

/**
 * monthlyFreeTierUsd: what the free tier takes off a month of on-demand Lambda whose monthly
 * requests and GB-s are given: min(requests, 1M) × request price + min(GB-s, 400k) × GB-s price,
 * the GB-s price being the month's average duration price per GB-s (after any discount).
 */
export function monthlyFreeTierUsd(
  monthlyRequests: number,
  monthlyGbSeconds: number,
  requestUsd: number,
  durationUsdPerGbSecond: number,
): number {
  return (
    Math.min(monthlyRequests, FREE_TIER_REQUESTS_PER_MONTH) * requestUsd +
    Math.min(monthlyGbSeconds, FREE_TIER_GB_SECONDS_PER_MONTH) * durationUsdPerGbSecond
  );
}
