import { Injectable } from '@nestjs/common';
import { EventType, stateName } from '@recert/lifecycle';
import type { LifecycleEvent, UnitSnapshot } from '@recert/lifecycle';
import { AuditTrailService } from '../../audit/audit-trail.service';
import { CarbonLedger } from '../../carbon/carbon-ledger.service';
import type { Caller } from '../../auth/caller';
import type { Transaction } from '../../database/transaction';
import { DeviceRecords } from '../../devices/device-records.service';
import { ProgrammeService } from '../../programmes/programme.service';
import type { Admitted, LockedUnit } from '../command-context';
import { statedTimes } from '@recert/evidence';
import { admitCertification } from './certification-evidence';
import { admitChronology } from './chronology-evidence';
import { EvidenceContext, EvidenceSources } from './evidence-context';
import { admitHarvest, admitRepair } from './harvest-evidence';
import { admitLockCheck, admitLockRelease } from './lock-evidence';
import { admitDestruction, admitSanitize, admitValidation } from './sanitization-evidence';
import { admitGrade, admitTestResult } from './test-and-grade-evidence';
import { admitClaim, admitExpiry, admitListing, admitReturn, admitSale } from './warranty-evidence';

type Rule = (ev: EvidenceContext, event: never) => Promise<Admitted>;

/** The evidence rule of each event type, or null where the machine's own rules are all there is. */
const RULES: Record<EventType, Rule | null> = {
  RECEIVE: null,
  LOCK_CHECK: admitLockCheck,
  RELEASE_LOCK: admitLockRelease,
  SANITIZE: admitSanitize,
  VALIDATE_SANITIZATION: admitValidation,
  DESTROY_MEDIA: admitDestruction,
  TEST_RESULT: admitTestResult,
  START_REPAIR: null,
  COMPLETE_REPAIR: admitRepair,
  GRADE: admitGrade,
  REGRADE: admitGrade,
  CERTIFY: admitCertification,
  DECLINE_CERTIFICATION: null,
  LIST: admitListing,
  UNLIST: null,
  SELL: admitSale,
  RETURN_TO_OWNER: admitReturn,
  OPEN_CLAIM: admitClaim,
  AUTHORIZE_RMA: null,
  REJECT_CLAIM: null,
  RECEIVE_RMA: null,
  EXPIRE_WARRANTY: admitExpiry,
  HARVEST: admitHarvest,
  SEND_TO_RECYCLER: null,
  CONFIRM_RECYCLED: null,
};

/**
 * Evidence rules, inside the command's transaction and before the machine: the policy, the suite, the rubric
 * and the programme turn what the client submitted into what the trail stores, or refuse it with every reason.
 * Only asked once the machine would take the event type now, so a wrong-state event stays a plain 409 —
 * except CERTIFY during processing, whose refusal lists every unmet rule (the machine's own included).
 */
@Injectable()
export class EvidenceGate {
  private readonly sources: EvidenceSources;

  constructor(
    audit: AuditTrailService,
    devices: DeviceRecords,
    programmes: ProgrammeService,
    private readonly carbon: CarbonLedger,
  ) {
    this.sources = {
      trail: (tx, lifecycleId, types) => audit.entries(tx, lifecycleId, types),
      lastEntry: (tx, lifecycleId) => audit.last(tx, lifecycleId),
      physical: (tx, deviceId) => devices.physical(tx, deviceId),
      programme: (tx, ref) => programmes.versionFor(tx, ref),
      takenSerials: (tx, brand, serials) => devices.takenSerials(tx, brand, serials),
    };
  }

  /**
   * The event as the trail will store it, or a refusal with every reason; `current` is the unit's restored snapshot.
   * An event the machine takes gets its carbon figures too (computed fields, like the rest of the evidence).
   */
  async admit(
    tx: Transaction,
    command: { caller: Caller; unit: LockedUnit; current: UnitSnapshot; event: LifecycleEvent },
    now = new Date(),
  ): Promise<Admitted> {
    const admitted = await this.judge(tx, command, now);
    if (!command.current.can({ type: command.event.type, probe: true })) return admitted;
    const rmaLifecycle = command.current.context.entry === 'rma';
    const event = await this.carbon.annotate(tx, command.unit, admitted.event, { rmaLifecycle, at: now.toISOString() });
    return { ...admitted, event };
  }

  private async judge(
    tx: Transaction,
    command: { caller: Caller; unit: LockedUnit; current: UnitSnapshot; event: LifecycleEvent },
    now: Date,
  ): Promise<Admitted> {
    const { caller, unit, current, event } = command;
    const rule = RULES[event.type];
    const dated = statedTimes(event).length > 0;
    if (!rule && !dated) return { event };
    const certifying = event.type === 'CERTIFY' && stateName(current) === 'processing';
    if (!certifying && !current.can({ type: event.type, probe: true })) return { event };
    const ev = new EvidenceContext(this.sources, tx, { caller, unit, context: current.context, now });
    // Every time a client states is checked against the trail and the clock, whatever the event's own rule.
    if (dated) await admitChronology(ev, event);
    return rule ? rule(ev, event as never) : { event };
  }
}
