/**
 * operationIds a client generator turns into good method names: `listDevices`, `sendDeviceEvent`, not
 * `DevicesController_list`. Handlers named after a verb alone (`list`, `get`, `create`) get their controller's
 * resource; names that already say what they do (`createOrganisation`) are kept; the table names the rest.
 */
const NAMED: Record<string, string> = {
  'DeviceEventsController.send': 'sendDeviceEvent',
  'DeviceEventsController.sendMany': 'sendDeviceEvents',
  'MetricsController.scrape': 'scrapeMetrics',
  'IdentityController.me': 'getCurrentCaller',
  'HealthController.live': 'checkLiveness',
  'HealthController.ready': 'checkReadiness',
  'LifecycleController.machine': 'getLifecycleMachine',
  'TakebacksController.receive': 'receiveTakebackItems',
  'LicencesController.usage': 'getLicenceUsage',
  'CustodyController.request': 'requestHandoff',
  'CustodyController.confirm': 'confirmHandoff',
  'CustodyController.get': 'getHandoff',
  'CertificatesController.sanitization': 'getSanitizationCertificate',
  'CertificatesController.verify': 'verifyCertificate',
  'RmaController.resolve': 'resolveRma',
  'HistoryController.entries': 'getDeviceHistory',
  'HistoryController.verify': 'verifyDeviceHistory',
  'PortalSessionController.login': 'createPortalSession',
  'PortalSessionController.logout': 'deletePortalSession',
  'IncentivesController.file': 'fileIncentiveClaim',
  'IncentivesController.listClaims': 'listIncentiveClaims',
  'IncentivesController.report': 'getIncentiveReport',
  'IncentiveClaimsController.lines': 'listIncentiveClaimLines',
  'IncentiveClaimsController.verification': 'verifyIncentiveClaim',
  'IncentiveClaimsController.approve': 'approveIncentiveClaim',
  'IncentiveClaimsController.reject': 'rejectIncentiveClaim',
  'IncentiveClaimsController.pay': 'payIncentiveClaim',
  'IncentiveClaimsController.liability': 'getIncentiveLiability',
  'IncentiveClaimsController.dashboard': 'getPartnerDashboard',
  'ExportsController.devices': 'exportDevices',
  'ExportsController.certificates': 'exportCertificates',
  'ExportsController.sales': 'exportSales',
  'OffsetsController.record': 'recordOffsetRetirement',
  'OffsetsController.allocate': 'allocateOffset',
  'OffsetsController.list': 'listOffsetRetirements',
  'OffsetsController.get': 'getOffsetRetirement',
  'CustodyController.list': 'listHandoffs',
  'DestructionCertificateController.certificate': 'getTakebackDestructionCertificate',
  'CarbonController.ledger': 'getDeviceCarbonLedger',
  'CarbonController.customer': 'getCustomerCarbonReport',
  'CarbonController.takeback': 'getTakebackCarbonReport',
  'CarbonController.partner': 'getPartnerCarbonReport',
  'CarbonController.programme': 'getProgrammeCarbonReport',
  'CatalogueController.sanitizationPolicy': 'getSanitizationPolicy',
  'CatalogueController.destructionMethods': 'listDestructionMethods',
  'CatalogueController.testSuites': 'listTestSuites',
  'CatalogueController.rubrics': 'listRubrics',
  'CatalogueController.lockKinds': 'listLockKinds',
  'CatalogueController.partKinds': 'listPartKinds',
  'CatalogueController.deviceClasses': 'listDeviceClasses',
  'CatalogueController.states': 'listLifecycleStates',
  'CatalogueController.capabilities': 'listEventCapabilities',
  'CatalogueController.eventPermissions': 'listEventPermissions',
  'UsageReadingsController.record': 'recordUsageReadings',
};

const BARE_VERBS = new Set(['list', 'get', 'create', 'update', 'delete', 'replace', 'remove', 'addVersion', 'setStatus']);

/** `DevicesController` → `Devices`; `Devices` → `Device`. Enough English for our resource names. */
const resourceOf = (controllerKey: string) => controllerKey.replace(/Controller$/, '');
const singular = (plural: string) => plural.replace(/ies$/, 'y').replace(/s$/, '');

export function operationIdOf(controllerKey: string, methodKey: string): string {
  const named = NAMED[`${controllerKey}.${methodKey}`];
  if (named) return named;
  if (!BARE_VERBS.has(methodKey)) return methodKey;
  const resource = resourceOf(controllerKey);
  if (methodKey === 'list') return `list${resource}`;
  // addVersion → addProgrammeVersion: the resource goes between the verb and its object.
  const [verb, object = ''] = methodKey.split(/(?=[A-Z])/, 2);
  return `${verb}${singular(resource)}${object}`;
}
