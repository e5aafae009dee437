import { defineConfig } from 'vitest/config';

/**
 * One run for the whole suite. Node is the default environment; component tests opt into
 * happy-dom with a `// @vitest-environment happy-dom` comment at the top of the file.
 */
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['tests/helpers/global-setup.ts'],
  },
});
