import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

@Injectable()
export class WarrantyExpiryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The unit's current lifecycle and its state, read before the command (which locks and checks again). */
  async currentLifecycle(deviceId: string): Promise<{ lifecycleId: string; state: string } | undefined> {
    const rows: Array<{ lifecycle_id: string; state: string }> = await this.dataSource.query(
      `SELECT d.current_lifecycle_id AS lifecycle_id, l.state FROM devices d JOIN lifecycles l ON l.id = d.current_lifecycle_id WHERE d.id = $1`,
      [deviceId],
    );
    return rows[0] && { lifecycleId: rows[0].lifecycle_id, state: rows[0].state };
  }
}
