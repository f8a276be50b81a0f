import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Command tests that take their backend from testBackend() (test/helpers/backend.ts) run
// twice: once on the embedded simulator ("local") and once over the wire against
// `ecs simulator serve` ("remote", ECS_TEST_BACKEND=remote → test/helpers/served.ts).
function filesUsingTestBackend(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true }) as string[];
  } catch {
    return [];
  }
  return entries
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join(dir, f))
    .filter((f) => /\btestBackend\s*\(/.test(readFileSync(f, 'utf8')));
}

const overTheWire = ['test', 'src'].flatMap(filesUsingTestBackend);

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    passWithNoTests: true,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'local', include: ['test/**/*.test.ts', 'src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'remote',
          // An empty list would make vitest fall back to its default include.
          include: overTheWire.length ? overTheWire : ['test/helpers/__none__.test.ts'],
          env: { ECS_TEST_BACKEND: 'remote' },
        },
      },
    ],
  },
});
