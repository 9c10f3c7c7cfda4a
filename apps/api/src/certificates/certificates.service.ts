import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { hashAuditRecord } from '@recert/audit';
import type { Caller } from '../auth/caller';
import { HistoryService } from '../audit/history.service';
import type { EnvironmentVariables } from '../config/app-config';
import { DeviceService } from '../devices/device.service';
import { buildCertificate, CertificateRow, ChainCheck } from './build-certificate';
import type { CertificateVerificationDto, SanitizationCertificateDto } from './certificate.dto';
import { CertificateRepository } from './certificate.repository';

@Injectable()
export class CertificatesService {
  private readonly publicUrl: string;

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
    const rows = await this.certificates.forLifecycle(deviceId, lifecycleNumber);
    if (rows.length === 0) return [];
    // Checked as the documents are served, so a trail altered since issue shows on the document itself.
    const [trail, ...evidence] = await Promise.all([this.history.verifyDevice(deviceId), ...rows.map((row) => this.evidenceOf(row))]);
    return rows.map((row, i) =>
      buildCertificate(row, evidence[i].entries, this.verifyUrlOf(row.id), chainCheck(trail, evidence[i].problem)),
    );
  }

  /**
   * The certificates of the given lifecycles (a takeback's units), keyed by lifecycle id. No scope check: the
   * caller has made it on the takeback. Each unit's trail and each certificate's evidence are checked as the
   * document is served, as for one unit (from the unit's checkpoint).
   */
  async forLifecycles(lifecycles: Array<{ deviceId: string; lifecycleId: string }>): Promise<Map<string, SanitizationCertificateDto[]>> {
    const rows = await this.certificates.forLifecycles(lifecycles.map((l) => l.lifecycleId));
    const byDevice = new Map<string, CertificateRow[]>();
    for (const row of rows) byDevice.set(row.deviceId, [...(byDevice.get(row.deviceId) ?? []), row]);
    const byLifecycle = new Map<string, SanitizationCertificateDto[]>();
    for (const [deviceId, deviceRows] of byDevice) {
      const [trail, ...evidence] = await Promise.all([
        this.history.verifyDevice(deviceId),
        ...deviceRows.map((row) => this.evidenceOf(row)),
      ]);
      deviceRows.forEach((row, i) => {
        const certificate = buildCertificate(row, evidence[i].entries, this.verifyUrlOf(row.id), chainCheck(trail, evidence[i].problem));
        byLifecycle.set(row.lifecycleId, [...(byLifecycle.get(row.lifecycleId) ?? []), certificate]);
      });
    }
    return byLifecycle;
  }

  /**
   * Public: whether the certificate exists, whether the entries it rests on are in the unit's trail unchanged
   * (re-hashed, the closing one with the hash the certificate recorded) while the trail verifies, and its result.
   * The trail is verified from its last checkpoint, so a call costs what was appended since, not the whole trail.
   * Nothing about people, owners or customers.
   */
  async verify(certificateId: string): Promise<CertificateVerificationDto> {
    const row = await this.certificates.find(certificateId);
    if (!row) {
      return {
        certificateId,
        exists: false,
        matchesAuditChain: false,
        outcome: null,
        methodType: null,
        method: null,
        mediaType: null,
        completedAt: null,
      };
    }
    const [trail, evidence] = await Promise.all([this.history.verifyDevice(row.deviceId), this.evidenceOf(row)]);
    const chain = chainCheck(trail, evidence.problem);
    const certificate = buildCertificate(row, evidence.entries, this.verifyUrlOf(row.id), chain);
    return {
      certificateId,
      exists: true,
      matchesAuditChain: chain.ok,
      outcome: certificate.outcome,
      methodType: certificate.sanitization?.methodType ?? (certificate.destruction ? 'destroy' : null),
      method: certificate.sanitization?.method ?? certificate.destruction?.method ?? null,
      mediaType: certificate.medium.type,
      completedAt: certificate.validation?.at ?? certificate.destruction?.at ?? null,
    };
  }

  /** The entries a certificate is built from, each re-hashed; the closing one must carry the hash the certificate recorded. */
  private async evidenceOf(row: CertificateRow) {
    const entries = await this.history.mediumEntries(row.lifecycleId, row.mediumSerial, row.auditSeq);
    const changed = entries.find((entry) => hashAuditRecord(entry) !== entry.hash);
    const closing = entries.find((entry) => entry.seq === row.auditSeq);
    const problem = changed
      ? `seq ${changed.seq}: hash does not match the entry: its content was changed`
      : closing?.hash !== row.auditHash
        ? `seq ${row.auditSeq}: the entry that closed the certificate is not the one it recorded`
        : null;
    return { entries, problem };
  }
}

function chainCheck(trail: Awaited<ReturnType<HistoryService['verifyDevice']>>, evidenceProblem: string | null): ChainCheck {
  const problem = trail.ok ? evidenceProblem : `seq ${trail.seq}: ${trail.reason}`;
  return { ok: problem === null, problem, checkedAt: new Date().toISOString() };
}

/** Without RECERT_PUBLIC_URL: this host, but never a wildcard address, which nobody can browse to. */
export function defaultPublicUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${reachable}:${port}`;
}
