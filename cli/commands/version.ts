import type { CliCommand } from './command';

declare const FLOTILLA_VERSION: string;

export const versionCommand: CliCommand = {
  name: 'version',
  summary: 'Print the Flotilla version.',
  async run() {
    process.stdout.write(`${typeof FLOTILLA_VERSION === 'string' ? FLOTILLA_VERSION : 'dev'}\n`);
    return 0;
  },
};
