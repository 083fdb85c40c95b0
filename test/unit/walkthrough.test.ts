/**
 * The walkthrough and the welcome content hang together: each step completes on an event naming a
 * declared setting, view or command, its media exists, every `command:` link runs something that
 * exists, and every declared command is registered by the extension.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contributes = pkg.contributes;
const commands = new Set<string>(contributes.commands.map((c: { command: string }) => c.command));
const views = new Set<string>(Object.values(contributes.views as Record<string, { id: string }[]>).flat().map((v) => v.id));
const settings = new Set(Object.keys(contributes.configuration.properties));
const walkthrough = contributes.walkthroughs[0];

interface Step {
  id: string;
  description: string;
  media: Record<string, string>;
  completionEvents: string[];
}

function eventTargetExists(event: string): boolean {
  const [type, target] = [event.slice(0, event.indexOf(':')), event.slice(event.indexOf(':') + 1)];
  if (type === 'onSettingChanged') return settings.has(target);
  if (type === 'onView') return views.has(target);
  if (type === 'onCommand') return commands.has(target);
  return false;
}

/** A `command:` link: a declared command, a view's focus command, or the walkthrough opener for this walkthrough. */
function linkTargetExists(link: string): boolean {
  const [id, query] = link.split('?');
  if (commands.has(id)) return true;
  if (id.endsWith('.focus')) return views.has(id.slice(0, -'.focus'.length));
  if (id === 'workbench.action.openWalkthrough') return JSON.parse(decodeURIComponent(query)) === `${pkg.publisher}.${pkg.name}#${walkthrough.id}`;
  return false;
}

const links = (markdown: string) => [...markdown.matchAll(/\]\(command:([^)\s]+)\)/g)].map((m) => m[1]);

test('the walkthrough covers kubeconfigs, the view, a manifest, placement preview and deploy, in order', () => {
  const steps = walkthrough.steps as Step[];
  assert.deepEqual(steps.map((s) => s.completionEvents[0]), [
    'onSettingChanged:flotilla.kubeconfigs',
    'onView:flotilla.federation',
    'onCommand:flotilla.newFederationManifest',
    'onCommand:flotilla.explainPlacement',
    'onCommand:flotilla.deployToMembers',
  ]);
});

test('every completion event names a declared setting, view or command', () => {
  for (const step of walkthrough.steps as Step[]) {
    assert.ok(step.completionEvents.length, `${step.id}: completes on an event, not on a click`);
    for (const event of step.completionEvents) assert.ok(eventTargetExists(event), `${step.id}: ${event}`);
  }
  assert.ok(!eventTargetExists('onCommand:flotilla.noSuchCommand') && !eventTargetExists('onView:nope') && !eventTargetExists('onSettingChanged:flotilla.nope'));
});

test('every step media file exists and every command link runs something', () => {
  for (const step of walkthrough.steps as Step[]) {
    for (const file of Object.values(step.media).filter((v) => /\.(md|svg|png)$/.test(v))) assert.ok(existsSync(join(root, file)), `${step.id}: ${file}`);
    assert.ok(links(step.description).length, `${step.id}: a button to act`);
    for (const link of links(step.description)) assert.ok(linkTargetExists(link), `${step.id}: ${link}`);
  }
  const welcome = contributes.viewsWelcome.map((w: { contents: string }) => w.contents).join('\n');
  assert.deepEqual(links(welcome).filter((l) => !linkTargetExists(l)), []);
  assert.ok(links(welcome).includes('flotilla.chooseKubeconfigs'));
  assert.ok(!linkTargetExists('workbench.action.openWalkthrough?%22someone.else%23x%22'));
});

test('every declared command is registered by the extension, and every registered one declared', () => {
  const source = readFileSync(join(root, 'src/commands/index.ts'), 'utf8');
  const registered = new Set([...source.matchAll(/(?:registerCommand|wrap)\('([^']+)'/g)].map((m) => m[1]));
  assert.deepEqual([...commands].filter((c) => !registered.has(c)), []);
  assert.deepEqual([...registered].filter((c) => !commands.has(c)), []);
});
