import { Module } from '@nestjs/common';
import { CasesModule } from '../../features/cases/index.js';
import { CustomFieldsModule } from '../../features/custom-fields/index.js';
import { SurvivorsModule } from '../../features/survivors/index.js';
import { JobsModule } from '../../kernel/jobs/jobs.js';
import { ImportCustom } from './import-custom.js';
import { ImportsController } from './imports.controller.js';
import { ImportsService } from './imports.service.js';

/** Spreadsheet import of survivors and cases (issue 17, part 4): a workflow over the survivors' and cases' own code. */
@Module({ imports: [JobsModule, SurvivorsModule, CasesModule, CustomFieldsModule], controllers: [ImportsController], providers: [ImportsService, ImportCustom] })
export class ImportsModule {}
