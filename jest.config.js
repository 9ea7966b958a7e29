/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': swc },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 120000,
  moduleNameMapper: {
    '^@redress/plugin-(.*)$': '<rootDir>/plugins/$1/src/index.ts',
    '^@redress/client-sdk$': '<rootDir>/client-sdk/src/index.ts',
    // The SDK is an ES module package: its relative imports name the emitted `.js` files.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  maxWorkers: 2,
};
