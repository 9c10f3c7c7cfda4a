import type { Judgement, Refusal } from '@recert/evidence';
import { DomainErrorCode, rejected } from '../../common/domain-error';
import type { Admitted } from '../command-context';

const CODES: Record<Refusal, DomainErrorCode.EvidenceRejected | DomainErrorCode.CertificationRefused> = {
  'evidence-rejected': DomainErrorCode.EvidenceRejected,
  'certification-refused': DomainErrorCode.CertificationRefused,
};

/** A judge's verdict as the command takes it: the event to store, or the domain error listing every reason. */
export function admitted(judgement: Judgement): Admitted {
  if (!judgement.ok) throw rejected(CODES[judgement.refusal], judgement.detail, judgement.reasons, judgement.extra);
  const { ok: _ok, ...admission } = judgement;
  return admission;
}
