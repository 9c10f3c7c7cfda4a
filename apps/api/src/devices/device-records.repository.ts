import { Injectable } from '@nestjs/common';
import type { HarvestedPart, MediumFacts } from '@recert/evidence';
import type { Transaction } from '../database/transaction';

/** A unit's physical record (serial, media) as the command path reads and extends it, inside its transaction. */
@Injectable()
export class DeviceRecordsRepository {
  /** The unit's serial and its media, in one round trip. */
  async physical(tx: Transaction, deviceId: string): Promise<{ hostSerial: string; media: MediumFacts[] }> {
    const { rows } = await tx.query<{
      host_serial: string;
      serial: string | null;
      media_type: string;
      interface: string;
      capacity_gb: number | null;
    }>({
      name: 'recert_evidence_media',
      text: `SELECT d.serial AS host_serial, m.serial, m.media_type, m.interface, m.capacity_gb
               FROM devices d LEFT JOIN storage_media m ON m.device_id = d.id WHERE d.id = $1 ORDER BY m.serial`,
      values: [deviceId],
    });
    return {
      hostSerial: rows[0]?.host_serial ?? '',
      media: rows.flatMap((r) =>
        r.serial === null ? [] : [{ serial: r.serial, mediaType: r.media_type, interface: r.interface, capacityGb: r.capacity_gb }],
      ),
    };
  }

  async mediaSerials(tx: Transaction, deviceId: string): Promise<string[]> {
    const { rows } = await tx.query<{ serial: string }>(`SELECT serial FROM storage_media WHERE device_id = $1 ORDER BY serial`, [
      deviceId,
    ]);
    return rows.map((r) => r.serial);
  }

  /** Which of these serials a unit of the brand already has. */
  async takenSerials(tx: Transaction, brand: string, serials: string[]): Promise<string[]> {
    const { rows } = await tx.query<{ serial: string }>(
      `SELECT serial FROM devices WHERE brand = $1 AND serial = ANY($2::text[]) ORDER BY serial`,
      [brand, serials],
    );
    return rows.map((r) => r.serial);
  }

  /** A harvested part as a unit of its own, with its donor and, for a storage part, the donor's medium (its row moves: the donor no longer has it). */
  async insertPart(tx: Transaction, donor: { deviceId: string; brand: string }, part: HarvestedPart): Promise<string> {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO devices (brand, serial, model, device_class, donor_device_id) VALUES ($1, $2, $3, 'part', $4) RETURNING id`,
      [donor.brand, part.serial, part.model, donor.deviceId],
    );
    if (part.medium) {
      const moved = await tx.query(`UPDATE storage_media SET device_id = $1 WHERE device_id = $2 AND serial = $3`, [
        rows[0].id,
        donor.deviceId,
        part.medium.serial,
      ]);
      if (moved.rowCount !== 1) throw new Error(`the donor has no medium ${part.medium.serial} to move`);
    }
    return rows[0].id;
  }
}
