import { Injectable } from '@nestjs/common';
import { licenceBindingProblems, quotaPeriod, usageWindows } from '@recert/licensing';
import type { Caller } from '../auth/caller';
import { DomainError, DomainErrorCode, notFound } from '../common/domain-error';
import { invalidInput } from '../common/validation';
import { Page, pageOf } from '../common/page.dto';
import { seesEverything } from '../auth/visibility';
import type { LicenceEntity, LicenceVersionEntity } from './licence.entity';
import { CreateLicenceDto, LicenceDto, LicenceStatusDto, LicenceTermsDto, LicenceUsageDto, LicenceVersionDto } from './licence.dto';
import { LicenceRepository } from './licence.repository';
import { ProgrammeService } from '../programmes/programme.service';
import { ReportTransactions } from '../database/report-pool';

/**
 * Licences: an OEM's programme managers issue them to partners and change them; every change is a new
 * version. Partners read their own; OEMs the ones they issued; platform admins and auditors all.
 */
@Injectable()
export class LicenceService {
  constructor(
    private readonly licences: LicenceRepository,
    private readonly programmes: ProgrammeService,
    private readonly reports: ReportTransactions,
  ) {}

  async create(caller: Caller, input: CreateLicenceDto): Promise<LicenceDto> {
    if (caller.organisationKind !== 'oem') throw new DomainError(DomainErrorCode.Forbidden, 'Only an OEM issues licences.');
    if ((await this.licences.organisationKind(input.partnerOrganisationId)) !== 'partner') throw notFound('Partner organisation');
    const { partnerOrganisationId, programme, ...terms } = input;
    await this.checkBinding(caller.organisationId, { programme, brands: terms.scope.brands });
    const id = await this.licences.transaction(async (manager) => {
      const licence = await this.licences.insertLicence(manager, {
        oemOrganisationId: caller.organisationId,
        partnerOrganisationId,
        programme,
      });
      await this.licences.insertVersion(manager, this.versionRow(licence.id, 1, terms, caller));
      return licence.id;
    });
    return this.get(caller, id);
  }

  async addVersion(caller: Caller, id: string, terms: LicenceTermsDto): Promise<LicenceDto> {
    await this.changeAsIssuer(caller, id, () => terms);
    return this.get(caller, id);
  }

  async setStatus(caller: Caller, id: string, change: LicenceStatusDto): Promise<LicenceDto> {
    await this.changeAsIssuer(caller, id, (current) => ({ ...termsOf(current), status: change.status, statusReason: change.reason }));
    return this.get(caller, id);
  }

  async get(caller: Caller, id: string): Promise<LicenceDto> {
    const licence = await this.visibleLicence(caller, id);
    return toLicenceDto(licence, await this.licences.versions(id));
  }

  async list(caller: Caller, cursor: string | undefined, limit: number): Promise<Page<LicenceDto>> {
    const rows = await this.licences.listLicences(seesEverything(caller) ? null : caller.organisationId, cursor, limit + 1);
    const versions = await this.licences.versionsOf(rows.slice(0, limit).map((r) => r.id));
    return pageOf(rows, limit, (row) => toLicenceDto(row, versions.get(row.id) ?? []));
  }

  async usage(caller: Caller, id: string, fromText?: string, toText?: string): Promise<LicenceUsageDto> {
    await this.visibleLicence(caller, id);
    const to = toText ? new Date(toText) : new Date();
    const from = fromText ? new Date(fromText) : new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), 1));
    if (!(from < to)) throw invalidInput([{ path: 'from', messages: ['from must be before to'] }]);
    const versions = await this.licences.versions(id);
    const limit = termsOf(versions[versions.length - 1]).quotas?.find((q) => q.capability === 'CERTIFY')?.perMonth ?? null;
    const { wholeHours, edges } = usageWindows(from, to);
    // On the report pool, one statement after the other: a report holds one connection, never the main pool's.
    const { handled, certified, denials } = await this.reports.run(async (tx) => ({
      handled: await this.licences.handledByCapability(tx, id, wholeHours, edges),
      certified: await this.licences.certifiedUse(tx, id, quotaPeriod(from), quotaPeriod(to)),
      denials: await this.licences.denialsByReason(tx, id, from, to),
    }));
    return {
      licenceId: id,
      from: from.toISOString(),
      to: to.toISOString(),
      handled,
      certified: certified.map((c) => ({ ...c, limit })),
      denials,
    };
  }

  /** A licence names a programme of its issuing OEM (by code) and only brands that OEM owns. */
  private async checkBinding(oemOrganisationId: string, licence: { programme?: string; brands: string[] }): Promise<void> {
    const problems = licenceBindingProblems(await this.programmes.issuer(oemOrganisationId), licence);
    if (problems.length) throw invalidInput(problems);
  }

  private async changeAsIssuer(caller: Caller, id: string, next: (current: LicenceVersionEntity) => LicenceTermsDto): Promise<void> {
    const licence = await this.visibleLicence(caller, id);
    if (licence.oemOrganisationId !== caller.organisationId)
      throw new DomainError(DomainErrorCode.Forbidden, 'Only the issuing OEM changes a licence.');
    await this.licences.transaction(async (manager) => {
      await this.licences.lockLicence(manager, id);
      const versions = await this.licences.versions(id, manager);
      const current = versions[versions.length - 1];
      const terms = next(current);
      await this.checkBinding(licence.oemOrganisationId, { brands: terms.scope.brands });
      await this.licences.insertVersion(manager, this.versionRow(id, current.version + 1, terms, caller));
    });
  }

  private async visibleLicence(caller: Caller, id: string): Promise<LicenceEntity> {
    const licence = await this.licences.findLicence(id);
    const visible =
      licence && (seesEverything(caller) || [licence.oemOrganisationId, licence.partnerOrganisationId].includes(caller.organisationId));
    if (!licence || !visible) throw notFound('Licence');
    return licence;
  }

  private versionRow(licenceId: string, version: number, terms: LicenceTermsDto, caller: Caller): Partial<LicenceVersionEntity> {
    if (new Date(terms.validFrom) >= new Date(terms.validTo))
      throw invalidInput([{ path: 'validTo', messages: ['validTo must be after validFrom'] }]);
    const { status, statusReason, validFrom, validTo, ...rest } = terms;
    return {
      licenceId,
      version,
      status,
      statusReason: statusReason ?? null,
      validFrom: new Date(validFrom),
      validTo: new Date(validTo),
      createdByUserId: caller.userId,
      terms: {
        scope: rest.scope,
        capabilities: rest.capabilities,
        requirements: rest.requirements ?? {},
        quotas: rest.quotas ?? [],
        survivesTermination: rest.survivesTermination ?? [],
      },
    };
  }
}

function termsOf(version: LicenceVersionEntity): LicenceTermsDto {
  const terms = version.terms as Pick<LicenceTermsDto, 'scope' | 'capabilities' | 'requirements' | 'quotas' | 'survivesTermination'>;
  return {
    status: version.status as LicenceTermsDto['status'],
    statusReason: version.statusReason ?? undefined,
    validFrom: version.validFrom.toISOString(),
    validTo: version.validTo.toISOString(),
    ...terms,
  };
}

function toLicenceDto(licence: LicenceEntity, versionRows: LicenceVersionEntity[]): LicenceDto {
  const versions = versionRows.map(toVersionDto);
  return {
    id: licence.id,
    oemOrganisationId: licence.oemOrganisationId,
    partnerOrganisationId: licence.partnerOrganisationId,
    programme: licence.programme,
    current: versions[versions.length - 1],
    versions,
  };
}

const toVersionDto = (v: LicenceVersionEntity): LicenceVersionDto => {
  const terms = termsOf(v);
  return {
    version: v.version,
    status: v.status,
    statusReason: v.statusReason,
    validFrom: terms.validFrom,
    validTo: terms.validTo,
    scope: terms.scope,
    capabilities: terms.capabilities,
    requirements: terms.requirements ?? {},
    quotas: terms.quotas ?? [],
    survivesTermination: terms.survivesTermination ?? [],
    createdByUserId: v.createdByUserId,
    createdAt: v.createdAt.toISOString(),
  };
};
