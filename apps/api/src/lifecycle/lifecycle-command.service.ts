import { Injectable } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { hashAuditRecord, HashedAuditRecord } from '@recert/audit';
import { allowedEvents, applyEvent, isTerminal, LifecycleEvent, MACHINE_VERSION, persist, restore, stateName } from '@recert/lifecycle';
import { actorOf, Caller } from '../auth/caller';
import { forRole, mayRoleSendWithin } from '../auth/event-permissions';
import { CarbonLedger } from '../carbon/carbon-ledger.service';
import { canActOn } from '../auth/visibility';
import { DomainError, DomainErrorCode, notFound } from '../common/domain-error';
import { etagOf } from '../common/etag';
import type { Transaction } from '../database/transaction';
import { Transactions } from '../database/transaction';
import { LicenceGate, LicenceRecord } from '../licences/licence-gate.service';
import { MetricsService } from '../metrics/metrics.service';
import type { CommandOptions, LockedUnit } from './command-context';
import { EffectRunner } from './effects.service';
import { EventOutcomeDto } from './events.dto';
import { EvidenceGate } from './evidence/evidence-gate';
import type { RecordOnlyEntry } from './genesis';
import { LifecycleRepository } from './lifecycle.repository';

/** What one applied event answers (the HTTP DTO is the domain answer here: nothing to hide or rename). */
export type EventOutcome = EventOutcomeDto;

export interface CommandReply {
  status: number;
  body: EventOutcome;
  etag: string;
  replayed: boolean;
}

/**
 * The command pipeline, one transaction per event: lock the unit, restore its snapshot, gather the evidence and
 * judge it, decide the licence, apply XState's pure transition, save snapshot and audit entry, run the effects the
 * machine named, store the reply. Metrics are counted after commit.
 */
@Injectable()
export class LifecycleCommandService {
  constructor(
    private readonly transactions: Transactions,
    private readonly lifecycles: LifecycleRepository,
    private readonly metrics: MetricsService,
    private readonly licences: LicenceGate,
    private readonly evidence: EvidenceGate,
    private readonly effects: EffectRunner,
    private readonly carbon: CarbonLedger,
  ) {}

  async apply(caller: Caller, deviceId: string, event: LifecycleEvent, options: CommandOptions): Promise<CommandReply> {
    const reply = await this.transactions
      .run((tx) => this.applyWithin(tx, caller, { deviceId, event, options }))
      .catch((error: unknown) => this.licences.logDenial(error, { caller, deviceId, eventType: event.type, requestId: options.requestId }));
    this.record(reply);
    return reply;
  }

  /** The pipeline inside a transaction someone else opened (a receipt that first registers an unexpected unit, an RMA replacement). */
  async applyWithin(
    tx: Transaction,
    caller: Caller,
    command: { deviceId: string; event: LifecycleEvent; options: CommandOptions },
  ): Promise<CommandReply> {
    const { deviceId, event, options } = command;
    const fingerprint = options.idempotencyKey ? fingerprintOf(deviceId, event) : '';
    if (options.idempotencyKey) {
      const stored = await this.storedReply(tx, caller, options.idempotencyKey, fingerprint);
      if (stored) return stored;
    }
    const unit = await this.lock(tx, caller, deviceId);
    // After the scope check: a unit outside the caller's scope is "not found", whatever the role.
    if (!mayRoleSendWithin(caller.role, event.type, options.causedBy?.operation)) {
      throw new DomainError(DomainErrorCode.Forbidden, `The role "${caller.role}" may not send ${event.type}.`);
    }
    if (options.ifMatch !== undefined && options.ifMatch !== etagOf(unit.lifecycleId, unit.version)) {
      throw new DomainError(DomainErrorCode.PreconditionFailed, 'The unit changed since you read it (If-Match does not match its ETag).', {
        currentEtag: etagOf(unit.lifecycleId, unit.version),
      });
    }
    const current = restore(unit.snapshot);
    const admitted = await this.evidence.admit(tx, { caller, unit, current, event });
    const licence = await this.licences.decide(tx, caller, { ...unit, context: current.context }, admitted.event);

    const applied = applyEvent(current, admitted.event);
    if (!applied.ok) {
      throw new DomainError(DomainErrorCode.InvalidTransition, `${event.type} is not allowed for this unit now (state ${unit.state}).`, {
        state: unit.state,
        allowedEvents: forRole(caller.role, applied.allowed),
      });
    }
    const { type, ...evidenced } = admitted.event;
    // The real actor is the caller; an event performed inside a composite operation names that operation too.
    const payload = options.causedBy ? { ...evidenced, causedBy: { ...options.causedBy } } : evidenced;
    const entry = auditEntry({
      caller,
      unit,
      eventType: type,
      payload,
      toState: stateName(applied.snapshot),
      requestId: options.requestId,
      licence,
    });
    await this.lifecycles.saveTransition(
      tx,
      unit,
      { snapshot: persist(applied.snapshot), endedAt: isTerminal(applied.snapshot) ? entry.occurredAt : null },
      entry,
    );
    await this.carbon.store(tx, unit, entry);
    const produced = await this.effects.run({ tx, caller, unit, entry, requestId: options.requestId }, applied.effects);

    const body: EventOutcome = {
      deviceId: unit.deviceId,
      lifecycleId: unit.lifecycleId,
      event: type,
      fromState: unit.state,
      state: entry.toState,
      allowedEvents: forRole(caller.role, allowedEvents(applied.snapshot)),
      version: unit.version + 1,
      seq: entry.seq,
      hash: entry.hash,
      ...(admitted.evidence ? { evidence: admitted.evidence } : {}),
      ...produced,
    };
    const reply: CommandReply = { status: 200, body, etag: currentEtag(body), replayed: false };
    if (options.idempotencyKey) {
      await this.lifecycles.storeReply(tx, caller.organisationId, options.idempotencyKey, {
        fingerprint,
        status: reply.status,
        body: reply.body,
        etag: reply.etag,
      });
    }
    return reply;
  }

  /** The unit under its row lock, if the caller may act on it (404 otherwise, whether it exists or not). */
  async lock(tx: Transaction, caller: Caller, deviceId: string): Promise<LockedUnit> {
    const unit = await this.lockUnit(tx, deviceId);
    if (!unit || !canActOn(caller, unit.custodianOrganisationId)) throw notFound('Device');
    return unit;
  }

  /** The unit under its row lock, for a caller whose right to act was established otherwise (a hand-off's receiver). */
  lockUnit(tx: Transaction, deviceId: string): Promise<LockedUnit | undefined> {
    return this.lifecycles.lockUnit(tx, deviceId);
  }

  /** The id of one of the unit's lifecycles, by number (an RMA looks at the one it came back from). */
  lifecycleNumbered(tx: Transaction, deviceId: string, number: number): Promise<string | undefined> {
    return this.lifecycles.lifecycleNumbered(tx, deviceId, number);
  }

  /** Appends an entry that records a fact (custody, an RMA's outcome) without a machine event; the unit's state is unchanged. */
  async recordOnly(
    tx: Transaction,
    caller: Caller,
    unit: LockedUnit,
    fact: { type: RecordOnlyEntry; payload: Record<string, unknown>; requestId: string | null },
  ): Promise<HashedAuditRecord> {
    const entry = auditEntry({
      caller,
      unit,
      eventType: fact.type,
      payload: fact.payload,
      toState: unit.state,
      requestId: fact.requestId,
      licence: null,
    });
    await this.lifecycles.saveTransition(tx, unit, { snapshot: unit.snapshot, endedAt: null }, entry);
    await this.carbon.store(tx, unit, entry);
    return entry;
  }

  /** Counted after commit, so metrics never show an effect that was rolled back. */
  record(reply: CommandReply): void {
    if (reply.replayed) this.metrics.idempotencyReplays.inc();
    else this.metrics.transitions.inc({ event: reply.body.event, to: reply.body.state });
  }

  private async storedReply(tx: Transaction, caller: Caller, key: string, fingerprint: string): Promise<CommandReply | undefined> {
    if (!(await this.lifecycles.claimIdempotencyKey(tx, caller.organisationId, key))) {
      throw new DomainError(
        DomainErrorCode.IdempotencyKeyInFlight,
        'A request with this Idempotency-Key is still being processed; retry later.',
      );
    }
    const stored = await this.lifecycles.findReply(tx, caller.organisationId, key);
    if (!stored) return undefined;
    if (stored.fingerprint !== fingerprint) {
      throw new DomainError(DomainErrorCode.IdempotencyKeyReused, 'This Idempotency-Key was used for a different request.');
    }
    return { status: stored.status, body: stored.body as EventOutcome, etag: stored.etag ?? '', replayed: true };
  }
}

interface EntryFacts {
  caller: Caller;
  unit: LockedUnit;
  eventType: string;
  payload: Record<string, unknown>;
  toState: string;
  requestId: string | null;
  licence: LicenceRecord | null;
}

/** The next entry of the unit's trail, hash-chained to the last one. */
function auditEntry(f: EntryFacts): HashedAuditRecord {
  const record = {
    deviceId: f.unit.deviceId,
    lifecycleId: f.unit.lifecycleId,
    seq: f.unit.lastSeq + 1,
    eventType: f.eventType,
    payload: f.payload,
    fromState: f.unit.state,
    toState: f.toState,
    actor: actorOf(f.caller),
    requestId: f.requestId,
    machineVersion: MACHINE_VERSION,
    occurredAt: new Date().toISOString(),
    prevHash: f.unit.lastHash,
    licenceDecision: f.licence,
  };
  return { ...record, hash: hashAuditRecord(record) };
}

const currentEtag = (outcome: EventOutcome) =>
  outcome.nextLifecycle ? etagOf(outcome.nextLifecycle.id, 1) : etagOf(outcome.lifecycleId, outcome.version);

function fingerprintOf(deviceId: string, event: LifecycleEvent): string {
  return createHash('sha256')
    .update(canonicalize({ method: 'POST', deviceId, event }) ?? '')
    .digest('hex');
}
