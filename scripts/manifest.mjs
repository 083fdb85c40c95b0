// Writes package.json's `contributes.configuration` from core/config.ts, the single source of truth.
// Run after changing a setting: `node --import tsx scripts/manifest.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';
import { contributedProperties } from '../core/config.ts';

const path = new URL('../package.json', import.meta.url);
const pkg = JSON.parse(readFileSync(path, 'utf8'));
pkg.contributes.configuration = { title: 'Flotilla', properties: contributedProperties() };
writeFileSync(path, JSON.stringify(pkg, null, 2) + '\n');
