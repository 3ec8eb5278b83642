/**
 * Writes a built version so that readers see either the old folder or the complete new one:
 * everything goes to a temporary sibling folder first, which then replaces the target by rename.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export async function writeVersionAtomically(root: string, name: string, files: ReadonlyMap<string, string>): Promise<string> {
  await mkdir(root, { recursive: true });
  const target = join(root, name);
  const temporary = join(root, `.tmp-${name}-${process.pid}-${Date.now()}`);
  const previous = join(root, `.old-${name}-${process.pid}-${Date.now()}`);
  try {
    for (const [path, content] of files) {
      const file = join(temporary, path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content);
    }
    let hadPrevious = true;
    await rename(target, previous).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      hadPrevious = false;
    });
    try {
      await rename(temporary, target);
    } catch (error) {
      if (hadPrevious) await rename(previous, target);
      throw error;
    }
    if (hadPrevious) await rm(previous, { recursive: true, force: true });
    return target;
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
}
