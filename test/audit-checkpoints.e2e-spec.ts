import { hashAuditRecord, HashedAuditRecord } from '@recert/audit';
import { newProgramme, sanitize, validate } from './support/evidence';
import { tamperAsOwner, TestApp } from './support/test-app';
import { manifestUnit, newWorkshop, Workshop } from './support/units';

const LOCK_CHECK = { type: 'LOCK_CHECK', locks: [{ kind: 'bios_password', status: 'clear' }] };

/**
 * Issue 10 item 11 / issue 15 part 4: verification starts at the unit's last checkpoint, so a call costs what was
 * appended since. Tampering after the checkpoint, a consistent rewrite before it, an edited checkpoint and an edited
 * entry a certificate rests on all show; an edit before the checkpoint elsewhere needs `full=true`.
 */
describe('audit checkpoints', () => {
  let t: TestApp;
  let workshop: Workshop;
  beforeAll(async () => {
    t = await TestApp.start({ RECERT_RATE_LIMIT: '100000' });
    workshop = await newWorkshop(t);
    await newProgramme(t);
  });
  afterAll(() => t.close());

  /** A unit with a sanitization certificate (entries 1–4) and `locks` LOCK_CHECK entries after it. */
  async function certifiedUnit(locks: number): Promise<{ id: string; certificateId: string }> {
    const unit = manifestUnit();
    await t
      .as(workshop.admin.key)
      .post('/takebacks')
      .send({ customerOrganisationId: workshop.customerId, site: 'Dock', devices: [unit] })
      .expect(201);
    const id = (await t.as(workshop.admin.key).get(`/devices?serial=${unit.serial}`).expect(200)).body.items[0].id as string;
    await t.as(workshop.technician.key).post(`/devices/${id}/events`).send({ type: 'RECEIVE', site: 'Dock', sealIntact: true }).expect(200);
    await t.as(workshop.technician.key).post(`/devices/${id}/events`).send(sanitize()).expect(200);
    const { certificateId } = (await t.as(workshop.admin.key).post(`/devices/${id}/events`).send(validate()).expect(200)).body;
    await lockChecks(id, locks);
    return { id, certificateId };
  }
  const lockChecks = async (id: string, n: number) => {
    for (let i = 0; i < n; i++) await t.as(workshop.technician.key).post(`/devices/${id}/events`).send(LOCK_CHECK).expect(200);
  };
  const verify = async (id: string, full = false) =>
    (
      await t
        .as(workshop.admin.key)
        .get(`/devices/${id}/history/verify${full ? '?full=true' : ''}`)
        .expect(200)
    ).body;
  const publicVerify = async (certificateId: string) => (await t.http.get(`/verify/${certificateId}`).expect(200)).body;
  const trail = async (id: string): Promise<HashedAuditRecord[]> =>
    (await t.as(workshop.admin.key).get(`/devices/${id}/history`).expect(200)).body.map((e: object) => ({ ...e, deviceId: id }));

  it('a second run starts at the checkpoint the first recorded and hashes only what was appended since', async () => {
    const { id } = await certifiedUnit(3);
    // 1 LIFECYCLE_STARTED + RECEIVE + SANITIZE + VALIDATE + 3 LOCK_CHECK = 7 entries, all hashed the first time.
    expect(await verify(id)).toEqual(expect.objectContaining({ ok: true, events: 7, hashed: 7, from: null }));
    expect(await verify(id)).toEqual(expect.objectContaining({ ok: true, events: 7, hashed: 0, from: '1.7' }));
    await lockChecks(id, 2);
    expect(await verify(id)).toEqual(expect.objectContaining({ ok: true, events: 9, hashed: 2, from: '1.7' }));
    // full=true walks from the first entry again: 9 hashed.
    expect(await verify(id, true)).toEqual(expect.objectContaining({ ok: true, events: 9, hashed: 9, from: null }));
  });

  it('an entry changed after the checkpoint shows at its seq, hashing only the tail', async () => {
    const { id } = await certifiedUnit(2);
    await verify(id); // checkpoint at seq 6
    await lockChecks(id, 3); // seqs 7–9
    await tamperAsOwner([[`UPDATE audit_events SET payload = '{"locks":[]}' WHERE device_id = $1 AND seq = 8`, [id]]]);
    expect(await verify(id)).toEqual(expect.objectContaining({ ok: false, seq: 8, reason: expect.stringContaining('content') }));
  });

  it('a rewrite before the checkpoint with every hash recomputed up to the head shows: the pinned entry changed', async () => {
    const { id } = await certifiedUnit(3);
    await verify(id); // checkpoint at seq 7
    const entries = await trail(id);
    // Rewrite who sent seq 5 and re-chain 5–7 so that the chain verifies on its own, as a careful forger would.
    const forged: HashedAuditRecord[] = [];
    for (const entry of entries.slice(4)) {
      const prevHash = forged.at(-1)?.hash ?? entry.prevHash;
      const requestId = entry.seq === 5 ? 'forged' : entry.requestId;
      const record = { ...entry, requestId, prevHash };
      forged.push({ ...record, hash: hashAuditRecord(record) });
    }
    await tamperAsOwner([
      ...forged.map(
        (f) =>
          [
            `UPDATE audit_events SET request_id = $3, prev_hash = $4, hash = $5 WHERE device_id = $1 AND seq = $2`,
            [id, f.seq, f.requestId, f.prevHash, f.hash],
          ] as [string, unknown[]],
      ),
      [`UPDATE lifecycles SET last_hash = $2 WHERE device_id = $1`, [id, forged.at(-1)!.hash]],
    ]);
    // The forged chain holds together on its own; against the checkpoint it does not, incremental or full.
    const rewritten = expect.objectContaining({ ok: false, seq: 7, reason: expect.stringContaining('rewritten') });
    expect(await verify(id)).toEqual(rewritten);
    expect(await verify(id, true)).toEqual(rewritten);
  });

  it('an entry before the checkpoint edited in place: full=true finds it; public verify finds it when the certificate rests on it', async () => {
    const { id, certificateId } = await certifiedUnit(2);
    expect((await publicVerify(certificateId)).matchesAuditChain).toBe(true); // records the checkpoint at seq 6
    await tamperAsOwner([[`UPDATE audit_events SET payload = '{"locks":[]}' WHERE device_id = $1 AND seq = 5`, [id]]]);
    // The incremental run trusts what it verified before (seq 5 is not re-hashed); a full run does not.
    expect(await verify(id, true)).toEqual(expect.objectContaining({ ok: false, seq: 5, reason: expect.stringContaining('content') }));
    // The SANITIZE entry (seq 3) is one the certificate rests on: public verification re-hashes it on every call.
    expect((await publicVerify(certificateId)).matchesAuditChain).toBe(true);
    await tamperAsOwner([
      [`UPDATE audit_events SET payload = jsonb_set(payload, '{method}', '"overwrite"') WHERE device_id = $1 AND seq = 3`, [id]],
    ]);
    expect((await publicVerify(certificateId)).matchesAuditChain).toBe(false);
  });

  it('an edited checkpoint is not trusted: the run starts from the first entry again', async () => {
    const { id } = await certifiedUnit(1);
    await verify(id);
    await tamperAsOwner([[`UPDATE audit_checkpoints SET seq = 2 WHERE device_id = $1`, [id]]]);
    expect(await verify(id)).toEqual(expect.objectContaining({ ok: true, hashed: 5, from: null }));
    expect(await verify(id)).toEqual(expect.objectContaining({ ok: true, hashed: 0, from: '1.5' }));
  });

  it('the pinned entry deleted: the run names where the trail breaks', async () => {
    const { id } = await certifiedUnit(2);
    await verify(id); // checkpoint at seq 6
    await tamperAsOwner([[`DELETE FROM audit_events WHERE device_id = $1 AND seq = 6`, [id]]]);
    expect(await verify(id)).toEqual(expect.objectContaining({ ok: false, seq: 6 }));
  });

  it('refuses an unknown value of full with 400', async () => {
    const { id } = await certifiedUnit(0);
    await t.as(workshop.admin.key).get(`/devices/${id}/history/verify?full=yes`).expect(400);
  });
});
