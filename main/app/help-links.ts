/** The Help menu's links, from package.json's homepage (one place to change when the site moves). */
export function helpLinks(homepage: string): { label: string; url: string }[] {
  const base = homepage.replace(/\/+$/, '');
  return [
    { label: 'War Room Documentation', url: `${base}/docs` },
    { label: 'Running a Hub', url: `${base}/docs#run-a-hub` },
    { label: 'Report a Problem', url: `${base}/issues` },
  ];
}

export const HOMEPAGE = 'https://warroom.invalid';
