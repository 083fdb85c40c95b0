import type { CliCommand } from './command';
import { lintCommand } from './lint';
import { planCommand } from './plan';
import { versionCommand } from './version';

/** Every CLI command, in the order `--help` lists them. */
export const COMMANDS: CliCommand[] = [versionCommand, lintCommand, planCommand];
