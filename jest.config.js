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

/**
 * file-type (what an upload's bytes are) and its dependencies are ES modules only; Node loads
 * them with require() (module-sync), Jest's own loader does not: they are compiled to CommonJS.
 */
const ESM_ONLY = ['file-type', 'strtok3', 'token-types', '@tokenizer', 'uint8array-extras', '@borewit'];
const swcEsm = ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': swc, [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: swcEsm },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 120000,
  moduleNameMapper: {
    '^@redress/plugin-(.*)$': '<rootDir>/plugins/$1/src/index.ts',
    '^@redress/client-sdk$': '<rootDir>/client-sdk/src/index.ts',
    '^file-type$': '<rootDir>/node_modules/file-type/index.js',
    // The SDK is an ES module package: its relative imports name the emitted `.js` files.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  maxWorkers: 2,
};
