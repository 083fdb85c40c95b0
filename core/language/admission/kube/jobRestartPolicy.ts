/**
 * Kubernetes' batch validation of a Job's pod template (pkg/apis/batch/validation/validation.go:
 * validateJobSpec, reached from ValidateJob and, through jobTemplate, ValidateCronJob): pods of a Job must
 * not restart Always, which is also what an absent restartPolicy defaults to.
 */
import { invalid, required, type AdmissionFinding, type FieldPath } from '../fieldErrors';
import { asObj, isSet, str, type Obj } from '../values';

export function jobFindings(job: Obj): AdmissionFinding[] {
  return jobSpecFindings(asObj(job.spec), ['spec']);
}

export function cronJobFindings(cronJob: Obj): AdmissionFinding[] {
  const jobTemplate = asObj(asObj(cronJob.spec)?.jobTemplate);
  return jobTemplate ? jobSpecFindings(asObj(jobTemplate.spec), ['spec', 'jobTemplate', 'spec']) : [];
}

function jobSpecFindings(spec: Obj | undefined, path: FieldPath): AdmissionFinding[] {
  if (!spec) return [];
  const restartPolicy = str(asObj(asObj(spec.template)?.spec)?.restartPolicy);
  const at = [...path, 'template', 'spec', 'restartPolicy'];
  if (restartPolicy === '' || restartPolicy === 'Always') return [required('job-restart-policy', at, 'valid values: "OnFailure", "Never"')];
  if (isSet(spec.podFailurePolicy) && restartPolicy === 'OnFailure') {
    return [invalid('job-restart-policy', at, restartPolicy, 'only "Never" is supported when podFailurePolicy is specified')];
  }
  return [];
}
