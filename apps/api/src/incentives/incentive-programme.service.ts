import { Injectable } from '@nestjs/common';
import type { IncentiveTerms } from '@recert/incentives';
import type { Caller } from '../auth/caller';
import { DomainError, DomainErrorCode, notFound } from '../common/domain-error';
import type { Page } from '../common/page.dto';
import { Transaction, Transactions } from '../database/transaction';
import type { CreateIncentiveDto, IncentiveDto, IncentiveTermsDto, IncentiveVersionDto } from './incentive.dto';
import { parseTerms, ruleView } from './incentive-terms';
import type { IncentiveProgrammeRow, IncentiveVersionRow } from './incentive.types';
import { IncentiveRepository } from './incentive.repository';

/**
 * Incentive programmes: an OEM offers them to its licensed partners. Every edit is a new version with the
 * instant it comes into force; a period is judged under the version in force at its start. Readable by all.
 */
@Injectable()
export class IncentiveProgrammeService {
  constructor(
    private readonly transactions: Transactions,
    private readonly incentives: IncentiveRepository,
  ) {}

  async create(caller: Caller, input: CreateIncentiveDto, now = new Date()): Promise<IncentiveDto> {
    if (caller.organisationKind !== 'oem') throw new DomainError(DomainErrorCode.Forbidden, 'Only an OEM offers incentive programmes.');
    const terms = checked(input);
    const id = await this.transactions.run(async (tx) => {
      const programme = await this.incentives.insertProgramme(tx, caller.organisationId, input.code);
      if (!programme)
        throw new DomainError(DomainErrorCode.IncentiveCodeTaken, `Your organisation already has an incentive programme "${input.code}".`);
      // The first version may reach back: a programme can be offered for a period already running.
      const effectiveFrom = input.effectiveFrom ? new Date(input.effectiveFrom) : now;
      await this.incentives.insertVersion(tx, {
        programmeId: programme.id,
        version: 1,
        terms,
        effectiveFrom,
        createdByUserId: caller.userId,
      });
      return programme.id;
    });
    return this.get(id);
  }

  /** A new version; it cannot come into force in the past (periods already judged keep theirs). */
  async addVersion(caller: Caller, id: string, input: IncentiveTermsDto, now = new Date()): Promise<IncentiveDto> {
    const terms = checked(input);
    await this.transactions.run(async (tx) => {
      const programme = await this.incentives.programme(tx, id, true);
      if (!programme) throw notFound('Incentive programme');
      if (programme.oemOrganisationId !== caller.organisationId)
        throw new DomainError(DomainErrorCode.Forbidden, 'Only the OEM that offers an incentive programme changes it.');
      const versions = await this.incentives.versions(tx, [id]);
      const effectiveFrom = input.effectiveFrom ? new Date(input.effectiveFrom) : now;
      if (effectiveFrom < now)
        throw new DomainError(DomainErrorCode.Unprocessable, 'A new version comes into force now or later, never in the past.', {
          reasons: [{ code: 'effective-in-the-past', message: `effectiveFrom ${effectiveFrom.toISOString()} is before now` }],
        });
      await this.incentives.insertVersion(tx, {
        programmeId: id,
        version: versions.length + 1,
        terms,
        effectiveFrom,
        createdByUserId: caller.userId,
      });
    });
    return this.get(id);
  }

  get(id: string): Promise<IncentiveDto> {
    return this.transactions.run(async (tx) => {
      const programme = await this.incentives.programme(tx, id);
      if (!programme) throw notFound('Incentive programme');
      return toDto(programme, await this.incentives.versions(tx, [id]));
    });
  }

  list(oemOrganisationId: string | undefined, cursor: string | undefined, limit: number): Promise<Page<IncentiveDto>> {
    return this.transactions.run(async (tx) => {
      const rows = await this.incentives.programmes(tx, { oemOrganisationId, after: cursor, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const versions = await this.incentives.versions(
        tx,
        page.map((r) => r.id),
      );
      return {
        items: page.map((p) =>
          toDto(
            p,
            versions.filter((v) => v.programmeId === p.id),
          ),
        ),
        nextCursor: rows.length > limit ? page[page.length - 1].id : null,
      };
    });
  }

  /** The programme and the version in force at an instant (the latest that came into force by then). */
  async inForce(
    tx: Transaction,
    id: string,
    at: Date,
  ): Promise<{ programme: IncentiveProgrammeRow; version: IncentiveVersionRow | undefined; versions: IncentiveVersionRow[] }> {
    const programme = await this.incentives.programme(tx, id);
    if (!programme) throw notFound('Incentive programme');
    const versions = await this.incentives.versions(tx, [id]);
    const version = versions
      .filter((v) => v.effectiveFrom <= at)
      .sort((a, b) => b.effectiveFrom.getTime() - a.effectiveFrom.getTime() || b.version - a.version)[0];
    return { programme, version, versions };
  }
}

function checked(input: IncentiveTermsDto): IncentiveTerms {
  const parsed = parseTerms(input);
  if ('problems' in parsed)
    throw new DomainError(DomainErrorCode.Unprocessable, `The programme's terms break ${parsed.problems.length} rule(s); see reasons.`, {
      reasons: parsed.problems.map((p) => ({ code: p.code, field: p.field, message: p.message })),
    });
  return parsed.terms;
}

const toVersionDto = (v: IncentiveVersionRow): IncentiveVersionDto => ({
  version: v.version,
  effectiveFrom: v.effectiveFrom.toISOString(),
  name: v.terms.name,
  qualifyingEvents: v.terms.qualifyingEvents,
  filters: v.terms.filters,
  period: v.terms.period,
  rule: ruleView(v.terms.rule),
  currency: v.terms.currency,
  claimWindowDays: v.terms.claimWindowDays,
  clawbackWindowDays: v.terms.clawbackWindowDays,
  reversingEvents: v.terms.reversingEvents,
  createdByUserId: v.createdByUserId,
  createdAt: v.createdAt.toISOString(),
});

function toDto(programme: IncentiveProgrammeRow, versions: IncentiveVersionRow[]): IncentiveDto {
  const all = versions.map(toVersionDto);
  return {
    id: programme.id,
    oemOrganisationId: programme.oemOrganisationId,
    code: programme.code,
    current: all[all.length - 1],
    versions: all,
  };
}
