/**
 * A VS Code terminal over an exec session in a member's pod: keystrokes go to the container's TTY, the
 * terminal's size to the resize channel, and the terminal closes with the command's exit status.
 */
import { StringDecoder } from 'node:string_decoder';
import * as vscode from 'vscode';
import type { ClusterClients } from '../../core/kube/clients';
import { openExec, type ExecSession, type TerminalSize } from '../../core/kube/exec';
import type { PodTarget } from '../../core/kube/streams';
import { describeError } from '../../core/kube/errors';

export function execTerminalName(target: PodTarget): string {
  return `${target.cluster}: ${target.namespace}/${target.pod}`;
}

export class ExecTerminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private readonly controller = new AbortController();
  private readonly decoder = new StringDecoder('utf8');
  private session: ExecSession | undefined;
  private size: TerminalSize | undefined;
  /** Keystrokes typed before the session is open. */
  private pending: string[] = [];
  private failed = false;

  constructor(
    private readonly clients: ClusterClients,
    private readonly target: PodTarget,
    private readonly command: string[],
    private readonly log: vscode.LogOutputChannel,
  ) {}

  open(dimensions: vscode.TerminalDimensions | undefined): void {
    if (dimensions) this.size = { columns: dimensions.columns, rows: dimensions.rows };
    void this.run();
  }

  private async run(): Promise<void> {
    try {
      this.session = await openExec(this.clients, this.target, {
        command: this.command,
        tty: true,
        size: this.size,
        signal: this.controller.signal,
        stdout: (data) => this.writeEmitter.fire(this.decoder.write(data)),
      });
      this.log.info(`exec ${execTerminalName(this.target)} (${this.session.container}): ${this.command.join(' ')}`);
      for (const keys of this.pending.splice(0)) this.session.write(keys);
      if (this.size) this.session.resize(this.size);
      const exit = await this.session.exit;
      if (this.controller.signal.aborted) return;
      this.writeEmitter.fire(`${this.decoder.end()}\r\n[${exit.message}]\r\n`);
      this.log.info(`exec ${execTerminalName(this.target)}: ${exit.message}`);
      this.closeEmitter.fire(exit.code ?? 1);
    } catch (err) {
      const message = describeError(err);
      this.log.error(`exec: ${message}`);
      this.failed = true;
      // Kept open so the reason stays readable; any key closes it.
      this.writeEmitter.fire(`\x1b[31m${message}\x1b[0m\r\n[press any key to close]\r\n`);
    }
  }

  handleInput(data: string): void {
    if (this.failed) return this.closeEmitter.fire(1);
    if (this.session) this.session.write(data);
    else this.pending.push(data);
  }

  setDimensions(dimensions: vscode.TerminalDimensions): void {
    this.size = { columns: dimensions.columns, rows: dimensions.rows };
    this.session?.resize(this.size);
  }

  close(): void {
    this.controller.abort();
    this.session?.close();
    this.writeEmitter.dispose();
    this.closeEmitter.dispose();
  }
}

export function openExecTerminal(clients: ClusterClients, target: PodTarget, command: string[], log: vscode.LogOutputChannel): vscode.Terminal {
  const terminal = vscode.window.createTerminal({ name: execTerminalName(target), pty: new ExecTerminal(clients, target, command, log), iconPath: new vscode.ThemeIcon('terminal') });
  terminal.show();
  return terminal;
}
