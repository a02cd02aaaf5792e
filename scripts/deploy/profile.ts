/**
 * The deployment's own choices, apart from what schema/subgraphs.json and the settings schema
 * already say: image, namespace, resources, autoscaling, and the settings whose production value
 * differs from the development default. Change them here and run `npm run -s deploy:manifests`.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../platform/config';

export const APP = 'hengyang-data-sharing';
export const NAMESPACE = 'hengyang';
const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
/** The image `docker build -t hengyang-data-sharing:<version> .` makes; a registry is set at install time (kustomize `images:`, DEPLOY.md). */
export const IMAGE = `${APP}:${version}`;

/** The router's port in the container (ROUTER_LISTEN below). Subgraphs keep their port from schema/subgraphs.json. */
export const ROUTER_PORT = 4000;

/** Where the ConfigMaps of router.yaml and the supergraph are mounted (read-only) in the pods. */
export const ROUTER_CONFIG_DIR = '/etc/hengyang/router';
export const SUPERGRAPH_DIR = '/etc/hengyang/supergraph';

/**
 * The signed audit checkpoints (docs/AUDIT.md): the catalog appends them to AUDIT_CHECKPOINT_FILE,
 * which must outlive the pod and sit outside the database's storage — a volume of its own (a
 * PersistentVolumeClaim shared by the catalog's replicas; a named volume in compose), never the
 * container's file system (read-only) nor PostgreSQL's volume.
 */
export const AUDIT_CHECKPOINT_DIR = '/var/lib/hengyang/audit-checkpoints';
export const AUDIT_CHECKPOINT_VOLUME = 'audit-checkpoints';
/** A line of ~300 bytes per AUDIT_CHECKPOINT_INTERVAL (5 min): about 30 MB a year. */
export const AUDIT_CHECKPOINT_STORAGE = '1Gi';

/** Names of the Secrets the operator creates (DEPLOY.md) and of the generated ConfigMaps. */
export const SECRET_KEYS = 'platform-keys';
export const SECRET_DATABASES = 'platform-databases';
export const CONFIGMAP_SETTINGS = 'platform-settings';
export const CONFIGMAP_ROUTER = 'router-config';
export const CONFIGMAP_SUPERGRAPH = 'supergraph';

/** Production values of settings whose development default does not fit a container. */
export const CONFIG_OVERRIDES: Record<string, string> = {
  NODE_ENV: 'production',
  // Containers must listen beyond loopback: the Service (or compose network) reaches them there.
  HOST: '0.0.0.0',
  ROUTER_LISTEN: `0.0.0.0:${ROUTER_PORT}`,
  // Long enough for the endpoints controller to take a terminating pod out of the Service before
  // it stops accepting (/ready answers 503 "draining" meanwhile); below terminationGracePeriod.
  SHUTDOWN_DRAIN_MS: '5000',
  // Then requests in flight finish (the router's own timeout is 30 s) before the process exits.
  SHUTDOWN_GRACE_MS: '30000',
  ROUTER_CONFIG: `${ROUTER_CONFIG_DIR}/router.yaml`,
  SUPERGRAPH_PATH: `${SUPERGRAPH_DIR}/supergraph.graphql`,
  // The address agencies use (printed in the catalogue's examples): the operator's ingress host.
  PUBLIC_GRAPHQL_ENDPOINT: 'https://data-sharing.hengyang.gov.cn/',
  // On the checkpoint volume (above): the default, .data/ under the image, is read-only and lost with the pod.
  AUDIT_CHECKPOINT_FILE: `${AUDIT_CHECKPOINT_DIR}/checkpoints.jsonl`,
};

export interface Resources {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
  /** V8 heap ceiling, below the memory limit (Node does not size its heap from the cgroup limit on every version). */
  heapMb: number;
}

const SUBGRAPH_RESOURCES: Resources = { requests: { cpu: '250m', memory: '384Mi' }, limits: { cpu: '1', memory: '768Mi' }, heapMb: 576 };
const ROUTER_RESOURCES: Resources = { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '2', memory: '1Gi' }, heapMb: 768 };
const MIGRATE_RESOURCES: Resources = { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' }, heapMb: 384 };

export function resourcesOf(app: string): Resources {
  if (app === 'router') return ROUTER_RESOURCES;
  if (app === 'migrate') return MIGRATE_RESOURCES;
  return SUBGRAPH_RESOURCES;
}

export interface Autoscaling {
  min: number;
  max: number;
  /** Average CPU utilisation (of requests) the autoscaler holds. */
  cpuPercent: number;
}

/** The router and the busiest subgraphs scale out (every process is stateless: grants are
 *  reloaded on NOTIFY, budgets and the audit chain live in PostgreSQL). */
const AUTOSCALED: Record<string, Autoscaling> = {
  router: { min: 2, max: 10, cpuPercent: 70 },
  population: { min: 2, max: 8, cpuPercent: 70 },
  'legal-person': { min: 2, max: 8, cpuPercent: 70 },
  'e-license': { min: 2, max: 6, cpuPercent: 70 },
};

export const autoscalingOf = (app: string): Autoscaling | undefined => AUTOSCALED[app];

/** Replicas of a Deployment without an autoscaler: two, so one pod's restart is no outage. */
export const FIXED_REPLICAS = 2;
