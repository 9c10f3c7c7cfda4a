import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LRUCache } from 'lru-cache';
import type { HashedAuditRecord } from '@recert/audit';
import type { Caller } from '../auth/caller';
import { HistoryService } from '../audit/history.service';
import { verifyTrail } from '../audit/chain-verification';
import type { EnvironmentVariables } from '../config/app-config';
import { DeviceService } from '../devices/device.service';
import { buildCertificate, CertificateRow, ChainCheck } from './build-certificate';
import type { CertificateVerificationDto, SanitizationCertificateDto } from './certificate.dto';
import { CertificateRepository } from './certificate.repository';

/** How long a unit's replayed trail counts as a checkpoint for public verification (while its heads stay the same). */
const REPLAY_CHECKPOINT_MS = 10 * 60_000;

type LifecycleHeads = Awaited<ReturnType<HistoryService['chain']>>['lifecycles'];

@Injectable()
export class CertificatesService {
  private readonly publicUrl: string;
  /** Per unit: the lifecycle heads whose replay through the machine succeeded. */
  private readonly replayed = new LRUCache<string, string>({ max: 50_000, ttl: REPLAY_CHECKPOINT_MS, updateAgeOnGet: false });

  constructor(
    private readonly certificates: CertificateRepository,
    private readonly devices: DeviceService,
    private readonly history: HistoryService,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.publicUrl = (
      config.get('RECERT_PUBLIC_URL', { infer: true }) ??
      defaultPublicUrl(config.get('HOST', { infer: true }), config.get('PORT', { infer: true }))
    ).replace(/\/$/, '');
  }

  verifyUrlOf(certificateId: string): string {
    return `${this.publicUrl}/verify/${certificateId}`;
  }

  /** The unit's per-medium certificates of one lifecycle (the current one by default), for callers who may see the unit. */
  async forDevice(caller: Caller, deviceId: string, lifecycleNumber: number | null = null): Promise<SanitizationCertificateDto[]> {
    await this.devices.assertVisible(caller, deviceId);
    const [rows, { records: trail, lifecycles }] = await Promise.all([
      this.certificates.forLifecycle(deviceId, lifecycleNumber),
      this.history.chain(deviceId),
    ]);
    // Checked as the documents are served, so a trail altered since issue shows on the document itself.
    const chain = rows.length
      ? this.checkChain(deviceId, trail, lifecycles)
      : { ok: true, problem: null, checkedAt: new Date().toISOString() };
    return rows.map((row) => buildCertificate(row, trail, this.verifyUrlOf(row.id), chain));
  }

  /**
   * The certificates of the given lifecycles (a takeback's units), keyed by lifecycle id. No scope check: the
   * caller has made it on the takeback. Each unit's chain is checked as the document is served, as for one unit.
   */
  async forLifecycles(lifecycles: Array<{ deviceId: string; lifecycleId: string }>): Promise<Map<string, SanitizationCertificateDto[]>> {
    const rows = await this.certificates.forLifecycles(lifecycles.map((l) => l.lifecycleId));
    const byDevice = new Map<string, CertificateRow[]>();
    for (const row of rows) byDevice.set(row.deviceId, [...(byDevice.get(row.deviceId) ?? []), row]);
    const byLifecycle = new Map<string, SanitizationCertificateDto[]>();
    for (const [deviceId, deviceRows] of byDevice) {
      const { records: trail, lifecycles: heads } = await this.history.chain(deviceId);
      const chain = this.checkChain(deviceId, trail, heads);
      for (const row of deviceRows) {
        const certificate = buildCertificate(row, trail, this.verifyUrlOf(row.id), chain);
        byLifecycle.set(row.lifecycleId, [...(byLifecycle.get(row.lifecycleId) ?? []), certificate]);
      }
    }
    return byLifecycle;
  }

  /**
   * Public: whether the certificate exists, whether the entry it names is in the unit's trail with the same
   * hash while the whole chain verifies, and its result. Nothing about people, owners or customers.
   */
  async verify(certificateId: string): Promise<CertificateVerificationDto> {
    const row = await this.certificates.find(certificateId);
    const none = {
      certificateId,
      exists: false,
      matchesAuditChain: false,
      outcome: null,
      methodType: null,
      method: null,
      mediaType: null,
      completedAt: null,
    };
    if (!row) return none;
    const { records: trail, lifecycles } = await this.history.chain(row.deviceId);
    const entry = trail.find((r) => r.lifecycleId === row.lifecycleId && r.seq === row.auditSeq);
    const chain = this.checkChain(row.deviceId, trail, lifecycles);
    const certificate = buildCertificate(row, trail, this.verifyUrlOf(row.id), chain);
    return {
      certificateId,
      exists: true,
      matchesAuditChain: chain.ok && entry?.hash === row.auditHash,
      outcome: certificate.outcome,
      methodType: certificate.sanitization?.methodType ?? (certificate.destruction ? 'destroy' : null),
      method: certificate.sanitization?.method ?? certificate.destruction?.method ?? null,
      mediaType: certificate.medium.type,
      completedAt: certificate.validation?.at ?? certificate.destruction?.at ?? null,
    };
  }

  /**
   * The hash chain is checked on every call (a changed entry shows at once); the machine replay, which costs
   * most, only once per set of heads: a unit that has not moved since its last replay is not replayed again.
   */
  private checkChain(deviceId: string, trail: HashedAuditRecord[], lifecycles: LifecycleHeads): ChainCheck {
    const heads = lifecycles.map((l) => `${l.lastSeq}:${l.lastHash}`).join(',');
    const chain = verifyTrail(trail, lifecycles, { replay: this.replayed.get(deviceId) !== heads });
    if (chain.ok) this.replayed.set(deviceId, heads);
    return { ok: chain.ok, problem: chain.ok ? null : `seq ${chain.seq}: ${chain.reason}`, checkedAt: new Date().toISOString() };
  }
}

/** Without RECERT_PUBLIC_URL: this host, but never a wildcard address, which nobody can browse to. */
export function defaultPublicUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${reachable}:${port}`;
}
