/**
 * Command-line front end: the same core the extension and language server use, for CI pipelines and
 * scripts. Each command lives in its own module under cli/commands and registers itself in COMMANDS.
 */
import { COMMANDS } from './commands';

function usage(): string {
  const lines = ['Usage: flotilla <command> [options]', '', 'Commands:'];
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  for (const c of COMMANDS) lines.push(`  ${c.name.padEnd(width)}  ${c.summary}`);
  lines.push('', 'Run `flotilla <command> --help` for a command\'s options.');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`flotilla: unknown command '${name}'\n\n${usage()}\n`);
    return 2;
  }
  return command.run(rest);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`flotilla: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
