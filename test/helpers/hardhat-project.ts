// A throwaway Hardhat project beside the repository, as the e2e tests use one: a package.json, and a
// node_modules whose entries link to the repository's, with `fevm-devnet` linked to the repository
// itself (so `fevm-devnet/hardhat` resolves as it does for a user who installed the package).

import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function linkProjectModules(project: string, repo: string, name: string): Promise<void> {
  await writeFile(join(project, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  await mkdir(join(project, 'node_modules'));
  for (const entry of await readdir(join(repo, 'node_modules'))) {
    if (entry.startsWith('.')) continue;
    await symlink(join(repo, 'node_modules', entry), join(project, 'node_modules', entry));
  }
  await symlink(repo, join(project, 'node_modules', 'fevm-devnet'));
}
