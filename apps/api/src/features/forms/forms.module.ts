import { Module } from '@nestjs/common';
import { CustomFieldsModule } from '../custom-fields/index.js';
import { FormsController } from './forms.controller.js';
import { FormsService } from './forms.service.js';
import { FormTransferService } from './form-transfer.service.js';

/** Settings of the built-in fields of each form (issue 18): docs/forms.md. */
@Module({
  imports: [CustomFieldsModule],
  controllers: [FormsController],
  providers: [FormsService, FormTransferService],
  exports: [FormsService],
})
export class FormsModule {}
