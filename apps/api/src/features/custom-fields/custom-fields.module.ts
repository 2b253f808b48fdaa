import { Module } from '@nestjs/common';
import { CustomFieldsController, CustomValuesController } from './custom-fields.controller.js';
import { CustomFieldsService } from './custom-fields.service.js';
import { CustomValuesService } from './custom-values.service.js';
import { CustomListFields } from './custom-list.js';

@Module({
  controllers: [CustomFieldsController, CustomValuesController],
  providers: [CustomFieldsService, CustomValuesService, CustomListFields],
  exports: [CustomFieldsService, CustomValuesService, CustomListFields],
})
export class CustomFieldsModule {}
