import { Module } from '@nestjs/common';
import { CustomFieldsController, CustomValuesController } from './custom-fields.controller.js';
import { CustomFieldsService } from './custom-fields.service.js';
import { CustomValuesService } from './custom-values.service.js';

@Module({
  controllers: [CustomFieldsController, CustomValuesController],
  providers: [CustomFieldsService, CustomValuesService],
  exports: [CustomFieldsService, CustomValuesService],
})
export class CustomFieldsModule {}
