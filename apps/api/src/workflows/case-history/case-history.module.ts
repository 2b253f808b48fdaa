import { Module } from '@nestjs/common';
import { CaseHistoryController } from './case-history.controller.js';
import { CaseHistoryService } from './case-history.service.js';

@Module({ controllers: [CaseHistoryController], providers: [CaseHistoryService] })
export class CaseHistoryModule {}
