import type { HashedAuditRecord } from '@recert/audit';
import type { CertificatePersonDto, CertificateToolDto, SanitizationCertificateDto } from './certificate.dto';

export interface CertificateRow {
  id: string;
  deviceId: string;
  lifecycleId: string;
  mediumSerial: string;
  auditSeq: number;
  auditHash: string;
  issuedAt: Date;
}

type Payload = Record<string, unknown>;
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const of = <T>(v: unknown): T | null => (v && typeof v === 'object' ? (v as T) : null);

/**
 * A medium's certificate, read from its lifecycle's trail: the last successful wipe and its validation, or
 * its destruction, with the failed attempts before. Pure: the trail is the record, this is a view of it.
 */
/** Whether the unit's chain verified when the document is served (see CertificatesService). */
export interface ChainCheck {
  ok: boolean;
  problem: string | null;
  checkedAt: string;
}

export function buildCertificate(
  row: CertificateRow,
  trail: HashedAuditRecord[],
  verifyUrl: string,
  chain: ChainCheck,
): SanitizationCertificateDto {
  const mine = trail.filter(
    (r) => r.lifecycleId === row.lifecycleId && r.seq <= row.auditSeq && (r.payload as Payload).mediumSerial === row.mediumSerial,
  );
  const wipes = mine.filter((r) => r.eventType === 'SANITIZE');
  const wipe = [...wipes].reverse().find((r) => (r.payload as Payload).result === 'pass');
  const validation = [...mine].reverse().find((r) => r.eventType === 'VALIDATE_SANITIZATION' && (r.payload as Payload).result !== 'fail');
  const destruction = mine.find((r) => r.eventType === 'DESTROY_MEDIA' && r.seq === row.auditSeq);
  const described = (destruction ?? wipe ?? wipes.at(-1))?.payload as Payload | undefined;
  const medium = of<Payload>(described?.medium) ?? {};
  const w = wipe?.payload as Payload | undefined;
  return {
    certificateId: row.id,
    deviceId: row.deviceId,
    lifecycleId: row.lifecycleId,
    verifyUrl,
    outcome: destruction ? 'destroyed' : 'sanitized',
    medium: {
      serial: row.mediumSerial,
      make: text(w?.mediaMake),
      model: text(w?.mediaModel),
      propertyNumber: text(w?.propertyNumber),
      type: String(medium.type ?? 'unknown'),
      mediaClass: String(medium.class ?? 'unknown'),
      interface: String(medium.interface ?? 'unknown'),
      capacityGb: typeof medium.capacityGb === 'number' ? medium.capacityGb : null,
      sourceSerial: String(medium.hostSerial ?? ''),
    },
    performedBy: of<CertificatePersonDto>(w?.performedBy),
    classification: text(w?.classification),
    dataBackedUp: text(w?.dataBackedUp),
    sanitization:
      wipe && w
        ? {
            methodType: String(w.level),
            method: String(w.method),
            methodDetails: text(w.methodDetails),
            tool: of<CertificateToolDto>(w.tool),
            verification: text(w.verification),
            result: String(w.result),
            policy: String(w.policy ?? ''),
            completedAt: text(w.completedAt) ?? wipe.occurredAt,
            auditSeq: wipe.seq,
            failedAttempts: wipes
              .filter((r) => (r.payload as Payload).result === 'fail')
              .map((r) => ({ method: String((r.payload as Payload).method), at: r.occurredAt, auditSeq: r.seq })),
          }
        : null,
    destruction: destruction
      ? {
          method: String((destruction.payload as Payload).method),
          witness: String((destruction.payload as Payload).witness),
          evidenceReference: String((destruction.payload as Payload).evidenceReference),
          at: destruction.occurredAt,
          auditSeq: destruction.seq,
        }
      : null,
    validation:
      validation && !destruction
        ? {
            by: of<CertificatePersonDto>((validation.payload as Payload).validatedBy) ?? { name: '', title: '' },
            method: String((validation.payload as Payload).method),
            tool: of<CertificateToolDto>((validation.payload as Payload).tool),
            result: String((validation.payload as Payload).result ?? 'pass'),
            at: validation.occurredAt,
            auditSeq: validation.seq,
          }
        : null,
    postClassification: text(w?.postClassification),
    destination: destruction ? 'destroyed' : text(w?.destination),
    signature: { auditSeq: row.auditSeq, auditHash: row.auditHash, issuedAt: row.issuedAt.toISOString() },
    ...chainStatus(row, trail, chain),
  };
}

/** The document matches the chain when the whole chain verifies and the entry it names still has the hash it was signed with. */
function chainStatus(row: CertificateRow, trail: HashedAuditRecord[], chain: ChainCheck) {
  const entry = trail.find((r) => r.lifecycleId === row.lifecycleId && r.seq === row.auditSeq);
  const problem = !chain.ok
    ? chain.problem
    : entry?.hash !== row.auditHash
      ? `the entry seq ${row.auditSeq} it names is ${entry ? 'changed' : 'missing'}`
      : null;
  return { matchesAuditChain: problem === null, auditChainCheckedAt: chain.checkedAt, auditChainProblem: problem };
}
