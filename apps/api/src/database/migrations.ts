import { Foundation1795396807570 } from './migrations/1795396807570-Foundation';
import { LifecycleEngine1795398053106 } from './migrations/1795398053106-LifecycleEngine';
import { PartnerLicences1795400633648 } from './migrations/1795400633648-PartnerLicences';
import { CustodyHandoffs1795400937270 } from './migrations/1795400937270-CustodyHandoffs';
import { EvidenceAndProgrammes1795410918613 } from './migrations/1795410918613-EvidenceAndProgrammes';
import { WarrantyScheduler1795414000000 } from './migrations/1795414000000-WarrantyScheduler';
import { UserEmailPerOrganisation1795420000000 } from './migrations/1795420000000-UserEmailPerOrganisation';
import { CustomerRelationships1795421000000 } from './migrations/1795421000000-CustomerRelationships';
import { ListsAndSearch1795450000000 } from './migrations/1795450000000-ListsAndSearch';
import { LicenceUsageCounters1795470000000 } from './migrations/1795470000000-LicenceUsageCounters';
import { AuditCheckpoints1795480000000 } from './migrations/1795480000000-AuditCheckpoints';
import { CarbonLedger1795490000000 } from './migrations/1795490000000-CarbonLedger';
import { PartnerIncentives1795510000000 } from './migrations/1795510000000-PartnerIncentives';
import { HandoffTransportLegs1795520000000 } from './migrations/1795520000000-HandoffTransportLegs';
import { HandedBackUnits1795530000000 } from './migrations/1795530000000-HandedBackUnits';
import { CarbonUnitCounts1795550000000 } from './migrations/1795550000000-CarbonUnitCounts';
import { TakebackReceivedCounts1795560000000 } from './migrations/1795560000000-TakebackReceivedCounts';
import { HandedBackUnitsByIndex1795570000000 } from './migrations/1795570000000-HandedBackUnitsByIndex';
import { HeldUnitsListOrder1795580000000 } from './migrations/1795580000000-HeldUnitsListOrder';
import { PortalSessions1795500000000 } from './migrations/1795500000000-PortalSessions';

/** Every migration, oldest first. */
export const MIGRATIONS = [
  Foundation1795396807570,
  LifecycleEngine1795398053106,
  PartnerLicences1795400633648,
  CustodyHandoffs1795400937270,
  EvidenceAndProgrammes1795410918613,
  WarrantyScheduler1795414000000,
  UserEmailPerOrganisation1795420000000,
  CustomerRelationships1795421000000,
  ListsAndSearch1795450000000,
  LicenceUsageCounters1795470000000,
  AuditCheckpoints1795480000000,
  CarbonLedger1795490000000,
  PartnerIncentives1795510000000,
  HandoffTransportLegs1795520000000,
  HandedBackUnits1795530000000,
  CarbonUnitCounts1795550000000,
  TakebackReceivedCounts1795560000000,
  HandedBackUnitsByIndex1795570000000,
  HeldUnitsListOrder1795580000000,
  PortalSessions1795500000000,
];
