import { and, assign, raise, setup } from 'xstate';
import { initialContext, isDataSafe, LifecycleInput, MediumProgress, UnitContext } from './context';
import type { EffectParams } from './effects';
import { noEffect } from './effects';
import type { EventType, LifecycleEvent, MachineEvent } from './events';

/** Bump when a change to the machine would replay stored histories differently. */
export const MACHINE_VERSION = 'unit-lifecycle@1';

type Of<T extends EventType> = Extract<LifecycleEvent, { type: T }>;
const isProbe = (event: MachineEvent): boolean => 'probe' in event;
/** The payload of an event already routed to this transition by its type. */
const as = <T extends EventType>(event: MachineEvent) => event as Of<T>;

const findMedium = (context: UnitContext, event: MachineEvent): MediumProgress | undefined =>
  context.media.find((m) => m.serial === (event as { mediumSerial?: string }).mediumSerial);

const updateMedium = (context: UnitContext, serial: string, change: (m: MediumProgress) => MediumProgress) =>
  context.media.map((m) => (m.serial === serial ? change(m) : m));

/** A medium's sanitization is complete: its certificate points at this entry. */
const certificate = {
  type: 'issueCertificate',
  params: ({ event }: { event: MachineEvent }) => ({ mediumSerial: String((event as { mediumSerial?: string }).mediumSerial) }),
} as const;

/** A sale or a return starts a warranty: its end is scheduled. */
const warrantyExpiry = {
  type: 'scheduleWarrantyExpiry',
  params: ({ event }: { event: MachineEvent }) => ({ endsAt: String((event as { warranty?: { endsAt?: string } }).warranty?.endsAt) }),
} as const;

/** The first processing event of a received unit opens processing and is handled there. */
const openProcessing = { target: 'processing', actions: 'forwardToProcessing' } as const;

/** After a sale or a return to the owner: the warranty and its claims. */
const warranty = {
  initial: 'warrantyActive',
  states: {
    warrantyActive: { on: { OPEN_CLAIM: 'claimOpen', EXPIRE_WARRANTY: '#unit.warrantyExpired' } },
    claimOpen: { on: { AUTHORIZE_RMA: 'rmaAuthorized', REJECT_CLAIM: 'warrantyActive' } },
    rmaAuthorized: {
      on: {
        RECEIVE_RMA: {
          target: '#unit.rmaReturned',
          actions: { type: 'startRmaLifecycle', params: ({ event }: { event: MachineEvent }) => ({ site: as<'RECEIVE_RMA'>(event).site }) },
        },
      },
    },
  },
} as const;

const endOfLife = {
  HARVEST: {
    target: '#unit.harvested',
    actions: [
      'releaseHarvestedMedia',
      { type: 'createPartUnits', params: ({ event }: { event: MachineEvent }) => ({ parts: as<'HARVEST'>(event).parts }) },
    ],
  },
  SEND_TO_RECYCLER: { guard: 'mayShipToRecycler', target: '#unit.recyclePending' },
} as const;

export const unitMachine = setup({
  types: {} as { context: UnitContext; events: MachineEvent; input: LifecycleInput },
  guards: {
    /** A unit back under RMA, or a harvested part, is already in hand: its lifecycle begins received. */
    enteredInHand: ({ context }) => context.entry !== 'takeback',
    locksCleared: ({ context }) => context.locks.checked && context.locks.blocking.length === 0,
    noBlockingLock: ({ context }) => context.locks.blocking.length === 0,
    reportsBlockingLock: ({ event }) => !isProbe(event) && as<'LOCK_CHECK'>(event).locks.some((l) => l.status === 'locked'),
    isBlockingLock: ({ context, event }) => isProbe(event) || context.locks.blocking.includes(as<'RELEASE_LOCK'>(event).kind),
    mediumAwaitsSanitization: ({ context, event }) => {
      if (isProbe(event)) return context.media.some((m) => m.status === 'pending' || m.status === 'failed');
      const medium = findMedium(context, event);
      return medium?.status === 'pending' || medium?.status === 'failed';
    },
    mediumAwaitsValidation: ({ context, event }) =>
      isProbe(event) ? context.media.some((m) => m.status === 'sanitized') : findMedium(context, event)?.status === 'sanitized',
    mediumMayBeDestroyed: ({ context, event }) =>
      isProbe(event)
        ? context.media.some((m) => m.status !== 'destroyed')
        : findMedium(context, event) !== undefined && findMedium(context, event)!.status !== 'destroyed',
    dataSafe: ({ context }) => isDataSafe(context),
    /** Leaving custody with data on a medium is allowed only to a vendor that destroys data. */
    mayShipToRecycler: ({ context, event }) => isProbe(event) || isDataSafe(context) || as<'SEND_TO_RECYCLER'>(event).destroysData,
    testPassed: ({ context }) => context.condition === 'passed',
    testFailed: ({ context }) => context.condition === 'failed',
    repairing: ({ context }) => context.condition === 'repairing',
    graded: ({ context }) => context.grade !== null,
    /** Certification needs: no lock, every medium safe, tests passed, a grade. */
    certifiable: ({ context }) =>
      context.locks.checked &&
      context.locks.blocking.length === 0 &&
      isDataSafe(context) &&
      context.condition === 'passed' &&
      context.grade !== null,
    wasCertified: ({ context }) => context.certified,
    validationPassed: ({ event }) => isProbe(event) || as<'VALIDATE_SANITIZATION'>(event).result !== 'fail',
  },
  actions: {
    forwardToProcessing: raise(({ event }) => event),
    recordLocks: assign({
      locks: ({ event }) => ({
        checked: true,
        blocking: as<'LOCK_CHECK'>(event)
          .locks.filter((l) => l.status === 'locked')
          .map((l) => l.kind),
      }),
    }),
    releaseLock: assign({
      locks: ({ context, event }) => ({
        ...context.locks,
        blocking: context.locks.blocking.filter((k) => k !== as<'RELEASE_LOCK'>(event).kind),
      }),
    }),
    recordSanitization: assign({
      media: ({ context, event }) => {
        const e = as<'SANITIZE'>(event);
        return updateMedium(context, e.mediumSerial, (m) => ({
          ...m,
          status: e.result === 'pass' ? 'sanitized' : 'failed',
          level: e.level,
          attempts: m.attempts + 1,
        }));
      },
    }),
    recordValidation: assign({
      media: ({ context, event }) => {
        const e = as<'VALIDATE_SANITIZATION'>(event);
        // A refuted wipe reached no level; entries recorded before the rule carry no `level` and replay as they did.
        const level = e.result === 'fail' && 'level' in e ? (e.level as MediumProgress['level']) : undefined;
        return updateMedium(context, e.mediumSerial, (m) => ({
          ...m,
          status: e.result === 'fail' ? 'failed' : 'validated',
          ...(level !== undefined ? { level } : {}),
        }));
      },
    }),
    recordDestruction: assign({
      media: ({ context, event }) => updateMedium(context, as<'DESTROY_MEDIA'>(event).mediumSerial, (m) => ({ ...m, status: 'destroyed' })),
    }),
    /** A storage part takes its medium with it: the donor no longer carries it (a part recorded before this carried none). */
    releaseHarvestedMedia: assign({
      media: ({ context, event }) => {
        const taken = new Set(as<'HARVEST'>(event).parts.flatMap((p) => (p.medium ? [p.medium.serial] : [])));
        return context.media.filter((m) => !taken.has(m.serial));
      },
    }),
    recordTest: assign({ condition: ({ event }) => (as<'TEST_RESULT'>(event).result === 'pass' ? 'passed' : 'failed') }),
    startRepair: assign({ condition: 'repairing' }),
    /** A repaired unit must be tested again. */
    completeRepair: assign({ condition: 'untested' }),
    recordGrade: assign({ grade: ({ event }) => as<'GRADE' | 'REGRADE'>(event).grade }),
    recordCertification: assign({ certified: true, programme: ({ event }) => as<'CERTIFY'>(event).programme }),
    // Effects (see effects.ts): named here so the machine tells the whole story; the command pipeline runs them.
    markTakebackItemReceived: noEffect,
    scheduleWarrantyExpiry: (_, _params: EffectParams['scheduleWarrantyExpiry']) => noEffect(),
    issueCertificate: (_, _params: EffectParams['issueCertificate']) => noEffect(),
    pinProgramme: (_, _params: EffectParams['pinProgramme']) => noEffect(),
    createPartUnits: (_, _params: EffectParams['createPartUnits']) => noEffect(),
    startRmaLifecycle: (_, _params: EffectParams['startRmaLifecycle']) => noEffect(),
  },
}).createMachine({
  id: 'unit',
  initial: 'expected',
  context: ({ input }) => initialContext(input),
  states: {
    expected: {
      always: { guard: 'enteredInHand', target: 'received' },
      on: { RECEIVE: { target: 'received', actions: { type: 'markTakebackItemReceived' } } },
    },
    received: {
      on: {
        LOCK_CHECK: openProcessing,
        SANITIZE: { ...openProcessing, guard: 'mediumAwaitsSanitization' },
        DESTROY_MEDIA: { ...openProcessing, guard: 'mediumMayBeDestroyed' },
        TEST_RESULT: openProcessing,
        GRADE: openProcessing,
        ...endOfLife,
      },
    },
    processing: {
      type: 'parallel',
      on: {
        CERTIFY: {
          guard: 'certifiable',
          target: 'certified',
          actions: [
            'recordCertification',
            {
              type: 'pinProgramme',
              params: ({ event }) => ({
                programmeId: String(as<'CERTIFY'>(event).programmeId),
                programmeVersion: Number(as<'CERTIFY'>(event).programmeVersion),
              }),
            },
          ],
        },
        DECLINE_CERTIFICATION: { guard: 'dataSafe', target: 'notCertified' },
        ...endOfLife,
      },
      states: {
        locks: {
          initial: 'routing',
          states: {
            routing: { always: [{ guard: 'locksCleared', target: 'cleared' }, { target: 'unchecked' }] },
            unchecked: {},
            cleared: {},
          },
          on: {
            LOCK_CHECK: [
              { guard: 'reportsBlockingLock', target: '#unit.quarantine', actions: 'recordLocks' },
              { target: '.routing', actions: 'recordLocks' },
            ],
          },
        },
        data: {
          initial: 'routing',
          states: {
            routing: { always: [{ guard: 'dataSafe', target: 'sanitized' }, { target: 'pending' }] },
            pending: {
              on: {
                SANITIZE: { guard: 'mediumAwaitsSanitization', target: 'routing', actions: 'recordSanitization' },
                VALIDATE_SANITIZATION: [
                  {
                    guard: and(['mediumAwaitsValidation', 'validationPassed']),
                    target: 'routing',
                    actions: ['recordValidation', certificate],
                  },
                  { guard: 'mediumAwaitsValidation', target: 'routing', actions: 'recordValidation' },
                ],
                DESTROY_MEDIA: { guard: 'mediumMayBeDestroyed', target: 'routing', actions: ['recordDestruction', certificate] },
              },
            },
            sanitized: {},
          },
        },
        condition: {
          initial: 'routing',
          states: {
            routing: {
              always: [
                { guard: 'testPassed', target: 'passed' },
                { guard: 'testFailed', target: 'failed' },
                { guard: 'repairing', target: 'repairing' },
                { target: 'untested' },
              ],
            },
            untested: { on: { TEST_RESULT: { target: 'routing', actions: 'recordTest' } } },
            failed: {
              on: {
                START_REPAIR: { target: 'routing', actions: 'startRepair' },
                TEST_RESULT: { target: 'routing', actions: 'recordTest' },
              },
            },
            repairing: { on: { COMPLETE_REPAIR: { target: 'routing', actions: 'completeRepair' } } },
            passed: { on: { TEST_RESULT: { target: 'routing', actions: 'recordTest' } } },
          },
        },
        cosmetic: {
          initial: 'routing',
          states: {
            routing: { always: [{ guard: 'graded', target: 'graded' }, { target: 'ungraded' }] },
            ungraded: { on: { GRADE: { target: 'routing', actions: 'recordGrade' } } },
            graded: { on: { REGRADE: { target: 'routing', actions: 'recordGrade' } } },
          },
        },
      },
    },
    quarantine: {
      always: { guard: 'noBlockingLock', target: 'processing' },
      on: { RELEASE_LOCK: { guard: 'isBlockingLock', actions: 'releaseLock' }, ...endOfLife },
    },
    certified: {
      on: { LIST: 'listed', RETURN_TO_OWNER: { guard: 'dataSafe', target: 'returnedToOwner', actions: warrantyExpiry }, ...endOfLife },
    },
    notCertified: {
      on: { LIST: 'listed', RETURN_TO_OWNER: { guard: 'dataSafe', target: 'returnedToOwner', actions: warrantyExpiry }, ...endOfLife },
    },
    listed: {
      on: {
        UNLIST: [{ guard: 'wasCertified', target: 'certified' }, { target: 'notCertified' }],
        SELL: { guard: 'dataSafe', target: 'sold', actions: warrantyExpiry },
      },
    },
    sold: warranty,
    returnedToOwner: warranty,
    warrantyExpired: { type: 'final' },
    /** The unit came back under RMA: this lifecycle ends and a new one begins. */
    rmaReturned: { type: 'final' },
    harvested: { on: { SEND_TO_RECYCLER: { guard: 'mayShipToRecycler', target: 'recyclePending' } } },
    recyclePending: { on: { CONFIRM_RECYCLED: 'recycled' } },
    recycled: { type: 'final' },
  },
});

export type UnitMachine = typeof unitMachine;
