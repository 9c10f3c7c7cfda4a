import type { PoolClient } from 'pg';
import type { ProgrammeTerms } from '../../programmes/programme-terms';
import type { HarvestedPart } from './harvest-evidence';

export const WARRANTY_EXPIRY_TASK = 'expire_warranty';

export interface TrailEntry {
  seq: number;
  eventType: string;
  payload: Record<string, unknown>;
  userId: string | null;
  occurredAt: string;
}

export interface MediumFacts {
  serial: string;
  mediaType: string;
  interface: string;
  capacityGb: number | null;
}

export interface ProgrammeVersion {
  id: string;
  code: string;
  oemOrganisationId: string;
  version: number;
  terms: ProgrammeTerms;
  /** Whether the programme's OEM owns the unit's brand (asked for with the programme). */
  ownsBrand: boolean;
}

/** Reads and writes the evidence checks need, on the command's own connection (inside its transaction). */
export class EvidenceStatements {
  constructor(private readonly client: PoolClient) {}

  /** The entries of one lifecycle, oldest first: the evidence recorded so far (only the given types, when named). */
  async trail(lifecycleId: string, types: string[] | null = null): Promise<TrailEntry[]> {
    const { rows } = await this.client.query({
      name: 'recert_evidence_trail',
      text: `SELECT seq, event_type, payload, actor->>'userId' AS user_id, occurred_at FROM audit_events
              WHERE lifecycle_id = $1 AND ($2::text[] IS NULL OR event_type = ANY($2::text[])) ORDER BY seq`,
      values: [lifecycleId, types],
    });
    return rows.map((r) => ({ seq: r.seq, eventType: r.event_type, payload: r.payload, userId: r.user_id, occurredAt: r.occurred_at.toISOString() }));
  }

  /** The unit's serial and its media, in one round trip. */
  async media(deviceId: string): Promise<{ hostSerial: string; media: MediumFacts[] }> {
    const { rows } = await this.client.query({
      name: 'recert_evidence_media',
      text: `SELECT d.serial AS host_serial, m.serial, m.media_type, m.interface, m.capacity_gb
               FROM devices d LEFT JOIN storage_media m ON m.device_id = d.id WHERE d.id = $1 ORDER BY m.serial`,
      values: [deviceId],
    });
    return {
      hostSerial: rows[0]?.host_serial ?? '',
      media: rows.filter((r) => r.serial !== null).map((r) => ({ serial: r.serial, mediaType: r.media_type, interface: r.interface, capacityGb: r.capacity_gb })),
    };
  }

  /** A programme at a version (its latest when none is given), and whether its OEM owns this brand. */
  async programme(id: string, version: number | null, brand: string): Promise<ProgrammeVersion | undefined> {
    const { rows } = await this.client.query({
      name: 'recert_evidence_programme',
      text: `SELECT p.id, p.code, p.oem_organisation_id, v.version, v.terms,
                    EXISTS (SELECT 1 FROM organisation_brands b WHERE b.organisation_id = p.oem_organisation_id AND b.brand = $3) AS owns_brand
               FROM programmes p JOIN programme_versions v ON v.programme_id = p.id
              WHERE p.id = $1 AND ($2::int IS NULL OR v.version = $2)
              ORDER BY v.version DESC LIMIT 1`,
      values: [id, version, brand],
    });
    const r = rows[0];
    return r && { id: r.id, code: r.code, oemOrganisationId: r.oem_organisation_id, version: r.version, terms: r.terms, ownsBrand: r.owns_brand };
  }

  async pinProgramme(lifecycleId: string, programmeId: string, version: number): Promise<void> {
    await this.client.query(`UPDATE lifecycles SET programme_id = $2, programme_version = $3 WHERE id = $1`, [lifecycleId, programmeId, version]);
  }

  /** One certificate per medium and lifecycle; a later destruction of a validated medium becomes its closing entry. */
  async issueCertificate(deviceId: string, lifecycleId: string, mediumSerial: string, seq: number, hash: string): Promise<string> {
    const { rows } = await this.client.query(
      `INSERT INTO sanitization_certificates (device_id, lifecycle_id, medium_serial, audit_seq, audit_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (lifecycle_id, medium_serial) DO UPDATE SET audit_seq = EXCLUDED.audit_seq, audit_hash = EXCLUDED.audit_hash
       RETURNING id`,
      [deviceId, lifecycleId, mediumSerial, seq, hash],
    );
    return rows[0].id;
  }

  /**
   * The job that expires the warranty when it ends, added in the command's own transaction (graphile-worker's
   * add_job): a rollback removes it with the sale. One job per lifecycle; a later sale replaces it.
   */
  async scheduleWarrantyExpiry(deviceId: string, lifecycleId: string, endsAt: string): Promise<void> {
    await this.client.query({
      name: 'recert_schedule_expiry',
      text: `SELECT graphile_worker.add_job('${WARRANTY_EXPIRY_TASK}', json_build_object('deviceId', $1::text, 'lifecycleId', $2::text),
                                            run_at => $3::timestamptz, job_key => 'expire-warranty:' || $2::text, max_attempts => 25)`,
      values: [deviceId, lifecycleId, endsAt],
    });
  }

  async takenSerials(brand: string, serials: string[]): Promise<string[]> {
    const { rows } = await this.client.query(`SELECT serial FROM devices WHERE brand = $1 AND serial = ANY($2::text[]) ORDER BY serial`, [brand, serials]);
    return rows.map((r: { serial: string }) => r.serial);
  }

  /** A harvested part as a unit of its own, with its donor and, for a storage part, its medium. */
  async insertPart(donorDeviceId: string, brand: string, part: HarvestedPart): Promise<string> {
    const { rows } = await this.client.query(
      `INSERT INTO devices (brand, serial, model, device_class, donor_device_id) VALUES ($1, $2, $3, 'part', $4) RETURNING id`,
      [brand, part.serial, part.model, donorDeviceId],
    );
    if (part.mediaType) {
      await this.client.query(`INSERT INTO storage_media (device_id, serial, media_type, interface) VALUES ($1, $2, $3, $4)`, [rows[0].id, part.serial, part.mediaType, part.interface]);
    }
    return rows[0].id;
  }

  async lifecycleNumbered(deviceId: string, number: number): Promise<string | undefined> {
    const { rows } = await this.client.query(`SELECT id FROM lifecycles WHERE device_id = $1 AND number = $2`, [deviceId, number]);
    return rows[0]?.id;
  }
}
