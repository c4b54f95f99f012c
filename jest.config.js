/** One Jest run over the workspace; each package is a project. */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } } }];
const node = (name, roots, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  roots,
  transform: { '^.+\\.(t|j)sx?$': swc },
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  moduleNameMapper: { '^@zhuanyi/shared$': '<rootDir>/shared/src/index.ts' },
  // jose ships ESM only; Jest (unlike Node >= 20.19) cannot require it untransformed.
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  rootDir: __dirname,
  ...extra,
});
module.exports = {
  projects: [
    node('shared', ['<rootDir>/shared/src']),
    node('bff', ['<rootDir>/bff/src'], { setupFilesAfterEnv: ['<rootDir>/bff/src/test-support/jest-setup.ts'] }),
    node('tests', ['<rootDir>/tests'], { setupFilesAfterEnv: ['<rootDir>/tests/support/jest-setup.ts'], testPathIgnorePatterns: ['/node_modules/', '/artifacts/'] }),
    require('./miniapp/jest.config.js'),
  ],
};
