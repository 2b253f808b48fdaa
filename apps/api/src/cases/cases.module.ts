import { Module } from '@nestjs/common';
import { CaseClosureService } from './case-closure.service.js';
import { CaseloadService } from './caseload.service.js';
import { CasesController } from './cases.controller.js';
import { CasesService } from './cases.service.js';

@Module({ controllers: [CasesController], providers: [CasesService, CaseClosureService, CaseloadService], exports: [CasesService] })
export class CasesModule {}
