import { Module } from '@nestjs/common';
import { CasesController } from './cases.controller.js';
import { CasesService } from './cases.service.js';
import { CustomFieldsModule } from '../custom-fields/index.js';

@Module({ imports: [CustomFieldsModule], controllers: [CasesController], providers: [CasesService], exports: [CasesService] })
export class CasesModule {}
