import type { Deps } from '../../../types.ts';
import type { Actor } from '../../../policies/index.ts';
import { recordAudit } from '../../../audit/audit.ts';
import { exportPersonalData } from './queries.ts';
import { exportZip } from './pack.ts';

/** Everything held about the person asking, as a zip; the export itself is recorded (subject access). */
export async function exportMyData(deps: Deps, actor: Actor): Promise<Uint8Array> {
  const zip = exportZip(actor.name, await exportPersonalData(deps, actor.id), deps.clock.now());
  await recordAudit(deps.db, deps.clock, { action: 'data_exported', actorUserId: actor.id, subjectUserId: actor.id });
  return zip;
}
