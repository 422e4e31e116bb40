// electron-builder afterPack hook: flips Electron's fuses in the packaged binary, before it is signed.
// Off: running the app as plain Node (ELECTRON_RUN_AS_NODE), NODE_OPTIONS, and --inspect: each would let
// anyone who can start the app run arbitrary code as it, with its keychain access (the identity key).
// On: asar integrity checks and loading the app only from app.asar, so the code cannot be swapped on disk.
import path from 'node:path';
import fuses from '@electron/fuses';

const { flipFuses, FuseVersion, FuseV1Options } = fuses;

export const WAR_ROOM_FUSES = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableCookieEncryption]: true,
};

function executableOf(context) {
  const { electronPlatformName, appOutDir, packager } = context;
  const product = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${product}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${product}.exe`);
  return path.join(appOutDir, packager.executableName);
}

export default async function afterPackFuses(context) {
  const mac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  await flipFuses(executableOf(context), { ...WAR_ROOM_FUSES, resetAdHocDarwinSignature: mac && context.arch === 3 /* arm64 */ });
}
