const preset = require('../../jest.preset.cjs');

module.exports = { ...preset, displayName: 'synthetic', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
