const preset = require('../../jest.preset.cjs');

module.exports = { ...preset, displayName: 'permissions', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
