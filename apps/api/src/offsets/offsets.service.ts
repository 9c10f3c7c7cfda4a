import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { allocationFits, OFFSET_REGISTRIES, tonnesOfBlock } from '@recert/carbon';
import type { Caller } from '../auth/caller';
import { isPlatformAdmin } from '../auth/caller';
import { seesEverything } from '../auth/visibility';
import { DomainError, DomainErrorCode, notFound } from '../common/domain-error';
import { invalidInput } from '../common/validation';
import { Transaction, Transactions } from '../database/transaction';
import type { AllocateOffsetDto, OffsetAllocationDto, OffsetRetirementDto, RecordRetirementDto } from './offset.dto';
import { AllocationRow, OffsetRepository, RetirementRow } from './offset.repository';

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * The offsets ledger, apart from the carbon ledger: retirements with their serial blocks, and allocations of their
 * tonnes to customers or units. Reports show offsets beside the inventory and avoided figures, never subtracted.
 */
@Injectable()
export class OffsetsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly offsets: OffsetRepository,
  ) {}

  record(caller: Caller, input: RecordRetirementDto): Promise<OffsetRetirementDto> {
    if (!(OFFSET_REGISTRIES as readonly string[]).includes(input.registry)) {
      throw new DomainError(DomainErrorCode.CarbonVocabularyUnknown, `Unknown registry "${input.registry}".`, {
        field: 'registry',
        unknown: [input.registry],
        allowed: OFFSET_REGISTRIES,
      });
    }
    if (input.serialEnd < input.serialStart)
      throw invalidInput([{ path: 'serialEnd', messages: ['serialEnd must not be below serialStart'] }]);
    const tonnes = tonnesOfBlock(input);
    if (input.quantityT !== undefined && input.quantityT !== tonnes) {
      throw invalidInput([
        { path: 'quantityT', messages: [`the block ${input.serialStart}–${input.serialEnd} holds ${tonnes} t (one serial per tonne)`] },
      ]);
    }
    return this.transactions.run(async (tx) => {
      const clash = await this.offsets.overlapping(tx, input);
      if (clash) {
        throw new DomainError(
          DomainErrorCode.OffsetSerialsOverlap,
          `Serials ${input.serialStart}–${input.serialEnd} of ${input.registry} project ${input.projectId} overlap retirement ${clash.id} (${clash.serialStart}–${clash.serialEnd}).`,
          { conflictingRetirementId: clash.id },
        );
      }
      const id = randomUUID();
      // The exclusion constraint refuses an overlap that a concurrent request inserted after the check above.
      await this.offsets.insertRetirement(tx, {
        ...input,
        id,
        organisationId: caller.organisationId,
        quantityT: tonnes,
        userId: caller.userId,
      });
      return this.view(tx, (await this.offsets.findRetirement(tx, id))!);
    });
  }

  allocate(caller: Caller, retirementId: string, input: AllocateOffsetDto): Promise<OffsetRetirementDto> {
    if ((input.customerOrganisationId === undefined) === (input.deviceId === undefined)) {
      throw invalidInput([{ path: 'customerOrganisationId', messages: ['name exactly one of customerOrganisationId or deviceId'] }]);
    }
    return this.transactions.run(async (tx) => {
      const retirement = await this.offsets.lockRetirement(tx, retirementId);
      if (!retirement || !this.owns(caller, retirement)) throw notFound('Offset retirement');
      if (input.customerOrganisationId && !(await this.offsets.organisationExists(tx, input.customerOrganisationId)))
        throw notFound('Customer organisation');
      if (input.deviceId && !(await this.offsets.deviceExists(tx, input.deviceId))) throw notFound('Device');
      const allocatedT = sum(await this.offsets.allocationsOf(tx, [retirementId]));
      const fits = allocationFits({ retiredT: Number(retirement.quantityT), allocatedT, requestedT: input.quantityT });
      if (!fits.ok) {
        throw new DomainError(
          DomainErrorCode.OffsetOverAllocated,
          `Retirement ${retirementId} has ${fits.remainingT} t left; ${input.quantityT} t cannot be allocated.`,
          { retiredT: Number(retirement.quantityT), allocatedT, remainingT: fits.remainingT, requestedT: input.quantityT },
        );
      }
      await this.offsets.insertAllocation(tx, {
        id: randomUUID(),
        retirementId,
        customerOrganisationId: input.customerOrganisationId ?? null,
        deviceId: input.deviceId ?? null,
        quantityT: input.quantityT,
        userId: caller.userId,
      });
      return this.view(tx, retirement);
    });
  }

  get(caller: Caller, id: string): Promise<OffsetRetirementDto> {
    return this.transactions.run(async (tx) => {
      const retirement = await this.offsets.findRetirement(tx, id);
      if (!retirement || !(this.owns(caller, retirement) || seesEverything(caller))) throw notFound('Offset retirement');
      return this.view(tx, retirement);
    });
  }

  list(caller: Caller): Promise<OffsetRetirementDto[]> {
    return this.transactions.run(async (tx) => {
      const rows = await this.offsets.listRetirements(tx, seesEverything(caller) ? null : caller.organisationId, 200);
      return Promise.all(rows.map((r) => this.view(tx, r)));
    });
  }

  /** Tonnes allocated to a customer itself, within a period (reports). */
  allocatedToCustomer(tx: Transaction, customerId: string, range: { from: string; to: string } | null): Promise<number> {
    return this.offsets.allocatedToCustomer(tx, customerId, range);
  }

  /** Tonnes allocated to the takeback's units (reports). */
  allocatedToTakeback(tx: Transaction, takebackId: string): Promise<number> {
    return this.offsets.allocatedToTakeback(tx, takebackId);
  }

  allocatedToDevices(tx: Transaction, deviceIds: string[]): Promise<number> {
    return deviceIds.length ? this.offsets.allocatedToDevices(tx, deviceIds) : Promise.resolve(0);
  }

  private owns = (caller: Caller, r: RetirementRow) => isPlatformAdmin(caller) || r.organisationId === caller.organisationId;

  private async view(tx: Transaction, r: RetirementRow): Promise<OffsetRetirementDto> {
    const allocations = await this.offsets.allocationsOf(tx, [r.id]);
    const allocatedT = sum(allocations);
    return {
      id: r.id,
      organisationId: r.organisationId,
      registry: r.registry,
      projectId: r.projectId,
      serialStart: Number(r.serialStart),
      serialEnd: Number(r.serialEnd),
      quantityT: Number(r.quantityT),
      vintage: r.vintage,
      beneficiary: r.beneficiary,
      certificateUrl: r.certificateUrl,
      retiredOn: r.retiredOn,
      allocatedT,
      remainingT: round3(Number(r.quantityT) - allocatedT),
      allocations: allocations.map(toAllocationDto),
    };
  }
}

const sum = (rows: AllocationRow[]) => round3(rows.reduce((t, a) => t + Number(a.quantityT), 0));

const toAllocationDto = (a: AllocationRow): OffsetAllocationDto => ({
  id: a.id,
  retirementId: a.retirementId,
  customerOrganisationId: a.customerOrganisationId,
  deviceId: a.deviceId,
  quantityT: Number(a.quantityT),
  allocatedAt: a.allocatedAt.toISOString(),
});
