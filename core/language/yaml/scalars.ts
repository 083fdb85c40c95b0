/** Plain scalar resolution with the YAML 1.2 core schema (what the `yaml` package does by default). */
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['true', 'True', 'TRUE']);
const FALSES = new Set(['false', 'False', 'FALSE']);
const INT = /^[-+]?[0-9]+$/;
const OCT = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INF = /^[-+]?\.(inf|Inf|INF)$/;
const NAN = /^\.(nan|NaN|NAN)$/;

export function resolvePlain(text: string): unknown {
  if (text.length <= 4 && NULLS.has(text)) return null;
  const first = text.charCodeAt(0);
  // Fast path: most plain scalars in manifests are words.
  if (!(first >= 48 && first <= 57) && first !== 45 && first !== 43 && first !== 46 && first !== 116 && first !== 84 && first !== 102 && first !== 70) return text;
  if (TRUES.has(text)) return true;
  if (FALSES.has(text)) return false;
  // Numbers end in a (hex) digit or a dot; .inf/.nan in f or n: quantities such as 500m or 128Mi do not.
  const last = text.charCodeAt(text.length - 1);
  if (!((last >= 48 && last <= 57) || (last >= 97 && last <= 102) || (last >= 65 && last <= 70) || last === 46 || last === 110 || last === 78)) return text;
  if (INT.test(text)) return Number.parseInt(text, 10);
  if (OCT.test(text)) return Number.parseInt(text.slice(2), 8);
  if (HEX.test(text)) return Number.parseInt(text.slice(2), 16);
  if (FLOAT.test(text)) return Number.parseFloat(text);
  if (INF.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (NAN.test(text)) return NaN;
  return text;
}
