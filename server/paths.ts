// The project root, whether running from server/ under tsx or from dist/server/ after tsc.
// tsc copies neither views/ nor fonts, so they are always read in place from the root.
import { existsSync } from 'node:fs';
import path from 'node:path';

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${start}`);
    dir = parent;
  }
  return dir;
}

export const projectRoot = findRoot(import.meta.dirname);
export const viewsDir = path.join(projectRoot, 'views');
/** Compiled code runs from dist/, whose migrations are .js; tsx runs the .ts sources. */
export const runningCompiled = import.meta.filename.endsWith('.js');
export const codeRoot = runningCompiled ? path.join(projectRoot, 'dist') : projectRoot;
export const codeExt = runningCompiled ? '.js' : '.ts';
