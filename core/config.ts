/**
 * Every Flotilla setting, declared once. package.json's `contributes.configuration` is checked against
 * this table by test/unit/config.test.ts, and both the extension and the language server read settings
 * through `readSettings`, so a key, its type and its default live here and nowhere else.
 */

export interface FlotillaSettings {
  /** Extra kubeconfig files merged after KUBECONFIG (or ~/.kube/config). */
  kubeconfigs: string[];
  /** CRD YAML files, OpenAPI v3 JSON documents, or folders of them, used as schema sources. */
  'schemas.paths': string[];
  /** Fetch schemas from the connected clusters' /openapi/v3. */
  'schemas.live': boolean;
  /** YAML files of Karmada Cluster / KubeFedCluster objects used for placement preview when offline. */
  clusters: string[];
  /** Milliseconds a single cluster may take to answer before it is reported as slow/unreachable. */
  'cluster.timeoutMs': number;
  /** How many clusters a fan-out command talks to at once. */
  'deploy.concurrency': number;
  /** Field manager used for server-side apply. */
  'deploy.fieldManager': string;
  /** Treat unknown fields as errors (the API server's strict field validation). */
  'validation.strict': boolean;
}

export type SettingKey = keyof FlotillaSettings;

interface SettingSpec<K extends SettingKey> {
  type: 'string' | 'number' | 'boolean' | 'array';
  default: FlotillaSettings[K];
  description: string;
  minimum?: number;
}

export const SETTINGS: { [K in SettingKey]: SettingSpec<K> } = {
  kubeconfigs: {
    type: 'array',
    default: [],
    description: 'Extra kubeconfig files, merged after those in KUBECONFIG (or ~/.kube/config). Flotilla never writes them.',
  },
  'schemas.paths': {
    type: 'array',
    default: [],
    description: 'CRD YAML files, OpenAPI v3 JSON documents or folders of them, used as schema sources.',
  },
  'schemas.live': {
    type: 'boolean',
    default: true,
    description: "Fetch schemas from the connected clusters' OpenAPI v3 endpoints (cached on disk for offline use).",
  },
  clusters: {
    type: 'array',
    default: [],
    description: 'YAML files of Karmada Cluster or KubeFedCluster objects used for placement preview when no control plane is reachable.',
  },
  'cluster.timeoutMs': {
    type: 'number',
    default: 10000,
    minimum: 500,
    description: 'How long one cluster may take to answer before Flotilla reports it as unreachable; other clusters are never blocked.',
  },
  'deploy.concurrency': {
    type: 'number',
    default: 20,
    minimum: 1,
    description: 'How many member clusters a deploy or inspect command talks to at once.',
  },
  'deploy.fieldManager': {
    type: 'string',
    default: 'flotilla',
    description: 'Field manager name used for server-side apply.',
  },
  'validation.strict': {
    type: 'boolean',
    default: true,
    description: "Report unknown fields as errors, as the API server's strict field validation does.",
  },
};

export const SETTINGS_SECTION = 'flotilla';

export function defaultSettings(): FlotillaSettings {
  const out = {} as Record<string, unknown>;
  for (const [key, spec] of Object.entries(SETTINGS)) {
    out[key] = structuredClone(spec.default);
  }
  return out as unknown as FlotillaSettings;
}

/**
 * Reads settings from any getter (VS Code's WorkspaceConfiguration.get, an LSP configuration result,
 * CLI flags), falling back to the default for a missing or mistyped value.
 */
export function readSettings(get: (key: SettingKey) => unknown): FlotillaSettings {
  const out = defaultSettings() as unknown as Record<string, unknown>;
  for (const [key, spec] of Object.entries(SETTINGS) as [SettingKey, SettingSpec<SettingKey>][]) {
    const value = get(key);
    if (value === undefined || value === null) continue;
    const ok =
      spec.type === 'array'
        ? Array.isArray(value) && value.every((v) => typeof v === 'string')
        : typeof value === spec.type;
    if (!ok) continue;
    if (spec.type === 'number' && spec.minimum !== undefined && (value as number) < spec.minimum) continue;
    out[key] = value;
  }
  return out as unknown as FlotillaSettings;
}

/** The `contributes.configuration.properties` object package.json must carry. */
export function contributedProperties(): Record<string, Record<string, unknown>> {
  const props: Record<string, Record<string, unknown>> = {};
  for (const [key, spec] of Object.entries(SETTINGS)) {
    const entry: Record<string, unknown> = { type: spec.type, default: spec.default, description: spec.description };
    if (spec.type === 'array') entry.items = { type: 'string' };
    if (spec.minimum !== undefined) entry.minimum = spec.minimum;
    props[`${SETTINGS_SECTION}.${key}`] = entry;
  }
  return props;
}
