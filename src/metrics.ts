import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Prometheus metrics; documented in docs/operations.md. One registry per app instance (tests start several). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'lodile_' });
  return {
    registry,
    turns: new Counter({
      name: 'lodile_turns_total',
      help: 'Conversation turns handled, by channel, capability and outcome',
      labelNames: ['channel', 'capability', 'outcome'] as const,
      registers: [registry],
    }),
    turnSeconds: new Histogram({
      name: 'lodile_turn_duration_seconds',
      help: 'Time to answer one turn, by capability',
      labelNames: ['capability'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
