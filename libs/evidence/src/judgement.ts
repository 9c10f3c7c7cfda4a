import type { LifecycleEvent } from '@recert/lifecycle';
import type { Reason } from './facts';

/** How a refusal is reported: evidence that breaks a rule, or a certification that is refused. */
export type Refusal = 'evidence-rejected' | 'certification-refused';

/** A judge's verdict: the event as the trail stores it (with what the answer shows), or every reason it is refused. */
export type Judgement<E extends LifecycleEvent = LifecycleEvent> =
  | { ok: true; event: E; evidence?: Record<string, unknown> }
  | { ok: false; refusal: Refusal; detail: string; reasons: Reason[]; extra?: Record<string, unknown> };

export const admit = <E extends LifecycleEvent>(event: E, evidence?: Record<string, unknown>): Judgement<E> =>
  evidence ? { ok: true, event, evidence } : { ok: true, event };

export const refuse = (detail: string, reasons: Reason[], extra?: Record<string, unknown>): Judgement<never> =>
  extra
    ? { ok: false, refusal: 'evidence-rejected', detail, reasons, extra }
    : { ok: false, refusal: 'evidence-rejected', detail, reasons };

export const refuseCertification = (detail: string, reasons: Reason[], extra?: Record<string, unknown>): Judgement<never> =>
  extra
    ? { ok: false, refusal: 'certification-refused', detail, reasons, extra }
    : { ok: false, refusal: 'certification-refused', detail, reasons };
