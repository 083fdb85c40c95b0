/**
 * Whether a schedule is one adhocore/gronx (the cron library Karmada's CronFederatedHPA webhook uses)
 * accepts. gronx checks each field against the current time and stops at the first field value that is
 * due, so a few malformed lists pass at some moments; this check is the time-independent one: every
 * value of every field must be well-formed and within its field's bounds.
 */
import timeZones from './timeZones.json';

const ZONE_NAMES = new Set(timeZones.names);

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0', '@daily': '0 0 * * *',
  '@hourly': '0 * * * *', '@always': '* * * * *', '@5minutes': '*/5 * * * *', '@10minutes': '*/10 * * * *',
  '@15minutes': '*/15 * * * *', '@30minutes': '0,30 * * * *', '@everysecond': '* * * * * *',
};
const NAMES: Record<string, string> = {
  SUN: '0', MON: '1', TUE: '2', WED: '3', THU: '4', FRI: '5', SAT: '6', JAN: '1', FEB: '2', MAR: '3', APR: '4', MAY: '5', JUN: '6',
  JUL: '7', AUG: '8', SEP: '9', OCT: '10', NOV: '11', DEC: '12',
};
const NAME_PATTERN = new RegExp(Object.keys(NAMES).join('|'), 'g');
/** Bounds of second, minute, hour, day of month, month, day of week, year. */
const BOUNDS: Array<[number, number]> = [[0, 59], [0, 59], [0, 23], [1, 31], [1, 12], [0, 7], [1, 9999]];
const DAY_OF_MONTH = 3;
const DAY_OF_WEEK = 5;
const INTEGER = /^[+-]?\d+$/;

function segments(expression: string): string[] | undefined {
  let expr = expression.replace(/^[ \t]+|[ \t]+$/g, '');
  expr = MACROS[expr.toLowerCase()] ?? expr;
  expr = expr.replace(/\s+/g, ' ').toUpperCase().replace(NAME_PATTERN, (name) => NAMES[name]);
  const segs = expr.split(' ');
  if (segs.length < 5 || segs.length > 7) return undefined;
  return segs.length === 5 || (segs.length === 6 && /\d{4}/.test(segs[5])) ? ['0', ...segs] : segs;
}

export function isValidCron(expression: string): boolean {
  const segs = segments(expression);
  return !!segs && segs.every((seg, pos) => seg.split(',').every((offset) => offsetIsValid(offset, pos)));
}

function offsetIsValid(offset: string, pos: number): boolean {
  if (offset === '*' || offset === '?') return true;
  const [lo, hi] = BOUNDS[pos];
  if (offset.includes('/')) return stepIsValid(offset, lo, hi);
  if (offset.includes('-')) {
    const [start, end] = (pos === DAY_OF_WEEK ? offset.replace('7-', '0-') : offset).split('-');
    return INTEGER.test(start) && INTEGER.test(end) && Number(end) >= Number(start) && Number(start) >= lo && Number(end) <= hi;
  }
  if (offset === '0' && pos !== DAY_OF_WEEK) return true;
  if (INTEGER.test(offset)) return Number(offset) >= lo && Number(offset) <= hi;
  if (pos === DAY_OF_MONTH) return offset === 'L' || (offset.indexOf('W') >= 1 && INTEGER.test(offset.slice(0, offset.indexOf('W'))));
  if (pos === DAY_OF_WEEK) return weekdayModifierIsValid(offset);
  return false;
}

function stepIsValid(offset: string, lo: number, hi: number): boolean {
  const [range, stepText] = offset.split('/');
  if (!INTEGER.test(stepText) || Number(stepText) === 0) return false;
  if (offset.startsWith('*/') || offset.startsWith('0/')) return true;
  const [startText, endText] = range.split('-');
  if (!INTEGER.test(startText) || (endText !== undefined && !INTEGER.test(endText))) return false;
  const start = Number(startText);
  return start >= lo && (endText === undefined || (Number(endText) >= start && Number(endText) <= hi));
}

/** `5L` (last Friday) and `5#2` (second Friday). */
function weekdayModifierIsValid(offset: string): boolean {
  const last = offset.replace('7L', '0L').indexOf('L');
  if (last > 0) return INTEGER.test(offset.slice(0, last));
  const parts = offset.replace('7#', '0#').split('#');
  return offset.indexOf('#') >= 1 && parts.length >= 2 && INTEGER.test(parts[0]) && INTEGER.test(parts[1]);
}

/** Go's time.LoadLocation error for a zone name, in the database Karmada's webhook embeds (timeZones.json). */
export function timeZoneProblem(name: string): string | undefined {
  if (name === '' || name === 'UTC' || name === 'Local') return undefined;
  if (name.includes('..') || name.startsWith('/') || name.startsWith('\\')) return 'time: invalid location name';
  // exact names: the database is a set of file names, so "utc" and "asia/shanghai" are unknown
  return ZONE_NAMES.has(name) ? undefined : `unknown time zone ${name}`;
}
