import { Module } from '@nestjs/common';
import { CustomFieldsModule } from '../custom-fields/index.js';
import { FormsModule } from '../forms/index.js';
import { IntakesController } from './intakes.controller.js';
import { IntakesService } from './intakes.service.js';
import { IntakeFormChecks } from './intake-form-checks.js';

@Module({ imports: [FormsModule, CustomFieldsModule], controllers: [IntakesController], providers: [IntakesService, IntakeFormChecks], exports: [IntakesService] })
export class IntakesModule {}
