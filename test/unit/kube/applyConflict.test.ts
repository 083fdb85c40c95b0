import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyConflicts, describeConflicts } from '../../../core/kube/applyConflict';
import { errorFromStatus } from '../../../core/kube/errors';

const status = (causes: unknown[], code = 409) => JSON.stringify({ kind: 'Status', code, reason: 'Conflict', message: 'Apply failed with 2 conflicts', details: { causes } });

test('the conflicting fields of a 409 are read per manager, as the API server lists them', () => {
  const error = errorFromStatus(409, status([
    { reason: 'FieldManagerConflict', message: 'conflict with "kubectl-edit" using apps/v1', field: '.spec.replicas' },
    { reason: 'FieldManagerConflict', message: 'conflict with "argocd" using apps/v1', field: '.metadata.labels.app' },
    { reason: 'FieldManagerConflict', message: 'conflict with "kubectl-edit" using apps/v1', field: '.spec.paused' },
  ]));
  const conflicts = applyConflicts(error)!;
  assert.equal(conflicts.length, 3);
  assert.equal(describeConflicts(conflicts), '.spec.replicas, .spec.paused managed by "kubectl-edit"; .metadata.labels.app managed by "argocd"');
});

test('other conflicts (an update on a stale resourceVersion) are not apply conflicts', () => {
  assert.equal(applyConflicts(errorFromStatus(409, status([]))), undefined);
  assert.equal(applyConflicts(errorFromStatus(422, status([{ reason: 'FieldManagerConflict', message: 'conflict with "x"', field: '.a' }], 422))), undefined);
});
