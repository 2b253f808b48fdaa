// Shared jest settings (docs/architecture.md, trap 5): @swc/jest compiles TypeScript and Nest 12's ESM packages to
// CommonJS with decorator metadata; `.js` suffixes of NodeNext imports are stripped for resolution.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|uid|load-esm|file-type|strtok3|token-types|@tokenizer|otplib|@otplib|@noble|@scure)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper: {
    '^@lantern/contracts$': '<rootDir>/../../libs/contracts/src/index.ts',
    '^@lantern/permissions$': '<rootDir>/../../libs/permissions/src/index.ts',
    '^@lantern/anonymize$': '<rootDir>/../../libs/anonymize/src/index.ts',
    '^@lantern/migrations$': '<rootDir>/../../migrations/index.ts',
    '^@lantern/synthetic$': '<rootDir>/../../tools/synthetic/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};
