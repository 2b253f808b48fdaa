import { Check, Column, Entity, ForeignKey, Unique } from 'typeorm';
import type { ContactMethod, NoteType } from '@lantern/contracts';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/**
 * A note being written (issue 13: "drafts of notes autosave"): one per case and author, read and
 * changed by its author only, while she may still add notes to the case. It is not a note: it never
 * appears in the case's notes, and it is deleted when the note is saved or the draft discarded.
 */
@Entity('case_note_draft')
@Unique('uq_case_note_draft_case_author', ['caseId', 'authorId'])
@Check('ck_case_note_draft_type', `note_type IN ('contact', 'session', 'safety_planning', 'case_review', 'advocacy', 'other')`)
@Check('ck_case_note_draft_contact', `contact_method IN ('in_person', 'phone', 'video', 'text_message', 'email', 'none')`)
export class CaseNoteDraft extends BaseRecord {
  @ForeignKey('Organization', { name: 'fk_case_note_draft_organization', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('Case', { name: 'fk_case_note_draft_case', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  caseId!: string;

  @ForeignKey('User', { name: 'fk_case_note_draft_author', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  authorId!: string;

  @Column({ type: 'varchar', length: 20 })
  noteType!: NoteType;

  @Column({ type: 'varchar', length: 20 })
  contactMethod!: ContactMethod;

  @Column({ type: 'timestamptz', nullable: true })
  occurredAt!: Date | null;

  @Column({ type: 'boolean', default: false })
  restricted!: boolean;

  /** Encrypted (AAD case_note_draft|body|id); may be empty while the author has typed nothing. */
  @Column({ type: 'text' })
  body!: string;
}
