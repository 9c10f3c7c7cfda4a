import { Injectable } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { hashAuditRecord, HashedAuditRecord } from '@recert/audit';
import {
  allowedEvents, applyEvent, isTerminal, LifecycleEvent, MACHINE_VERSION, persist, restore, stateName, UnitSnapshot,
} from '@recert/lifecycle';
import type { Caller } from '../auth/caller';
import { DomainError, DomainErrorCode, notFound } from '../common/domain-error';
import { MetricsService } from '../metrics/metrics.service';
import { CommandRepository, CommandTransaction, LockedUnit } from './command.repository';
import { forRole, mayRoleSend } from './event-permissions';
import { EventOutcomeDto } from './events.dto';
import type { Admitted } from './evidence/evidence-context';
import { EvidenceGate } from './evidence/evidence-gate';
import type { RecordOnlyEntry } from './genesis';
import { LicenceGate, LicenceRecord } from './licence-gate';
import { actorOf, createPartUnits, startRmaLifecycle } from './next-lifecycles';
import { SecurityLogRepository } from './security-log.repository';
import { canActOn } from './visibility';

export interface CommandOptions {
  ifMatch?: string;
  idempotencyKey?: string;
  requestId: string | null;
}

/** What one applied event answers (the HTTP DTO is the domain answer here: nothing to hide or rename). */
export type EventOutcome = EventOutcomeDto;

export interface CommandReply {
  status: number;
  body: EventOutcome;
  etag: string;
  replayed: boolean;
}

export const etagOf = (lifecycleId: string, version: number) => `"${lifecycleId}.${version}"`;

/**
 * The command pipeline: one transaction per event — lock the unit, restore its snapshot, ask the machine,
 * apply XState's pure transition, save snapshot and version, append the audit entry, store the reply.
 */
@Injectable()
export class LifecycleCommandService {
  constructor(
    private readonly commands: CommandRepository,
    private readonly metrics: MetricsService,
    private readonly licences: LicenceGate,
    private readonly securityLog: SecurityLogRepository,
    private readonly evidence: EvidenceGate,
  ) {}

  async apply(caller: Caller, deviceId: string, event: LifecycleEvent, options: CommandOptions): Promise<CommandReply> {
    const reply = await this.commands
      .transaction((tx) => this.applyWithin(tx, caller, deviceId, event, options))
      .catch((error: unknown) => this.logDenial(error, caller, deviceId, event, options.requestId));
    this.record(reply);
    return reply;
  }

  /**
   * A licence denial goes to the security log — after the command's transaction has ended, so that the log's
   * own connection is never awaited while this one is held (a full pool would otherwise wait on itself).
   */
  async logDenial(error: unknown, caller: Caller, deviceId: string, event: LifecycleEvent, requestId: string | null): Promise<never> {
    if (error instanceof DomainError && error.code === DomainErrorCode.LicenceDenied) {
      await this.securityLog.licenceDenied(caller, deviceId, event.type, error.extensions, requestId);
    }
    throw error;
  }

  /** The pipeline inside a transaction someone else opened (a receipt that first registers an unexpected unit). */
  async applyWithin(tx: CommandTransaction, caller: Caller, deviceId: string, event: LifecycleEvent, options: CommandOptions): Promise<CommandReply> {
    const fingerprint = options.idempotencyKey ? fingerprintOf(deviceId, event) : '';
    if (options.idempotencyKey) {
      const stored = await this.storedReply(tx, caller, options.idempotencyKey, fingerprint);
      if (stored) return stored;
    }
    const unit = await tx.lockUnit(deviceId);
    if (!unit || !canActOn(caller, unit.custodianOrganisationId)) throw notFound('Device');
    // After the scope check: a unit outside the caller's scope is "not found", whatever the role.
    if (!mayRoleSend(caller.role, event.type)) {
      throw new DomainError(DomainErrorCode.Forbidden, `The role "${caller.role}" may not send ${event.type}.`);
    }
    if (options.ifMatch !== undefined && options.ifMatch !== etagOf(unit.lifecycleId, unit.version)) {
      throw new DomainError(DomainErrorCode.PreconditionFailed, 'The unit changed since you read it (If-Match does not match its ETag).', {
        currentEtag: etagOf(unit.lifecycleId, unit.version),
      });
    }
    const current = restore(unit.snapshot);
    const admitted = await this.evidence.admit(tx, caller, unit, current, event);
    const licence = await this.licences.decide(tx, caller, unit, current.context, admitted.event);
    const outcome = await this.transition(tx, caller, unit, current, admitted, options.requestId, licence);
    const reply: CommandReply = { status: 200, body: outcome, etag: currentEtag(outcome), replayed: false };
    if (options.idempotencyKey) {
      await tx.storeReply(caller.organisationId, options.idempotencyKey, { fingerprint, status: reply.status, body: reply.body, etag: reply.etag });
    }
    return reply;
  }

  /** Counted after commit, so metrics never show an effect that was rolled back. */
  record(reply: CommandReply): void {
    if (reply.replayed) this.metrics.idempotencyReplays.inc();
    else this.metrics.transitions.inc({ event: reply.body.event, to: reply.body.state });
  }

  private async storedReply(tx: CommandTransaction, caller: Caller, key: string, fingerprint: string): Promise<CommandReply | undefined> {
    if (!(await tx.claimIdempotencyKey(caller.organisationId, key))) {
      throw new DomainError(DomainErrorCode.IdempotencyKeyInFlight, 'A request with this Idempotency-Key is still being processed; retry later.');
    }
    const stored = await tx.findReply(caller.organisationId, key);
    if (!stored) return undefined;
    if (stored.fingerprint !== fingerprint) {
      throw new DomainError(DomainErrorCode.IdempotencyKeyReused, 'This Idempotency-Key was used for a different request.');
    }
    return { status: stored.status, body: stored.body as EventOutcome, etag: stored.etag ?? '', replayed: true };
  }

  private async transition(tx: CommandTransaction, caller: Caller, unit: LockedUnit, current: UnitSnapshot, admitted: Admitted, requestId: string | null, licence: LicenceRecord | null): Promise<EventOutcome> {
    const { event } = admitted;
    const applied = applyEvent(current, event);
    if (!applied.ok) {
      const allowed = forRole(caller.role, applied.allowed);
      throw new DomainError(DomainErrorCode.InvalidTransition, `${event.type} is not allowed for this unit now (state ${unit.state}).`, {
        state: unit.state,
        allowedEvents: allowed,
      });
    }
    const next = applied.snapshot;
    const { type, ...payload } = event;
    const hashed = auditEntry(caller, unit, type, payload, stateName(next), requestId, licence);
    const occurredAt = hashed.occurredAt;
    await tx.saveTransition(unit, { snapshot: persist(next), endedAt: isTerminal(next) ? occurredAt : null }, hashed);

    const outcome: EventOutcome = {
      deviceId: unit.deviceId, lifecycleId: unit.lifecycleId, event: type, fromState: unit.state, state: hashed.toState,
      allowedEvents: forRole(caller.role, allowedEvents(next)), version: unit.version + 1, seq: hashed.seq, hash: hashed.hash,
    };
    if (admitted.evidence) outcome.evidence = admitted.evidence;
    if (admitted.pinProgramme) await tx.evidence.pinProgramme(unit.lifecycleId, admitted.pinProgramme.id, admitted.pinProgramme.version);
    if (admitted.warrantyEndsAt) await tx.evidence.scheduleWarrantyExpiry(unit.deviceId, unit.lifecycleId, admitted.warrantyEndsAt);
    if (admitted.completesMedium) outcome.certificateId = await tx.evidence.issueCertificate(unit.deviceId, unit.lifecycleId, admitted.completesMedium, hashed.seq, hashed.hash);
    if (type === 'RECEIVE' && unit.takebackId) await tx.markReceived(unit.takebackId, unit.deviceId, occurredAt);
    if (admitted.harvest) outcome.createdDeviceIds = await createPartUnits(tx, caller, unit, admitted.harvest, hashed.seq, requestId, occurredAt);
    if (type === 'RECEIVE_RMA') outcome.nextLifecycle = await startRmaLifecycle(tx, caller, unit, event.site, hashed.hash, requestId, occurredAt);
    return outcome;
  }

  /** Appends an entry that records a fact (custody, an RMA's outcome) without a machine event; the unit's state is unchanged. */
  async recordOnly(tx: CommandTransaction, caller: Caller, unit: LockedUnit, type: RecordOnlyEntry, payload: Record<string, unknown>, requestId: string | null): Promise<void> {
    const entry = auditEntry(caller, unit, type, payload, unit.state, requestId, null);
    await tx.saveTransition(unit, { snapshot: unit.snapshot, endedAt: null }, entry);
  }
}

/** The next entry of the unit's trail, hash-chained to the last one. */
function auditEntry(caller: Caller, unit: LockedUnit, eventType: string, payload: Record<string, unknown>, toState: string, requestId: string | null, licence: LicenceRecord | null): HashedAuditRecord {
  const record = {
    deviceId: unit.deviceId, lifecycleId: unit.lifecycleId, seq: unit.lastSeq + 1, eventType, payload, fromState: unit.state, toState,
    actor: actorOf(caller), requestId, machineVersion: MACHINE_VERSION, occurredAt: new Date().toISOString(), prevHash: unit.lastHash, licenceDecision: licence,
  };
  return { ...record, hash: hashAuditRecord(record) };
}

const currentEtag = (outcome: EventOutcome) => (outcome.nextLifecycle ? etagOf(outcome.nextLifecycle.id, 1) : etagOf(outcome.lifecycleId, outcome.version));

function fingerprintOf(deviceId: string, event: LifecycleEvent): string {
  return createHash('sha256').update(canonicalize({ method: 'POST', deviceId, event }) ?? '').digest('hex');
}
