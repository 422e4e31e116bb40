import { fanOut } from './scale.bench.js';
const r = await fanOut(process.argv[2] as 'hub' | 'bare');
console.log(JSON.stringify({ ...r }));
process.exit(0);
