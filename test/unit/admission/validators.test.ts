// The Go validators the webhook rules rest on, against the outputs of their Go originals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidCron, timeZoneProblem } from '../../../core/language/admission/cron';
import { clusterNameProblems, isDNS1035Label, isDNS1123Label, isQualifiedName, isValidPathSegmentName, jsonPointerProblem } from '../../../core/language/admission/names';
import { containerResourceNameProblems, quantitySign, quotaResourceNameProblems } from '../../../core/language/admission/resourceNames';

test('qualified names: prefix and name parts, each with its own message', () => {
  assert.deepEqual(isQualifiedName('example.com/app-name_1.x'), []);
  assert.deepEqual(isQualifiedName('Example.com/x'), [
    "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  ]);
  assert.deepEqual(isQualifiedName('/x'), ['prefix part must be non-empty']);
  assert.equal(isQualifiedName('a/b/c').length, 1);
  assert.deepEqual(isQualifiedName('x'.repeat(64)), ['name part must be no more than 63 bytes']);
  assert.match(isQualifiedName('-x')[0], /^name part must consist of alphanumeric characters, '-', '_' or '\.', and must start and end with an alphanumeric character \(e\.g\. 'MyName', {2}or 'my\.name', {2}or '123-abc', regex used/);
});

test('DNS labels: RFC 1123 names dots apart, DNS-1035 wants a leading letter', () => {
  assert.deepEqual(isDNS1123Label('a.b'), ['must not contain dots']);
  assert.deepEqual(isDNS1123Label('1-a'), []);
  assert.equal(isDNS1035Label('1-a').length, 1);
  assert.deepEqual(isDNS1035Label('a-1'), []);
  assert.deepEqual(isDNS1123Label('a'.repeat(64)), ['must be no more than 63 characters']);
});

test('cluster names, path segments and JSON pointers', () => {
  assert.deepEqual(clusterNameProblems(''), ['must be not empty']);
  assert.deepEqual(clusterNameProblems('m'.repeat(49)), ['must be no more than 48 characters']);
  assert.deepEqual(clusterNameProblems('member-1'), []);
  assert.deepEqual(isValidPathSegmentName('a/%b'), ["may not contain '/'", "may not contain '%'"]);
  assert.deepEqual(isValidPathSegmentName('.'), ["may not be '.'"]);
  assert.equal(jsonPointerProblem(''), undefined);
  assert.equal(jsonPointerProblem('/a/b'), undefined);
  assert.equal(jsonPointerProblem('a/b'), 'JSON pointer must be empty or start with a "/');
});

test('cron schedules as gronx reads them', () => {
  for (const ok of ['0 8 * * *', '*/15 * * * *', '0 0 1 1 *', '@daily', '@hourly', '0 9-17 * * MON-FRI', '0 0 L * *', '0 0 15W * *', '0 0 * * 5L', '0 0 * * 5#2', '0 0 0 * * *', '0 0 1 1 * 2030', '0 0 0 1 1 * 2030', '5,10 * * * *', '0 0 * JAN,DEC *']) {
    assert.ok(isValidCron(ok), ok);
  }
  for (const bad of ['', '* * *', '* * * * * * * *', '60 * * * *', '0 24 * * *', '*/0 * * * *', '5-1 * * * *', 'x * * * *', '0 0 32 * *', '0 0 * 13 *', '0 0 * * 8', '0 0 L5 * *', '0 0 * * #2']) {
    assert.ok(!isValidCron(bad), bad);
  }
});

test('time zones: empty, UTC and Local are Go built-ins; others come from the zone database', () => {
  for (const zone of ['', 'UTC', 'Local', 'Europe/Paris', 'America/Argentina/Buenos_Aires']) assert.equal(timeZoneProblem(zone), undefined, zone);
  assert.equal(timeZoneProblem('Europe/Atlantis'), 'unknown time zone Europe/Atlantis');
});

test('time zones are names of Go\'s embedded database as written: ICU would take the others', () => {
  // the webhook answered these in the lab (test/integration/admissionOracle.test.ts sends the same)
  for (const zone of ['Etc/GMT+5', 'EST5EDT', 'US/Pacific', 'Asia/Calcutta', 'Factory', 'Europe/Kyiv']) assert.equal(timeZoneProblem(zone), undefined, zone);
  for (const zone of ['utc', 'asia/shanghai', 'local', 'SystemV/AST4', '+05:00']) assert.equal(timeZoneProblem(zone), `unknown time zone ${zone}`, zone);
  assert.equal(timeZoneProblem('Europe/../UTC'), 'time: invalid location name');
  assert.equal(timeZoneProblem('/etc/localtime'), 'time: invalid location name');
});

test('resource names for quotas and containers, and quantity signs', () => {
  assert.deepEqual(quotaResourceNameProblems('requests.cpu'), []);
  assert.deepEqual(quotaResourceNameProblems('hugepages-2Mi'), []);
  assert.deepEqual(quotaResourceNameProblems('example.com/widgets'), []);
  assert.deepEqual(quotaResourceNameProblems('widgets'), ['must be a standard resource type or fully qualified', 'must be a standard resource for quota']);
  assert.deepEqual(containerResourceNameProblems('ephemeral-storage'), []);
  assert.deepEqual(containerResourceNameProblems('pods'), ['must be a standard resource for containers']);
  assert.deepEqual(containerResourceNameProblems('nvidia.com/gpu'), []);
  assert.deepEqual([quantitySign('0'), quantitySign('0.000'), quantitySign('-1m'), quantitySign('1n'), quantitySign(3), quantitySign('abc')], [0, 0, -1, 1, 1, undefined]);
});
