import { EVENT_TYPES, EventType } from '@recert/lifecycle';
import type { Role } from '../identity/identity.types';

const WORKBENCH: EventType[] = [
  'RECEIVE',
  'LOCK_CHECK',
  'RELEASE_LOCK',
  'SANITIZE',
  'VALIDATE_SANITIZATION',
  'DESTROY_MEDIA',
  'TEST_RESULT',
  'START_REPAIR',
  'COMPLETE_REPAIR',
  'GRADE',
  'REGRADE',
  'CERTIFY',
  'DECLINE_CERTIFICATION',
  'HARVEST',
  'SEND_TO_RECYCLER',
  'CONFIRM_RECYCLED',
  'RECEIVE_RMA',
];

/** Which role may send which event. Auditors only read. */
export const EVENTS_BY_ROLE: Record<Role, readonly EventType[]> = {
  admin: EVENT_TYPES,
  technician: WORKBENCH,
  programme_manager: ['CERTIFY', 'DECLINE_CERTIFICATION', 'REGRADE'],
  resale: ['LIST', 'UNLIST', 'SELL', 'RETURN_TO_OWNER'],
  warranty: ['OPEN_CLAIM', 'AUTHORIZE_RMA', 'REJECT_CLAIM', 'RECEIVE_RMA', 'EXPIRE_WARRANTY'],
  auditor: [],
};

export const mayRoleSend = (role: Role, type: EventType) => EVENTS_BY_ROLE[role].includes(type);
export const forRole = (role: Role, events: EventType[]) => events.filter((type) => mayRoleSend(role, type));

/**
 * Composite operations: one route that performs events internally. The roles that may run the operation may
 * send exactly these events as part of it (an RMA replaced sells the replacement), recorded as caused by it.
 */
export const COMPOSITE_OPERATIONS = {
  'rma-resolution': { roles: ['admin', 'warranty'] as Role[], events: ['SELL'] as EventType[] },
} as const;
export type CompositeOperation = keyof typeof COMPOSITE_OPERATIONS;

/** The role may send the event itself, or as part of a composite operation it may run. */
export const mayRoleSendWithin = (role: Role, type: EventType, operation: CompositeOperation | undefined) =>
  mayRoleSend(role, type) ||
  (operation !== undefined &&
    COMPOSITE_OPERATIONS[operation].roles.includes(role) &&
    COMPOSITE_OPERATIONS[operation].events.includes(type));
