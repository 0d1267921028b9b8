/**
 * The durable start reply and how a flow's durable step ends, engine-neutral (the generator's
 * FlowRunner/DurableRunner and simulate's VirtualFlows share it):
 * - durableArnOf: the execution ARN of a start reply (an ok Invoke reply carrying
 *   `X-Amz-Durable-Execution-Arn`), undefined when the start gave no execution.
 * - DurableStepEnd: what a flow instance waiting on its durable step learns, once: a terminal
 *   status of GetDurableExecution, `running` (the step's poll.timeout passed first), `start-failed`
 *   (no execution), or `unfollowed` (`poll: cloudwatch`: nothing is polled, the step ends with its
 *   start reply).
 * - durableStepFails: the contract of a flow's durable step: only SUCCEEDED and `unfollowed` leave
 *   the instance as it was; FAILED, TIMED_OUT, STOPPED, `running` at the timeout and a failed start
 *   mark the instance failed. Either way the instance goes on to its think time and next step,
 *   as after an HTTP step that failed. Pure.
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html and
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetDurableExecution.html
 */
import { firstHeader, isOkStatus, type ReplyView } from './reply-view.js';

/** Invoke's reply header with the execution's ARN. https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html */
export const DURABLE_ARN_HEADER = 'x-amz-durable-execution-arn';

/** How a flow's durable step ended (see the file's header). */
export type DurableStepEnd =
  'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'STOPPED' | 'running' | 'start-failed' | 'unfollowed';

/** durableArnOf: the ARN of the execution a start reply started, or undefined. */
export function durableArnOf(reply: ReplyView): string | undefined {
  return isOkStatus(reply.status) ? firstHeader(reply, DURABLE_ARN_HEADER) : undefined;
}

/** durableStepEnd: a GetDurableExecution status as a step end (undefined: not terminal yet). */
export function durableStepEnd(status: string): DurableStepEnd | undefined {
  return status === 'SUCCEEDED' ||
    status === 'FAILED' ||
    status === 'TIMED_OUT' ||
    status === 'STOPPED'
    ? status
    : undefined;
}

/** durableStepFails: whether a durable step that ended so marks its flow instance failed. */
export function durableStepFails(end: DurableStepEnd): boolean {
  return end !== 'SUCCEEDED' && end !== 'unfollowed';
}
