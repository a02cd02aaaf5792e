/**
 * Deployment (issue 12): the Kubernetes manifests and compose.yaml are generated from
 * schema/subgraphs.json and the settings schema (scripts/deploy/), committed, and fresh. Checked
 * here against the subgraph list read on its own: every subgraph has its Deployment, Service and
 * probes; every process gets what the production start-up check asks for (the check itself,
 * platform/settings/check.ts, judges the environment a container would have), keys only from
 * Secrets and only where needed; only the router reaches a subgraph under the NetworkPolicies.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { renderDeployment } from '../../scripts/deploy/render';
import { processScripts } from '../../scripts/process-script';
import { settingProblems, type ProcessIdentity } from '../../platform/settings/check';
import { SETTINGS, type Setting } from '../../platform/settings/variables';

const root = path.resolve(__dirname, '..', '..');
const config = JSON.parse(fs.readFileSync(path.join(root, 'schema', 'subgraphs.json'), 'utf8')) as {
  governance: string;
  subgraphs: { name: string; port: number; module: string }[];
};
const subgraphs = config.subgraphs;
const BUSIEST = ['population', 'legal-person', 'e-license'];

/** A valid value for each secret, as an operator would put in the Secret (the schema parses them). */
const JWK = { kty: 'OKP', crv: 'Ed25519', x: 'x', d: 'd', kid: 'market-regulation' };
const SAMPLE_SECRETS: Record<string, string> = {
  PLATFORM_JWKS: JSON.stringify({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'x', kid: 'k1' }] }),
  PLATFORM_HMAC_KEY: 'h'.repeat(40),
  SUBGRAPH_SIGNING_SECRET: 's'.repeat(40),
  LICENSE_ISSUER_KEYS: JSON.stringify({ keys: [JWK] }),
  AUDIT_CHECKPOINT_KEY: JSON.stringify(JWK),
  POSTGRES_PASSWORD: 'p'.repeat(32),
  OIDC_CLIENT_SECRET: 'c'.repeat(40),
};
const sampleSecret = (name: string): string => {
  if (name.endsWith('DATABASE_URL')) return `postgres://app:pw@db.example:5432/${name.toLowerCase()}`;
  const value = SAMPLE_SECRETS[name];
  if (value === undefined) throw new Error(`no sample value for the secret ${name}: add one to this test`);
  return value;
};

let files: Map<string, string>;
let objects: any[];
const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
const named = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const containerOf = (o: any) => o.spec.template.spec.containers[0];
const configMapData = (name: string): Record<string, string> => named('ConfigMap', name).data;

/** The environment the container would have: its ConfigMaps, its own values, its Secret keys (sample values). */
function containerEnv(c: any, drop?: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const from of c.envFrom ?? []) Object.assign(env, configMapData(from.configMapRef.name));
  for (const e of c.env ?? []) {
    if (e.name === drop) continue;
    if (e.value !== undefined) env[e.name] = e.value;
    else if (e.valueFrom?.secretKeyRef) env[e.name] = sampleSecret(e.valueFrom.secretKeyRef.key);
    else throw new Error(`${c.name}: ${e.name} comes from neither a value nor a Secret`);
  }
  return env;
}

const matches = (selector: any, labels: Record<string, string>) =>
  Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v) && !selector?.matchExpressions;
const podLabels = (app: string) => named('Deployment', app)?.spec.template.metadata.labels ?? named('Job', app)?.spec.template.metadata.labels;

beforeAll(() => {
  files = renderDeployment();
  objects = [...files]
    .filter(([f]) => f.startsWith('deploy/k8s/') && f.endsWith('.yaml') && !f.endsWith('kustomization.yaml'))
    .flatMap(([, text]) => parseAllDocuments(text).map((d) => d.toJS()));
});

describe('generated deployment files', () => {
  test('are committed and fresh (npm run -s deploy:manifests)', () => {
    const stale = [...files].filter(([f, text]) => !fs.existsSync(path.join(root, f)) || fs.readFileSync(path.join(root, f), 'utf8') !== text).map(([f]) => f);
    expect(stale).toEqual([]);
    // No app file of a subgraph that is no longer in the list.
    const apps = fs.readdirSync(path.join(root, 'deploy', 'k8s')).filter((f) => f.startsWith('app-'));
    expect(apps.sort()).toEqual(['router', ...subgraphs.map((s) => s.name)].map((a) => `app-${a}.yaml`).sort());
  });

  test('the two kustomizations (platform, migration Job) list every manifest between them', () => {
    const listed = ['deploy/k8s', 'deploy/k8s/migrate'].flatMap((dir) =>
      (parse(files.get(`${dir}/kustomization.yaml`)!).resources as string[]).map((r) => `${dir}/${r}`),
    );
    const manifests = [...files.keys()].filter((f) => f.startsWith('deploy/k8s/') && f.endsWith('.yaml') && !f.endsWith('kustomization.yaml'));
    expect(listed.sort()).toEqual(manifests.sort());
    expect(listed).toContain('deploy/k8s/migrate/job.yaml');
  });
});

describe('Kubernetes: every subgraph and the router', () => {
  const apps = () => [{ name: 'router', port: 4000 }, ...subgraphs];

  test('has a Deployment running it by name on its port, with probes and resources', () => {
    for (const { name, port } of apps()) {
      const d = named('Deployment', name);
      expect(d).toBeDefined();
      const c = containerOf(d);
      expect(c.args).toEqual([name]);
      expect(c.ports).toEqual([{ name: 'http', containerPort: port, protocol: 'TCP' }]);
      expect(c.readinessProbe.httpGet).toEqual({ path: '/ready', port });
      expect(c.livenessProbe.httpGet).toEqual({ path: '/health', port });
      expect(c.resources.requests.cpu && c.resources.requests.memory && c.resources.limits.cpu && c.resources.limits.memory).toBeTruthy();
      expect(matches(d.spec.selector, d.spec.template.metadata.labels)).toBe(true);
      expect(d.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    }
  });

  test('runs at least two pods and lets a node drain take only one at a time', () => {
    for (const { name } of apps()) {
      const d = named('Deployment', name);
      const min = d.spec.replicas ?? named('HorizontalPodAutoscaler', name)?.spec.minReplicas;
      expect({ name, atLeastTwo: min >= 2 }).toEqual({ name, atLeastTwo: true });
      const pdb = named('PodDisruptionBudget', name);
      expect(pdb.spec.maxUnavailable).toBe(1);
      expect(matches(pdb.spec.selector, podLabels(name))).toBe(true);
    }
  });

  test('has a Service selecting its pods on its port', () => {
    for (const { name, port } of apps()) {
      const s = named('Service', name);
      expect(s).toBeDefined();
      expect(matches({ matchLabels: s.spec.selector }, podLabels(name))).toBe(true);
      expect(s.spec.ports).toEqual([{ name: 'http', port, targetPort: 'http', protocol: 'TCP' }]);
    }
  });

  test('each process gets what the production start-up check requires, and the check would refuse it without any one of its Secret keys', () => {
    const processes: { app: string; who: ProcessIdentity; c: any }[] = [
      { app: 'router', who: { kind: 'router' }, c: containerOf(named('Deployment', 'router')) },
      ...subgraphs.map((s) => ({ app: s.name, who: { kind: 'subgraph' as const, subgraph: s.name }, c: containerOf(named('Deployment', s.name)) })),
      { app: 'migrate', who: { kind: 'migrate' }, c: containerOf(named('Job', 'migrate')) },
    ];
    for (const { app, who, c } of processes) {
      const env = containerEnv(c);
      expect({ app, env: env.NODE_ENV, problems: settingProblems(who, env) }).toEqual({ app, env: 'production', problems: [] });
      // A mandatory Secret key the check does not need would be a key handed out for nothing.
      for (const e of c.env.filter((x: any) => x.valueFrom?.secretKeyRef && !x.valueFrom.secretKeyRef.optional)) {
        expect({ app, without: e.name, refused: settingProblems(who, containerEnv(c, e.name)).length > 0 }).toEqual({ app, without: e.name, refused: true });
      }
    }
  });

  test('keys and database URLs come only from Secrets, and only to the processes that need them', () => {
    const secretNames = Object.entries(SETTINGS as Record<string, Setting>)
      .filter(([, s]) => s.secret || (s.group === 'Keys' && s.production))
      .map(([n]) => n);
    const settings = configMapData('platform-settings');
    for (const n of secretNames) expect(Object.keys(settings)).not.toContain(n);
    expect(Object.keys(settings).filter((k) => k.endsWith('DATABASE_URL'))).toEqual([]);
    const secretsOf = (app: string) => {
      const d = named('Deployment', app) ?? named('Job', app);
      const env = containerOf(d).env as any[];
      for (const e of env) if (secretNames.includes(e.name) || e.name.endsWith('DATABASE_URL')) expect(e.valueFrom?.secretKeyRef).toBeDefined();
      return env.map((e) => e.name);
    };
    const router = secretsOf('router');
    for (const k of ['PLATFORM_HMAC_KEY', 'LICENSE_ISSUER_KEYS', 'AUDIT_CHECKPOINT_KEY']) expect(router).not.toContain(k);
    for (const s of subgraphs) {
      const env = secretsOf(s.name);
      if (s.name !== 'e-license') expect(env).not.toContain('LICENSE_ISSUER_KEYS');
      if (s.name !== config.governance) expect(env).not.toContain('AUDIT_CHECKPOINT_KEY');
      // A subgraph opens its own database and the governance one, never another department's.
      const others = subgraphs
        .filter((o) => o.name !== s.name && o.name !== config.governance)
        .map((o) => `${o.name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`);
      for (const o of others) expect(env).not.toContain(o);
    }
    expect(secretsOf('migrate').filter((n) => secretNames.includes(n))).toEqual([]);
  });

  test('the router and the busiest subgraphs scale out; their Deployments leave the replica count to the autoscaler', () => {
    for (const app of ['router', ...BUSIEST]) {
      expect(subgraphs.map((s) => s.name).concat('router')).toContain(app);
      const hpa = named('HorizontalPodAutoscaler', app);
      expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: app });
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
      expect(named('Deployment', app).spec.replicas).toBeUndefined();
    }
    for (const hpa of ofKind('HorizontalPodAutoscaler')) expect(named('Deployment', hpa.spec.scaleTargetRef.name)).toBeDefined();
  });

  test('router.yaml and the supergraph are ConfigMaps, mounted where the settings point', () => {
    expect(configMapData('router-config')['router.yaml']).toBe(fs.readFileSync(path.join(root, 'router.yaml'), 'utf8'));
    expect(configMapData('supergraph')['supergraph.graphql']).toBe(fs.readFileSync(path.join(root, 'schema', 'supergraph.graphql'), 'utf8'));
    const settings = configMapData('platform-settings');
    for (const [app, variable, cm, key] of [
      ['router', 'ROUTER_CONFIG', 'router-config', 'router.yaml'],
      ['router', 'SUPERGRAPH_PATH', 'supergraph', 'supergraph.graphql'],
      [config.governance, 'SUPERGRAPH_PATH', 'supergraph', 'supergraph.graphql'],
    ]) {
      const pod = named('Deployment', app).spec.template.spec;
      const mount = containerOf(named('Deployment', app)).volumeMounts.find((m: any) => `${m.mountPath}/${key}` === settings[variable]);
      expect({ app, variable, mounted: pod.volumes.find((v: any) => v.name === mount?.name)?.configMap?.name }).toEqual({ app, variable, mounted: cm });
    }
  });

  test('the migration Job runs `migrate` once, never restarted in place', () => {
    const job = named('Job', 'migrate');
    expect(containerOf(job).args).toEqual(['migrate']);
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
  });
});

describe('Kubernetes NetworkPolicy', () => {
  const policiesFor = (labels: Record<string, string>, type: 'Ingress' | 'Egress') =>
    ofKind('NetworkPolicy').filter((p) => matches(p.spec.podSelector, labels) && p.spec.policyTypes.includes(type));

  test('denies by default: one policy selects every pod with no rule', () => {
    const deny = ofKind('NetworkPolicy').filter((p) => Object.keys(p.spec.podSelector).length === 0);
    expect(deny).toHaveLength(1);
    expect(deny[0].spec.policyTypes.sort()).toEqual(['Egress', 'Ingress']);
    expect(deny[0].spec.ingress ?? []).toEqual([]);
    expect(deny[0].spec.egress ?? []).toEqual([]);
  });

  test('lets only the router reach each subgraph, on its port', () => {
    const router = podLabels('router');
    const others = [...subgraphs.map((s) => s.name), 'migrate'].map(podLabels);
    for (const s of subgraphs) {
      const rules = policiesFor(podLabels(s.name), 'Ingress').flatMap((p) => p.spec.ingress ?? []);
      expect({ subgraph: s.name, rules: rules.length > 0 }).toEqual({ subgraph: s.name, rules: true });
      for (const rule of rules) {
        // No rule without `from` (that would be anyone), no namespace or address ranges, only router pods.
        expect(rule.from?.length).toBeGreaterThan(0);
        for (const peer of rule.from) {
          expect(peer.namespaceSelector ?? peer.ipBlock).toBeUndefined();
          expect(matches(peer.podSelector, router)).toBe(true);
          for (const other of others) expect(matches(peer.podSelector, other)).toBe(false);
        }
        expect(rule.ports).toEqual([{ protocol: 'TCP', port: s.port }]);
      }
    }
  });

  test('lets the router reach every subgraph and PostgreSQL, and the subgraphs PostgreSQL but no subgraph', () => {
    const routerEgress = policiesFor(podLabels('router'), 'Egress').flatMap((p) => p.spec.egress ?? []);
    for (const s of subgraphs) {
      const allowed = routerEgress.some(
        (r: any) => r.to?.some((peer: any) => matches(peer.podSelector, podLabels(s.name))) && r.ports.some((p: any) => p.port === s.port),
      );
      expect({ subgraph: s.name, allowed }).toEqual({ subgraph: s.name, allowed: true });
    }
    const platformPorts = [4000, ...subgraphs.map((s) => s.port)];
    for (const app of [...subgraphs.map((s) => s.name), 'migrate']) {
      const egress = policiesFor(podLabels(app), 'Egress').flatMap((p) => p.spec.egress ?? []);
      const ports = egress.flatMap((r: any) => r.ports.map((p: any) => p.port));
      expect({ app, postgres: ports.includes(5432) }).toEqual({ app, postgres: true });
      expect(ports.filter((p: number) => platformPorts.includes(p))).toEqual([]);
      // Every egress rule names its ports: none is "anything, anywhere".
      for (const r of egress) expect(r.ports?.length).toBeGreaterThan(0);
    }
  });
});

describe('compose.yaml (one machine)', () => {
  let compose: any;
  let settings: Record<string, string>;
  beforeAll(() => {
    compose = parse(files.get('compose.yaml')!);
    settings = Object.fromEntries(
      files
        .get('deploy/settings.env')!
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
  });

  /** Compose's interpolation with an operator's secrets file: ${X:?msg} must be set, ${X:-} may be empty. */
  const interpolate = (text: string, secrets: Record<string, string>) =>
    text.replace(/\$\{([A-Z_]+)(:\?[^}]*|:-[^}]*)\}/g, (_, name: string, rest: string) => {
      if (secrets[name]) return secrets[name];
      if (rest.startsWith(':?')) throw new Error(`compose refuses: ${name} is not set`);
      return rest.slice(2);
    });

  test('runs PostgreSQL, the migration, every subgraph after it, and the router after them', () => {
    expect(compose.services.postgres.image).toMatch(/^postgres:/);
    expect(compose.services.migrate.command).toEqual(['migrate']);
    for (const s of subgraphs) {
      const svc = compose.services[s.name];
      expect(svc.command).toEqual([s.name]);
      expect(svc.depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' } });
      expect(svc.healthcheck.test.join(' ')).toContain(`:${s.port}/ready`);
      expect(svc.ports).toBeUndefined();
      expect(compose.services.router.depends_on[s.name]).toEqual({ condition: 'service_healthy' });
    }
    // Only the router is published; PostgreSQL and the subgraphs sit on the internal network alone.
    const published = Object.entries(compose.services)
      .filter(([, svc]: any) => svc.ports)
      .map(([n]) => n);
    expect(published).toEqual(['router']);
    expect(compose.networks.backend.internal).toBe(true);
  });

  test('each service passes the production start-up check with the secrets file filled, and compose refuses an empty required secret', () => {
    const filled = Object.fromEntries([...Object.keys(SAMPLE_SECRETS), 'PLATFORM_JWKS'].map((k) => [k, sampleSecret(k)]));
    const who = (name: string): ProcessIdentity =>
      name === 'router' ? { kind: 'router' } : name === 'migrate' ? { kind: 'migrate' } : { kind: 'subgraph', subgraph: name };
    for (const name of ['router', 'migrate', ...subgraphs.map((s) => s.name)]) {
      const svc = compose.services[name];
      expect(svc.env_file).toEqual(['deploy/settings.env']);
      const env = {
        ...settings,
        ...Object.fromEntries(Object.entries(svc.environment as Record<string, string>).map(([k, v]) => [k, interpolate(v, filled)])),
      };
      expect({ name, problems: settingProblems(who(name), env) }).toEqual({ name, problems: [] });
    }
    expect(() => interpolate(compose.services['e-license'].environment.LICENSE_ISSUER_KEYS, { ...filled, LICENSE_ISSUER_KEYS: '' })).toThrow(
      /LICENSE_ISSUER_KEYS/,
    );
    expect(compose.services.router.environment.PLATFORM_HMAC_KEY).toBeUndefined();
  });

  test('the example secrets file names every secret a service interpolates', () => {
    const example = files.get('deploy/env.example')!;
    const declared = new Set(
      example
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => l.slice(0, l.indexOf('='))),
    );
    const used = new Set([...files.get('compose.yaml')!.matchAll(/\$\{([A-Z_]+)/g)].map((m) => m[1]));
    expect([...used].filter((u) => !declared.has(u))).toEqual([]);
  });
});

describe('the audit checkpoint file (docs/AUDIT.md)', () => {
  const governance = config.governance;
  /** The mount (compose `volume:path[:ro]`, or a container's volumeMount) whose path holds `file`. */
  const under = (file: string, dir: string) => file.startsWith(`${dir.replace(/\/$/, '')}/`);

  test('Kubernetes: the catalog writes it on a PersistentVolumeClaim of its own, which no other pod mounts', () => {
    const deployment = named('Deployment', governance);
    const c = containerOf(deployment);
    const file = containerEnv(c).AUDIT_CHECKPOINT_FILE;
    expect(file).toMatch(/^\/.+\.jsonl$/);
    const mount = (c.volumeMounts as any[]).find((m) => under(file, m.mountPath));
    expect(mount).toBeDefined();
    expect(mount.readOnly).toBeFalsy();
    const volume = deployment.spec.template.spec.volumes.find((v: any) => v.name === mount.name);
    const claimName = volume.persistentVolumeClaim?.claimName;
    expect(claimName).toBeDefined();
    const claim = named('PersistentVolumeClaim', claimName);
    expect(claim.spec.resources.requests.storage).toBeDefined();
    // Several catalog replicas share the one file.
    if ((deployment.spec.replicas ?? 2) > 1) expect(claim.spec.accessModes).toContain('ReadWriteMany');
    // Writable by the image's user (uid/gid 1000): the claim's files take the pod's group.
    expect(deployment.spec.template.spec.securityContext.fsGroup).toBe(1000);
    // Listed with the platform, so `kubectl apply -k deploy/k8s` creates it before the catalog needs it.
    expect(parse(files.get('deploy/k8s/kustomization.yaml')!).resources).toContain('audit-checkpoints.yaml');
    // Nobody else mounts it (the router and the other subgraphs have no business with it).
    const others = [...ofKind('Deployment'), ...ofKind('Job')].filter((o) => o.metadata.name !== governance);
    for (const o of others) expect(o.spec.template.spec.volumes.map((v: any) => v.persistentVolumeClaim?.claimName)).not.toContain(claimName);
  });

  test("compose: the catalog writes it on a named volume apart from PostgreSQL's; the migrate service (audit-verify) reads it", () => {
    const compose = parse(files.get('compose.yaml')!);
    const file = Object.fromEntries(
      files
        .get('deploy/settings.env')!
        .split('\n')
        .filter((l) => l.startsWith('AUDIT_CHECKPOINT_FILE='))
        .map((l) => l.split('=')),
    ).AUDIT_CHECKPOINT_FILE as string;
    expect(file).toMatch(/^\/.+\.jsonl$/);
    const mountOf = (service: string) => ((compose.services[service].volumes ?? []) as string[]).map((v) => v.split(':')).find(([, dir]) => under(file, dir));
    const [volume, , mode] = mountOf(governance)!;
    expect(mode).toBeUndefined(); // read-write
    expect(Object.keys(compose.volumes)).toContain(volume); // a named volume: it outlives the container
    const databaseVolumes = (compose.services.postgres.volumes as string[]).map((v) => v.split(':')[0]);
    expect(databaseVolumes).not.toContain(volume);
    expect(mountOf('migrate')).toEqual([volume, expect.any(String), 'ro']);
    for (const name of ['router', ...subgraphs.map((s) => s.name).filter((n) => n !== governance)]) expect(mountOf(name)).toBeUndefined();
  });
});

describe('the image entrypoint', () => {
  test('maps every subgraph, the router and migrate to a script that exists', () => {
    const scripts = processScripts();
    for (const name of ['router', 'migrate', 'audit-verify', ...subgraphs.map((s) => s.name)]) {
      expect(scripts[name]).toBeDefined();
      expect({ name, exists: fs.existsSync(path.join(root, scripts[name].replace(/\.js$/, '.ts'))) }).toEqual({ name, exists: true });
    }
  });
});
