import type { EntityManager } from 'typeorm';
import { Intake } from './intake.entity.js';

/** The immediate needs recorded at a case's intake (shared with a partner under consent). */
export async function immediateNeedsOf(manager: EntityManager, caseId: string): Promise<string[]> {
  return (await manager.findOne(Intake, { select: { id: true, immediateNeeds: true }, where: { caseId } }))?.immediateNeeds ?? [];
}
