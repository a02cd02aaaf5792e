/**
 * The benchmark's "policy off" switch (issue 15): BENCH_POLICY_OFF=true makes a subgraph serve
 * without shield, masking and audit, so that `npm run bench` can show what the policy costs as a
 * ratio in one run. It can never be on in production: start-up refuses the variable when
 * NODE_ENV=production (platform/settings/check.ts), and this check refuses it again at the one
 * place that reads it (test/security/bench-policy-off.test.ts).
 */
import { isProduction, setting } from '../settings/read';

export function benchPolicyOff(env: NodeJS.ProcessEnv = process.env): boolean {
  const off = setting('BENCH_POLICY_OFF', env);
  if (off && isProduction(env)) throw new Error('BENCH_POLICY_OFF is a benchmark switch and is refused when NODE_ENV=production');
  return off;
}
