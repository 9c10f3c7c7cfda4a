import { Injectable } from '@nestjs/common';
import { judgeReadings } from '@recert/carbon';
import type { Caller } from '../auth/caller';
import { isPlatformAdmin } from '../auth/caller';
import { CarbonLedger } from '../carbon/carbon-ledger.service';
import { DomainError, DomainErrorCode } from '../common/domain-error';
import { invalidInput } from '../common/validation';
import { Transaction, Transactions } from '../database/transaction';
import type { LockedUnit } from '../lifecycle/command-context';
import { LifecycleCommandService } from '../lifecycle/lifecycle-command.service';
import { TakebackItems } from '../takebacks/takeback-items.service';
import type { UsageReadingDto, UsageReadingResultDto, UsageReadingsResultDto } from './usage-reading.dto';
import { UsageReadingRepository } from './usage-reading.repository';

/**
 * Usage readings from a customer's fleet agent or MDM, in one transaction: each device's new readings become one
 * USAGE_RECORDED entry of its trail (with their use-phase figures, under the hash chain) and rows of their own.
 * A reading that conflicts refuses the whole request, naming it; nothing is recorded then.
 */
@Injectable()
export class UsageReadingsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly lifecycle: LifecycleCommandService,
    private readonly carbon: CarbonLedger,
    private readonly takebacks: TakebackItems,
    private readonly readings: UsageReadingRepository,
  ) {}

  record(caller: Caller, readings: UsageReadingDto[], requestId: string | null): Promise<UsageReadingsResultDto> {
    const problems = readings.flatMap((r, i) => [
      ...((r.kwh === undefined) === (r.powerOnHours === undefined)
        ? [{ path: `readings.${i}.kwh`, messages: ['give exactly one of kwh or powerOnHours'] }]
        : []),
      ...(Date.parse(r.periodEnd) <= Date.parse(r.periodStart)
        ? [{ path: `readings.${i}.periodEnd`, messages: ['periodEnd must be after periodStart'] }]
        : []),
    ]);
    if (problems.length) throw invalidInput(problems);
    const byDevice = new Map<string, number[]>();
    readings.forEach((r, i) => byDevice.set(r.deviceId, [...(byDevice.get(r.deviceId) ?? []), i]));

    return this.transactions.run(async (tx) => {
      const stored = await this.readings.readingsOf(tx, [...byDevice.keys()]);
      const results: UsageReadingResultDto[] = new Array<UsageReadingResultDto>(readings.length);
      // Devices in a fixed order, so that two requests lock their units in the same order (no deadlock).
      for (const deviceId of [...byDevice.keys()].sort()) {
        const indexes = byDevice.get(deviceId)!;
        const unit = await this.unitFor(tx, caller, deviceId, indexes[0]);
        const own = indexes.map((i) => readings[i]);
        const recorded = stored
          .filter((s) => s.deviceId === deviceId)
          .map((s) => ({
            periodStart: s.periodStart.toISOString(),
            periodEnd: s.periodEnd.toISOString(),
            kwh: s.kwh,
            powerOnHours: s.powerOnHours,
          }));
        const verdicts = judgeReadings(recorded, own);
        verdicts.forEach((v, k) => {
          if (v.status === 'conflict') {
            const r = own[k];
            throw new DomainError(
              DomainErrorCode.UsageReadingConflict,
              `Reading ${indexes[k]} (device ${deviceId}, ${r.periodStart} – ${r.periodEnd}) ${REASONS[v.reason]} ${v.recorded.periodStart} – ${v.recorded.periodEnd}.`,
              { index: indexes[k], deviceId, periodStart: r.periodStart, periodEnd: r.periodEnd, reason: v.reason, recorded: v.recorded },
            );
          }
        });
        const fresh = own.filter((_, k) => verdicts[k].status === 'recorded');
        const figures = this.carbon.useFigures(unit, fresh);
        if (fresh.length) {
          const payload = { readings: fresh.map((r) => ({ ...r })), carbonLedger: figures };
          const entry = await this.lifecycle.recordOnly(tx, caller, unit, { type: 'USAGE_RECORDED', payload, requestId });
          await this.readings.insert(
            tx,
            fresh.map((r) => ({
              deviceId,
              periodStart: r.periodStart,
              periodEnd: r.periodEnd,
              kwh: r.kwh ?? null,
              powerOnHours: r.powerOnHours ?? null,
              country: r.country ?? null,
              auditSeq: entry.seq,
              auditEntryHash: entry.hash,
            })),
          );
        }
        let f = 0;
        indexes.forEach((i, k) => {
          const r = readings[i];
          const base = { index: i, deviceId, periodStart: r.periodStart, periodEnd: r.periodEnd };
          results[i] =
            verdicts[k].status === 'recorded'
              ? { ...base, status: 'recorded', use: figures[f++].amount }
              : { ...base, status: 'duplicate' };
        });
      }
      return {
        recorded: results.filter((r) => r.status === 'recorded').length,
        duplicates: results.filter((r) => r.status === 'duplicate').length,
        results,
      };
    });
  }

  /** The unit under its row lock, if the caller holds it or handed it back (its customer); 404 naming the reading otherwise. */
  private async unitFor(tx: Transaction, caller: Caller, deviceId: string, index: number): Promise<LockedUnit> {
    const unit = await this.lifecycle.lockUnit(tx, deviceId);
    const customer = unit?.takebackId ? await this.takebacks.customerOf(tx, unit.takebackId) : undefined;
    const mine =
      unit && (isPlatformAdmin(caller) || unit.custodianOrganisationId === caller.organisationId || customer === caller.organisationId);
    if (!mine) throw new DomainError(DomainErrorCode.NotFound, 'Device not found', { index, deviceId });
    return unit;
  }
}

const REASONS = {
  overlap: 'overlaps the recorded period',
  'out-of-order': 'starts before the end of the latest recorded period',
  'different-values': 'repeats, with other values, the recorded period',
} as const;
