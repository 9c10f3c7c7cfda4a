import { buildDestructionCertificate, TakebackUnitMedia } from './build-destruction-certificate';
import type { SanitizationCertificateDto } from './certificate.dto';

const takeback = { id: 'tb-1', customerOrganisationId: 'customer', custodianOrganisationId: 'centre', site: 'Dock 1' };
const unit = (deviceId: string, media: string[]): TakebackUnitMedia => ({
  deviceId,
  lifecycleId: `lc-${deviceId}`,
  brand: 'lenovo',
  serial: `S-${deviceId}`,
  model: 'T14',
  media: media.map((serial) => ({ serial, type: 'nvme' })),
});
const certificate = (serial: string, outcome: 'sanitized' | 'destroyed', matches = true) =>
  ({
    certificateId: `cert-${serial}`,
    verifyUrl: `https://recert.example/verify/cert-${serial}`,
    outcome,
    medium: { serial, type: 'nvme' },
    sanitization:
      outcome === 'sanitized'
        ? { methodType: 'purge', method: 'nvme_sanitize_crypto_erase', result: 'pass', completedAt: '2026-11-01' }
        : null,
    validation: outcome === 'sanitized' ? { by: { name: 'Bo Berg', title: 'QA lead' }, result: 'pass', at: '2026-11-02' } : null,
    destruction: outcome === 'destroyed' ? { method: 'shred', witness: 'C. Witness', at: '2026-11-03' } : null,
    matchesAuditChain: matches,
  }) as unknown as SanitizationCertificateDto;
const at = new Date('2026-12-01T00:00:00Z');

describe('the certificate of data destruction of a takeback', () => {
  it('counts each medium once: 2 units, 3 media = 1 wiped + 1 destroyed + 1 pending', () => {
    const certificates = new Map([
      ['lc-a', [certificate('M1', 'sanitized')]],
      ['lc-b', [certificate('M2', 'destroyed')]],
    ]);
    const c = buildDestructionCertificate(takeback, [unit('a', ['M1']), unit('b', ['M2', 'M3'])], certificates, at);
    expect(c.summary).toEqual({ units: 2, media: 3, wiped: 1, destroyed: 1, pending: 1, complete: false });
    expect(c.media.map((m) => [m.mediumSerial, m.status, m.level, m.validator])).toEqual([
      ['M1', 'wiped', 'purge', 'Bo Berg, QA lead'],
      ['M2', 'destroyed', 'destroy', 'C. Witness'],
      ['M3', 'pending', null, null],
    ]);
  });

  it("a wipe's date is its validation's; a destruction's is its own", () => {
    const certificates = new Map([['lc-a', [certificate('M1', 'sanitized'), certificate('M2', 'destroyed')]]]);
    const c = buildDestructionCertificate(takeback, [unit('a', ['M1', 'M2'])], certificates, at);
    expect(c.media.map((m) => m.completedAt)).toEqual(['2026-11-02', '2026-11-03']);
  });

  it('is complete only when nothing is pending and every certificate matches its audit chain', () => {
    const done = buildDestructionCertificate(takeback, [unit('a', ['M1'])], new Map([['lc-a', [certificate('M1', 'sanitized')]]]), at);
    expect(done.summary.complete).toBe(true);
    const altered = buildDestructionCertificate(
      takeback,
      [unit('a', ['M1'])],
      new Map([['lc-a', [certificate('M1', 'sanitized', false)]]]),
      at,
    );
    expect(altered.summary.complete).toBe(false);
  });

  it("a certificate of another lifecycle of the same unit does not count for this takeback's", () => {
    const c = buildDestructionCertificate(takeback, [unit('a', ['M1'])], new Map([['lc-other', [certificate('M1', 'destroyed')]]]), at);
    expect(c.summary).toEqual(expect.objectContaining({ destroyed: 0, pending: 1 }));
  });

  it('a medium certified in the lifecycle but not on the unit any more still appears', () => {
    const c = buildDestructionCertificate(takeback, [unit('a', [])], new Map([['lc-a', [certificate('M9', 'destroyed')]]]), at);
    expect(c.media.map((m) => [m.mediumSerial, m.status])).toEqual([['M9', 'destroyed']]);
  });
});
