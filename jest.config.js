// Jest on Node 20 cannot require the ESM-only @nestjs/* packages, so swc turns them into CommonJS.
const esmToCjs = ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2023' }, module: { type: 'commonjs' } }];
const typescript = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

/** Dependencies published only as ES modules (swagger's static-file server pulls in content-disposition). */
const ESM_ONLY_PACKAGES = ['@nestjs', 'content-disposition', 'canonicalize', 'uuid'];

module.exports = {
  testEnvironment: 'node',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex: '.*\\.(e2e-|browser-)?spec\\.ts$',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  moduleNameMapper: {
    '^@recert/lifecycle(|/.*)$': '<rootDir>/libs/lifecycle/src$1',
    '^@recert/audit(|/.*)$': '<rootDir>/libs/audit/src$1',
    '^@recert/licensing(|/.*)$': '<rootDir>/libs/licensing/src$1',
    '^@recert/grading(|/.*)$': '<rootDir>/libs/grading/src$1',
    '^@recert/diagnostics(|/.*)$': '<rootDir>/libs/diagnostics/src$1',
    '^@recert/sanitization(|/.*)$': '<rootDir>/libs/sanitization/src$1',
    '^@recert/evidence(|/.*)$': '<rootDir>/libs/evidence/src$1',
    '^@recert/carbon(|/.*)$': '<rootDir>/libs/carbon/src$1',
    '^@recert/incentives(|/.*)$': '<rootDir>/libs/incentives/src$1',
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`],
  transform: { '^.+\\.ts$': typescript, [`^.+/node_modules/(${ESM_ONLY_PACKAGES.join('|')})/.+\\.js$`]: esmToCjs },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  // The contract test: every answer of the e2e suite is checked against docs/openapi.json.
  setupFilesAfterEnv: ['<rootDir>/test/support/contract-setup.ts'],
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
