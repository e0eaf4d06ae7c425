import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'
import path from 'node:path'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

export default defineConfig({
  resolve: { alias: { '~': path.resolve(__dirname, 'app') } },
  server: { port: 3000 },
  plugins: [
    !process.env.VITEST &&
      remix({
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          v3_lazyRouteDiscovery: true,
          v3_routeConfig: true,
        },
      }),
  ],
  test: {
    include: [
      'app/**/*.test.ts',
      'db/**/*.test.ts',
      'scripts/**/*.test.ts',
      'server/**/*.test.ts',
      'tests/unit/**/*.test.ts',
    ],
    // The PostgreSQL tests run only against a server named by TEST_DATABASE_URL_PG (.ci/run starts
    // one); without it the db/postgres*.test.ts files are left out rather than reported as skipped.
    exclude: ['**/node_modules/**', ...(process.env.TEST_DATABASE_URL_PG ? [] : ['db/postgres*.test.ts'])],
    // Migrates one template SQLite database per run; tests copy it (tests/setup/test-db.ts).
    globalSetup: ['tests/setup/global-setup.ts'],
    pool: 'forks',
    // A timeout only catches a hang: at vitest's default of 5 s, a test that imports the plan failed
    // on this shared machine under load. How long things take is `npm run bench`'s business.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
