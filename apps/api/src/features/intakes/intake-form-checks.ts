import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Case } from '../../case-file/case.entity.js';
import { Survivor } from '../../case-file/survivor.entity.js';
import { DomainError } from '../../kernel/http/domain-error.js';
import { FormsService } from '../forms/index.js';
import { CustomValuesService } from '../custom-fields/index.js';
import type { Intake } from './intake.entity.js';
import type { Plain } from '../../kernel/http/serialize.js';

/**
 * What the organization's form settings (features/forms, docs/forms.md) require of an intake, on top
 * of Lantern's own rules (intake-rules.ts), which they never weaken. Encrypted texts count as given when
 * their column holds a ciphertext, so nothing is decrypted for a check.
 */
@Injectable()
export class IntakeFormChecks {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly forms: FormsService,
    private readonly customValues: CustomValuesService,
  ) {}

  /** A draft's fields required from `intake_draft`: 400 naming each empty one. Lantern itself requires nothing of a draft. */
  async refuseIncompleteDraft(organizationId: string, values: Plain): Promise<void> {
    const missing = await this.forms.missingAt(organizationId, 'intake_draft', { intake: values }, 'intake');
    if (Object.keys(missing).length > 0) {
      throw new DomainError('VALIDATION_FAILED', `The draft is missing what your organization requires: ${Object.keys(missing).join(', ')}`, missing);
    }
  }

  /** The intake's own fields required at submission (an amendment may not empty them either). */
  ofIntake(row: Intake): Promise<Record<string, string[]>> {
    return this.forms.missingAt(row.organizationId, 'intake_submit', { intake: row as unknown as Plain }, 'intake');
  }

  /** At submission: the intake's fields, its required custom fields (`custom.<key>`), and hers (`survivor.<field>`) and the case's (`case.<field>`). */
  async atSubmit(row: Intake): Promise<Record<string, string[]>> {
    const kase = await this.dataSource.manager.findOneOrFail(Case, { where: { id: row.caseId } });
    const survivor = await this.dataSource.manager.findOneOrFail(Survivor, { where: { id: kase.survivorId } });
    const builtIn = await this.forms.missingAt(
      row.organizationId,
      'intake_submit',
      { intake: row as unknown as Plain, survivor: survivor as unknown as Plain, case: kase as unknown as Plain },
      'intake',
    );
    // The intake's required custom fields (`custom.<key>`, docs/custom-fields.md), named in the same answer.
    return { ...builtIn, ...(await this.customValues.missingRequired('intake', row, 'custom', 'is required to submit')) };
  }
}
