/**
 * definePrices: `flashcrowd prices refresh [--region R]` fetches list prices from the AWS Price
 * List API into the local cache, saying where it wrote and how old the replaced table was;
 * `flashcrowd prices show [--region R]` prints the table a cost analysis would use.
 * Declaration only; the bodies are prices-command.ts.
 */
import type { CommandDefinition } from '../command-definitions.js';
import { pathArg } from '../option-parsers.js';

export interface PricesOptions {
  region?: string;
  cacheDir?: string;
  prices?: string;
  json?: boolean;
  quiet?: boolean;
}

export const definePrices: CommandDefinition = (program, ctx, setExitCode) => {
  const prices = program
    .command('prices')
    .description('show or refresh the price tables used for cost analysis');

  prices
    .command('refresh')
    .description('fetch current prices from the AWS Price List API (needs pricing:GetProducts)')
    .option(
      '--region <region>',
      'the region to price (default: us-east-1, as run prices a profile without aws.region)',
    )
    .option(
      '--cache-dir <dir>',
      'where to write the table (default: ~/.cache/flashcrowd/prices)',
      pathArg('--cache-dir'),
    )
    .option('--json', 'print the new table as JSON')
    .option('--quiet', 'print nothing but errors')
    .action(async (options: PricesOptions) => {
      const { pricesRefreshCommand } = await import('./prices-command.js');
      setExitCode(await pricesRefreshCommand(options, ctx));
    });

  prices
    .command('show')
    .description('print the price table a cost analysis would use')
    .option(
      '--region <region>',
      'the region (default: us-east-1, as run prices a profile without aws.region)',
    )
    .option('--cache-dir <dir>', 'the cache folder of refreshed tables', pathArg('--cache-dir'))
    .option('--prices <file>', 'a price table file instead', pathArg('--prices'))
    .action(async (options: PricesOptions) => {
      const { pricesShowCommand } = await import('./prices-command.js');
      setExitCode(await pricesShowCommand(options, ctx));
    });
};
