import { Injectable } from '@nestjs/common';
import type { TransportMode } from '@recert/carbon';
import type { Keyset } from '../common/keyset-cursor';
import type { Transaction } from '../database/transaction';
import { handoffListQuery } from './handoff-list.query';
import type { HandoffListFilter } from './handoff-list.query';

/** A hand-off's transport leg as requested: the unit's class weight applies when weightKg is absent. */
export interface HandoffLeg {
  mode: TransportMode;
  distanceKm: number;
  weightKg?: number;
}

export interface Handoff {
  id: string;
  deviceId: string;
  lifecycleId: string;
  fromOrganisationId: string;
  toOrganisationId: string;
  toSite: string;
  status: 'requested' | 'confirmed';
  requestedByUserId: string;
  requestedAt: Date;
  confirmedByUserId: string | null;
  confirmedAt: Date | null;
  /** The leg that moves the unit, as requested (null: none given). */
  transport: HandoffLeg | null;
}

const COLUMNS = `id, device_id AS "deviceId", lifecycle_id AS "lifecycleId", from_organisation_id AS "fromOrganisationId",
  to_organisation_id AS "toOrganisationId", to_site AS "toSite", status, requested_by_user_id AS "requestedByUserId", requested_at AS "requestedAt",
  confirmed_by_user_id AS "confirmedByUserId", confirmed_at AS "confirmedAt", transport_leg AS "transport"`;

/** Hand-offs and the custodian of a lifecycle: custody's SQL, in the caller's transaction. */
@Injectable()
export class CustodyRepository {
  /** A page of hand-offs: the SQL lives in `handoff-list.query.ts`, shared with the benchmark. */
  async listHandoffs(tx: Transaction, filter: HandoffListFilter, organisationId: string | null, after: Keyset | undefined, limit: number) {
    const { text, values } = handoffListQuery(filter, organisationId, after, limit);
    return (await tx.query<Handoff & { requestedMicros: string }>(text, values)).rows;
  }

  async openHandoff(tx: Transaction, deviceId: string): Promise<string | undefined> {
    const { rows } = await tx.query<{ id: string }>(`SELECT id FROM custody_handoffs WHERE device_id = $1 AND status = 'requested'`, [
      deviceId,
    ]);
    return rows[0]?.id;
  }

  async insertHandoff(
    tx: Transaction,
    h: {
      id: string;
      deviceId: string;
      lifecycleId: string;
      from: string;
      to: string;
      site: string;
      userId: string;
      at: string;
      transport: HandoffLeg | null;
    },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO custody_handoffs (id, device_id, lifecycle_id, from_organisation_id, to_organisation_id, to_site, status, requested_by_user_id, requested_at, transport_leg)
       VALUES ($1, $2, $3, $4, $5, $6, 'requested', $7, $8, $9)`,
      [h.id, h.deviceId, h.lifecycleId, h.from, h.to, h.site, h.userId, h.at, h.transport === null ? null : JSON.stringify(h.transport)],
    );
  }

  /** The hand-off, locked until the transaction ends (the first statement of a confirmation or a read). */
  async lockHandoff(tx: Transaction, id: string): Promise<Handoff | undefined> {
    const rows = await tx.opening<Handoff>(`SELECT ${COLUMNS} FROM custody_handoffs WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0];
  }

  async confirmHandoff(tx: Transaction, id: string, userId: string, at: string): Promise<void> {
    await tx.query(`UPDATE custody_handoffs SET status = 'confirmed', confirmed_by_user_id = $2, confirmed_at = $3 WHERE id = $1`, [
      id,
      userId,
      at,
    ]);
  }

  /** The lifecycle's custodian and site change: the receiver holds the unit now. */
  async moveCustody(tx: Transaction, lifecycleId: string, organisationId: string, site: string): Promise<void> {
    await tx.query(`UPDATE lifecycles SET custodian_organisation_id = $2, site = $3, updated_at = now() WHERE id = $1`, [
      lifecycleId,
      organisationId,
      site,
    ]);
  }
}
