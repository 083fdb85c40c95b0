/**
 * Settings through `workspace/configuration` (pulled, when the client supports it) or pushed: the
 * `settings.flotilla` of `workspace/didChangeConfiguration` or of the initializationOptions (clients such
 * as Neovim 0.7 that answer no pull). Read with core/config's readSettings.
 */
import type { Connection } from 'vscode-languageserver/node';
import { readSettings, SETTINGS_SECTION, type FlotillaSettings, type SettingKey } from '../core/config';

/** A section object may be nested (`{schemas: {paths}}`, VS Code) or flat (`{'schemas.paths'}`). */
export function settingsFromSection(section: unknown): FlotillaSettings {
  const root = section && typeof section === 'object' ? (section as Record<string, unknown>) : {};
  return readSettings((key: SettingKey) => {
    if (key in root) return root[key];
    let at: unknown = root;
    for (const part of key.split('.')) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined;
    return at;
  });
}

/** The `flotilla` section of a pushed `settings` object, if it has one. */
export function pushedSection(settings: unknown): unknown {
  return settings && typeof settings === 'object' ? (settings as Record<string, unknown>)[SETTINGS_SECTION] : undefined;
}

export async function fetchSettings(connection: Connection, supported: boolean, pushed?: unknown): Promise<FlotillaSettings> {
  if (!supported) return settingsFromSection(pushed);
  try {
    return settingsFromSection(await connection.workspace.getConfiguration({ section: SETTINGS_SECTION }));
  } catch (err) {
    connection.console.warn(`could not read settings, using defaults: ${err instanceof Error ? err.message : String(err)}`);
    return settingsFromSection(undefined);
  }
}
