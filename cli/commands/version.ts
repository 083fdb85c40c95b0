import type { CliCommand } from './command';

declare const FLOTILLA_VERSION: string;

/** The package version the build defines; `dev` when run from source. */
export function flotillaVersion(): string {
  return typeof FLOTILLA_VERSION === 'string' ? FLOTILLA_VERSION : 'dev';
}

export const versionCommand: CliCommand = {
  name: 'version',
  summary: 'Print the Flotilla version.',
  async run() {
    process.stdout.write(`${flotillaVersion()}\n`);
    return 0;
  },
};
