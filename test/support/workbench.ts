/**
 * The end-to-end harness: a real VS Code workbench (code-server, see scripts/workbench.mjs) with Flotilla
 * installed from its .vsix, driven by playwright-core through Debian's Chromium. Every session gets a
 * fresh user-data-dir, extensions dir, browser profile and workspace copy. Helpers wait on what appears
 * in the page (locators), never on fixed sleeps; screenshots go to test-results/e2e/.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { StartedWorkbench } from '../../scripts/workbench.mjs' with { 'resolution-mode': 'import' };

// The test files are CommonJS (package.json has no "type"), so the ESM scripts are loaded with import().
const scripts = (): Promise<typeof import('../../scripts/workbench.mjs', { with: { 'resolution-mode': 'import' } })> => import('../../scripts/workbench.mjs');

export const ROOT = resolve(__dirname, '..', '..');
export const CHROMIUM = process.env.FLOTILLA_CHROMIUM ?? '/usr/bin/chromium';
const RESULTS_DIR = join(ROOT, 'test-results', 'e2e');

const FLOTILLA_ACTIVITY = '.activitybar .action-item a[aria-label^="Flotilla"], .activitybar .action-item[aria-label^="Flotilla"]';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** The reason e2e tests skip, or undefined when they must run. Only FLOTILLA_SKIP_E2E=1 skips. */
export function e2eSkipReason(): string | undefined {
  if (process.env.FLOTILLA_SKIP_E2E === '1') {
    const reason = 'FLOTILLA_SKIP_E2E=1: end-to-end workbench tests skipped';
    console.log(`# ${reason}`);
    return reason;
  }
  return undefined;
}

// What goes into the .vsix: packaging is skipped when none of it changed since the last packaging.
const PACKAGE_INPUTS = ['src', 'server', 'core', 'cli', 'media', 'syntaxes', 'schemas', 'snippets', 'package.json', '.vscodeignore', 'README.md', 'scripts/build.mjs'];

function hashInputs(): string {
  const hash = createHash('sha256');
  const visit = (path: string): void => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) visit(join(path, name));
    } else {
      hash.update(path).update('\0').update(readFileSync(path)).update('\0');
    }
  };
  for (const input of PACKAGE_INPUTS) visit(join(ROOT, input));
  return hash.digest('hex').slice(0, 16);
}

/** The packaged extension for these sources, built once and cached in .cache/e2e/ by a hash of its inputs. */
async function packagedVsix(): Promise<string> {
  const cacheDir = join(ROOT, '.cache', 'e2e');
  const cached = join(cacheDir, `flotilla-${hashInputs()}.vsix`);
  if (existsSync(cached)) return cached;
  const { vsix, size } = (await scripts()).packageExtension({ log: () => undefined });
  mkdirSync(cacheDir, { recursive: true });
  for (const old of readdirSync(cacheDir)) rmSync(join(cacheDir, old), { force: true });
  // /tmp may be another filesystem: copy, then drop the private packaging directory.
  copyFileSync(vsix, `${cached}.partial`);
  renameSync(`${cached}.partial`, cached);
  rmSync(dirname(vsix), { recursive: true, force: true });
  console.log(`# packaged ${cached} (${(size / 1024).toFixed(0)} KiB)`);
  return cached;
}

export interface WorkbenchSession {
  page: Page;
  workspace: string;
  server: StartedWorkbench;
  /** Saves test-results/e2e/<test>-<step>.png and logs its path. */
  screenshot(step: string): Promise<string>;
  /** F1, type the command's title, pick the matching entry. */
  runCommand(title: string): Promise<void>;
  /** Runs the test's steps; on failure saves a 'failure' screenshot before rethrowing. */
  steps(body: () => Promise<void>): Promise<void>;
  /** Opens a workspace file in an editor through Quick Open and waits for its tab. */
  openFile(relativePath: string): Promise<Locator>;
  /** Clicks the Flotilla activity-bar item and returns the Federation view's tree. */
  openFlotillaView(): Promise<Locator>;
  /** A row of the Flotilla tree whose label is exactly `label`. */
  treeItem(label: string | RegExp): Locator;
  /**
   * Runs a context-menu entry of a tree row: selects the row, right-clicks the selected row (a row
   * re-rendered by live updates keeps its selection, not its position), focuses the entry and presses Enter
   * (a click right after the menu opens may be taken for the right-click's release).
   */
  contextMenu(row: Locator, title: string): Promise<void>;
  /**
   * Waits for a notification whose message matches `text`: as a toast, else (toasts beyond three queue
   * behind the visible ones) in the Notifications centre. A timeout lists every message it saw.
   */
  notification(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /** Expands a tree row if collapsed. */
  expand(row: Locator): Promise<void>;
  /** Collapses a tree row if expanded. */
  collapse(row: Locator): Promise<void>;
  /** The visible quick pick / quick input widget. */
  quickInput: Locator;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  /** Names the screenshots: test-results/e2e/<testName>-<step>.png */
  testName: string;
  kubeconfigPath?: string;
  settings?: Record<string, unknown>;
  /** Extra files written into the workspace copy, by relative path. */
  files?: Record<string, string>;
}

function safeName(text: string): string {
  return text.replace(/[^a-zA-Z0-9._-]+/g, '-').replace(/^-|-$/g, '');
}

/** Starts code-server with the packaged extension on a fresh copy of sandbox/ and opens it in Chromium. */
export async function openWorkbench(options: WorkbenchOptions): Promise<WorkbenchSession> {
  const { isInstalled, startWorkbench, CODE_SERVER_VERSION, FLAVOUR, NODE_VERSION } = await scripts();
  console.log(`# workbench: code-server ${CODE_SERVER_VERSION} (${FLAVOUR}) on Node ${NODE_VERSION}`);
  if (!isInstalled()) {
    throw new Error('the workbench is not installed: run `node scripts/workbench.mjs install` (scripts/setup.sh does)');
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (scripts/setup.sh does)`);

  const vsix = await packagedVsix();
  const scratch = mkdtempSync(join(tmpdir(), 'flotilla-e2e-'));
  const workspace = join(scratch, 'workspace');
  cpSync(join(ROOT, 'sandbox'), workspace, { recursive: true });
  for (const [path, text] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(workspace, path)), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }

  const settings: Record<string, unknown> = { ...options.settings };
  const env: Record<string, string> = {};
  if (options.kubeconfigPath) {
    env.KUBECONFIG = options.kubeconfigPath;
    settings['flotilla.kubeconfigs'] ??= [options.kubeconfigPath];
  }
  const server = await startWorkbench({ workspace, vsix, settings, env });
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(join(scratch, 'browser'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 900 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(30_000);
    await page.goto(server.workspaceUrl);
    // The workbench is usable once the status bar and the explorer for the folder are drawn.
    await page.locator('.monaco-workbench .part.statusbar').waitFor();
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor();
    // Extension contributions (the palette's commands included) are registered once the extension host
    // has scanned the extensions: Flotilla's activity-bar item is the visible sign of that.
    await page.locator(FLOTILLA_ACTIVITY).first().waitFor();
    return session(page, context, server, workspace, scratch, options.testName);
  } catch (err) {
    await context?.close();
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
    throw err;
  }
}

function session(
  page: Page,
  context: BrowserContext,
  server: StartedWorkbench,
  workspace: string,
  scratch: string,
  testName: string,
): WorkbenchSession {
  const quickInput = page.locator('.quick-input-widget');
  const quickInputBox = page.locator('.quick-input-widget .quick-input-box input.input');
  const sidebar = page.locator('#workbench\\.parts\\.sidebar');
  const flotillaTree = sidebar.locator('.monaco-list[role="tree"]').first();
  let shots = 0;

  const treeItem = (label: string | RegExp): Locator =>
    flotillaTree.locator('.monaco-list-row').filter({
      has: page.locator('.label-name', { hasText: typeof label === 'string' ? new RegExp(`^${escapeRegExp(label)}$`) : label }),
    });

  // Pins the row by its list index (stable while rows are added below it), so that a locator that
  // filters on the current state keeps matching after the state changes.
  const toggle = async (row: Locator, expanded: 'true' | 'false'): Promise<void> => {
    await row.first().waitFor();
    const index = await row.first().getAttribute('data-index');
    const pinned = flotillaTree.locator(`.monaco-list-row[data-index="${index}"]`);
    if ((await pinned.getAttribute('aria-expanded')) !== expanded) await pinned.locator('.monaco-tl-twistie').click();
    await flotillaTree.locator(`.monaco-list-row[data-index="${index}"][aria-expanded="${expanded}"]`).waitFor();
  };

  const contextMenu = async (row: Locator, title: string): Promise<void> => {
    await row.first().click();
    const selected = flotillaTree.locator('.monaco-list-row[aria-selected="true"]');
    await row.first().and(selected).waitFor();
    await selected.click({ button: 'right' });
    const entry = page.locator('.monaco-menu .action-item', { hasText: title }).first();
    await entry.hover();
    await page.locator('.monaco-menu .action-item.focused', { hasText: title }).waitFor();
    await page.keyboard.press('Enter');
    await entry.waitFor({ state: 'detached' });
  };

  return {
    page,
    workspace,
    server,
    quickInput,
    contextMenu,
    async screenshot(step) {
      mkdirSync(RESULTS_DIR, { recursive: true });
      const path = join(RESULTS_DIR, `${safeName(testName)}-${String(++shots).padStart(2, '0')}-${safeName(step)}.png`);
      await page.screenshot({ path });
      console.log(`# screenshot: ${path}`);
      return path;
    },
    async steps(body) {
      try {
        await body();
      } catch (err) {
        await this.screenshot('failure').catch(() => undefined);
        throw err;
      }
    },
    async runCommand(title) {
      await page.locator('.monaco-workbench').press('F1');
      await quickInputBox.waitFor({ state: 'visible' });
      await quickInputBox.fill(`>${title}`);
      const entry = quickInput.locator('.monaco-list-row').filter({ hasText: title }).first();
      await entry.waitFor();
      await quickInputBox.press('Enter');
    },
    async openFile(relativePath) {
      await page.locator('.monaco-workbench').press('Control+P');
      await quickInputBox.waitFor({ state: 'visible' });
      await quickInputBox.fill(relativePath);
      const fileName = relativePath.split('/').pop() ?? relativePath;
      await quickInput.locator('.monaco-list-row').filter({ hasText: fileName }).first().waitFor();
      await quickInputBox.press('Enter');
      const tab = page.locator('.tabs-container .tab', { hasText: fileName });
      await tab.waitFor();
      await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
      return tab;
    },
    async openFlotillaView() {
      await page.locator(FLOTILLA_ACTIVITY).first().click();
      // A container with one view hides that view's header: wait for it to be attached, not visible.
      await sidebar.locator('.pane-header[aria-label^="Federation"]').waitFor({ state: 'attached' });
      return flotillaTree;
    },
    treeItem,
    async notification(text, timeoutMs = 60_000) {
      const toast = page.locator('.notification-toast', { hasText: text }).first();
      const centre = page.locator('.notifications-center .notification-list-item-message', { hasText: text }).first();
      const deadline = Date.now() + timeoutMs;
      try {
        await toast.waitFor({ timeout: Math.min(15_000, timeoutMs) });
        return;
      } catch {
        // Not among the toasts: look in the centre, where every notification of the session is listed.
      }
      try {
        await this.runCommand('Notifications: Show Notifications');
        await centre.waitFor({ timeout: Math.max(1_000, deadline - Date.now()) });
      } catch (err) {
        const seen = await page.locator('.notification-toast .notification-list-item-message, .notifications-center .notification-list-item-message').allInnerTexts();
        throw new Error(`no notification matching ${String(text)}; seen: ${seen.length ? seen.map((m) => JSON.stringify(m)).join(', ') : 'none'} (${(err as Error).message.split('\n')[0]})`);
      }
    },
    async expand(row) {
      await toggle(row, 'true');
    },
    async collapse(row) {
      await toggle(row, 'false');
    },
    async close() {
      await context.close().catch(() => undefined);
      await server.stop();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
