import { EVENT_TYPES, EventType } from '@recert/lifecycle';
import type { Role } from '../identity/identity.types';

const WORKBENCH: EventType[] = [
  'RECEIVE', 'LOCK_CHECK', 'RELEASE_LOCK', 'SANITIZE', 'VALIDATE_SANITIZATION', 'DESTROY_MEDIA', 'TEST_RESULT', 'START_REPAIR',
  'COMPLETE_REPAIR', 'GRADE', 'REGRADE', 'CERTIFY', 'DECLINE_CERTIFICATION', 'HARVEST', 'SEND_TO_RECYCLER', 'CONFIRM_RECYCLED',
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
