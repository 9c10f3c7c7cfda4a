import { Injectable } from '@nestjs/common';
import { displayPrefix, generateApiKey, hashApiKey } from '../auth/api-key-secret';
import { Caller, isPlatformAdmin } from '../auth/caller';
import { seesEverything } from '../auth/visibility';
import { DomainError, DomainErrorCode, notFound } from '../common/domain-error';
import { Page, pageOf } from '../common/page.dto';
import { invalidInput } from '../common/validation';
import { ApiKeyDto, CreatedApiKeyDto, CreateApiKeyDto, toApiKeyDto } from './api-key.dto';
import type { Transaction } from '../database/transaction';
import { CallerCache } from './caller-cache';
import { IdentityRepository } from './identity.repository';
import { CreateOrganisationDto, OrganisationDto, toOrganisationDto } from './organisation.dto';
import { CreateUserDto, toUserDto, UserDto } from './user.dto';

/**
 * Rules of identity and access. Platform administrators manage every organisation; an organisation's
 * administrators manage the users and keys of their own. Anything outside a caller's scope is "not found".
 */
@Injectable()
export class IdentityService {
  constructor(
    private readonly identities: IdentityRepository,
    private readonly callers: CallerCache,
  ) {}

  async createOrganisation(caller: Caller, input: CreateOrganisationDto): Promise<OrganisationDto> {
    if (!isPlatformAdmin(caller)) throw new DomainError(DomainErrorCode.Forbidden, 'Only platform administrators create organisations.');
    if (input.brands?.length && input.kind !== 'oem') throw invalidInput([{ path: 'brands', messages: ['only an OEM owns brands'] }]);
    const brands = [...new Set(input.brands ?? [])].sort();
    const organisation = await this.identities.transaction(async (manager) => {
      const saved = await this.identities.saveOrganisation({ name: input.name, kind: input.kind }, manager);
      await this.identities.setBrands(saved.id, brands, manager);
      return saved;
    });
    return toOrganisationDto(organisation, brands);
  }

  /**
   * The platform operator records which customers a centre (or partner) works for, from their contract; a
   * takeback may name only such a customer.
   */
  async addCustomer(caller: Caller, centreId: string, customerId: string): Promise<void> {
    if (!isPlatformAdmin(caller))
      throw new DomainError(DomainErrorCode.Forbidden, 'Only platform administrators record which customers an organisation works for.');
    const [centre, customer] = await Promise.all([
      this.identities.findOrganisation(centreId),
      this.identities.findOrganisation(customerId),
    ]);
    if (!centre || centre.kind === 'customer' || centre.kind === 'platform') throw notFound('Organisation');
    if (!customer || customer.kind !== 'customer') throw notFound('Customer organisation');
    await this.identities.addCustomer(centre.id, customer.id, caller.userId);
  }

  async getOrganisation(caller: Caller, id: string): Promise<OrganisationDto> {
    const organisation = await this.identities.findOrganisation(id);
    if (!organisation || !this.seesOrganisation(caller, organisation.id)) throw notFound('Organisation');
    return toOrganisationDto(organisation, await this.identities.brandsOf(organisation.id));
  }

  async listOrganisations(caller: Caller, cursor: string | undefined, limit: number): Promise<Page<OrganisationDto>> {
    const rows = await this.identities.listOrganisations(this.scope(caller), cursor, limit + 1);
    const brands = await this.identities.brandsOfMany(rows.map((r) => r.id));
    return pageOf(rows, limit, (row) => toOrganisationDto(row, brands.get(row.id)));
  }

  async createUser(caller: Caller, input: CreateUserDto): Promise<UserDto> {
    const organisation = await this.identities.findOrganisation(input.organisationId);
    if (!organisation || !this.seesOrganisation(caller, organisation.id)) throw notFound('Organisation');
    return this.identities.transaction(async (manager) => {
      // Within the organisation only: whether another organisation has this address is none of the caller's business.
      if (await this.identities.findUserByEmail(organisation.id, input.email, manager)) {
        throw new DomainError(DomainErrorCode.EmailTaken, `A user with the e-mail ${input.email} already exists in this organisation.`, {
          conflict: { resource: 'user', fields: ['email'] },
        });
      }
      return toUserDto(
        await this.identities.saveUser(
          { organisationId: organisation.id, email: input.email, name: input.name, role: input.role },
          manager,
        ),
      );
    });
  }

  async getUser(caller: Caller, id: string): Promise<UserDto> {
    const user = await this.identities.findUser(id);
    if (!user || !this.seesOrganisation(caller, user.organisationId)) throw notFound('User');
    return toUserDto(user);
  }

  async listUsers(caller: Caller, cursor: string | undefined, limit: number): Promise<Page<UserDto>> {
    const rows = await this.identities.listUsers(this.scope(caller), cursor, limit + 1);
    return pageOf(rows, limit, toUserDto);
  }

  async createApiKey(caller: Caller, userId: string, input: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    await this.getUser(caller, userId);
    const key = generateApiKey();
    const stored = await this.identities.saveApiKey({ userId, name: input.name, prefix: displayPrefix(key), keyHash: hashApiKey(key) });
    return { ...toApiKeyDto(stored), key };
  }

  async listApiKeys(caller: Caller, userId: string): Promise<ApiKeyDto[]> {
    await this.getUser(caller, userId);
    return (await this.identities.listApiKeys(userId)).map(toApiKeyDto);
  }

  /** Administrators revoke keys in their scope; anyone may revoke their own key. */
  async revokeApiKey(caller: Caller, keyId: string): Promise<ApiKeyDto> {
    const key = await this.identities.findApiKey(keyId);
    const ownKey = key?.userId === caller.userId;
    const administers = caller.role === 'admin' && key?.user && this.seesOrganisation(caller, key.user.organisationId);
    if (!key || !(ownKey || administers)) throw notFound('API key');
    if (!key.revokedAt) await this.identities.revokeApiKey(key.id, new Date());
    this.callers.forgetKey(key.id);
    return toApiKeyDto((await this.identities.findApiKey(key.id))!);
  }

  /** The caller behind a live (not revoked) key, and when the key was last used. */
  callerByKeyHash(keyHash: string): Promise<(Caller & { lastUsedAt: Date | null }) | undefined> {
    return this.identities.findCallerByKeyHash(keyHash);
  }

  touchKey(keyId: string, at: Date): Promise<void> {
    return this.identities.touchKey(keyId, at);
  }

  /** The kind of an organisation (oem, refurbishment_centre, partner, customer, platform), if it exists. */
  organisationKind(tx: Transaction, id: string): Promise<string | undefined> {
    return this.identities.organisationKind(tx, id);
  }

  /** The platform's own user for work nobody's key starts (the scheduler), as the caller it acts as. */
  async serviceCaller(email: string, name: string): Promise<Caller> {
    const { userId, organisationId } = await this.identities.ensureServiceUser(email, name);
    return { keyId: 'scheduler', userId, organisationId, organisationKind: 'platform', role: 'admin' };
  }

  private seesOrganisation(caller: Caller, organisationId: string): boolean {
    return this.scope(caller).organisationId === undefined || caller.organisationId === organisationId;
  }

  /** Platform administrators and auditors see every organisation; everybody else sees their own. */
  private scope(caller: Caller): { organisationId?: string } {
    return seesEverything(caller) ? {} : { organisationId: caller.organisationId };
  }
}
