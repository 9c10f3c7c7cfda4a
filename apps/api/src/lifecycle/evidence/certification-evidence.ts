import { judgeCertification } from '@recert/evidence';
import type { CertifyEvent } from '@recert/lifecycle';
import type { Admitted } from '../command-context';
import { admitted } from './admitted';
import type { EvidenceContext } from './evidence-context';

/**
 * CERTIFY: the pinned version when it is the programme asked for, else the version in force; the tests and
 * grades only once the programme is known.
 */
export async function admitCertification(ev: EvidenceContext, event: CertifyEvent): Promise<Admitted> {
  const pinned = await ev.pinnedProgramme();
  const programme =
    pinned && pinned.id === event.programmeId ? pinned : event.programmeId ? await ev.programmeInForce(event.programmeId) : undefined;
  const testsAndGrades = programme ? await ev.trail('TEST_RESULT', 'GRADE', 'REGRADE') : [];
  const { brand, deviceClass } = ev.unit;
  return admitted(judgeCertification({ brand, deviceClass, context: ev.context, pinned, programme, testsAndGrades }, event));
}
