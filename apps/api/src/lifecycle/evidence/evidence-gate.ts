import { Injectable } from '@nestjs/common';
import { stateName } from '@recert/lifecycle';
import type { LifecycleEvent, UnitSnapshot } from '@recert/lifecycle';
import type { Caller } from '../../auth/caller';
import type { CommandTransaction, LockedUnit } from '../command.repository';
import { admitCertification } from './certification-evidence';
import { Admitted, EvidenceContext } from './evidence-context';
import { admitHarvest } from './harvest-evidence';
import { admitDestruction, admitSanitize, admitValidation } from './sanitization-evidence';
import { admitGrade, admitTestResult } from './test-and-grade-evidence';
import { admitClaim, admitExpiry, admitReturn, admitSale } from './warranty-evidence';

/**
 * Evidence rules, inside the command's transaction and before the machine: the policy, the suite, the rubric
 * and the programme turn what the client submitted into what the trail stores, or refuse it with every reason.
 * Only asked once the machine would take the event type now, so a wrong-state event stays a plain 409 —
 * except CERTIFY during processing, whose refusal lists every unmet rule (the machine's own included).
 */
@Injectable()
export class EvidenceGate {
  async admit(tx: CommandTransaction, caller: Caller, unit: LockedUnit, current: UnitSnapshot, event: LifecycleEvent, now = new Date()): Promise<Admitted> {
    const certifying = event.type === 'CERTIFY' && stateName(current) === 'processing';
    if (!certifying && !current.can({ type: event.type, probe: true })) return { event };
    const ev = new EvidenceContext(tx.evidence, caller, unit, current.context, now);
    switch (event.type) {
      case 'SANITIZE': return admitSanitize(ev, event);
      case 'VALIDATE_SANITIZATION': return admitValidation(ev, event);
      case 'DESTROY_MEDIA': return admitDestruction(ev, event);
      case 'TEST_RESULT': return admitTestResult(ev, event);
      case 'GRADE':
      case 'REGRADE': return admitGrade(ev, event);
      case 'CERTIFY': return admitCertification(ev, event);
      case 'SELL': return admitSale(ev, event);
      case 'RETURN_TO_OWNER': return admitReturn(ev, event);
      case 'OPEN_CLAIM': return admitClaim(ev, event);
      case 'HARVEST': return admitHarvest(ev, event);
      case 'EXPIRE_WARRANTY': await admitExpiry(ev); return { event };
      default: return { event };
    }
  }
}
