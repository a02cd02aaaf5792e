/**
 * The Kubernetes objects of an installation, typed against the Kubernetes API (kubernetes-types):
 * per subgraph of schema/subgraphs.json and for the router a Deployment, a Service and (for the
 * busiest) a HorizontalPodAutoscaler; the migration Job; the settings, router.yaml and the
 * supergraph as ConfigMaps; NetworkPolicies that let only the router reach the subgraphs. Keys and
 * database URLs come from two Secrets the operator creates (docs/DEPLOY.md); none is generated.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort } from 'kubernetes-types/networking/v1';
import type { ConfigMap, Container, EnvVar, Namespace, PersistentVolumeClaim, PodSpec, Probe, Service, Volume, VolumeMount } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { repoRoot } from '../../platform/config';
import { subgraphEntries } from '../../platform/subgraph/registry';
import { checkpointVolumeAccess, databaseSecretsOf, keySecretsOf, readsSupergraph, secretIsOptional, sharedConfig, type DeployedProcess } from './environment';
import * as profile from './profile';

export type KubernetesObject =
  Deployment | Service | HorizontalPodAutoscaler | PodDisruptionBudget | Job | ConfigMap | NetworkPolicy | Namespace | PersistentVolumeClaim;

const WHY = 'hengyang.gov.cn/why';
const partOf = { 'app.kubernetes.io/part-of': profile.APP };
type Component = 'router' | 'subgraph' | 'migration';

const labels = (app: string, component: Component) => ({ 'app.kubernetes.io/name': app, 'app.kubernetes.io/component': component, ...partOf });
const meta = (name: string, extra: Partial<ObjectMeta> = {}): ObjectMeta => ({ name, namespace: profile.NAMESPACE, ...extra });

/** `env` of a container: its own fixed values, then only the secrets it needs, each from its Secret key. */
function secretEnv(p: DeployedProcess): EnvVar[] {
  const fromSecret = (secret: string, key: string, optional: boolean): EnvVar => ({
    name: key,
    valueFrom: { secretKeyRef: { name: secret, key, ...(optional ? { optional: true } : {}) } },
  });
  return [
    ...keySecretsOf(p).map((k) => fromSecret(profile.SECRET_KEYS, k, secretIsOptional(k))),
    ...databaseSecretsOf(p).map((d) => fromSecret(profile.SECRET_DATABASES, d.name, d.optional)),
  ];
}

const httpProbe = (pathName: string, port: number, periodSeconds: number, failureThreshold: number): Probe => ({
  httpGet: { path: pathName, port },
  periodSeconds,
  timeoutSeconds: 3,
  failureThreshold,
});

function configVolumes(p: DeployedProcess): { volumes: Volume[]; mounts: VolumeMount[] } {
  // A read-only root file system: the process writes nowhere but /tmp (production has no .data/).
  const volumes: Volume[] = [{ name: 'tmp', emptyDir: {} }];
  const mounts: VolumeMount[] = [{ name: 'tmp', mountPath: '/tmp' }];
  // Subgraphs read it too: their statement_timeout is their traffic_shaping timeout (platform/db/statement-timeout.ts).
  if (p.kind === 'router' || p.kind === 'subgraph') {
    volumes.push({ name: 'router-config', configMap: { name: profile.CONFIGMAP_ROUTER } });
    mounts.push({ name: 'router-config', mountPath: profile.ROUTER_CONFIG_DIR, readOnly: true });
  }
  if (readsSupergraph(p)) {
    volumes.push({ name: 'supergraph', configMap: { name: profile.CONFIGMAP_SUPERGRAPH } });
    mounts.push({ name: 'supergraph', mountPath: profile.SUPERGRAPH_DIR, readOnly: true });
  }
  // The catalog's signed audit checkpoints, on their claim (checkpointClaim). Only the writer mounts
  // it here: `audit-verify` runs in a catalog pod (kubectl exec, docs/DEPLOY.md).
  if (checkpointVolumeAccess(p) === 'write') {
    volumes.push({ name: profile.AUDIT_CHECKPOINT_VOLUME, persistentVolumeClaim: { claimName: profile.AUDIT_CHECKPOINT_VOLUME } });
    mounts.push({ name: profile.AUDIT_CHECKPOINT_VOLUME, mountPath: profile.AUDIT_CHECKPOINT_DIR });
  }
  return { volumes, mounts };
}

/**
 * The claim the audit checkpoints live on: a volume of its own, apart from the databases' storage
 * (another server's disks), kept when pods come and go. ReadWriteMany: the catalog's replicas
 * share one file (an advisory lock lets one of them write each checkpoint). No storage class: the
 * cluster's default, or the operator's overlay names one that offers ReadWriteMany (docs/DEPLOY.md).
 */
export function checkpointClaim(): PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: meta(profile.AUDIT_CHECKPOINT_VOLUME, {
      labels: partOf,
      annotations: {
        [WHY]:
          'The signed audit checkpoints (AUDIT_CHECKPOINT_FILE), outside the governance database: audit-verify checks the trail against them (docs/AUDIT.md). Never delete; back it up with the dumps.',
      },
    }),
    spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: profile.AUDIT_CHECKPOINT_STORAGE } } },
  };
}

const securityContext: Container['securityContext'] = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};

function container(app: string, p: DeployedProcess, port: number | undefined, mounts: VolumeMount[]): Container {
  const r = profile.resourcesOf(app);
  const fixed: EnvVar[] = [{ name: 'NODE_OPTIONS', value: `--max-old-space-size=${r.heapMb}` }];
  if (p.kind === 'subgraph') fixed.push({ name: 'PORT', value: String(port) });
  return {
    name: app,
    image: profile.IMAGE,
    imagePullPolicy: 'IfNotPresent',
    args: [app],
    ...(port ? { ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }] } : {}),
    envFrom: [{ configMapRef: { name: profile.CONFIGMAP_SETTINGS } }],
    env: [...fixed, ...secretEnv(p)],
    resources: { requests: r.requests, limits: r.limits },
    ...(port
      ? {
          // Start-up (open the databases, load the grants) may take a while; liveness only after it.
          startupProbe: httpProbe('/health', port, 5, 60),
          livenessProbe: httpProbe('/health', port, 10, 3),
          readinessProbe: httpProbe('/ready', port, 5, 2),
        }
      : {}),
    securityContext,
    volumeMounts: mounts,
  };
}

const podSecurity: PodSpec['securityContext'] = { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } };

/** Drain (SHUTDOWN_DRAIN_MS) plus the time in-flight requests get to finish (SHUTDOWN_GRACE_MS), plus a margin. */
const terminationGracePeriodSeconds =
  Math.ceil((Number(profile.CONFIG_OVERRIDES.SHUTDOWN_DRAIN_MS) + Number(profile.CONFIG_OVERRIDES.SHUTDOWN_GRACE_MS)) / 1000) + 5;

function deployment(app: string, component: Component, p: DeployedProcess, port: number): Deployment {
  const { volumes, mounts } = configVolumes(p);
  const autoscaled = profile.autoscalingOf(app);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(app, { labels: labels(app, component) }),
    spec: {
      // With an autoscaler the replica count is its own; leaving it out keeps `kubectl apply` from resetting it.
      ...(autoscaled ? {} : { replicas: profile.FIXED_REPLICAS }),
      selector: { matchLabels: { 'app.kubernetes.io/name': app } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels: labels(app, component) },
        spec: {
          automountServiceAccountToken: false,
          // A mounted claim belongs to root: the pod's group (the image's node user) is made its group so the process can write.
          securityContext: checkpointVolumeAccess(p) === 'write' ? { ...podSecurity, fsGroup: 1000, fsGroupChangePolicy: 'OnRootMismatch' } : podSecurity,
          terminationGracePeriodSeconds,
          containers: [container(app, p, port, mounts)],
          volumes,
        },
      },
    },
  };
}

function service(app: string, component: Component, port: number): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(app, { labels: labels(app, component) }),
    spec: { selector: { 'app.kubernetes.io/name': app }, ports: [{ name: 'http', port, targetPort: 'http', protocol: 'TCP' }] },
  };
}

function autoscaler(app: string): HorizontalPodAutoscaler | undefined {
  const a = profile.autoscalingOf(app);
  if (!a) return undefined;
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta(app, { labels: { 'app.kubernetes.io/name': app, ...partOf } }),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: app },
      minReplicas: a.min,
      maxReplicas: a.max,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: a.cpuPercent } } }],
    },
  };
}

/** A node drain (cluster upgrade) takes one pod at a time: every app has at least two, so one always serves. */
function disruptionBudget(app: string): PodDisruptionBudget {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: meta(app, { labels: { 'app.kubernetes.io/name': app, ...partOf } }),
    spec: { maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': app } } },
  };
}

export interface AppObjects {
  app: string;
  objects: KubernetesObject[];
}

/** The router and every subgraph: Deployment, Service, disruption budget, and an autoscaler where the profile asks. */
export function appObjects(): AppObjects[] {
  const apps: { app: string; component: Component; p: DeployedProcess; port: number }[] = [
    { app: 'router', component: 'router', p: { kind: 'router' }, port: profile.ROUTER_PORT },
    ...subgraphEntries().map((e) => ({ app: e.name, component: 'subgraph' as const, p: { kind: 'subgraph' as const, subgraph: e.name }, port: e.port })),
  ];
  return apps.map(({ app, component, p, port }) => ({
    app,
    objects: [deployment(app, component, p, port), service(app, component, port), disruptionBudget(app), autoscaler(app)].filter((o) => o !== undefined),
  }));
}

/** `npm run migrate` once per release, before the Deployments roll (they refuse a pending migration). */
export function migrationJob(): Job {
  const p: DeployedProcess = { kind: 'migrate' };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta('migrate', {
      labels: labels('migrate', 'migration'),
      annotations: { [WHY]: 'Applies every database’s migrations under an advisory lock; delete and re-apply it for each release (a Job is immutable).' },
    }),
    spec: {
      backoffLimit: 3,
      template: {
        metadata: { labels: labels('migrate', 'migration') },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          securityContext: podSecurity,
          containers: [container('migrate', p, undefined, configVolumes(p).mounts)],
          volumes: configVolumes(p).volumes,
        },
      },
    },
  };
}

const repoFile = (name: string) => readFileSync(path.resolve(repoRoot, name), 'utf8');

/** The settings ConfigMap and the two files the router (and the catalog) read. */
export function configMaps(): ConfigMap[] {
  const cm = (name: string, data: Record<string, string>): ConfigMap => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta(name, { labels: partOf }),
    data,
  });
  return [
    cm(profile.CONFIGMAP_SETTINGS, sharedConfig()),
    cm(profile.CONFIGMAP_ROUTER, { 'router.yaml': repoFile('router.yaml') }),
    cm(profile.CONFIGMAP_SUPERGRAPH, { 'supergraph.graphql': repoFile('schema/supergraph.graphql') }),
  ];
}

export function namespace(): Namespace {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: profile.NAMESPACE, labels: partOf } };
}

const byName = (app: string): NetworkPolicyPeer => ({ podSelector: { matchLabels: { 'app.kubernetes.io/name': app } } });
const byComponent = (component: Component): { podSelector: { matchLabels: Record<string, string> } } => ({
  podSelector: { matchLabels: { 'app.kubernetes.io/component': component } },
});
const tcp = (port: number): NetworkPolicyPort => ({ protocol: 'TCP', port });
/** Name resolution, wherever the cluster's DNS runs. */
const dns = { ports: [{ protocol: 'UDP', port: 53 } as NetworkPolicyPort, tcp(53)] };
/** PostgreSQL is the departments' servers, outside this namespace: any destination on 5432 (narrow it with an ipBlock per server). */
const postgres = { ports: [tcp(5432)] };

function policy(name: string, why: string, spec: NetworkPolicy['spec']): NetworkPolicy {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(name, { labels: partOf, annotations: { [WHY]: why } }), spec };
}

/** Default deny in the namespace, then: anyone may reach the router; only the router may reach a
 *  subgraph, on its port; processes may reach DNS and PostgreSQL, the router also the subgraphs. */
export function networkPolicies(): NetworkPolicy[] {
  const entries = subgraphEntries();
  return [
    policy('default-deny', 'Nothing enters or leaves a pod of the namespace unless a policy below allows it.', {
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    }),
    policy('router-ingress', 'Agencies (through the ingress controller) reach the router, and only on its port.', {
      podSelector: byName('router').podSelector!,
      policyTypes: ['Ingress'],
      ingress: [{ ports: [tcp(profile.ROUTER_PORT)] }],
    }),
    ...entries.map((e) =>
      policy(`${e.name}-from-router`, `Only the router reaches the ${e.name} subgraph (it also refuses unsigned requests).`, {
        podSelector: byName(e.name).podSelector!,
        policyTypes: ['Ingress'],
        ingress: [{ from: [byName('router')], ports: [tcp(e.port)] }],
      }),
    ),
    policy('router-egress', 'The router reaches the subgraphs, the governance database (refusal audit) and DNS.', {
      podSelector: byName('router').podSelector!,
      policyTypes: ['Egress'],
      egress: [{ to: [byComponent('subgraph')], ports: entries.map((e) => tcp(e.port)) }, postgres, dns],
    }),
    policy('subgraph-egress', 'A subgraph reaches its database and the governance database, and DNS; never another subgraph.', {
      podSelector: byComponent('subgraph').podSelector,
      policyTypes: ['Egress'],
      egress: [postgres, dns],
    }),
    policy('migrate-egress', 'The migration Job reaches the databases and DNS.', {
      podSelector: byComponent('migration').podSelector,
      policyTypes: ['Egress'],
      egress: [postgres, dns],
    }),
  ];
}
