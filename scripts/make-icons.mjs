// Makes every icon the installers need from one source image, assets/icon.svg, rendered by Chromium:
//   assets/icons/<N>x<N>.png  Linux (deb, AppImage: 16 to 1024)
//   assets/icon.png           1024 px, the fallback electron-builder and the tray use
//   assets/icon.ico           Windows (16 to 256, PNG-compressed entries)
//   assets/icon.icns          macOS (16 to 1024, PNG entries)
// Run after editing the SVG: `npm run icons` (needs Debian's chromium, like the e2e tests). The outputs are
// committed, so building installers needs no browser.
import { chromium } from '@playwright/test';
import { mkdir, readFile, writeFile } from 'node:fs/promises';

const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const svg = await readFile('assets/icon.svg', 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const png = new Map();
try {
  const page = await browser.newPage();
  for (const size of LINUX_SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="display:block;width:${size}px;height:${size}px" `)}</body></html>`,
    );
    png.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
  }
} finally {
  await browser.close();
}

await mkdir('assets/icons', { recursive: true });
for (const [size, data] of png) await writeFile(`assets/icons/${size}x${size}.png`, data);
await writeFile('assets/icon.png', png.get(1024));
await writeFile('assets/icon.ico', ico([16, 24, 32, 48, 64, 128, 256].map((s) => [s, png.get(s)])));
await writeFile(
  'assets/icon.icns',
  icns(
    [
      ['icp4', 16],
      ['icp5', 32],
      ['icp6', 64],
      ['ic07', 128],
      ['ic08', 256],
      ['ic09', 512],
      ['ic10', 1024],
    ].map(([type, s]) => [type, png.get(s)]),
  ),
);
console.log(`icons: ${png.size} sizes from assets/icon.svg`);

/** ICO with PNG entries (Windows Vista and later read these). */
function ico(entries) {
  const header = Buffer.alloc(6 + 16 * entries.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(entries.length, 4);
  let offset = header.length;
  entries.forEach(([size, data], i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at);
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt16LE(1, at + 4);
    header.writeUInt16LE(32, at + 6);
    header.writeUInt32LE(data.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...entries.map(([, data]) => data)]);
}

/** ICNS with PNG entries (macOS 10.7 and later). */
function icns(entries) {
  const parts = entries.map(([type, data]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}
