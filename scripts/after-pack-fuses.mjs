// electron-builder afterPack hook: flips Electron's fuses in the packaged binary, before it is signed.
// Off everywhere: NODE_OPTIONS and --inspect, each of which would let anyone who can start the app run
// arbitrary code inside it. On: asar integrity checks and loading the app only from app.asar.
//
// RunAsNode (ELECTRON_RUN_AS_NODE=1 runs the binary as plain Node.js) is how the `warroom` command runs with no
// Node installed, as editors' `code` commands do. It is on for Linux only. On Linux the OS keychain (Secret
// Service, KWallet) answers any process of the user, so running code "as the app" gains nothing the user's
// own shell lacks; on macOS the keychain trusts the app's code signature, and on Windows nothing ships a
// `warroom` inside the app yet, so there it stays off and nobody can borrow the signed app to run code.
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

/** The fuses for one platform: RunAsNode only where the `warroom` command needs it (see above). */
export function fusesFor(platform) {
  return { ...WAR_ROOM_FUSES, [FuseV1Options.RunAsNode]: platform === 'linux' };
}

function executableOf(context) {
  const { electronPlatformName, appOutDir, packager } = context;
  const product = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${product}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${product}.exe`);
  return path.join(appOutDir, packager.executableName);
}

export default async function afterPackFuses(context) {
  const mac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  await flipFuses(executableOf(context), {
    ...fusesFor(context.electronPlatformName),
    resetAdHocDarwinSignature: mac && context.arch === 3 /* arm64 */,
  });
}
