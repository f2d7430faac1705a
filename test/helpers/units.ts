// Units of their own for the tests of units changing: made through the service with unique codes, valid from
// 2151 so their events never touch the seeded units, nor the 2023–2026 reports other tests read.
import type { Actor } from '../../server/auth/actor.js';
import { Unit } from '../../server/db/models.js';
import { createUnit } from '../../server/units/units.service.js';
import { actorOf } from './certificates.js';
import { makeUser, unique } from './factories.js';

export async function boardActor(): Promise<Actor> {
  return actorOf(await makeUser({ role: 'admin' }));
}

export async function makeUnit(options: { name?: string; headerName?: string; validFrom?: string; kind?: 'center' | 'committee' } = {}): Promise<Unit> {
  const code = unique('U').toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 20);
  const name = options.name ?? `Trung tâm Chính trị huyện ${code}`;
  const row = await createUnit(await boardActor(), {
    code,
    kind: options.kind ?? 'center',
    name,
    shortName: name.replace('Trung tâm Chính trị ', ''),
    parentBody: `HUYỆN ỦY ${code}`,
    headerName: options.headerName ?? 'TRUNG TÂM CHÍNH TRỊ',
    place: code,
    validFrom: options.validFrom ?? '2151-01-01',
    signerTitle: 'GIÁM ĐỐC',
  });
  return (await Unit.findByPk(row.id))!;
}
