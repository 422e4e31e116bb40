// electron-builder's configuration. A script, not YAML, for one reason: auto-update is wired to a `generic`
// server whose URL is given at build time (WARROOM_UPDATE_URL=https://updates.example.com/war-room npm run dist);
// without it the build has no publish config, writes no app-update.yml, and the app never checks.
const updateUrl = process.env.WARROOM_UPDATE_URL?.trim();

/** @type {import('app-builder-lib').Configuration} */
module.exports = {
  appId: 'com.warroom.app',
  productName: 'War Room',
  copyright: 'Copyright © 2026 War Room team',
  // No spaces in file names: they break download links, shell scripts and update feeds.
  artifactName: '${name}-${version}-${os}-${arch}.${ext}',
  directories: { output: 'release', buildResources: 'assets' },
  // Only built output and package.json go into app.asar; production dependencies are added by electron-builder.
  files: [
    'dist/main/**',
    'dist/renderer/**',
    'dist/web-view/**',
    'package.json',
    '!**/*.map',
    '!**/node_modules/@types/**',
    '!**/node_modules/undici-types/**',
    // Sources, docs and type declarations that dependencies publish: nothing the app runs.
    '!**/node_modules/**/{*.md,*.d.ts,*.d.mts,*.d.cts,*.ts.map,*.js.map,LICENSE.txt,CHANGELOG*,README*,docs,test,tests,src/**/*.ts}',
  ],
  // The `warroom` command ships beside the app as one bundled file, run by Node.js (packaging/linux/warroom).
  extraResources: [{ from: 'packages/cli/dist', to: 'cli', filter: ['**/*'] }],
  asar: true,
  // Electron fuses (RunAsNode, NODE_OPTIONS, inspect off; asar integrity, app only from asar on).
  afterPack: 'scripts/after-pack-fuses.mjs',
  // Also registers x-scheme-handler/warroom in the Linux .desktop file.
  protocols: [{ name: 'War Room join link', schemes: ['warroom'] }],
  publish: updateUrl ? [{ provider: 'generic', url: updateUrl }] : null,
  linux: {
    target: ['AppImage', 'deb'],
    icon: 'assets/icons',
    executableName: 'war-room',
    category: 'Utility',
    maintainer: 'War Room team <team@warroom.invalid>',
    syncDesktopName: true,
    desktop: { entry: { StartupWMClass: 'War Room' } },
  },
  deb: {
    // The CLI on the PATH, as desktop apps ship theirs: /usr/bin/warroom.
    fpm: ['packaging/linux/warroom=/usr/bin/warroom'],
  },
  win: { target: ['nsis'], icon: 'assets/icon.ico' },
  nsis: { oneClick: false, allowToChangeInstallationDirectory: true },
  mac: {
    // zip beside dmg: electron-updater applies macOS updates from the zip.
    target: ['dmg', 'zip'],
    icon: 'assets/icon.icns',
    category: 'public.app-category.developer-tools',
  },
};
