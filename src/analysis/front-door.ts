/**
 * frontDoor: what the HTTP front door in front of the functions adds to a run's cost, with dated
 * us-east-1 list prices and their sources (`--front-door http-api|rest-api|function-url|alb`).
 * First-tier prices only (a load test is far below the volume tiers). Pure.
 *
 *   http-api      requests × $1.00 / 1M (first 300M a month; metered in 512 KB increments)
 *   rest-api      requests × $3.50 / 1M (first 333M a month)
 *   function-url  $0: function URLs add no charge beyond Lambda's requests and duration
 *   alb           ceil(run hours) × $0.0225 + LCU-hours × $0.008, LCU from processed bytes only
 *                 (0.4 GB an hour per LCU for Lambda targets); connections and rule evaluations
 *                 are not measured by a load test, so the figure is an estimate (a lower bound)
 */

export type FrontDoorKind = 'none' | 'http-api' | 'rest-api' | 'function-url' | 'alb';
export const FRONT_DOORS: readonly FrontDoorKind[] = [
  'none',
  'http-api',
  'rest-api',
  'function-url',
  'alb',
];

/** When the prices below were read from the pages cited. */
export const FRONT_DOOR_PRICES_DATE = '2026-12-01';
export const API_GATEWAY_PRICING = 'https://aws.amazon.com/api-gateway/pricing/';
export const LAMBDA_PRICING = 'https://aws.amazon.com/lambda/pricing/';
export const ELB_PRICING = 'https://aws.amazon.com/elasticloadbalancing/pricing/';

export const HTTP_API_USD_PER_MILLION = 1.0;
export const REST_API_USD_PER_MILLION = 3.5;
export const ALB_USD_PER_HOUR = 0.0225;
export const ALB_USD_PER_LCU_HOUR = 0.008;
/** Processed bytes per LCU-hour when the targets are Lambda functions. */
export const ALB_LAMBDA_GB_PER_LCU_HOUR = 0.4;

export interface FrontDoorCost {
  usd: number;
  /** The same traffic for a 30-day month (ALB hours pro rata: 720 of them, not rounded runs). */
  monthlyUsd: number;
  /** One line: what was priced, the dated prices and the source. */
  description: string;
  /** True when a dimension of the price could not be measured (ALB). */
  partial: boolean;
}

export interface FrontDoorUsage {
  requests: number;
  durationSec: number;
  /** Request plus response bytes the client saw. */
  bytes: number;
}

const MONTH_SEC = 30 * 86_400;

/** frontDoorCost returns null for `none`. */
export function frontDoorCost(kind: FrontDoorKind, usage: FrontDoorUsage): FrontDoorCost | null {
  const perMonth = usage.durationSec > 0 ? MONTH_SEC / usage.durationSec : 0;
  const dated = `us-east-1 list price read ${FRONT_DOOR_PRICES_DATE}`;
  switch (kind) {
    case 'none':
      return null;
    case 'http-api':
      return {
        usd: (usage.requests * HTTP_API_USD_PER_MILLION) / 1e6,
        monthlyUsd: ((usage.requests * HTTP_API_USD_PER_MILLION) / 1e6) * perMonth,
        description: `API Gateway HTTP API: $${HTTP_API_USD_PER_MILLION.toFixed(2)} per million requests (${dated}, ${API_GATEWAY_PRICING})`,
        partial: false,
      };
    case 'rest-api':
      return {
        usd: (usage.requests * REST_API_USD_PER_MILLION) / 1e6,
        monthlyUsd: ((usage.requests * REST_API_USD_PER_MILLION) / 1e6) * perMonth,
        description: `API Gateway REST API: $${REST_API_USD_PER_MILLION.toFixed(2)} per million requests (${dated}, ${API_GATEWAY_PRICING})`,
        partial: false,
      };
    case 'function-url':
      return {
        usd: 0,
        monthlyUsd: 0,
        description: `Lambda function URL: no charge beyond Lambda requests and duration (${dated}, ${LAMBDA_PRICING})`,
        partial: false,
      };
    case 'alb': {
      const hours = Math.max(1, Math.ceil(usage.durationSec / 3600 - 1e-9));
      const gbPerHour = usage.bytes / 1e9 / Math.max(usage.durationSec / 3600, 1e-9);
      const lcu = gbPerHour / ALB_LAMBDA_GB_PER_LCU_HOUR;
      const lcuHours = lcu * (usage.durationSec / 3600);
      return {
        usd: hours * ALB_USD_PER_HOUR + lcuHours * ALB_USD_PER_LCU_HOUR,
        monthlyUsd:
          (MONTH_SEC / 3600) * ALB_USD_PER_HOUR + lcuHours * perMonth * ALB_USD_PER_LCU_HOUR,
        description:
          `Application Load Balancer: $${ALB_USD_PER_HOUR} per hour or partial hour (${hours} h) plus $${ALB_USD_PER_LCU_HOUR} per LCU-hour, ` +
          `${lcuHours.toFixed(4)} LCU-hours from processed bytes at ${ALB_LAMBDA_GB_PER_LCU_HOUR} GB per LCU-hour for Lambda targets; ` +
          `new/active connections and rule evaluations not measured (${dated}, ${ELB_PRICING})`,
        partial: true,
      };
    }
  }
}
