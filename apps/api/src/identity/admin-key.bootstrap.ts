import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { displayPrefix, hashApiKey } from '../auth/api-key-secret';
import type { EnvironmentVariables } from '../config/app-config';
import { IdentityRepository } from './identity.repository';

/**
 * Makes RECERT_ADMIN_KEY a platform administrator's key, so a fresh installation can be administered.
 * A key an operator has revoked stays revoked.
 */
@Injectable()
export class AdminKeyBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminKeyBootstrap.name);

  constructor(
    private readonly identities: IdentityRepository,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const key = this.config.get('RECERT_ADMIN_KEY', { infer: true });
    if (!key) return;
    const keyHash = hashApiKey(key);
    await this.identities.transaction(async (manager) => {
      // Several instances may start at once; this lock makes the check-then-insert safe.
      await this.identities.lockAdminKeyBootstrap(manager);
      const existing = await this.identities.findApiKeyByHash(keyHash, manager);
      if (existing) {
        if (existing.revokedAt) this.logger.warn('RECERT_ADMIN_KEY was revoked; it is not restored');
        return;
      }
      const platform =
        (await this.identities.findPlatformOrganisation(manager)) ??
        (await this.identities.saveOrganisation({ name: 'Platform operator', kind: 'platform' }, manager));
      const email = `admin-${displayPrefix(key).slice(4).toLowerCase()}@platform.recert.invalid`;
      const user =
        (await this.identities.findUserByEmail(platform.id, email, manager)) ??
        (await this.identities.saveUser({ organisationId: platform.id, email, name: 'Platform administrator', role: 'admin' }, manager));
      await this.identities.saveApiKey({ userId: user.id, name: 'RECERT_ADMIN_KEY', prefix: displayPrefix(key), keyHash }, manager);
      this.logger.log(`RECERT_ADMIN_KEY ensured as a platform administrator's key (${displayPrefix(key)}…)`);
    });
  }
}
