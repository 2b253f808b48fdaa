import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import type { ContactMethod, NoteType } from '@lantern/contracts';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/**
 * A dated contact or session note. Never edited or deleted: a correction is a new note that names
 * the note it corrects. `restricted` notes are visible to their author and the assigned caseworker only.
 */
@Entity('case_note')
@Index('ix_case_note_case', ['caseId', 'occurredAt'])
@Index('ix_case_note_corrects', ['correctsNoteId'])
@Check('ck_case_note_type', `note_type IN ('contact', 'session', 'safety_planning', 'case_review', 'advocacy', 'other')`)
@Check('ck_case_note_contact', `contact_method IN ('in_person', 'phone', 'video', 'text_message', 'email', 'none')`)
export class CaseNote extends BaseRecord {
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('Case', { name: 'fk_case_note_case', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'varchar', length: 20 })
  noteType!: NoteType;

  @Column({ type: 'varchar', length: 20 })
  contactMethod!: ContactMethod;

  /** Encrypted (AAD case_note|body|id). */
  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'boolean', default: false })
  restricted!: boolean;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @ForeignKey('User', { name: 'fk_case_note_author', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  authorId!: string;

  @ForeignKey('CaseNote', { name: 'fk_case_note_corrects', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  correctsNoteId!: string | null;
}
