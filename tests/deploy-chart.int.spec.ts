import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

// Vitest runs from the repository root.
const root = process.cwd();
const chart = resolve(root, 'deploy/k8s');
const helm = resolve(
  process.env.HOOKPORT_TOOLS_DIR ?? resolve(homedir(), '.cache/hookport/bin'),
  'helm',
);
const requireModel = createRequire(resolve(root, 'package.json'));

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const run = (args: string[]): string =>
  execFileSync(helm, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const render = (...valueFiles: string[]): Manifest[] =>
  parseAllDocuments(
    run([
      'template',
      'hp',
      chart,
      '--namespace',
      'hookport',
      ...valueFiles.flatMap((f) => ['-f', f]),
    ]),
  )
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((doc): doc is Manifest => doc !== null);

/** Validates a manifest against the Kubernetes OpenAPI schema shipped in `kubernetes-models`. */
const validateAgainstKubernetesSchema = (manifest: Manifest): void => {
  const [group, version] = manifest.apiVersion.includes('/')
    ? manifest.apiVersion.split('/')
    : [undefined, manifest.apiVersion];
  const modulePath = ['kubernetes-models', group, version, manifest.kind].filter(Boolean).join('/');
  const Model = (
    requireModel(modulePath) as Record<string, new (data: unknown) => { validate(): void }>
  )[manifest.kind];
  if (!Model) throw new Error(`no Kubernetes model for ${manifest.apiVersion} ${manifest.kind}`);
  new Model(manifest).validate();
};

const production = resolve(chart, 'ci/production-values.yaml');
const services = ['api-gateway', 'portal-session', 'endpoints', 'delivery', 'logs'];

describe('the Helm chart', () => {
  beforeAll(() => {
    if (!existsSync(helm))
      execFileSync('bash', [resolve(root, 'scripts/ensure-tools.sh')], { stdio: 'inherit' });
  }, 900_000);

  it('passes helm lint in strict mode with default and production values', () => {
    expect(run(['lint', '--strict', chart])).toContain('0 chart(s) failed');
    expect(run(['lint', '--strict', chart, '-f', production])).toContain('0 chart(s) failed');
  });

  it('renders only manifests that are valid against the Kubernetes schemas', () => {
    for (const manifests of [render(), render(production)]) {
      expect(manifests.length).toBeGreaterThan(20);
      for (const manifest of manifests) {
        expect(
          () => validateAgainstKubernetesSchema(manifest),
          `${manifest.kind} ${manifest.metadata.name}`,
        ).not.toThrow();
      }
    }
  });

  it('gives every service a Deployment with probes, a Service, an HPA and a PodDisruptionBudget', () => {
    const manifests = render();
    for (const name of services) {
      const of = (kind: string) =>
        manifests.find((m) => m.kind === kind && m.metadata.name === `hp-${name}`);
      const container = of('Deployment')?.spec?.template.spec.containers[0];
      expect(container.livenessProbe.httpGet.path).toBe('/health/live');
      expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
      expect(container.startupProbe.httpGet.path).toBe('/health/live');
      expect(container.resources.limits.memory).toBeDefined();
      expect(of('Service')).toBeDefined();
      expect(of('HorizontalPodAutoscaler')).toBeDefined();
      expect(of('PodDisruptionBudget')).toBeDefined();
    }
  });

  it('listens on the pod network, with metrics on a port the Service and ingress do not expose', () => {
    const manifests = render();
    const config = manifests.find((m) => m.kind === 'ConfigMap')!;
    const data = (config as unknown as { data: Record<string, string> }).data;
    expect(data['HOST']).toBe('0.0.0.0');
    const metricsPort = Number(data['HOOKPORT_METRICS_PORT']);
    for (const name of services) {
      const of = (kind: string) =>
        manifests.find((m) => m.kind === kind && m.metadata.name === `hp-${name}`);
      const template = of('Deployment')?.spec?.template;
      expect(template.metadata.annotations['prometheus.io/port']).toBe(String(metricsPort));
      expect(template.spec.containers[0].ports).toContainEqual({
        name: 'metrics',
        containerPort: metricsPort,
      });
      const servicePorts: { port: number }[] = of('Service')?.spec?.ports;
      expect(servicePorts.map((port) => port.port)).not.toContain(metricsPort);
    }
  });

  it('denies delivery pods egress to cluster, private and cloud-metadata ranges', () => {
    const policy = render().find(
      (m) => m.kind === 'NetworkPolicy' && m.metadata.name === 'hp-delivery-egress',
    );
    expect(policy?.spec?.podSelector.matchLabels['app.kubernetes.io/component']).toBe('delivery');
    const except: string[] = policy?.spec?.egress[0].to[0].ipBlock.except;
    expect(except).toEqual(
      expect.arrayContaining(['10.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16']),
    );
  });

  it('admits only the gateway to the internal services, and only monitoring to metrics', () => {
    const manifests = render();
    const ingressOf = (name: string) =>
      manifests.find((m) => m.kind === 'NetworkPolicy' && m.metadata.name === `hp-${name}-ingress`)
        ?.spec;
    const fromGateway = [
      {
        podSelector: {
          matchLabels: {
            'app.kubernetes.io/instance': 'hp',
            'app.kubernetes.io/component': 'api-gateway',
          },
        },
      },
    ];
    const monitoring = [
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
    ];
    for (const [name, port] of [
      ['api-gateway', 3000],
      ['portal-session', 3001],
      ['endpoints', 3002],
      ['delivery', 3003],
      ['logs', 3004],
    ] as const) {
      const policy = ingressOf(name);
      expect(policy?.podSelector.matchLabels['app.kubernetes.io/component']).toBe(name);
      // The gateway's port is open to all (the ingress controller, in-cluster API clients).
      expect(policy?.ingress).toEqual([
        {
          ports: [{ protocol: 'TCP', port }],
          ...(name === 'api-gateway' ? {} : { from: fromGateway }),
        },
        { ports: [{ protocol: 'TCP', port: 9464 }], from: monitoring },
      ]);
    }
  });

  it('runs migrations as a pre-install and pre-upgrade hook', () => {
    const job = render().find((m) => m.kind === 'Job');
    expect(job?.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    expect(
      job?.spec?.template.spec.initContainers.map((c: { args: string[] }) => c.args),
    ).toContainEqual(['--migrate-only']);
  });

  it('uses an existing Secret instead of creating one when existingSecret is set', () => {
    const manifests = render(production);
    expect(manifests.some((m) => m.kind === 'Secret')).toBe(false);
    const deployment = manifests.find((m) => m.kind === 'Deployment');
    expect(deployment?.spec?.template.spec.containers[0].envFrom).toContainEqual({
      secretRef: { name: 'hookport-production' },
    });
  });

  it('rejects values that break the values schema', () => {
    expect(() =>
      run(['template', 'hp', chart, '--set', 'config.deliveryConcurrency=none']),
    ).toThrow(/deliveryConcurrency/);
  });
});
