/**
 * Builds the Teams app package (dist/lodile-bot-teams.zip) from infra/teams/: the manifest with its
 * ${{PLACEHOLDERS}} filled from the environment (or .env), the English localisation and both icons.
 * Upload the zip in Teams (Apps → Manage your apps → Upload an app). See docs/teams.md.
 *
 *   MICROSOFT_APP_ID=… PUBLIC_URL=https://bot.example.org npm run teams:package
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const INFRA = `${ROOT}infra/teams/`;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class PackageError extends Error {}

/** Values for the manifest placeholders; throws a PackageError naming what is missing or wrong. */
export function manifestValues(env: Record<string, string | undefined>): Record<string, string> {
  const problems: string[] = [];
  const appId = env.MICROSOFT_APP_ID?.trim() ?? '';
  if (!GUID.test(appId)) {
    problems.push(
      'MICROSOFT_APP_ID: die Anwendungs-ID (GUID) der Azure-Bot-Registrierung fehlt oder ist ungültig / the Azure Bot app id (GUID) is missing or invalid',
    );
  }
  const teamsAppId = env.TEAMS_APP_ID?.trim() || appId;
  if (env.TEAMS_APP_ID && !GUID.test(teamsAppId)) problems.push('TEAMS_APP_ID: keine GUID / not a GUID');
  let publicUrl: URL | undefined;
  try {
    publicUrl = new URL(env.PUBLIC_URL ?? '');
  } catch {
    publicUrl = undefined;
  }
  if (publicUrl?.protocol !== 'https:') {
    problems.push(
      'PUBLIC_URL: öffentliche HTTPS-Adresse des Bots nötig, z. B. https://bot.example.org / the bot’s public HTTPS address is required',
    );
  }
  const version = env.TEAMS_APP_VERSION?.trim() || packageVersion();
  if (!/^\d+\.\d+\.\d+$/.test(version)) problems.push('TEAMS_APP_VERSION: Format 1.2.3 / format 1.2.3');
  if (problems.length) {
    throw new PackageError(
      `Teams-Paket nicht erstellt / Teams package not built:\n  ${problems.join('\n  ')}`,
    );
  }
  const base = publicUrl!.href.replace(/\/$/, '');
  return {
    MICROSOFT_APP_ID: appId,
    TEAMS_APP_ID: teamsAppId,
    TEAMS_APP_VERSION: version,
    TEAMS_DEVELOPER_NAME: env.TEAMS_DEVELOPER_NAME?.trim() || 'LoDiLe-Bot',
    PUBLIC_URL: base,
    PUBLIC_HOST: publicUrl!.host,
  };
}

/** Replaces every ${{NAME}}; an unknown placeholder is an error rather than a broken package. */
export function fillPlaceholders(template: string, values: Record<string, string>): string {
  return template.replace(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g, (_m, name: string) => {
    const v = values[name];
    if (v === undefined) throw new PackageError(`Unbekannter Platzhalter / unknown placeholder: ${name}`);
    return JSON.stringify(v).slice(1, -1);
  });
}

export async function buildTeamsPackage(env: Record<string, string | undefined>): Promise<Buffer> {
  const values = manifestValues(env);
  const manifest = fillPlaceholders(readFileSync(`${INFRA}manifest.json`, 'utf8'), values);
  JSON.parse(manifest); // never ship a manifest that is not JSON
  const zip = new JSZip();
  zip.file('manifest.json', manifest);
  zip.file('en-us.json', readFileSync(`${INFRA}en-us.json`));
  zip.file('color.png', readFileSync(`${INFRA}color.png`));
  zip.file('outline.png', readFileSync(`${INFRA}outline.png`));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string }).version;
}

async function main() {
  await import('dotenv/config');
  try {
    const zip = await buildTeamsPackage(process.env);
    mkdirSync(`${ROOT}dist`, { recursive: true });
    const out = `${ROOT}dist/lodile-bot-teams.zip`;
    writeFileSync(out, zip);
    console.log(`Teams-App-Paket / Teams app package: ${out} (${zip.length} bytes)`);
  } catch (err) {
    if (err instanceof PackageError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
