import { AuditCheckpointEntity } from '../audit/audit-checkpoint.entity';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { SanitizationCertificateEntity } from '../audit/sanitization-certificate.entity';
import { ProgrammeEntity, ProgrammeVersionEntity } from '../programmes/programme.entity';
import { HandoffEntity } from '../custody/handoff.entity';
import { DeviceEntity } from '../devices/device.entity';
import { StorageMediumEntity } from '../devices/storage-medium.entity';
import { ApiKeyEntity } from '../identity/api-key.entity';
import { OrganisationEntity } from '../identity/organisation.entity';
import { UserEntity } from '../identity/user.entity';
import {
  LicenceEntity,
  LicenceQuotaUsageEntity,
  LicenceUsageHourlyEntity,
  LicenceVersionEntity,
  OrganisationBrandEntity,
  SecurityEventEntity,
} from '../licences/licence.entity';
import { IdempotencyRecordEntity } from '../lifecycle/idempotency-record.entity';
import { LifecycleEntity } from '../lifecycle/lifecycle.entity';
import { TakebackEntity, TakebackItemEntity } from '../takebacks/takeback.entity';

export const ENTITIES = [
  OrganisationEntity,
  UserEntity,
  ApiKeyEntity,
  DeviceEntity,
  StorageMediumEntity,
  TakebackEntity,
  TakebackItemEntity,
  LifecycleEntity,
  AuditEventEntity,
  AuditCheckpointEntity,
  IdempotencyRecordEntity,
  LicenceEntity,
  LicenceVersionEntity,
  LicenceQuotaUsageEntity,
  LicenceUsageHourlyEntity,
  SecurityEventEntity,
  OrganisationBrandEntity,
  HandoffEntity,
  ProgrammeEntity,
  ProgrammeVersionEntity,
  SanitizationCertificateEntity,
];
