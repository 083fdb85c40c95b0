import type { CliCommand } from './command';
import { versionCommand } from './version';

/** Every CLI command, in the order `--help` lists them. */
export const COMMANDS: CliCommand[] = [versionCommand];
