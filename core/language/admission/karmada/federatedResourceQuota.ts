/**
 * Karmada's validating webhook for FederatedResourceQuota (pkg/webhook/federatedresourcequota/validating.go:
 * validateFederatedResourceQuota). Its status checks are left out: the API server drops status on create.
 */
import { parseMilli } from '../../../placement/quantity';
import { goKeyPath, invalid, invalidEach, type AdmissionFinding, type FieldPath } from '../fieldErrors';
import { clusterNameProblems } from '../names';
import { quantityValueProblems, quotaResourceNameProblems } from '../resourceNames';
import { asArray, asObj, mapEntries, str, type Obj } from '../values';

export function federatedResourceQuotaFindings(quota: Obj): AdmissionFinding[] {
  const spec = asObj(quota.spec) ?? {};
  const out: AdmissionFinding[] = [];
  const name = str(asObj(quota.metadata)?.name);
  if (Buffer.byteLength(name) > 63) out.push(invalid('karmada-frq-name', ['metadata', 'name'], name, 'must be no more than 63 characters'));
  out.push(...resourceListFindings(spec.overall, ['spec', 'overall']));
  const assignments = asArray(spec.staticAssignments).map((a) => asObj(a) ?? {});
  assignments.forEach((assignment, i) => {
    const clusterName = str(assignment.clusterName);
    const problems = clusterNameProblems(clusterName);
    if (problems.length) out.push(invalid('karmada-frq-cluster-name', ['spec', 'staticAssignments', i, 'clusterName'], clusterName, problems.join(',')));
    out.push(...resourceListFindings(assignment.hard, ['spec', 'staticAssignments', i, 'hard']));
  });
  out.push(...overallAndAssignmentFindings(asObj(spec.overall) ?? {}, assignments));
  return out;
}

function resourceListFindings(list: unknown, path: FieldPath): AdmissionFinding[] {
  return mapEntries(list).flatMap(([resource, value]) => {
    const shown = goKeyPath(path, resource);
    return [
      ...invalidEach('karmada-frq-resource-name', [...path, resource], resource, quotaResourceNameProblems(resource), shown).map((f) => ({ ...f, onKey: true })),
      ...invalidEach('karmada-frq-quantity', [...path, resource], String(value), quantityValueProblems(resource, value, parseMilli(value)), shown),
    ];
  });
}

/** validateOverallAndAssignments: each overall limit covers the sum assigned to clusters, and nothing is assigned outside it. */
function overallAndAssignmentFindings(overall: Obj, assignments: Obj[]): AdmissionFinding[] {
  const out: AdmissionFinding[] = [];
  for (const [resource, value] of Object.entries(overall)) {
    const limit = parseMilli(value);
    const assigned = assignments.reduce((sum, a) => sum + (parseMilli(asObj(a.hard)?.[resource]) ?? 0), 0);
    if (limit !== undefined && limit < assigned) {
      out.push(invalid('karmada-frq-overall-below-assignments', ['spec', 'overall', resource], String(value), 'overall is less than assignments', goKeyPath(['spec', 'overall'], resource)));
    }
  }
  assignments.forEach((assignment, i) => {
    for (const [resource] of mapEntries(assignment.hard)) {
      if (resource in overall) continue;
      const path = ['spec', 'staticAssignments', i, 'hard'];
      out.push({ ...invalid('karmada-frq-assignment-outside-overall', [...path, resource], resource, 'assignment resourceName is not exist in overall', goKeyPath(path, resource)), onKey: true });
    }
  });
  return out;
}
