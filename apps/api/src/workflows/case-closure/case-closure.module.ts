import { Module } from '@nestjs/common';
import { CasesModule } from '../../features/cases/cases.module.js';
import { CustomFieldsModule } from '../../features/custom-fields/index.js';
import { FormsModule } from '../../features/forms/index.js';
import { CaseClosureController } from './case-closure.controller.js';
import { CaseClosureService } from './case-closure.service.js';

@Module({ imports: [CasesModule, FormsModule, CustomFieldsModule], controllers: [CaseClosureController], providers: [CaseClosureService] })
export class CaseClosureModule {}
