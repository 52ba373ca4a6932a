import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The anatomy of ADR 17 is kept by lint rules; these plant a breach of each and check it is caught.
const eslint = new ESLint({ cwd: fileURLToPath(new URL('..', import.meta.url)) });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.message);
}

const plantedWrite = `import type { Deps } from '../../types.ts';
export async function sneak(deps: Deps) {
  await deps.db.insertInto('audit_events').values({} as never).execute();
}
`;

describe('lint rules that keep the feature anatomy', () => {
  it('refuses a database write in a route, a view or a query', async () => {
    for (const file of ['src/features/cohorts/routes.tsx', 'src/features/cohorts/views.tsx', 'src/features/cohorts/queries.ts']) {
      expect(await problems(file, plantedWrite), file).toContainEqual(expect.stringContaining('Only a feature’s commands.ts writes to the database'));
    }
  });

  it('allows the same write in a commands.ts', async () => {
    expect(await problems('src/features/cohorts/commands.ts', plantedWrite)).toEqual([]);
  });

  it('refuses a role check outside src/policies/', async () => {
    const code = `import type { Actor } from '../../policies/actor.ts';
export const isBoss = (actor: Actor) => actor.role === 'administrator' || actor.cohortRoles.length > 0;
`;
    expect(await problems('src/features/home/queries.ts', code)).toEqual([
      expect.stringContaining('Ask a named rule in src/policies/'),
      expect.stringContaining('Ask a named rule in src/policies/'),
    ]);
    expect(await problems('src/policies/planted.ts', code.replace('../../policies/actor.ts', './actor.ts'))).toEqual([]);
  });

  it('refuses importing hasOrgRole or hasCohortRole into a feature', async () => {
    const code = `import { hasOrgRole } from '../../policies/actor.ts';
export const x = hasOrgRole;
`;
    expect(await problems('src/features/home/queries.ts', code)).toContainEqual(expect.stringContaining('Role checks live in src/policies/'));
  });

  it('refuses reaching into another feature past its index.ts, and allows the index', async () => {
    const sideDoor = `import { cohortPlan } from '../cohorts/queries.ts';\nexport const x = cohortPlan;\n`;
    expect(await problems('src/features/home/queries.ts', sideDoor)).toContainEqual(expect.stringContaining('through src/features/cohorts/index.ts'));
    expect(await problems('src/features/home/queries.ts', sideDoor.replace('queries.ts', 'index.ts'))).toEqual([]);
  });

  it('refuses a lower layer importing a feature', async () => {
    const code = `import { mounts } from '../features/home/index.ts';\nexport const x = mounts;\n`;
    expect(await problems('src/auth/planted.ts', code)).toContainEqual(expect.stringContaining('is below the features'));
  });
});
