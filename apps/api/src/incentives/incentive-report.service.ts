import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import type { Caller } from '../auth/caller';
import { seesEverything } from '../auth/visibility';
import { DomainError, DomainErrorCode } from '../common/domain-error';
import { CarbonReportsService } from '../carbon/carbon-reports.service';
import { Transactions } from '../database/transaction';
import type { EmissionsBaselineDto, IncentiveReportDto, LiabilityDto, PartnerDashboardDto } from './incentive.dto';
import { ClaimQueryService } from './claim-query.service';
import { IncentiveRepository } from './incentive.repository';

const YEAR_MS = 365 * 86_400_000;

/** Reports per partner and period, the OEM's liability, and a partner's dashboard figures; JSON or CSV, scoped. */
@Injectable()
export class IncentiveReportService {
  constructor(
    private readonly transactions: Transactions,
    private readonly incentives: IncentiveRepository,
    private readonly claims: ClaimQueryService,
    private readonly carbon: CarbonReportsService,
  ) {}

  async partnerReport(
    caller: Caller,
    programmeId: string,
    query: { partnerOrganisationId?: string; period?: string },
  ): Promise<IncentiveReportDto> {
    const partner = await this.claims.scopeOf(caller, programmeId, query.partnerOrganisationId);
    return this.transactions.run(async (tx) => {
      const rows = await this.incentives.claims(tx, { programmeId, partnerOrganisationId: partner, period: query.period });
      const items = [];
      for (const claim of rows) {
        const rejected = await this.incentives.lines(tx, claim.id, null, 1000, ['rejected']);
        items.push({
          reference: claim.reference,
          partnerOrganisationId: claim.partnerOrganisationId,
          period: claim.period,
          status: claim.status,
          currency: claim.currency,
          qualifyingUnits: claim.qualifyingUnits,
          qualifyingMinor: claim.qualifyingMinor,
          clawbackMinor: claim.clawbackMinor,
          totalMinor: claim.totalMinor,
          arithmetic: claim.arithmetic,
          rejected: rejected.map((l) => ({ deviceId: l.deviceId, eventType: l.eventType, entryHash: l.entryHash, reason: l.reason ?? '' })),
        });
      }
      return { programmeId, items };
    });
  }

  /** Accrued but not yet paid: claims submitted or approved against the caller's organisation (only an OEM owes any); the platform names the OEM. */
  async liability(caller: Caller, oemOrganisationId: string | undefined): Promise<LiabilityDto> {
    const oem = caller.organisationKind === 'platform' ? oemOrganisationId : caller.organisationId;
    if (!oem)
      throw new DomainError(DomainErrorCode.InvalidInput, 'Name the OEM (oemOrganisationId).', {
        errors: [{ path: 'oemOrganisationId', messages: ['required for platform users'] }],
      });
    const rows = await this.transactions.run((tx) =>
      this.incentives.claims(tx, { oemOrganisationId: oem, statuses: ['submitted', 'approved'] }),
    );
    const totals = new Map<string, number>();
    for (const r of rows) totals.set(r.currency, (totals.get(r.currency) ?? 0) + r.totalMinor);
    return {
      oemOrganisationId: oem,
      items: rows.map((r) => ({
        programmeId: r.programmeId,
        reference: r.reference,
        partnerOrganisationId: r.partnerOrganisationId,
        period: r.period,
        status: r.status,
        currency: r.currency,
        totalMinor: r.totalMinor,
      })),
      totals: [...totals].map(([currency, totalMinor]) => ({ currency, totalMinor })),
    };
  }

  async dashboard(
    caller: Caller,
    query: { partnerOrganisationId?: string; from?: string; to?: string },
    now = new Date(),
  ): Promise<PartnerDashboardDto> {
    const partner = caller.organisationKind === 'partner' ? caller.organisationId : query.partnerOrganisationId;
    if (caller.organisationKind === 'partner' && query.partnerOrganisationId && query.partnerOrganisationId !== caller.organisationId)
      throw new DomainError(DomainErrorCode.NotFound, 'Partner not found');
    if (!partner)
      throw new DomainError(DomainErrorCode.InvalidInput, 'Name the partner (partnerOrganisationId).', {
        errors: [{ path: 'partnerOrganisationId', messages: ['required'] }],
      });
    const to = query.to ? new Date(query.to) : now;
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - YEAR_MS);
    const figures = await this.transactions.run(async (tx) => {
      const volumes = await this.incentives.volumes(tx, partner, from, to);
      // An OEM sees what its own programmes paid the partner; the partner and the platform see everything.
      const oem = caller.organisationKind === 'oem' ? caller.organisationId : undefined;
      const claims = await this.incentives.claims(tx, { partnerOrganisationId: partner, oemOrganisationId: oem });
      const earned = new Map<string, { currency: string; submittedMinor: number; approvedMinor: number; paidMinor: number }>();
      for (const c of claims.filter((c) => c.periodStart >= from && c.periodStart < to && c.status !== 'rejected')) {
        const e = earned.get(c.currency) ?? { currency: c.currency, submittedMinor: 0, approvedMinor: 0, paidMinor: 0 };
        if (c.status === 'submitted') e.submittedMinor += c.totalMinor;
        if (c.status === 'approved') e.approvedMinor += c.totalMinor;
        if (c.status === 'paid') e.paidMinor += c.totalMinor;
        earned.set(c.currency, e);
      }
      return {
        partnerOrganisationId: partner,
        from: from.toISOString(),
        to: to.toISOString(),
        takebackUnits: volumes.takebacks,
        refurbishedSales: volumes.sales,
        incentivesEarned: [...earned.values()],
      };
    });
    return { ...figures, emissionsBaseline: await this.baseline(caller, partner, to) };
  }

  /**
   * The carbon feature's partner report for the year the range ends in (its last instant, UTC), read through its
   * service and under its scope (the partner itself, the platform's admins and auditors): any other caller, an OEM,
   * gets null; so does a partner with no carbon entries that year.
   */
  private async baseline(caller: Caller, partner: string, to: Date): Promise<EmissionsBaselineDto | null> {
    if (!(seesEverything(caller) || caller.organisationId === partner)) return null;
    const year = new Date(to.getTime() - 1).getUTCFullYear();
    const report = await this.carbon.partner(caller, partner, year);
    if (report.units === 0 && report.factorSets.length === 0) return null;
    return {
      year,
      units: report.units,
      unit: 'kg CO2e',
      inventory: report.totals.inventory,
      avoided: report.totals.avoided,
      offsetsRetired: report.totals.offsetsRetired,
      factorSets: report.factorSets,
    };
  }
}

export function reportCsv(report: IncentiveReportDto): string {
  const rows = report.items.flatMap((i) => [
    [
      i.reference,
      i.partnerOrganisationId,
      i.period,
      i.status,
      i.currency,
      'total',
      i.qualifyingUnits,
      i.qualifyingMinor,
      i.clawbackMinor,
      i.totalMinor,
      i.arithmetic,
    ],
    ...i.rejected.map((r) => [
      i.reference,
      i.partnerOrganisationId,
      i.period,
      i.status,
      i.currency,
      'rejected',
      r.deviceId,
      r.eventType,
      r.entryHash,
      '',
      r.reason,
    ]),
  ]);
  return stringify(rows, {
    header: true,
    columns: [
      'reference',
      'partner',
      'period',
      'status',
      'currency',
      'row',
      'units_or_device',
      'qualifying_minor_or_event',
      'clawback_minor_or_hash',
      'total_minor',
      'arithmetic_or_reason',
    ],
  });
}

export function liabilityCsv(liability: LiabilityDto): string {
  return stringify(
    liability.items.map((i) => [i.reference, i.programmeId, i.partnerOrganisationId, i.period, i.status, i.currency, i.totalMinor]),
    { header: true, columns: ['reference', 'programme', 'partner', 'period', 'status', 'currency', 'total_minor'] },
  );
}
