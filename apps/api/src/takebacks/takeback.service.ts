import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { MACHINE_VERSION } from '@recert/lifecycle';
import { AuditTrailService } from '../audit/audit-trail.service';
import { actorOf, Caller } from '../auth/caller';
import { DomainError, DomainErrorCode, notFound } from '../common/domain-error';
import { newId } from '../common/uuid';
import { FieldError, invalidInput } from '../common/validation';
import { Transaction, Transactions } from '../database/transaction';
import { IdentityService } from '../identity/identity.service';
import { LicenceGate } from '../licences/licence-gate.service';
import { genesis } from '../lifecycle/genesis';
import { CommandReply, LifecycleCommandService } from '../lifecycle/lifecycle-command.service';
import type { ProgrammeCoverage } from '../programmes/programme-coverage';
import { ProgrammeService } from '../programmes/programme.service';
import { canActOn, seesEverything } from '../auth/visibility';
import { parseManifestCsv, toCsvErrors } from './manifest-csv';
import { Manifest, ManifestDevice, parseManifest, parseTakebackHeader } from './manifest-schema';
import { ReceiptDto, TakebackDto, TakebackListQuery, TakebackSummaryDto } from './takeback.dto';
import { TAKEBACK_STATUSES } from './takeback-list.query';
import type { TakebackStatus } from './takeback-list.query';
import { decodeCursor } from '../common/keyset-cursor';
import { keysetPageOf, Page } from '../common/page.dto';
import { assertKnownValues } from '../common/vocabulary';
import { DeviceInsert, ExistingDevice, LifecycleInsert, MediumInsert, TakebackRepository } from './takeback.repository';

const canSee = (caller: Caller, custodianOrganisationId: string) => seesEverything(caller) || canActOn(caller, custodianOrganisationId);

const unitKey = (d: { brand: string; serial: string }) => `${d.brand}\u0000${d.serial}`;

/**
 * Takebacks: a manifest of expected units becomes devices and lifecycles in one transaction; receipts at
 * the dock apply RECEIVE, registering (and flagging) units that were not on the manifest.
 */
@Injectable()
export class TakebackService {
  constructor(
    private readonly transactions: Transactions,
    private readonly takebacks: TakebackRepository,
    private readonly commands: LifecycleCommandService,
    private readonly licences: LicenceGate,
    private readonly identity: IdentityService,
    private readonly programmes: ProgrammeService,
    private readonly audit: AuditTrailService,
  ) {}

  async createFromJson(caller: Caller, body: unknown, requestId: string): Promise<TakebackDto> {
    return this.create(caller, parseManifest(body), requestId);
  }

  async createFromCsv(
    caller: Caller,
    header: Record<string, unknown>,
    csv: Readable,
    requestId: string,
    limit: { declared?: number; max: number },
  ): Promise<TakebackDto> {
    const takeback = parseTakebackHeader(header);
    const manifest = await parseManifestCsv(csv, limit.declared, limit.max);
    try {
      return await this.create(caller, parseManifest({ ...takeback, devices: manifest.devices }), requestId);
    } catch (error) {
      const errors = (error as DomainError).extensions?.errors as FieldError[] | undefined;
      if (error instanceof DomainError && errors)
        throw invalidInput(toCsvErrors(errors, manifest.lineOf), 'The CSV manifest is invalid; see errors for each line.');
      throw error;
    }
  }

  /** Takebacks the caller's organisation receives or handed back (all for the platform), oldest first. */
  async list(caller: Caller, query: TakebackListQuery): Promise<Page<TakebackSummaryDto>> {
    assertKnownValues([{ field: 'status', value: query.status, allowed: TAKEBACK_STATUSES, catalogue: 'open, complete' }]);
    const filter = {
      customerId: query.customer,
      custodianId: query.custodian,
      status: query.status as TakebackStatus | undefined,
      market: query.market,
      createdFrom: query.createdFrom,
      createdTo: query.createdTo,
    };
    const limit = query.limit ?? 50;
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const rows = await this.takebacks.listTakebacks(filter, seesEverything(caller) ? null : caller.organisationId, after, limit + 1);
    return keysetPageOf(
      rows,
      limit,
      (row) => ({ micros: row.created_micros, id: row.id }),
      (row) => ({
        id: row.id,
        customerOrganisationId: row.customer_organisation_id,
        custodianOrganisationId: row.custodian_organisation_id,
        site: row.site,
        market: row.market,
        programmeId: row.programme_id,
        programmeVersion: row.programme_version,
        createdAt: row.created_at.toISOString(),
        expected: row.expected_count,
        received: row.received_count,
        status: row.open ? 'open' : 'complete',
      }),
    );
  }

  async get(caller: Caller, id: string): Promise<TakebackDto> {
    const takeback = await this.takebacks.takeback(id);
    const visible =
      takeback &&
      (seesEverything(caller) || [takeback.custodian_organisation_id, takeback.customer_organisation_id].includes(caller.organisationId));
    if (!takeback || !visible) throw notFound('Takeback');
    const reconciliation = await this.takebacks.reconciliation(id);
    return {
      id: takeback.id,
      customerOrganisationId: takeback.customer_organisation_id,
      custodianOrganisationId: takeback.custodian_organisation_id,
      site: takeback.site,
      market: takeback.market,
      programmeId: takeback.programme_id,
      programmeVersion: takeback.programme_version,
      createdAt: takeback.created_at.toISOString(),
      ...reconciliation,
    };
  }

  async receive(caller: Caller, takebackId: string, receipt: ReceiptDto, requestId: string): Promise<CommandReply> {
    // Kept for the security log, which is written after the transaction if the licence refuses the receipt.
    let attempted: { deviceId: string; event: ReturnType<typeof receiptEvent> } | undefined;
    const reply = await this.transactions
      .run(async (tx) => {
        const takeback = await this.takebacks.findTakeback(tx, takebackId);
        if (!takeback || !canActOn(caller, takeback.custodian_organisation_id)) throw notFound('Takeback');
        let device = await this.takebacks.findDevice(tx, receipt.brand, receipt.serial);
        if (!device) {
          if (!receipt.model || !receipt.deviceClass) {
            throw invalidInput([
              { path: 'model', messages: ['this unit is not on the manifest: give model and deviceClass to register it'] },
            ]);
          }
          const unit = {
            brand: receipt.brand,
            serial: receipt.serial,
            model: receipt.model,
            deviceClass: receipt.deviceClass,
            media: receipt.media,
          };
          const programme = takeback.programme_id
            ? ((await this.programmes.coverage(tx, takeback.programme_id, takeback.programme_version)) ?? null)
            : null;
          const at = { id: takeback.id, custodianOrganisationId: takeback.custodian_organisation_id, site: takeback.site, programme };
          const [registered] = await this.register(tx, { caller, takeback: at, units: [unit], existing: [], requestId, onManifest: false });
          device = { id: registered };
        }
        attempted = { deviceId: device.id, event: receiptEvent(takeback.site, receipt) };
        return this.commands.applyWithin(tx, caller, { deviceId: attempted.deviceId, event: attempted.event, options: { requestId } });
      })
      .catch((error: unknown) =>
        attempted
          ? this.licences.logDenial(error, { caller, deviceId: attempted.deviceId, eventType: attempted.event.type, requestId })
          : Promise.reject(error),
      );
    this.commands.record(reply);
    return reply;
  }

  private async create(caller: Caller, input: Manifest, requestId: string): Promise<TakebackDto> {
    assertUniqueUnits(input.devices);
    const takebackId = newId();
    await this.transactions.run(async (tx) => {
      // The customer is an organisation of kind customer that the centre works for (PUT /organisations/:id/customers/:customerId,
      // by the platform operator); any other id is "not found", whoever it belongs to.
      const kind = await this.identity.organisationKind(tx, input.customerOrganisationId);
      const related =
        kind === 'customer' &&
        (seesEverything(caller) || (await this.takebacks.worksFor(tx, caller.organisationId, input.customerOrganisationId)));
      if (!related) throw notFound('Customer organisation');
      const existing = await this.takebacks.lockExisting(tx, input.devices);
      const active = existing.filter((d) => d.active);
      if (active.length > 0) {
        throw new DomainError(
          DomainErrorCode.UnitsInOpenLifecycle,
          `${active.length} unit(s) of this manifest are already in an open lifecycle.`,
          {
            // Units another organisation holds are named by what the caller sent, never by their id.
            units: active.slice(0, 100).map((d) => ({
              ...(d.custodianOrganisationId && canSee(caller, d.custodianOrganisationId) ? { deviceId: d.id } : {}),
              brand: d.brand,
              serial: d.serial,
            })),
          },
        );
      }
      const programme = input.programmeId ? await this.programmes.coverage(tx, input.programmeId) : null;
      if (programme === undefined) throw notFound('Programme');
      await this.takebacks.insertTakeback(tx, {
        id: takebackId,
        customerOrganisationId: input.customerOrganisationId,
        custodianOrganisationId: caller.organisationId,
        site: input.site,
        market: input.market ?? null,
        programme,
        createdByUserId: caller.userId,
        expectedCount: input.devices.length,
      });
      const takeback = { id: takebackId, custodianOrganisationId: caller.organisationId, site: input.site, programme };
      await this.register(tx, { caller, takeback, units: input.devices, existing, requestId, onManifest: true });
    });
    return this.get(caller, takebackId);
  }

  /**
   * Devices (new ones inserted, known ones reused for a new lifecycle), their media, a lifecycle each with its
   * first audit entry, and the takeback items. Returns the device ids in input order.
   */
  private async register(tx: Transaction, batch: Registration): Promise<string[]> {
    const { caller, takeback, units, existing, requestId, onManifest } = batch;
    const known = new Map(existing.map((d) => [unitKey(d), d]));
    const deviceIds = units.map((unit) => known.get(unitKey(unit))?.id ?? newId());
    const media: MediumInsert[] = units.flatMap((unit, i) =>
      (unit.media ?? []).map((m) => ({
        deviceId: deviceIds[i],
        serial: m.serial,
        type: m.type,
        interface: m.interface,
        capacityGb: m.capacityGb ?? null,
      })),
    );
    const serials =
      existing.length > 0
        ? await this.takebacks.mediaSerials(
            tx,
            existing.map((d) => d.id),
          )
        : new Map<string, string[]>();
    for (const m of media) serials.set(m.deviceId, [...(serials.get(m.deviceId) ?? []), m.serial]);

    const occurredAt = new Date().toISOString();
    const actor = actorOf(caller);
    const lifecycles: LifecycleInsert[] = [];
    const records = units.map((unit, i) => {
      const previous = known.get(unitKey(unit));
      const number = (previous?.lifecycleNumber ?? 0) + 1;
      const started = genesis({
        deviceId: deviceIds[i],
        payload: {
          input: { mediaSerials: [...new Set(serials.get(deviceIds[i]) ?? [])].sort(), entry: 'takeback' },
          takebackId: takeback.id,
          custodianOrganisationId: takeback.custodianOrganisationId,
          site: takeback.site,
          number,
        },
        actor,
        requestId,
        occurredAt,
        prevHash: previous?.lastHash ?? null,
      });
      const covered =
        takeback.programme && takeback.programme.brands.includes(unit.brand) && takeback.programme.deviceClasses.includes(unit.deviceClass);
      const programme = covered ? { id: takeback.programme!.id, version: takeback.programme!.version } : null;
      lifecycles.push({
        id: started.lifecycleId,
        deviceId: deviceIds[i],
        number,
        state: started.state,
        snapshot: started.snapshot,
        lastHash: started.record.hash,
        programme,
      });
      return started.record;
    });

    // New devices are written already pointing at their first lifecycle; known ones are repointed.
    const newDevices: DeviceInsert[] = units.flatMap((unit, i) =>
      known.has(unitKey(unit))
        ? []
        : [
            {
              id: deviceIds[i],
              brand: unit.brand,
              serial: unit.serial,
              model: unit.model,
              deviceClass: unit.deviceClass,
              assetTag: unit.assetTag ?? null,
              currentLifecycleId: lifecycles[i].id,
            },
          ],
    );
    await this.takebacks.insertDevices(tx, newDevices);
    await this.takebacks.insertMedia(tx, media);
    const batchOf = {
      takebackId: takeback.id,
      custodianOrganisationId: takeback.custodianOrganisationId,
      site: takeback.site,
      machineVersion: MACHINE_VERSION,
      startedAt: occurredAt,
    };
    await this.takebacks.insertLifecycles(tx, batchOf, lifecycles);
    await this.takebacks.repointDevices(
      tx,
      lifecycles.filter((_, i) => known.has(unitKey(units[i]))),
    );
    await this.audit.append(tx, records);
    await this.takebacks.insertItems(tx, takeback.id, deviceIds, onManifest);
    return deviceIds;
  }
}

/** Units to register in one takeback: new devices, known ones back for another lifecycle. */
interface Registration {
  caller: Caller;
  takeback: { id: string; custodianOrganisationId: string; site: string; programme: ProgrammeCoverage | null };
  units: ManifestDevice[];
  existing: ExistingDevice[];
  requestId: string;
  onManifest: boolean;
}

function assertUniqueUnits(devices: ManifestDevice[]): void {
  const seen = new Map<string, number>();
  const errors: FieldError[] = [];
  devices.forEach((d, i) => {
    const first = seen.get(unitKey(d));
    if (first !== undefined)
      errors.push({ path: `devices[${i}].serial`, messages: [`${d.brand} ${d.serial} is already on the manifest at devices[${first}]`] });
    else seen.set(unitKey(d), i);
    const media = new Set<string>();
    (d.media ?? []).forEach((m, j) => {
      if (media.has(m.serial)) errors.push({ path: `devices[${i}].media[${j}].serial`, messages: [`medium ${m.serial} is listed twice`] });
      media.add(m.serial);
    });
  });
  if (errors.length > 0) throw invalidInput(errors.slice(0, 100));
}

const receiptEvent = (site: string, receipt: ReceiptDto) =>
  ({ type: 'RECEIVE', site, sealIntact: receipt.sealIntact, ...(receipt.notes ? { notes: receipt.notes } : {}) }) as const;
