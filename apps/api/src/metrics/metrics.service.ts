import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** One registry per application instance (tests run several in one process). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly transitions = new Counter({
    name: 'recert_transitions_total',
    help: 'Lifecycle events applied, by event type and resulting state',
    labelNames: ['event', 'to'] as const,
    registers: [this.registry],
  });

  readonly idempotencyReplays = new Counter({
    name: 'recert_idempotency_replays_total',
    help: 'Responses replayed for a repeated Idempotency-Key',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
