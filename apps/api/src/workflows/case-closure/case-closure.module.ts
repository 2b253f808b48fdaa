import { Module } from '@nestjs/common';
import { CasesModule } from '../../features/cases/cases.module.js';
import { CaseClosureController } from './case-closure.controller.js';
import { CaseClosureService } from './case-closure.service.js';

@Module({ imports: [CasesModule], controllers: [CaseClosureController], providers: [CaseClosureService] })
export class CaseClosureModule {}
