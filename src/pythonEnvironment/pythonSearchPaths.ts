/**
 * Where installed Python packages are, found without running Python: the `site-packages`
 * folders of an environment prefix (a venv, a conda environment, the interpreter the user
 * chose), `PYTHONPATH`, and the system's `dist-packages`/`site-packages` (Debian's
 * `python3-torchvision` lands in /usr/lib/python3/dist-packages).
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, delimiter, dirname, join } from 'node:path';

function isDirectory(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

/** The `python3.*` folders of `dir`, newest version first. */
function pythonVersionFolders(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const version = (name: string): number => Number(/^python3\.(\d+)/.exec(name)?.[1] ?? -1);
  return names.filter((name) => /^python3(\.\d+)?$/.test(name)).sort((a, b) => version(b) - version(a));
}

/** The site-packages folders of an environment prefix (`.venv`, `$CONDA_PREFIX`, `sys.prefix`), on Linux, macOS and Windows. */
export function sitePackagesOfPrefix(prefix: string): string[] {
  const found = pythonVersionFolders(join(prefix, 'lib')).flatMap((folder) => [join(prefix, 'lib', folder, 'site-packages'), join(prefix, 'lib', folder, 'dist-packages')]);
  found.push(join(prefix, 'Lib', 'site-packages'));
  return found.filter(isDirectory);
}

/** An interpreter's path to its environment prefix: `.venv/bin/python` -> `.venv`, `C:\env\python.exe` -> `C:\env`. */
export function prefixOfInterpreter(interpreter: string): string {
  const folder = dirname(interpreter);
  return /^(bin|Scripts)$/i.test(basename(folder)) ? dirname(folder) : folder;
}

/** The folders of a `PYTHONPATH` value. */
export function pythonPathFolders(value: string | undefined): string[] {
  return (value ?? '').split(delimiter).filter((folder) => folder.length > 0);
}

/** The system's package folders: Debian's dist-packages, then /usr/local's and /usr's site-packages. */
export function systemPackageFolders(): string[] {
  const found: string[] = [];
  for (const prefix of ['/usr/local', '/usr']) {
    for (const folder of pythonVersionFolders(join(prefix, 'lib'))) {
      found.push(join(prefix, 'lib', folder, 'dist-packages'), join(prefix, 'lib', folder, 'site-packages'));
    }
  }
  return found.filter(isDirectory);
}

/** Search folders in order, each once. */
export function searchFolders(...groups: readonly (readonly string[])[]): string[] {
  return [...new Set(groups.flat())];
}
