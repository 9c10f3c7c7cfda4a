import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access, ALL_ROLES } from '../auth/access.decorator';
import { CurrentCaller } from '../auth/caller';
import type { Caller } from '../auth/caller';
import { PageQuery } from '../common/page.dto';
import { ApiKeyDto, CallerDto, CreateApiKeyDto, CreatedApiKeyDto } from './api-key.dto';
import { IdentityService } from './identity.service';
import { CreateOrganisationDto, OrganisationDto, OrganisationPageDto } from './organisation.dto';
import { CreateUserDto, UserDto, UserPageDto } from './user.dto';

const DEFAULT_PAGE = 50;

@ApiTags('identity')
@Controller()
export class IdentityController {
  constructor(private readonly identity: IdentityService) {}

  /** The identity behind the API key of this request. */
  @Get('me')
  @Access(...ALL_ROLES)
  me(@CurrentCaller() caller: Caller): CallerDto {
    return caller;
  }

  @Post('organisations')
  @Access('admin')
  createOrganisation(@CurrentCaller() caller: Caller, @Body() body: CreateOrganisationDto): Promise<OrganisationDto> {
    return this.identity.createOrganisation(caller, body);
  }

  @Get('organisations')
  @Access('admin', 'auditor', 'programme_manager')
  listOrganisations(@CurrentCaller() caller: Caller, @Query() query: PageQuery): Promise<OrganisationPageDto> {
    return this.identity.listOrganisations(caller, query.cursor, query.limit ?? DEFAULT_PAGE);
  }

  @Get('organisations/:id')
  @Access(...ALL_ROLES)
  getOrganisation(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string): Promise<OrganisationDto> {
    return this.identity.getOrganisation(caller, id);
  }

  /** Platform administrators: the organisation works for this customer (it may name it in takebacks). Idempotent. */
  @Put('organisations/:id/customers/:customerId')
  @HttpCode(204)
  @Access('admin')
  addCustomer(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('customerId', ParseUUIDPipe) customerId: string,
  ): Promise<void> {
    return this.identity.addCustomer(caller, id, customerId);
  }

  @Post('users')
  @Access('admin')
  createUser(@CurrentCaller() caller: Caller, @Body() body: CreateUserDto): Promise<UserDto> {
    return this.identity.createUser(caller, body);
  }

  @Get('users')
  @Access('admin', 'auditor')
  listUsers(@CurrentCaller() caller: Caller, @Query() query: PageQuery): Promise<UserPageDto> {
    return this.identity.listUsers(caller, query.cursor, query.limit ?? DEFAULT_PAGE);
  }

  @Get('users/:id')
  @Access('admin', 'auditor')
  getUser(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string): Promise<UserDto> {
    return this.identity.getUser(caller, id);
  }

  /** Issues a key for the user. The key is in this answer only; Recert keeps just its SHA-256. */
  @Post('users/:id/api-keys')
  @Access('admin')
  createApiKey(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateApiKeyDto,
  ): Promise<CreatedApiKeyDto> {
    return this.identity.createApiKey(caller, id, body);
  }

  @Get('users/:id/api-keys')
  @Access('admin')
  listApiKeys(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string): Promise<ApiKeyDto[]> {
    return this.identity.listApiKeys(caller, id);
  }

  @Post('api-keys/:id/revoke')
  @HttpCode(200)
  @Access(...ALL_ROLES)
  revokeApiKey(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string): Promise<ApiKeyDto> {
    return this.identity.revokeApiKey(caller, id);
  }
}
