// package.json against the code: every contributed command has a CommandId and is
// registered by registerCommands(); every setting has a ConfigKey and is read, with the
// same default, by readSettings(); every %key% has a package.nls.json string and every
// string is used; activation, the command palette's `when` clauses and the providers'
// language list agree. The command modules run against a small stand-in for `vscode`
// that records registrations and setting reads.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { LANGUAGE_IDS } from '../../../src/constants';
import { languageOf } from '../../../src/analysis/analyzeSource';
import type * as CommandsModule from '../../../src/commands/index';
import type * as SettingsModule from '../../../src/editor/settings';

const root = join(__dirname, '../../..');
const manifestText = readFileSync(join(root, 'package.json'), 'utf8');
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

interface ContributedCommand {
  readonly command: string;
  readonly title: string;
  readonly category?: string;
}
interface ContributedSetting {
  readonly default: unknown;
  readonly markdownDescription?: string;
  readonly description?: string;
  readonly enumDescriptions?: string[];
}
const manifest = JSON.parse(manifestText) as {
  readonly activationEvents: string[];
  readonly contributes: {
    readonly commands: ContributedCommand[];
    readonly configuration: { readonly title: string; readonly properties: Record<string, ContributedSetting> };
    readonly menus: { readonly commandPalette: { readonly command: string; readonly when: string }[] };
    readonly viewsContainers: { readonly activitybar: { readonly title: string }[] };
    readonly views: Record<string, { readonly name: string }[]>;
  };
};
const contributes = manifest.contributes;

/** The members of a `const enum` in src/constants.ts (const enums have no runtime object to list). */
function enumValues(name: string): Map<string, string> {
  const source = readFileSync(join(root, 'src/constants.ts'), 'utf8');
  const body = new RegExp(`export const enum ${name} \\{([^}]*)\\}`).exec(source)?.[1];
  assert.ok(body, `enum ${name} in src/constants.ts`);
  return new Map([...body.matchAll(/(\w+) = '([^']+)'/g)].map((match) => [match[1] as string, match[2] as string]));
}

/** What the stand-in `vscode` saw. */
const registered: string[] = [];
const settingReads = new Map<string, unknown>();
let configSection: string | undefined;
const fakeVscode = {
  commands: {
    registerCommand: (id: string) => {
      registered.push(id);
      return { dispose: () => undefined };
    },
  },
  workspace: {
    getConfiguration: (section: string) => {
      configSection = section;
      return {
        get: (key: string, fallback: unknown) => {
          settingReads.set(key, fallback);
          return fallback;
        },
      };
    },
  },
};

/** Loads `path` with `require('vscode')` answered by the stand-in. */
function loadWithFakeVscode<T>(path: string): T {
  const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolve = loader._resolveFilename;
  const fakeId = join(root, 'test/unit/commands/__fake_vscode__.js');
  require.cache[fakeId] = { id: fakeId, filename: fakeId, loaded: true, exports: fakeVscode } as unknown as NodeJS.Module;
  loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === 'vscode' ? fakeId : resolve.call(this, request, ...rest);
  };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path) as T;
  } finally {
    loader._resolveFilename = resolve;
  }
}

describe('package.json agrees with the code', () => {
  it('every contributed command has a CommandId and is registered once by registerCommands()', () => {
    const ids = [...enumValues('CommandId').values()].sort();
    assert.deepEqual(contributes.commands.map((command) => command.command).sort(), ids);
    const { registerCommands } = loadWithFakeVscode<typeof CommandsModule>(join(root, 'src/commands/index.ts'));
    const services = { context: {}, cache: {}, featureMaps: {} } as unknown as Parameters<typeof registerCommands>[0];
    const disposables = registerCommands(services);
    assert.deepEqual([...registered].sort(), ids);
    assert.equal(disposables.length, ids.length);
  });

  it("every setting has a ConfigKey and is read by readSettings() with package.json's default", () => {
    const keys = enumValues('ConfigKey');
    const section = keys.get('Section');
    keys.delete('Section');
    const contributed = Object.keys(contributes.configuration.properties);
    assert.deepEqual(contributed.sort(), [...keys.values()].map((key) => `${section}.${key}`).sort());
    const { readSettings } = loadWithFakeVscode<typeof SettingsModule>(join(root, 'src/editor/settings.ts'));
    const settings = readSettings();
    assert.equal(configSection, section);
    assert.deepEqual([...settingReads.keys()].sort(), [...keys.values()].sort());
    // One field of the settings type per setting.
    assert.equal(Object.keys(settings).length, contributed.length);
    for (const [key, fallback] of settingReads) {
      assert.deepEqual(fallback, contributes.configuration.properties[`${section}.${key}`]?.default, key);
    }
  });

  it('every title and description is a %key% of package.nls.json, and every string there is used', () => {
    const localised = [
      ...contributes.commands.flatMap((command) => [command.title, command.category ?? '']),
      contributes.configuration.title,
      ...Object.values(contributes.configuration.properties).flatMap((setting) => [setting.markdownDescription ?? setting.description ?? '', ...(setting.enumDescriptions ?? [])]),
      ...contributes.viewsContainers.activitybar.map((container) => container.title),
      ...Object.values(contributes.views)
        .flat()
        .map((view) => view.name),
    ];
    for (const text of localised) assert.match(text, /^%[\w.]+%$/, text);
    const used = new Set([...manifestText.matchAll(/"%([\w.]+)%"/g)].map((match) => match[1]));
    assert.deepEqual([...used].sort(), Object.keys(nls).sort());
  });

  it('activation, the command palette and the providers serve the same languages', () => {
    const served = [...LANGUAGE_IDS].sort();
    assert.deepEqual(
      manifest.activationEvents
        .filter((event) => event.startsWith('onLanguage:'))
        .map((event) => event.replace(/^onLanguage:/, ''))
        .sort(),
      served,
    );
    assert.ok(manifest.activationEvents.includes('onNotebook:jupyter-notebook'), 'activates in Jupyter notebooks');
    for (const entry of contributes.menus.commandPalette) {
      const languages = /^editorLangId =~ \/\^\(([\w|]+)\)\$\/$/.exec(entry.when)?.[1];
      assert.ok(languages, entry.when);
      assert.deepEqual(languages.split('|').sort(), served, entry.command);
    }
    for (const id of LANGUAGE_IDS) assert.ok(languageOf(id), `the analysis reads ${id}`);
  });

  it('no editor module imports a command (the commands use the editor, not the other way round)', () => {
    const folder = join(root, 'src/editor');
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.ts'))) {
      assert.doesNotMatch(readFileSync(join(folder, file), 'utf8'), /from '\.\.\/commands\//, file);
    }
  });
});
