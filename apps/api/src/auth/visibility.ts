import { isPlatformAdmin } from './caller';
import type { Caller } from './caller';

/** The platform operator's admins and auditors see every unit; everybody else sees what their organisation holds. */
export const seesEverything = (caller: Caller) =>
  caller.organisationKind === 'platform' && (caller.role === 'admin' || caller.role === 'auditor');

/** Commands need custody: the unit's current custodian is the caller's organisation (or a platform admin acts). */
export const canActOn = (caller: Caller, custodianOrganisationId: string) =>
  isPlatformAdmin(caller) || caller.organisationId === custodianOrganisationId;
