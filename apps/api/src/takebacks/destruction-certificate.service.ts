import { Injectable } from '@nestjs/common';
import type { Caller } from '../auth/caller';
import { seesEverything } from '../auth/visibility';
import { buildDestructionCertificate } from '../certificates/build-destruction-certificate';
import { CertificatesService } from '../certificates/certificates.service';
import type { DestructionCertificateDto } from '../certificates/destruction-certificate.dto';
import { notFound } from '../common/domain-error';
import { TakebackRepository } from './takeback.repository';

/** The certificate of data destruction of a takeback: its units' per-medium certificates, summarised. */
@Injectable()
export class DestructionCertificateService {
  constructor(
    private readonly takebacks: TakebackRepository,
    private readonly certificates: CertificatesService,
  ) {}

  /** For the takeback's customer, the centre that processes it, an OEM of its units' brands, and platform admins and auditors. */
  async forTakeback(caller: Caller, takebackId: string): Promise<DestructionCertificateDto> {
    const takeback = await this.takebacks.takeback(takebackId);
    if (!takeback) throw notFound('Takeback');
    const party = [takeback.custodian_organisation_id, takeback.customer_organisation_id].includes(caller.organisationId);
    const oem = caller.organisationKind === 'oem' && (await this.takebacks.hasBrandOf(takebackId, caller.organisationId));
    if (!seesEverything(caller) && !party && !oem) throw notFound('Takeback');
    const units = await this.takebacks.unitsWithMedia(takebackId);
    const certificates = await this.certificates.forLifecycles(units);
    const header = {
      id: takeback.id,
      customerOrganisationId: takeback.customer_organisation_id,
      custodianOrganisationId: takeback.custodian_organisation_id,
      site: takeback.site,
    };
    return buildDestructionCertificate(header, units, certificates, new Date());
  }
}
