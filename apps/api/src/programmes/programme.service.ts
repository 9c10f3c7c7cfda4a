import { Injectable } from '@nestjs/common';
import { findSuite } from '@recert/diagnostics';
import { rubricClasses } from '@recert/grading';
import type { Issuer } from '@recert/licensing';
import type { EntityManager } from 'typeorm';
import type { Caller } from '../auth/caller';
import { DomainError, DomainErrorCode, notFound } from '../common/domain-error';
import { Page, pageOf } from '../common/page.dto';
import { invalidInput } from '../common/validation';
import type { ProgrammeEntity, ProgrammeVersionEntity } from './programme.entity';
import { CreateProgrammeDto, ProgrammeDto, ProgrammeTermsDto, ProgrammeVersionDto } from './programme.dto';
import { ProgrammeTerms, ProgrammeVersion, termProblems } from '@recert/evidence';
import type { Transaction } from '../database/transaction';
import type { ProgrammeCoverage } from './programme-coverage';
import { ProgrammeRepository } from './programme.repository';

const CATALOGUE = { suiteClass: (ref: string) => findSuite(ref)?.deviceClass, rubricClasses };

/**
 * Programmes: an OEM's programme managers define them; every edit is a new version, and a unit certified
 * under a version keeps it. Programme rules are not secret: every caller may read them.
 */
@Injectable()
export class ProgrammeService {
  constructor(private readonly programmes: ProgrammeRepository) {}

  async create(caller: Caller, input: CreateProgrammeDto): Promise<ProgrammeDto> {
    if (caller.organisationKind !== 'oem') throw new DomainError(DomainErrorCode.Forbidden, 'Only an OEM defines programmes.');
    const { code, ...terms } = input;
    await this.checkTerms(caller, terms);
    const id = await this.programmes.transaction(async (manager) => {
      if (await this.programmes.codeTaken(manager, caller.organisationId, code)) {
        throw new DomainError(DomainErrorCode.ProgrammeCodeTaken, `Your organisation already has a programme "${code}".`);
      }
      const programme = await this.programmes.insertProgramme(manager, { oemOrganisationId: caller.organisationId, code });
      await this.programmes.insertVersion(manager, {
        programmeId: programme.id,
        version: 1,
        terms: asTerms(terms),
        createdByUserId: caller.userId,
      });
      return programme.id;
    });
    return this.get(id);
  }

  /** New rules: a new version. Units already certified keep theirs. */
  async addVersion(caller: Caller, id: string, terms: ProgrammeTermsDto): Promise<ProgrammeDto> {
    const programme = await this.programmes.findProgramme(id);
    if (!programme) throw notFound('Programme');
    if (programme.oemOrganisationId !== caller.organisationId)
      throw new DomainError(DomainErrorCode.Forbidden, 'Only the OEM that defined a programme changes it.');
    await this.checkTerms(caller, terms);
    await this.programmes.transaction(async (manager: EntityManager) => {
      await this.programmes.lockProgramme(manager, id);
      const versions = (await this.programmes.versionsOf([id], manager)).get(id) ?? [];
      await this.programmes.insertVersion(manager, {
        programmeId: id,
        version: versions.length + 1,
        terms: asTerms(terms),
        createdByUserId: caller.userId,
      });
    });
    return this.get(id);
  }

  async get(id: string): Promise<ProgrammeDto> {
    const programme = await this.programmes.findProgramme(id);
    if (!programme) throw notFound('Programme');
    return toProgrammeDto(programme, (await this.programmes.versionsOf([id])).get(id) ?? []);
  }

  async list(oemOrganisationId: string | undefined, cursor: string | undefined, limit: number): Promise<Page<ProgrammeDto>> {
    const rows = await this.programmes.list(oemOrganisationId, cursor, limit + 1);
    const versions = await this.programmes.versionsOf(rows.slice(0, limit).map((r) => r.id));
    return pageOf(rows, limit, (row) => toProgrammeDto(row, versions.get(row.id) ?? []));
  }

  private async checkTerms(caller: Caller, terms: ProgrammeTermsDto): Promise<void> {
    const problems = termProblems(asTerms(terms), await this.programmes.ownedBrands(caller.organisationId), CATALOGUE);
    if (problems.length) throw invalidInput(problems);
  }

  /** What an OEM issues licences under: its programmes (id, code) and the brands it owns. */
  async issuer(oemOrganisationId: string): Promise<Issuer> {
    const [programmes, brands] = await Promise.all([
      this.programmes.programmesOf(oemOrganisationId),
      this.programmes.ownedBrands(oemOrganisationId),
    ]);
    return { programmes: programmes.map((p) => ({ id: p.id, code: p.code })), brands };
  }

  /** A programme version for the evidence rules, inside the command's transaction (see ProgrammeRepository.versionFor). */
  versionFor(tx: Transaction, ref: { id: string; version: number | null; brand: string }): Promise<ProgrammeVersion | undefined> {
    return this.programmes.versionFor(tx, ref);
  }

  /** What a programme version covers, for a takeback that names it. */
  coverage(tx: Transaction, id: string, version: number | null = null): Promise<ProgrammeCoverage | undefined> {
    return this.programmes.coverage(tx, id, version);
  }
}

/** The DTO validated the shape; stored terms are plain data in a fixed order. */
function asTerms(dto: ProgrammeTermsDto): ProgrammeTerms {
  return {
    name: dto.name,
    brands: [...new Set(dto.brands)].sort(),
    deviceClasses: [...new Set(dto.deviceClasses)].sort(),
    sanitization: { resale: dto.sanitization.resale, returnToOwner: dto.sanitization.returnToOwner },
    testSuites: { ...dto.testSuites },
    rubric: dto.rubric,
    ...(dto.rubrics ? { rubrics: { ...dto.rubrics } } : {}),
    certifiableGrades: [...new Set(dto.certifiableGrades)].sort(),
    osLicenceRequired: dto.osLicenceRequired,
    markets: dto.markets.map((m) => ({
      market: m.market,
      warrantyMonths: m.warrantyMonths,
      extendableToMonths: m.extendableToMonths,
      doaDays: m.doaDays,
    })),
    ...(dto.carbon
      ? {
          carbon: {
            claimant: dto.carbon.claimant,
            ...(dto.carbon.displacementRates
              ? { displacementRates: dto.carbon.displacementRates.map((r) => ({ market: r.market, rate: r.rate })) }
              : {}),
          },
        }
      : {}),
  };
}

const toVersionDto = (v: ProgrammeVersionEntity): ProgrammeVersionDto =>
  ({ ...v.terms, version: v.version, createdByUserId: v.createdByUserId, createdAt: v.createdAt.toISOString() }) as ProgrammeVersionDto;

function toProgrammeDto(programme: ProgrammeEntity, versions: ProgrammeVersionEntity[]): ProgrammeDto {
  const all = versions.map(toVersionDto);
  return {
    id: programme.id,
    oemOrganisationId: programme.oemOrganisationId,
    code: programme.code,
    current: all[all.length - 1],
    versions: all,
  };
}
