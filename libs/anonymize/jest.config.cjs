const preset = require('../../jest.preset.cjs');

module.exports = { ...preset, displayName: 'anonymize', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
