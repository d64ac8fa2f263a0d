import { readFileSync } from 'node:fs';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Service } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

const k8s = new URL('../infra/k8s/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, k8s), 'utf8');

// Each kind we ship, validated against the Kubernetes OpenAPI schema (kubernetes-models).
const models: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'networking.k8s.io/v1/Ingress': Ingress,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

/** Renders the Kustomize base the way `kubectl apply -k` does for the transformers we use (namespace, images). */
function render() {
  const kustomization = parse(read('kustomization.yaml'));
  const images = new Map<string, string>(
    kustomization.images.map((i: { name: string; newName: string; newTag: string }) => [
      i.name,
      `${i.newName}:${i.newTag}`,
    ]),
  );
  return (kustomization.resources as string[]).flatMap((file) =>
    parseAllDocuments(read(file)).map((doc) => {
      const obj = doc.toJS();
      if (obj.kind !== 'Namespace') obj.metadata.namespace = kustomization.namespace;
      for (const c of obj.spec?.template?.spec?.containers ?? []) c.image = images.get(c.image) ?? c.image;
      return { file, obj };
    }),
  );
}

describe('Kubernetes manifests', () => {
  const objects = render();

  it('are valid against the Kubernetes schemas', () => {
    expect(objects.length).toBeGreaterThanOrEqual(7);
    for (const { file, obj } of objects) {
      const Model = models[`${obj.apiVersion}/${obj.kind}`];
      expect(Model, `${file}: no schema for ${obj.apiVersion}/${obj.kind}`).toBeDefined();
      expect(() => new Model!(obj as never).validate(), file).not.toThrow();
    }
  });

  it('run at least two replicas with health and readiness probes, a budget and an autoscaler', () => {
    const deployment = objects.find(({ obj }) => obj.kind === 'Deployment')!.obj;
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    const container = deployment.spec.template.spec.containers[0];
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(container.image).toMatch(/lodile-bot:\d/);
    expect(container.envFrom.some((e: { secretRef?: unknown }) => e.secretRef)).toBe(true);
    expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    const hpa = objects.find(({ obj }) => obj.kind === 'HorizontalPodAutoscaler')!.obj;
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(objects.some(({ obj }) => obj.kind === 'PodDisruptionBudget')).toBe(true);
  });

  it('expose only the Slack, Teams and calendar endpoints and the privacy/terms pages publicly', () => {
    const ingress = objects.find(({ obj }) => obj.kind === 'Ingress')!.obj;
    const paths = ingress.spec.rules.flatMap((r: { http: { paths: { path: string }[] } }) =>
      r.http.paths.map((p) => p.path),
    );
    expect(paths.sort()).toEqual(['/api/messages', '/ical', '/privacy', '/slack/events', '/terms']);
  });

  it('keep no secret values in the repository', () => {
    for (const { obj } of objects) expect(obj.kind).not.toBe('Secret');
  });
});

describe('Compose file', () => {
  it('runs the bot against PostgreSQL with pgvector and waits for the database', () => {
    const compose = parse(readFileSync(new URL('../infra/compose.yaml', import.meta.url), 'utf8'));
    expect(compose.services.db.image).toMatch(/^pgvector\/pgvector:/);
    expect(compose.services.bot.environment.DATABASE_URL).toMatch(/@db:5432\//);
    expect(compose.services.bot.depends_on.db.condition).toBe('service_healthy');
    expect(compose.services.bot.build.dockerfile).toBe('infra/docker/Dockerfile');
    const dockerfile = readFileSync(new URL('../infra/docker/Dockerfile', import.meta.url), 'utf8');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
    expect((dockerfile.match(/^FROM /gm) ?? []).length).toBeGreaterThanOrEqual(2);
  });
});
