/**
 * Seeds units for the list and export benchmarks straight in SQL (generate_series), not through the API: the
 * point is the shape and size of the tables the list queries read, not intake. Honest about what that means:
 * the rows have the columns, indexes and distributions the routes read (states, grades, brands, sites, custodians,
 * takebacks, media, SELL and VALIDATE_SANITIZATION trail entries, certificates), but their audit hashes are
 * placeholders (the chain does not verify) and snapshots are the machine's initial one with a grade set.
 * Runs once per database: a database that already holds units is reused as it is.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root } from './support.mjs';

const require = createRequire(import.meta.url);
const { Client } = require('pg');

export const ORGS = {
  centre: '00000000-0000-4000-8000-00000000c001',
  partner: '00000000-0000-4000-8000-00000000c002',
  oem: '00000000-0000-4000-8000-00000000c003',
  customer: '00000000-0000-4000-8000-00000000c004',
};
const USER = '00000000-0000-4000-8000-00000000a001';

export async function seedUnits(url, units) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const [{ n }] = (await client.query('SELECT count(*)::int AS n FROM devices')).rows;
    if (n > 0) {
      console.log(`reusing the ${n} units already in the database`);
      return n;
    }
    const { initialPersisted, MACHINE_VERSION } = require(join(root, 'dist/apps/api/libs/lifecycle/src/index.js'));
    const snapshot = JSON.stringify(initialPersisted({ mediaSerials: ['M1'] }));
    const started = Date.now();
    const step = async (label, sql, values = []) => {
      const t0 = Date.now();
      await client.query(sql, values);
      console.log(`  ${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    };
    console.log(`seeding ${units} units with SQL …`);
    await step(
      'organisations',
      `INSERT INTO organisations (id, name, kind) VALUES ($1, 'Bench centre', 'refurbishment_centre'), ($2, 'Bench partner', 'refurbishment_centre'),
        ($3, 'Bench OEM', 'oem'), ($4, 'Bench customer', 'customer')`,
      [ORGS.centre, ORGS.partner, ORGS.oem, ORGS.customer],
    );
    await step('brands', `INSERT INTO organisation_brands (organisation_id, brand) VALUES ($1, 'dell')`, [ORGS.oem]);
    // One takeback per 1,000 units; markets rotate.
    await step(
      'takebacks',
      `INSERT INTO takebacks (id, customer_organisation_id, custodian_organisation_id, site, market, created_by_user_id, expected_count, created_at)
       SELECT md5('t' || k)::uuid, $1, $2, 'Dock ' || (k % 5), (ARRAY['DE','FR','US','GB'])[1 + k % 4], $3, 1000,
              timestamptz '2025-01-01' + k * interval '1000 seconds'
         FROM generate_series(0, ($4::int - 1) / 1000) k`,
      [ORGS.customer, ORGS.centre, USER, units],
    );
    await step(
      'devices',
      `INSERT INTO devices (id, brand, serial, model, device_class, asset_tag, current_lifecycle_id, created_at)
       SELECT md5('d' || i)::uuid, (ARRAY['lenovo','hp','dell','apple'])[1 + i % 4], upper(substr(md5('s' || i), 1, 12)),
              'Model ' || (i % 50), (ARRAY['notebook','notebook','desktop','server','monitor','tablet'])[1 + i % 6],
              CASE WHEN i % 3 = 0 THEN 'AT-' || upper(substr(md5('a' || i), 1, 8)) END, md5('l' || i)::uuid,
              timestamptz '2025-01-01' + i * interval '1 second'
         FROM generate_series(1, $1::int) i`,
      [units],
    );
    // States: 30 % expected, 20 % received, 10 % processing, 10 % certified, 10 % listed, 20 % sold; grades on the certified ones.
    await step(
      'lifecycles',
      `INSERT INTO lifecycles (id, device_id, number, takeback_id, state, snapshot, version, machine_version, custodian_organisation_id, site,
                               last_seq, last_hash, started_at, updated_at)
       SELECT md5('l' || i)::uuid, md5('d' || i)::uuid, 1, md5('t' || (i - 1) / 1000)::uuid, s.state,
              CASE WHEN s.graded THEN jsonb_set($2::jsonb, '{context,grade}', to_jsonb((ARRAY['A','B','C','D'])[1 + i % 4])) ELSE $2::jsonb END,
              1, $3, CASE WHEN i % 1000 = 0 THEN $4::uuid ELSE $5::uuid END, 'Dock ' || (i % 5), 1, repeat('0', 64),
              timestamptz '2025-01-01' + i * interval '1 second', timestamptz '2025-01-01' + i * interval '1 second' + (i % 97) * interval '1 day'
         FROM generate_series(1, $1::int) i,
              LATERAL (SELECT (ARRAY['expected','expected','expected','received','received','processing','certified','listed',
                                     'sold.warrantyActive','sold.warrantyActive'])[1 + i % 10] AS state, i % 10 >= 6 AS graded) s`,
      [units, snapshot, MACHINE_VERSION, ORGS.partner, ORGS.centre],
    );
    await step(
      'media',
      `INSERT INTO storage_media (device_id, serial, media_type, interface, capacity_gb)
       SELECT md5('d' || i)::uuid, 'M' || upper(substr(md5('m' || i), 1, 10)), 'nvme', 'nvme', 512 FROM generate_series(1, $1::int) i`,
      [units],
    );
    await step(
      'takeback items',
      `INSERT INTO takeback_items (takeback_id, device_id, on_manifest, received_at)
       SELECT md5('t' || (i - 1) / 1000)::uuid, md5('d' || i)::uuid, true,
              CASE WHEN i % 10 >= 3 THEN timestamptz '2025-01-01' + i * interval '1 second' END
         FROM generate_series(1, $1::int) i`,
      [units],
    );
    // Sold units: a VALIDATE_SANITIZATION entry with its certificate, and a SELL entry (placeholder hashes).
    await step(
      'trail entries',
      `INSERT INTO audit_events (device_id, lifecycle_id, seq, event_type, payload, to_state, machine_version, occurred_at, hash)
       SELECT md5('d' || i)::uuid, md5('l' || i)::uuid, e.seq, e.type, e.payload, e.to_state, $2, timestamptz '2025-06-01' + i * interval '1 second', repeat('0', 64)
         FROM generate_series(1, $1::int) i,
              LATERAL (VALUES (2, 'VALIDATE_SANITIZATION', jsonb_build_object('mediumSerial', 'M1', 'method', 'nvme_sanitize_crypto_erase', 'level', 'purge'), 'processing'),
                              (3, 'SELL', jsonb_build_object('orderReference', 'SO-' || i, 'buyer', 'Buyer ' || (i % 100), 'market', 'DE',
                                 'warranty', jsonb_build_object('months', 12, 'startsAt', '2025-07-01T00:00:00.000Z', 'endsAt', '2026-07-01T00:00:00.000Z')),
                                 'sold.warrantyActive')) e(seq, type, payload, to_state)
        WHERE i % 10 >= 8`,
      [units, MACHINE_VERSION],
    );
    await step(
      'certificates',
      `INSERT INTO sanitization_certificates (device_id, lifecycle_id, medium_serial, audit_seq, audit_hash, issued_at)
       SELECT md5('d' || i)::uuid, md5('l' || i)::uuid, 'M1', 2, repeat('0', 64), timestamptz '2025-06-01' + i * interval '1 second'
         FROM generate_series(1, $1::int) i WHERE i % 10 >= 8`,
      [units],
    );
    await step('analyze', 'ANALYZE');
    console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return units;
  } finally {
    await client.end();
  }
}
