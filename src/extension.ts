/**
 * Thin activation: build one context object that owns everything, report our own failure, and leave
 * the work to the pieces the context wires together.
 */
import * as vscode from 'vscode';
import { FlotillaContext } from './context';

let ctx: FlotillaContext | undefined;

export async function activate(extensionContext: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('Flotilla', { log: true });
  extensionContext.subscriptions.push(log);
  try {
    ctx = new FlotillaContext(extensionContext, log);
    await ctx.start();
    log.info('Flotilla activated');
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log.error(`Flotilla failed to activate: ${message}`);
    void vscode.window.showErrorMessage(`Flotilla failed to activate: ${message}`);
  }
}

export async function deactivate(): Promise<void> {
  await ctx?.dispose();
  ctx = undefined;
}
