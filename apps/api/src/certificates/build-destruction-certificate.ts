import type { SanitizationCertificateDto } from './certificate.dto';
import type { DestroyedMediumDto, DestructionCertificateDto } from './destruction-certificate.dto';

/** A unit of the takeback in one of its lifecycles, with the media it came in with. */
export interface TakebackUnitMedia {
  deviceId: string;
  lifecycleId: string;
  brand: string;
  serial: string;
  model: string;
  media: Array<{ serial: string; type: string }>;
}

export interface TakebackHeader {
  id: string;
  customerOrganisationId: string;
  custodianOrganisationId: string;
  site: string;
}

const who = (p: { name: string; title: string } | null | undefined) => (p ? [p.name, p.title].filter(Boolean).join(', ') : null);

function line(
  unit: TakebackUnitMedia,
  medium: { serial: string; type: string },
  c: SanitizationCertificateDto | undefined,
): DestroyedMediumDto {
  const base = { deviceId: unit.deviceId, brand: unit.brand, deviceSerial: unit.serial, model: unit.model, mediumSerial: medium.serial };
  if (!c) {
    return {
      ...base,
      mediaType: medium.type,
      status: 'pending',
      method: null,
      level: null,
      result: null,
      completedAt: null,
      validator: null,
      certificateId: null,
      verifyUrl: null,
      matchesAuditChain: false,
    };
  }
  const destroyed = c.outcome === 'destroyed';
  return {
    ...base,
    mediaType: c.medium.type === 'unknown' ? medium.type : c.medium.type,
    status: destroyed ? 'destroyed' : 'wiped',
    method: destroyed ? (c.destruction?.method ?? null) : (c.sanitization?.method ?? null),
    level: destroyed ? 'destroy' : (c.sanitization?.methodType ?? null),
    result: destroyed ? 'destroyed' : (c.validation?.result ?? c.sanitization?.result ?? null),
    completedAt: destroyed ? (c.destruction?.at ?? null) : (c.validation?.at ?? c.sanitization?.completedAt ?? null),
    validator: destroyed ? (c.destruction?.witness ?? null) : who(c.validation?.by),
    certificateId: c.certificateId,
    verifyUrl: c.verifyUrl,
    matchesAuditChain: c.matchesAuditChain,
  };
}

/**
 * The takeback's certificate of data destruction: one line per medium its units came in with, from the same
 * per-medium certificates (and so the same trail entries) as GET /devices/:id/certificates/sanitization. A medium
 * without a certificate in the takeback's lifecycle is pending. Pure.
 */
export function buildDestructionCertificate(
  takeback: TakebackHeader,
  units: TakebackUnitMedia[],
  certificates: Map<string, SanitizationCertificateDto[]>,
  issuedAt: Date,
): DestructionCertificateDto {
  const media = units.flatMap((unit) => {
    const mine = new Map((certificates.get(unit.lifecycleId) ?? []).map((c) => [c.medium.serial, c]));
    // Media certified in the lifecycle but not listed on the unit (e.g. registered later) still appear.
    const listed = new Set(unit.media.map((m) => m.serial));
    const extra = [...mine.values()]
      .filter((c) => !listed.has(c.medium.serial))
      .map((c) => ({ serial: c.medium.serial, type: c.medium.type }));
    return [...unit.media, ...extra].map((m) => line(unit, m, mine.get(m.serial)));
  });
  const count = (status: DestroyedMediumDto['status']) => media.filter((m) => m.status === status).length;
  const pending = count('pending');
  return {
    takebackId: takeback.id,
    customerOrganisationId: takeback.customerOrganisationId,
    custodianOrganisationId: takeback.custodianOrganisationId,
    site: takeback.site,
    issuedAt: issuedAt.toISOString(),
    summary: {
      units: units.length,
      media: media.length,
      wiped: count('wiped'),
      destroyed: count('destroyed'),
      pending,
      complete: pending === 0 && media.every((m) => m.matchesAuditChain),
    },
    media,
  };
}
