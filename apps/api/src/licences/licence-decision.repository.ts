import { Injectable } from '@nestjs/common';
import type { LicenceTerms } from '@recert/licensing';
import type { Transaction } from '../database/transaction';

/** What a partner command's licence decision reads and counts, inside the command's transaction. */
@Injectable()
export class LicenceDecisionRepository {
  /** The current version of each licence the partner holds. */
  async partnerLicences(tx: Transaction, partnerOrganisationId: string): Promise<LicenceTerms[]> {
    const { rows } = await tx.query<Record<string, never>>({
      name: 'recert_partner_licences',
      text: `SELECT DISTINCT ON (v.licence_id) v.licence_id, v.version, v.status, v.valid_from, v.valid_to, v.terms, l.programme, l.oem_organisation_id
               FROM licences l JOIN licence_versions v ON v.licence_id = l.id
              WHERE l.partner_organisation_id = $1
              ORDER BY v.licence_id, v.version DESC`,
      values: [partnerOrganisationId],
    });
    return rows.map((r: Record<string, never>) => ({
      licenceId: r.licence_id,
      version: r.version,
      status: r.status,
      validFrom: (r.valid_from as Date).toISOString(),
      validTo: (r.valid_to as Date).toISOString(),
      ...(r.terms as Pick<LicenceTerms, 'scope' | 'capabilities' | 'quotas' | 'survivesTermination'>),
      programme: { oemOrganisationId: r.oem_organisation_id, code: r.programme },
    }));
  }

  /** The quota counter for this licence, capability, brand and month, locked until commit. */
  async lockQuota(tx: Transaction, counter: QuotaCounter): Promise<number> {
    const values = [counter.licenceId, counter.capability, counter.brand, counter.period];
    await tx.query({
      name: 'recert_quota_row',
      text: `INSERT INTO licence_quota_usage (licence_id, capability, brand, period, used) VALUES ($1, $2, $3, $4, 0) ON CONFLICT DO NOTHING`,
      values,
    });
    const { rows } = await tx.query<{ used: number }>({
      name: 'recert_quota_lock',
      text: `SELECT used FROM licence_quota_usage WHERE licence_id = $1 AND capability = $2 AND brand = $3 AND period = $4 FOR UPDATE`,
      values,
    });
    return rows[0].used;
  }

  async countQuota(tx: Transaction, counter: QuotaCounter): Promise<void> {
    await tx.query({
      name: 'recert_quota_count',
      text: `UPDATE licence_quota_usage SET used = used + 1 WHERE licence_id = $1 AND capability = $2 AND brand = $3 AND period = $4`,
      values: [counter.licenceId, counter.capability, counter.brand, counter.period],
    });
  }
}

export interface QuotaCounter {
  licenceId: string;
  capability: string;
  brand: string;
  period: string;
}
