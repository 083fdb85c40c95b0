import { doc, ruleTest } from './support';

const JOB = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: train';
const job = (podSpec: string, jobSpec = '') => doc(JOB, `spec:\n${jobSpec}  template:\n    spec:\n${podSpec}      containers: [{name: train, image: trainer}]`);
const CRON_JOB = 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly';
const FAILURE_POLICY = '  podFailurePolicy:\n    rules: [{action: FailJob, onExitCodes: {operator: In, values: [42]}}]\n';

ruleTest({
  name: 'no restartPolicy (it defaults to Always)',
  code: 'job-restart-policy',
  invalid: doc(JOB, 'spec:\n  template:\n    «spec»:\n      containers: [{name: train, image: trainer}]'),
  valid: job('      restartPolicy: OnFailure\n'),
  says: 'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
});

ruleTest({
  name: 'restartPolicy Always',
  code: 'job-restart-policy',
  invalid: job('      restartPolicy: «Always»\n'),
  valid: job('      restartPolicy: Never\n'),
  says: 'valid values: "OnFailure", "Never"',
});

ruleTest({
  name: 'OnFailure with a pod failure policy',
  code: 'job-restart-policy',
  invalid: job('      restartPolicy: «OnFailure»\n', FAILURE_POLICY),
  valid: job('      restartPolicy: Never\n', FAILURE_POLICY),
  says: 'Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified',
});

ruleTest({
  name: "a CronJob's job template",
  code: 'job-restart-policy',
  invalid: doc(CRON_JOB, 'spec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: «Always»\n          containers: [{name: backup, image: backup}]'),
  valid: doc(CRON_JOB, 'spec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: backup, image: backup}]'),
  says: 'spec.jobTemplate.spec.template.spec.restartPolicy: Required value',
});
