/**
 * Karmada's webhook on placement.spreadConstraints (pkg/util/validation/validation.go:
 * ValidateSpreadConstraint), on the constraints as its mutating webhook leaves them
 * (pkg/util/helper/policy.go: SetDefaultSpreadConstraints): a constraint with neither spreadByField nor
 * spreadByLabel spreads by cluster, and minGroups 0 becomes 1.
 */
import { goPath, invalid, type AdmissionFinding, type FieldPath } from '../fieldErrors';
import { asObj, int, str } from '../values';

interface Constraint {
  byField: string;
  byLabel: string;
  minGroups: number;
  maxGroups: number;
}

function defaulted(raw: unknown): Constraint {
  const c = asObj(raw) ?? {};
  const byLabel = str(c.spreadByLabel);
  const byField = str(c.spreadByField) || (byLabel ? '' : 'cluster');
  const minGroups = int(c.minGroups) || 1;
  return { byField, byLabel, minGroups, maxGroups: int(c.maxGroups) };
}

export function spreadConstraintFindings(constraints: unknown[], path: FieldPath): AdmissionFinding[] {
  const out: AdmissionFinding[] = [];
  const fieldsSeen = new Map<string, boolean>();
  constraints.forEach((raw, i) => {
    const c = defaulted(raw);
    const at = (field: string) => (asObj(raw)?.[field] !== undefined ? [...path, i, field] : [...path, i]);
    const shown = goPath([...path, i]);
    if (c.byField && c.byLabel) out.push(invalid('karmada-spread-field-and-label', at('spreadByLabel'), undefined, 'spreadByLabel should not co-exist with spreadByField', shown));
    if (c.minGroups < 0) out.push(invalid('karmada-spread-negative-groups', at('minGroups'), undefined, 'minGroups lower than 0 is not allowed', shown));
    if (c.maxGroups < 0) out.push(invalid('karmada-spread-negative-groups', at('maxGroups'), undefined, 'maxGroups lower than 0 is not allowed', shown));
    if (c.maxGroups > 0 && c.maxGroups < c.minGroups) out.push(invalid('karmada-spread-max-below-min', at('maxGroups'), undefined, 'maxGroups lower than minGroups is not allowed', shown));
    if (!c.byField) return;
    const reported = fieldsSeen.get(c.byField);
    if (reported === false) {
      out.push(invalid('karmada-spread-field-repeated', at('spreadByField'), undefined, `multiple ${c.byField} spread constraints are not allowed`, goPath(path)));
      fieldsSeen.set(c.byField, true);
    } else if (reported === undefined) {
      fieldsSeen.set(c.byField, false);
    }
  });
  if (fieldsSeen.size && !fieldsSeen.has('cluster')) {
    out.push(invalid('karmada-spread-cluster-required', path, undefined, 'the cluster spread constraint must be enabled in one of the constraints in case of SpreadByField is enabled'));
  }
  return out;
}
