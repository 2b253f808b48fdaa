import { Module } from '@nestjs/common';
import { CaseloadController } from './caseload.controller.js';
import { CaseloadService } from './caseload.service.js';

@Module({ controllers: [CaseloadController], providers: [CaseloadService] })
export class CaseloadModule {}
