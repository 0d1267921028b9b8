/**
 * commandDefinitions: every command of the CLI, in help order. Each entry declares its command
 * (name, arguments, options) on the program and loads its body lazily when run.
 */
import type { Command } from 'commander';
import type { CliContext } from './cli-context.js';
import { defineCollect } from './collect/define-collect.js';
import { defineCompare } from './compare/define-compare.js';
import { defineMerge } from './merge/define-merge.js';
import { definePlan } from './plan/define-plan.js';
import { definePrices } from './prices/define-prices.js';
import { defineReport } from './report/define-report.js';
import { defineRun } from './run/define-run.js';
import { defineServe } from './serve/define-serve.js';
import { defineSimulate } from './simulate/define-simulate.js';

/** Declares one command; `setExitCode` records the command's exit code for main. */
export type CommandDefinition = (
  program: Command,
  ctx: CliContext,
  setExitCode: (code: number) => void,
) => void;

export const commandDefinitions: CommandDefinition[] = [
  defineRun,
  definePlan,
  defineCollect,
  defineReport,
  defineCompare,
  defineMerge,
  definePrices,
  defineServe,
  defineSimulate,
];
