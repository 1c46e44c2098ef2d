import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FEED_ACTIVITY_TYPES, FEED_TEMPLATES } from '../../src/bot/activityFeed';
import { buildAppPackage, LOCAL_PREVIEW_VALUES, PackageError } from '../../src/cli/appPackage/build';
import {
  loadBundledSchema,
  newestBundledManifestVersion,
  schemaErrors,
  teamsRuleErrors,
} from '../../src/cli/appPackage/manifestCheck';
import { decodePng } from '../../src/cli/appPackage/png';
import { readZip } from '../../src/cli/appPackage/zip';
import { main, parsePackageArgs, UsageError } from '../../src/cli/packageApp';
import {
  DEV_COUNCIL_INPUTS,
  DEV_OUTPUTS,
  freshClone,
  LOCAL_VALUES,
  removeDir,
  REPO,
  writeEnvValues,
} from './helpers';

const template = JSON.parse(readFileSync(join(REPO, 'appPackage', 'manifest.json'), 'utf8')) as Record<
  string,
  unknown
>;

/** Captures a CLI run's output. */
function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('the app package for a provisioned environment', () => {
  let clone: string;
  let zipEntries: { name: string; data: Buffer }[];
  let built: Record<string, unknown>;

  beforeAll(async () => {
    clone = freshClone();
    writeEnvValues(clone, 'dev', { ...DEV_OUTPUTS, ...DEV_COUNCIL_INPUTS });
    const result = await buildAppPackage({ root: clone, env: 'dev' });
    zipEntries = readZip(readFileSync(result.zipPath)).map((e) => ({
      name: e.name,
      data: Buffer.from(e.data),
    }));
    built = JSON.parse(zipEntries.find((e) => e.name === 'manifest.json')!.data.toString('utf8'));
  });
  afterAll(() => removeDir(clone));

  it('is written to appPackage/build/appPackage.<env>.zip', () => {
    expect(existsSync(join(clone, 'appPackage', 'build', 'appPackage.dev.zip'))).toBe(true);
  });

  it('holds exactly manifest.json, color.png and outline.png at the zip root', () => {
    expect(zipEntries.map((e) => e.name).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('fills every placeholder with the environment value', () => {
    const text = JSON.stringify(built);
    expect(text).not.toMatch(/\$\{\{/);
    expect(built.id).toBe(DEV_OUTPUTS.TEAMS_APP_ID);
    expect(built.webApplicationInfo).toEqual({
      id: DEV_OUTPUTS.AAD_APP_CLIENT_ID,
      resource: `api://${DEV_OUTPUTS.TAB_DOMAIN}/${DEV_OUTPUTS.AAD_APP_CLIENT_ID}`,
    });
    expect(built.validDomains).toEqual([DEV_OUTPUTS.TAB_DOMAIN]);
    const bots = built.bots as { botId: string }[];
    expect(bots[0]!.botId).toBe(DEV_OUTPUTS.BOT_ID);
    const tabs = built.configurableTabs as { configurationUrl: string }[];
    expect(tabs[0]!.configurationUrl).toBe(`${DEV_OUTPUTS.TAB_ENDPOINT}/config?host=teams`);
    expect((built.developer as { privacyUrl: string }).privacyUrl).toBe(DEV_COUNCIL_INPUTS.PRIVACY_URL);
    expect((built.name as { short: string }).short).toBe('CMOE Tracker (dev)');
  });

  it('validates against the JSON schema bundled for its manifest version', async () => {
    expect(await schemaErrors(built)).toEqual([]);
  });

  it('carries the committed icons unchanged', () => {
    for (const name of ['color.png', 'outline.png']) {
      const entry = zipEntries.find((e) => e.name === name)!;
      expect(entry.data.equals(readFileSync(join(REPO, 'appPackage', name)))).toBe(true);
    }
    expect(decodePng(zipEntries.find((e) => e.name === 'outline.png')!.data).width).toBe(32);
  });

  it('is byte-for-byte the same when built again from the same values', async () => {
    const first = readFileSync(join(clone, 'appPackage', 'build', 'appPackage.dev.zip'));
    await buildAppPackage({ root: clone, env: 'dev' });
    expect(readFileSync(join(clone, 'appPackage', 'build', 'appPackage.dev.zip')).equals(first)).toBe(true);
  });
});

describe('the manifest template', () => {
  it('uses the newest manifest version that @microsoft/app-manifest bundles, with the matching $schema', () => {
    const newest = newestBundledManifestVersion();
    expect(template.manifestVersion).toBe(newest);
    expect(template.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${newest}/MicrosoftTeams.schema.json`,
    );
  });

  it('offers the personal My actions and Cases tabs, and a configurable tab for the channel and meetings', () => {
    const statics = template.staticTabs as { entityId: string; name?: string; scopes: string[] }[];
    expect(statics.filter((t) => t.name).map((t) => [t.entityId, t.name, t.scopes])).toEqual([
      ['my-actions', 'My actions', ['personal']],
      ['cmoe-list', 'Cases', ['personal']],
    ]);
    const [configurable] = template.configurableTabs as { configurationUrl: string; context: string[] }[];
    expect(configurable!.configurationUrl).toBe('${{TAB_ENDPOINT}}/config?host=teams');
    expect(configurable!.context).toEqual(
      expect.arrayContaining(['channelTab', 'meetingSidePanel', 'meetingChatTab', 'meetingDetailsTab']),
    );
  });

  it("declares every activity feed type the bot sends, with the bot's own template text", () => {
    const { activityTypes } = template.activities as {
      activityTypes: { type: string; templateText: string }[];
    };
    expect(Object.fromEntries(activityTypes.map((t) => [t.type, t.templateText]))).toEqual(FEED_TEMPLATES);
    expect(activityTypes.map((t) => t.type).sort()).toEqual(Object.values(FEED_ACTIVITY_TYPES).sort());
  });

  it('lists the bot commands help, my actions, agenda and case in the channel and in personal chat', () => {
    const [bot] = template.bots as {
      scopes: string[];
      commandLists: { scopes: string[]; commands: { title: string }[] }[];
    }[];
    expect(bot!.scopes.sort()).toEqual(['personal', 'team']);
    for (const scope of ['team', 'personal']) {
      const list = bot!.commandLists.find((l) => l.scopes.includes(scope))!;
      expect(list.commands.map((c) => c.title)).toEqual(['help', 'my actions', 'agenda', 'case']);
    }
  });
});

describe('offline validation', () => {
  it('rejects a manifest that breaks the schema, naming the field (so the validator really runs)', async () => {
    const broken = { ...template, id: 'not-a-guid', accentColor: 'teal', bots: [{ scopes: ['team'] }] };
    const errors = await schemaErrors(broken);
    expect(errors.join('\n')).toMatch(/\/id .*pattern/);
    expect(errors.join('\n')).toMatch(/\/accentColor/);
    expect(errors.join('\n')).toMatch(/\/bots\/0 .*botId/);
  });

  it('names a manifest version the library does not bundle instead of downloading its schema', () => {
    expect(() => loadBundledSchema('9.99')).toThrow(/bundles no schema for manifestVersion "9.99"/);
  });

  it('refuses tab URLs outside validDomains, a mismatched SSO resource and a non-semantic version', () => {
    const errors = teamsRuleErrors({
      version: '1.0',
      validDomains: ['cmoe.azurewebsites.net'],
      staticTabs: [{ entityId: 'cases', contentUrl: 'https://elsewhere.example.net/cases' }],
      configurableTabs: [{ configurationUrl: 'http://cmoe.azurewebsites.net/config' }],
      webApplicationInfo: { id: 'abc', resource: 'api://cmoe.azurewebsites.net/other' },
    });
    expect(errors).toEqual([
      '/version must be a semantic version like 1.4.0',
      '/staticTabs/0/contentUrl: elsewhere.example.net is not in validDomains',
      '/configurableTabs/0/configurationUrl must be an https URL, got "http://cmoe.azurewebsites.net/config"',
      '/webApplicationInfo/resource must be api://<domain>/abc',
    ]);
  });

  it('refuses to build for dev while the developer pages are still example addresses', async () => {
    const clone = freshClone();
    try {
      writeEnvValues(clone, 'dev', DEV_OUTPUTS);
      await expect(buildAppPackage({ root: clone, env: 'dev' })).rejects.toThrow(
        /\/developer\/privacyUrl is still an example address/,
      );
      expect(existsSync(join(clone, 'appPackage', 'build', 'appPackage.dev.zip'))).toBe(false);
    } finally {
      removeDir(clone);
    }
  });

  it('refuses an outline icon that is not white on transparent, and a colour icon of the wrong size', async () => {
    const clone = freshClone();
    try {
      writeEnvValues(clone, 'local', LOCAL_VALUES);
      // Swap the icons: the colour one in the outline slot and vice versa.
      const color = readFileSync(join(clone, 'appPackage', 'color.png'));
      writeFileSync(
        join(clone, 'appPackage', 'color.png'),
        readFileSync(join(clone, 'appPackage', 'outline.png')),
      );
      writeFileSync(join(clone, 'appPackage', 'outline.png'), color);
      const error = await buildAppPackage({ root: clone, env: 'local' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PackageError);
      const problems = (error as PackageError).problems.join('\n');
      expect(problems).toMatch(/icons\.color \(appPackage\/color\.png\) must be 192x192, is 32x32/);
      expect(problems).toMatch(/icons\.outline \(appPackage\/outline\.png\) must be 32x32, is 192x192/);
      expect(problems).toMatch(/icons\.outline .* pixels are neither white nor transparent/);
    } finally {
      removeDir(clone);
    }
  });
});

describe('npm run package', () => {
  it('works offline on a fresh clone once the environment is provisioned, and never fetches anything', async () => {
    const clone = freshClone();
    // Cut the network below every client: the validator is loaded by Node itself (outside jest's
    // sandbox), so patch the process-wide socket, not just this sandbox's fetch.
    const { Socket } = process.getBuiltinModule('node:net');
    const realConnect = Socket.prototype.connect;
    const realFetch = globalThis.fetch;
    const attempts: string[] = [];
    Socket.prototype.connect = function (this: InstanceType<typeof Socket>, ...args: unknown[]) {
      attempts.push(JSON.stringify(args[0]));
      throw new Error('offline');
    } as typeof realConnect;
    globalThis.fetch = ((url: unknown) => {
      attempts.push(String(url));
      return Promise.reject(new Error('offline'));
    }) as typeof fetch;
    try {
      writeEnvValues(clone, 'local', LOCAL_VALUES);
      const run = io();
      expect(await main(['--env', 'local'], clone, run.io)).toBe(0);
      expect(run.out.join('\n')).toMatch(/Built appPackage\/build\/appPackage\.local\.zip \(version 1\.0\.0/);
      expect(attempts).toEqual([]);
    } finally {
      Socket.prototype.connect = realConnect;
      globalThis.fetch = realFetch;
      removeDir(clone);
    }
  });

  it('builds an unprovisioned preview for local on a fresh clone, with `npm run package` alone, and says so', async () => {
    const clone = freshClone();
    try {
      const run = io();
      expect(await main([], clone, run.io)).toBe(0);
      expect(run.out.join('\n')).toMatch(/Built appPackage\/build\/appPackage\.local\.zip/);
      const warning = run.err.join('\n');
      expect(warning).toMatch(/unprovisioned preview package/);
      for (const name of ['TEAMS_APP_ID', 'AAD_APP_CLIENT_ID', 'BOT_ID', 'TAB_ENDPOINT', 'TAB_DOMAIN'])
        expect(warning).toContain(name);
      expect(warning).toMatch(/atk provision --env local/);
      const manifest = JSON.parse(
        readFileSync(join(clone, 'appPackage', 'build', 'manifest.local.json'), 'utf8'),
      ) as {
        id: string;
        bots: { botId: string }[];
        webApplicationInfo: { id: string };
        validDomains: string[];
      };
      expect(manifest.id).toBe(LOCAL_PREVIEW_VALUES.get('TEAMS_APP_ID'));
      expect(manifest.bots[0]!.botId).toBe(LOCAL_PREVIEW_VALUES.get('BOT_ID'));
      expect(manifest.webApplicationInfo.id).toBe(LOCAL_PREVIEW_VALUES.get('AAD_APP_CLIENT_ID'));
      expect(manifest.validDomains).toEqual(['localhost:3978']);
      // Distinct, well-formed, and the same on every machine (name-based).
      const ids = ['TEAMS_APP_ID', 'AAD_APP_CLIENT_ID', 'BOT_ID'].map((n) => LOCAL_PREVIEW_VALUES.get(n)!);
      expect(new Set(ids).size).toBe(3);
      for (const id of ids)
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    } finally {
      removeDir(clone);
    }
  });

  it('fills only what is missing: a provisioned local build carries its own ids and no warning', async () => {
    const clone = freshClone();
    try {
      writeEnvValues(clone, 'local', LOCAL_VALUES);
      const run = io();
      expect(await main(['--env', 'local'], clone, run.io)).toBe(0);
      expect(run.err).toEqual([]);
      const result = await buildAppPackage({ root: clone, env: 'local' });
      expect(result.preview).toEqual([]);
      expect(result.manifest.id).toBe(LOCAL_VALUES.TEAMS_APP_ID);
    } finally {
      removeDir(clone);
    }
  });

  it('names every unfilled placeholder and the provision step that writes it, and writes nothing', async () => {
    const clone = freshClone();
    try {
      const run = io();
      expect(await main(['--env', 'dev'], clone, run.io)).toBe(1);
      const message = run.err.join('\n');
      expect(message).toMatch(/placeholders without a value/);
      expect(message).toMatch(
        /TEAMS_APP_ID is empty: provision writes it \(teamsApp\/create in teamsapp\.yml\)/,
      );
      expect(message).toMatch(
        /AAD_APP_CLIENT_ID is empty: provision writes it \(aadApp\/create in teamsapp\.yml\)/,
      );
      expect(message).toMatch(/TAB_ENDPOINT is empty: provision writes it \(arm\/deploy in teamsapp\.yml\)/);
      expect(message).toMatch(/BOT_ID is empty: provision writes it \(arm\/deploy in teamsapp\.yml\)/);
      expect(existsSync(join(clone, 'appPackage', 'build'))).toBe(false);
    } finally {
      removeDir(clone);
    }
  });

  it('takes values from the git-ignored .user file and from --set, --set winning', async () => {
    const clone = freshClone();
    try {
      writeEnvValues(clone, 'local', { ...LOCAL_VALUES, TEAMS_APP_ID: '' });
      writeFileSync(join(clone, 'env', '.env.local.user'), `TEAMS_APP_ID=${LOCAL_VALUES.TEAMS_APP_ID}\n`);
      expect(await main(['--env', 'local'], clone, io().io)).toBe(0);
      const manifest = JSON.parse(
        readFileSync(join(clone, 'appPackage', 'build', 'manifest.local.json'), 'utf8'),
      ) as { id: string; name: { short: string } };
      expect(manifest.id).toBe(LOCAL_VALUES.TEAMS_APP_ID);
      expect(await main(['--env', 'local', '--set', 'APP_DISPLAY_NAME=CMOE (pilot)'], clone, io().io)).toBe(
        0,
      );
      const again = JSON.parse(
        readFileSync(join(clone, 'appPackage', 'build', 'manifest.local.json'), 'utf8'),
      ) as {
        name: { short: string };
      };
      expect(again.name.short).toBe('CMOE (pilot)');
    } finally {
      removeDir(clone);
    }
  });

  it('refuses an unknown environment and a bad command line', async () => {
    const clone = freshClone();
    try {
      const run = io();
      expect(await main(['--env', 'prod'], clone, run.io)).toBe(1);
      expect(run.err.join('\n')).toMatch(/env\/\.env\.prod does not exist/);
      expect(await main(['--env', '../../etc'], clone, io().io)).toBe(1);
      expect(await main(['--set', 'x'], clone, io().io)).toBe(2);
    } finally {
      removeDir(clone);
    }
  });

  it.each([
    [['--env'], /--env needs a value/],
    [['--env', 'dev', '--env', 'local'], /more than once/],
    [['--env', 'dev', '--set', 'no-equals'], /--set needs NAME=value/],
    [['--env', 'dev', '--zip'], /Unknown option --zip/],
    [['dev'], /Unexpected argument "dev"/],
  ])('rejects the arguments %j', (argv, message) => {
    expect(() => parsePackageArgs(argv)).toThrow(UsageError);
    expect(() => parsePackageArgs(argv)).toThrow(message);
  });

  it('reads --env and --set in either form', () => {
    const args = parsePackageArgs(['--env=dev', '--set', 'A=1', '--set=B=x=y']);
    expect(args.env).toBe('dev');
    expect([...args.set]).toEqual([
      ['A', '1'],
      ['B', 'x=y'],
    ]);
  });

  it('is the package script of package.json, which runs the command from the repository', async () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.package).toBe('tsx src/cli/packageApp.ts');
    // An environment no one has: the real script runs, reads env/ and says what is missing.
    const run = promisify(execFile)('npm', ['run', '-s', 'package', '--', '--env', 'nosuchenv'], {
      cwd: REPO,
    });
    const failure = (await run.catch((e: unknown) => e)) as { code?: number; stderr?: string };
    expect(failure.code).toBe(1);
    expect(failure.stderr).toMatch(/env\/\.env\.nosuchenv does not exist/);
  });
});
