import { Injectable } from '@nestjs/common';
import { AVOIDED_KINDS, INVENTORY_KINDS, neutralityLabel, totalOf } from '@recert/carbon';
import type { Caller } from '../auth/caller';
import { seesEverything } from '../auth/visibility';
import { notFound } from '../common/domain-error';
import { Transaction, Transactions } from '../database/transaction';
import { OffsetsService } from '../offsets/offsets.service';
import { ProgrammeService } from '../programmes/programme.service';
import { TakebackItems } from '../takebacks/takeback-items.service';
import { toFigure } from './carbon-ledger.service';
import { CarbonReportRepository, ReportSubject } from './carbon-report.repository';
import { monthsOf, reportFigures } from './carbon-report';
import { CarbonRepository } from './carbon.repository';
import type { CarbonReportDto, LedgerDto } from './carbon.dto';

const yearRange = (year: number) => ({ from: `${year}-01-01T00:00:00.000Z`, to: `${year + 1}-01-01T00:00:00.000Z` });

/** Reads of the carbon ledger: a unit's entries, and reports per customer, takeback, partner and programme. */
@Injectable()
export class CarbonReportsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly ledger: CarbonRepository,
    private readonly reports: CarbonReportRepository,
    private readonly offsets: OffsetsService,
    private readonly takebacks: TakebackItems,
    private readonly programmes: ProgrammeService,
  ) {}

  deviceLedger(caller: Caller, deviceId: string): Promise<LedgerDto> {
    return this.transactions.run(async (tx) => {
      const holder = await this.ledger.deviceHolder(tx, deviceId);
      const visible =
        holder &&
        (seesEverything(caller) ||
          holder.custodianOrganisationId === caller.organisationId ||
          (await this.ledger.isParty(tx, deviceId, caller.organisationId)));
      if (!visible) throw notFound('Device');
      const stored = await this.ledger.entriesOfDevice(tx, deviceId);
      const figures = stored.map(toFigure);
      return {
        deviceId,
        entries: stored.map((e, i) => ({
          ...figures[i],
          lifecycle: e.lifecycleNumber,
          recordedAt: e.recordedAt.toISOString(),
          auditEntryHash: e.auditEntryHash,
        })),
        totals: {
          inventory: totalOf(figures, INVENTORY_KINDS),
          avoided: totalOf(figures, AVOIDED_KINDS),
          offsetsAllocated: { tCo2e: await this.offsets.allocatedToDevices(tx, [deviceId]) },
        },
      };
    });
  }

  customer(caller: Caller, organisationId: string, year: number): Promise<CarbonReportDto> {
    if (!(seesEverything(caller) || caller.organisationId === organisationId)) throw notFound('Customer organisation');
    const range = yearRange(year);
    return this.transactions.run(async (tx) => ({
      organisationId,
      year,
      ...(await this.figures(
        tx,
        { by: 'customer', id: organisationId },
        range,
        await this.offsets.allocatedToCustomer(tx, organisationId, range),
        monthsOf(year),
      )),
    }));
  }

  takeback(caller: Caller, takebackId: string): Promise<CarbonReportDto> {
    return this.transactions.run(async (tx) => {
      const parties = await this.takebacks.parties(tx, takebackId);
      const mine = parties && [parties.customerOrganisationId, parties.custodianOrganisationId].includes(caller.organisationId);
      if (!parties || !(mine || seesEverything(caller))) throw notFound('Takeback');
      const subject = { by: 'takeback', id: takebackId } as const;
      const offsetsT = await this.offsets.allocatedToTakeback(tx, takebackId);
      const { byMonth: _months, ...figures } = await this.figures(tx, subject, null, offsetsT);
      return { takebackId, organisationId: parties.customerOrganisationId, ...figures };
    });
  }

  /** A partner's yearly baseline: the emissions of what it refurbished and shipped (and the claims made while it held the units). */
  partner(caller: Caller, organisationId: string, year: number): Promise<CarbonReportDto> {
    if (!(seesEverything(caller) || caller.organisationId === organisationId)) throw notFound('Organisation');
    const range = yearRange(year);
    return this.transactions.run(async (tx) => ({
      organisationId,
      year,
      ...(await this.figures(tx, { by: 'partner', id: organisationId }, range, 0, monthsOf(year))),
    }));
  }

  async programme(caller: Caller, programmeId: string, range: { from: string; to: string }): Promise<CarbonReportDto> {
    const programme = await this.programmes.get(programmeId);
    if (!(seesEverything(caller) || programme.oemOrganisationId === caller.organisationId)) throw notFound('Programme');
    return this.transactions.run(async (tx) => ({
      programmeId,
      ...range,
      ...(await this.figures(tx, { by: 'programme', id: programmeId }, range, 0)),
    }));
  }

  private async figures(
    tx: Transaction,
    subject: ReportSubject,
    range: { from: string; to: string } | null,
    offsetsT: number,
    months?: string[],
  ) {
    const { sums, units, markets } = await this.reports.read(tx, subject, range);
    return reportFigures({ sums, units, offsetsT, months, label: neutralityLabel({ markets, at: new Date().toISOString() }) });
  }
}
