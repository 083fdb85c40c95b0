/** Server command-line flags besides the transport: `--schemas PATH` (repeatable). */
export interface ServerArgs {
  schemaPaths: string[];
}

export function parseServerArgs(argv: string[]): ServerArgs {
  const schemaPaths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--schemas' && i + 1 < argv.length) schemaPaths.push(argv[++i]);
    else if (arg.startsWith('--schemas=')) schemaPaths.push(arg.slice('--schemas='.length));
  }
  return { schemaPaths };
}
