import fs from 'node:fs';
import { stopProcess } from '../../infra/processes';

export default async function globalTeardown(): Promise<void> {
  const s = (globalThis as any).__aftersales;
  if (!s) return;
  await Promise.all([stopProcess(s.temporal), stopProcess(s.ferret)]);
  fs.rmSync(s.dir, { recursive: true, force: true });
}
